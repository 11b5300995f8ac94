// What the service worker receives: a small JSON document in the household's language, at most
// PUSH_PAYLOAD_LIMIT bytes (2,744 bytes: inside every push service's 4 KiB record after the
// aes128gcm header and tag, with room to spare). Too long, the instruction is first held to a
// fair share (what to do matters as much as what happens), then the body is shortened, then the
// instruction and the title, at code-point boundaries with an ellipsis; ids and link never are.
import type { DeliveryKind, WarningText } from '../warning-text.ts';

export const PUSH_PAYLOAD_LIMIT = 2744;
const INSTRUCTION_SHARE = 800;

const TITLE: Record<'id' | 'en', Record<DeliveryKind, string>> = {
  id: { warning: 'Peringatan', update: 'Pembaruan', all_clear: 'Sudah aman' },
  en: { warning: 'Warning', update: 'Update', all_clear: 'All clear' },
};
const ALL_CLEAR_BODY: Record<'id' | 'en', (event: string, area: string) => string> = {
  id: (event, area) => `Peringatan ${event} untuk ${area} telah berakhir.`,
  en: (event, area) => `The ${event} warning for ${area} has ended.`,
};

export function renderPushPayload(text: WarningText, ids: { deliveryId: string; ackToken: string }): string {
  const allClear = text.kind === 'all_clear';
  const doc = {
    v: 1,
    kind: text.kind,
    alertId: text.alertId,
    deliveryId: ids.deliveryId,
    ackToken: ids.ackToken,
    lang: text.language,
    title: `${TITLE[text.language][text.kind]}: ${text.event}`,
    body: allClear
      ? ALL_CLEAR_BODY[text.language](text.event, text.areaDesc)
      : [text.headline, text.description].filter((s) => s.trim() !== '').join(' — '),
    severity: text.severity,
    instruction: allClear ? '' : text.instruction,
    url: text.link,
    verificationCode: text.verificationCode,
    ...(text.expires && !allClear && { expires: text.expires.toISOString() }),
  };
  const overall = Buffer.byteLength(JSON.stringify(doc)) - PUSH_PAYLOAD_LIMIT;
  if (overall > 0 && Buffer.byteLength(JSON.stringify(doc.instruction)) > INSTRUCTION_SHARE)
    doc.instruction = shorten(doc.instruction, INSTRUCTION_SHARE);
  for (const field of ['body', 'instruction', 'title'] as const) {
    const over = Buffer.byteLength(JSON.stringify(doc)) - PUSH_PAYLOAD_LIMIT;
    if (over <= 0) break;
    doc[field] = shorten(doc[field], Buffer.byteLength(JSON.stringify(doc[field])) - over);
  }
  const out = JSON.stringify(doc);
  if (Buffer.byteLength(out) > PUSH_PAYLOAD_LIMIT)
    throw new Error(`push payload of alert ${text.alertId} stays over ${PUSH_PAYLOAD_LIMIT} bytes (the link is too long)`);
  return out;
}

/** The longest prefix of `text` (whole code points) plus an ellipsis whose JSON form fits `jsonBytes`. */
function shorten(text: string, jsonBytes: number): string {
  const points = [...text];
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (Buffer.byteLength(JSON.stringify(`${points.slice(0, mid).join('')}…`)) <= jsonBytes) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '' : `${points.slice(0, lo).join('').trimEnd()}…`;
}
