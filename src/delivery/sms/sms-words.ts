// The words an SMS warning is written with, in the household's language, and the short name of
// the issuing agency. Kept apart from the layout in render-sms.ts so a third language is one entry.
import type { DeliveryKind } from '../warning-text.ts';

export interface SmsWords {
  /** "PERINGATAN BMKG" / "BMKG WARNING"; the all-clear names no agency (it is Siaga ending the warning). */
  prefix(kind: DeliveryKind, agency: string): string;
  /** The all-clear sentence, e.g. "SUDAH AMAN: peringatan Banjir di Deli Serdang telah berakhir." */
  allClear(event: string, area: string | undefined): string;
  /** Between event and area: "di" / "in". */
  in: string;
  /** How to answer by SMS (src/delivery/sms/reply-keyword.ts reads the words): "Balas AMAN/BANTU." / "Reply SAFE/HELP.". */
  reply: string;
  /** "Kode" / "Code". */
  code: string;
  /** Appended to a shortened list of areas: "dll" (dan lain-lain) / "etc.". */
  etc: string;
  /** Before the end time: "s.d." (sampai dengan) / "until". */
  until: string;
  /** Between hours and minutes: Indonesian writes 14.30, English 14:30. */
  timeSeparator: string;
  months: readonly string[];
}

export const SMS_WORDS: Record<'id' | 'en', SmsWords> = {
  id: {
    prefix: (kind, agency) => (kind === 'warning' ? `PERINGATAN ${agency}` : kind === 'update' ? `PEMBARUAN ${agency}` : 'SUDAH AMAN'),
    allClear: (event, area) => `SUDAH AMAN: peringatan ${event}${area ? ` di ${area}` : ''} telah berakhir.`,
    in: 'di',
    reply: 'Balas AMAN/BANTU.',
    code: 'Kode',
    etc: 'dll',
    until: 's.d.',
    timeSeparator: '.',
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
  },
  en: {
    prefix: (kind, agency) => (kind === 'warning' ? `${agency} WARNING` : kind === 'update' ? `${agency} UPDATE` : 'ALL CLEAR'),
    allClear: (event, area) => `ALL CLEAR: the ${event} warning${area ? ` for ${area}` : ''} has ended.`,
    in: 'in',
    reply: 'Reply SAFE/HELP.',
    code: 'Code',
    etc: 'etc.',
    until: 'until',
    timeSeparator: ':',
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
};

/**
 * The agency's short name for the prefix. CAP senderName is the long form ("Badan Meteorologi
 * Klimatologi dan Geofisika", "Indonesia Agency for Meteorology, Climatology, and Geophysics") and
 * would eat a quarter of the SMS; a name Siaga does not know becomes SIAGA, which relayed it.
 */
export function agencyShortName(senderName: string): string {
  if (/bmkg|meteorolog/i.test(senderName)) return 'BMKG';
  if (/bpbd|penanggulangan bencana daerah/i.test(senderName)) return 'BPBD';
  if (/bnpb|penanggulangan bencana/i.test(senderName)) return 'BNPB';
  const name = senderName.trim();
  return name !== '' && name.length <= 12 && !name.includes('@') ? name.toUpperCase() : 'SIAGA';
}
