// From a stored message to what each household is told: one info block per language (the most
// severe one when a message has several, e.g. a tsunami warning with AWAS and WASPADA levels), the
// words of the other language when the household's is missing, and a content key that changes
// exactly when what a resident must know changes (severity, urgency, times, instruction, event),
// so an Update with only a reworded description reaches nobody twice.
import { createHash } from 'node:crypto';
import type { DeliveryInfo, DeliveryMessage } from '../db/delivery-messages.ts';
import type { MessageLevels } from '../db/plan-deliveries.ts';
import type { CapSeverity, CapUrgency, DeliveryKind, WarningText } from './warning-text.ts';

const SEVERITY_ORDER = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'];
const SEVERITIES = new Set<string>(SEVERITY_ORDER);
const URGENCIES = new Set<string>(['Immediate', 'Expected', 'Future', 'Past', 'Unknown']);

export type Language = 'id' | 'en';

const rankOf = (severity: string) => (SEVERITY_ORDER.includes(severity) ? SEVERITY_ORDER.indexOf(severity) : 99);

/**
 * The info a household of `language` reads: of the given severity (its level of a multi-level
 * message) when there is one, else the most severe; its own language first, then Indonesian, then any.
 */
export function infoFor(message: Pick<DeliveryMessage, 'infos'>, language: Language, severity?: string | null): DeliveryInfo | undefined {
  const level = severity ? message.infos.filter((i) => i.severity === severity) : [];
  const pool = level.length > 0 ? level : message.infos;
  const pick = (lang: string) =>
    pool.filter((i) => i.language.toLowerCase().startsWith(lang)).sort((a, b) => rankOf(a.severity) - rankOf(b.severity))[0];
  return pick(language) ?? pick('id') ?? pick('en') ?? pool[0];
}

export function messageLevels(message: Pick<DeliveryMessage, 'infos'>): MessageLevels {
  const severities = [...new Set(message.infos.map((i) => i.severity))].sort((a, b) => rankOf(a) - rankOf(b));
  const contentKeys: Record<string, string> = {};
  for (const severity of severities) {
    const info = infoFor(message, 'id', severity);
    if (info) contentKeys[severity] = contentKeyOf(info);
  }
  const rankOfInfo: Record<string, number> = {};
  message.infos.forEach((info, position) => (rankOfInfo[String(position)] = severities.indexOf(info.severity)));
  return {
    multiLevel: severities.length > 1,
    contentKeys,
    rankOfInfo,
    severityOfRank: Object.fromEntries(severities.map((s, i) => [String(i), s])),
    lead: severities[0] ?? 'Unknown',
  };
}

export function contentKeyOf(info: DeliveryInfo): string {
  const parts = [info.event, info.severity, info.urgency, info.onset ?? '', info.expires ?? '', (info.instruction ?? '').trim()];
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);
}

export interface TextContext {
  kind: DeliveryKind;
  link: string;
  verificationCode: string;
  /** The household's level of a multi-level message. */
  severity?: string | null;
}

/** The WarningText a renderer needs for one household language. */
export function warningTextFor(message: DeliveryMessage, language: Language, context: TextContext): WarningText {
  const info = infoFor(message, language, context.severity);
  return {
    language,
    kind: context.kind,
    event: info?.event ?? (language === 'id' ? 'Peringatan' : 'Warning'),
    headline: info?.headline ?? info?.event ?? '',
    description: info?.description ?? '',
    instruction: info?.instruction ?? '',
    severity: (SEVERITIES.has(info?.severity ?? '') ? info?.severity : 'Unknown') as CapSeverity,
    urgency: (URGENCIES.has(info?.urgency ?? '') ? info?.urgency : 'Unknown') as CapUrgency,
    areaDesc: message.area_desc,
    ...(info?.onset && { onset: new Date(info.onset) }),
    ...(info?.expires && { expires: new Date(info.expires) }),
    senderName: info?.sender_name ?? message.sender,
    link: context.link,
    alertId: message.id,
    verificationCode: context.verificationCode,
  };
}
