// Times and states as residents and staff read them. Times are shown in WIB (UTC+7), the zone of
// BMKG's own bulletins and of the sample region; the zone is always written out so nobody guesses.
import type { Lang } from './language.ts';

const FORMATS = {
  id: new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Jakarta' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Jakarta' }),
};

export function formatTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${FORMATS[lang].format(d)} WIB`;
}

/** "3 min ago" style, for feed health and task boards where freshness is the point. */
export function formatAge(iso: string | null | undefined, now: Date, lang: Lang): string {
  if (!iso) return lang === 'id' ? 'belum pernah' : 'never';
  const s = Math.max(0, Math.round((now.getTime() - new Date(iso).getTime()) / 1000));
  const [n, unit] = s < 120 ? [s, lang === 'id' ? 'detik' : 's'] : s < 7200 ? [Math.round(s / 60), lang === 'id' ? 'menit' : 'min'] : s < 172800 ? [Math.round(s / 3600), lang === 'id' ? 'jam' : 'h'] : [Math.round(s / 86400), lang === 'id' ? 'hari' : 'd'];
  return lang === 'id' ? `${n} ${unit} lalu` : `${n} ${unit} ago`;
}
