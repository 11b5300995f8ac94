// From a stored message to what each household is told: one info block per language (the most
// severe one when a message has several, e.g. a tsunami warning with AWAS and WASPADA levels), the
// words of the other language when the household's is missing, and a content key that changes
// exactly when what a resident must know changes (severity, urgency, times, instruction, event),
// so an Update with only a reworded description reaches nobody twice.
import { createHash } from 'node:crypto';
import type { DeliveryInfo, DeliveryMessage } from '../db/delivery-messages.ts';
import type { CapSeverity, CapUrgency, DeliveryKind, WarningText } from './warning-text.ts';

const SEVERITY_ORDER = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'];
const SEVERITIES = new Set<string>(SEVERITY_ORDER);
const URGENCIES = new Set<string>(['Immediate', 'Expected', 'Future', 'Past', 'Unknown']);

export type Language = 'id' | 'en';

/** The info a household of `language` reads: its own language first, then Indonesian, then any. */
export function infoFor(message: Pick<DeliveryMessage, 'infos'>, language: Language): DeliveryInfo | undefined {
  const rank = (i: DeliveryInfo) => SEVERITY_ORDER.indexOf(i.severity) + (SEVERITY_ORDER.indexOf(i.severity) < 0 ? 99 : 0);
  const pick = (lang: string) => message.infos.filter((i) => i.language.toLowerCase().startsWith(lang)).sort((a, b) => rank(a) - rank(b))[0];
  return pick(language) ?? pick('id') ?? pick('en') ?? message.infos[0];
}

/**
 * The content key for every language, taken from the Indonesian info (BMKG's own words; English is
 * its translation): an English translation arriving after the Indonesian warning went out is not
 * news, and must not message English-speaking households a second time.
 */
export function contentKeys(message: Pick<DeliveryMessage, 'infos'>): Partial<Record<Language, string>> {
  const lead = infoFor(message, 'id');
  if (!lead) return {};
  const key = contentKeyOf(lead);
  return { id: key, en: key };
}

export function contentKeyOf(info: DeliveryInfo): string {
  const parts = [info.event, info.severity, info.urgency, info.onset ?? '', info.expires ?? '', (info.instruction ?? '').trim()];
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);
}

export interface TextContext {
  kind: DeliveryKind;
  link: string;
  verificationCode: string;
}

/** The WarningText a renderer needs for one household language. */
export function warningTextFor(message: DeliveryMessage, language: Language, context: TextContext): WarningText {
  const info = infoFor(message, language);
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
