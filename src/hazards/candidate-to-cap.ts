// An approved hazard candidate as the CAP message Siaga issues: sender and identifier of Siaga,
// msgType Alert, the candidate's outer rings as polygons, event, severity, urgency and certainty
// from the product's rule, expiry at product time + validity. One info block per language. The
// identifier is fixed by product and product time, so the same candidate can never be issued as
// two different messages. Pure.
import type { CapDraft, CapDraftInfo } from '../cap/write-cap.ts';
import { formatWib } from '../time/format-wib.ts';
import { isoUtcBasicSeconds } from '../time/iso-utc.ts';
import type { StoredRule } from './stored-rule.ts';

export interface ApprovedCandidate {
  id: number;
  product: string;
  productTime: Date;
  threshold: number;
  unit: string;
  rule: StoredRule;
  /** Outer rings, [lon, lat], closed. */
  rings: [number, number][][];
  areaKm2: number;
  villages: number;
  approvers: string[];
}

type Language = 'id' | 'en';

export function candidateIdentifier(product: string, productTime: Date): string {
  return `siaga-raster-${product}-${isoUtcBasicSeconds(productTime.getTime())}`;
}

export function candidateToCap(c: ApprovedCandidate, options: { sender: string; sent: Date }): CapDraft {
  if (c.rings.length === 0)
    throw new Error(`candidateToCap: candidate ${c.id} has no polygon; a warning that reaches nobody must not be sent`);
  const expires = new Date(c.productTime.getTime() + c.rule.validityHours * 3_600_000);
  if (expires <= options.sent) throw new Error(`candidateToCap: candidate ${c.id} expired at ${expires.toISOString()}; it cannot be sent`);
  return {
    identifier: candidateIdentifier(c.product, c.productTime),
    sender: options.sender,
    sent: options.sent,
    status: 'Actual',
    msgType: 'Alert',
    source: `${c.rule.title} ${c.productTime.toISOString()} (Siaga hazard candidate ${c.id})`,
    note: `Derived from satellite data by threshold; approved by ${c.approvers.join(' and ')}.`,
    infos: (['id', 'en'] as const).map((language) => info(c, language, options.sent, expires)),
  };
}

function info(c: ApprovedCandidate, language: Language, sent: Date, expires: Date): CapDraftInfo {
  const { rule } = c;
  const amount = `${c.threshold}${c.unit ? ` ${c.unit}` : ''}`;
  const when = formatWib(c.productTime.toISOString(), language);
  const area = Math.round(c.areaKm2 * 10) / 10;
  return {
    language,
    category: [rule.category],
    event: rule.event[language],
    responseType: [rule.responseType],
    urgency: rule.urgency,
    severity: rule.severity,
    certainty: rule.certainty,
    effective: sent,
    onset: c.productTime,
    expires,
    senderName: language === 'id' ? `Siaga, dari data satelit ${rule.title}` : `Siaga, from satellite data ${rule.title}`,
    headline: rule.headline?.[language] ?? rule.event[language],
    description:
      language === 'id'
        ? `Data satelit ${rule.title} pada ${when} menunjukkan nilai ${amount} atau lebih di area seluas sekitar ${area} km² (${c.villages} desa/kelurahan). Area ini ditinjau dan disetujui oleh petugas sebelum peringatan dikirim.`
        : `Satellite data ${rule.title} at ${when} shows ${amount} or more over about ${area} km² (${c.villages} villages). The area was reviewed and approved by staff before this warning was sent.`,
    instruction: rule.instruction?.[language] ?? DEFAULT_INSTRUCTION[language],
    parameters: [
      { valueName: 'siagaProduct', value: c.product },
      { valueName: 'siagaProductTime', value: c.productTime.toISOString() },
      { valueName: 'siagaThreshold', value: amount },
      { valueName: 'siagaCandidate', value: String(c.id) },
    ],
    areas: [
      { areaDesc: language === 'id' ? `Area ${rule.event.id} (≥ ${amount})` : `${rule.event.en} area (≥ ${amount})`, polygons: c.rings },
    ],
  };
}

const DEFAULT_INSTRUCTION: Record<Language, string> = {
  id: 'Waspadai banjir dan tanah longsor. Jauhi sungai, lereng curam dan saluran air, siapkan tas siaga, dan ikuti arahan BPBD setempat.',
  en: 'Be alert for floods and landslides. Keep away from rivers, steep slopes and drains, prepare an emergency bag, and follow local BPBD instructions.',
};
