// Times, numbers and states as residents and staff read them, with Intl in Indonesian conventions
// ("24 Sep 2026, 15.27", "1.250") or British English. A time is shown in the zone of the place it
// is about (WIB, WITA or WIT; src/time/zone-of-place.ts), and the zone is always written out so
// nobody guesses; times about no place (a feed's last fetch) are in WIB, BMKG's own zone.
import type { IndonesianZone } from '../time/indonesian-time-zone.ts';
import type { Lang } from './language.ts';

const IANA: Record<IndonesianZone, string> = { WIB: 'Asia/Jakarta', WITA: 'Asia/Makassar', WIT: 'Asia/Jayapura' };
const LOCALE: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

const formats = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(lang: Lang, zone: IndonesianZone): Intl.DateTimeFormat {
  const key = `${lang} ${zone}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone: IANA[zone] })));
  return f;
}

export function formatTime(iso: string | Date | null | undefined, lang: Lang, zone: IndonesianZone = 'WIB'): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : `${dateTimeFormat(lang, zone).format(d)} ${zone}`;
}

const NUMBERS: Record<Lang, Intl.NumberFormat> = { id: new Intl.NumberFormat('id-ID'), en: new Intl.NumberFormat('en-GB') };

/** A count or measure as the reader writes it: 1.250 and 2,5 in Indonesian. */
export function formatNumber(n: number | null | undefined, lang: Lang, fractionDigits?: number): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  if (fractionDigits === undefined) return NUMBERS[lang].format(n);
  return new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(n);
}

/** "3 min ago" style, for feed health and task boards where freshness is the point. */
export function formatAge(iso: string | null | undefined, now: Date, lang: Lang): string {
  if (!iso) return lang === 'id' ? 'belum pernah' : 'never';
  const s = Math.max(0, Math.round((now.getTime() - new Date(iso).getTime()) / 1000));
  const [n, unit] =
    s < 120
      ? [s, lang === 'id' ? 'detik' : 's']
      : s < 7200
        ? [Math.round(s / 60), lang === 'id' ? 'menit' : 'min']
        : s < 172800
          ? [Math.round(s / 3600), lang === 'id' ? 'jam' : 'h']
          : [Math.round(s / 86400), lang === 'id' ? 'hari' : 'd'];
  return lang === 'id' ? `${n} ${unit} lalu` : `${n} ${unit} ago`;
}
