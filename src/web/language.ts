// The language of a page: Indonesian unless the visitor chose English (`?lang=en` once, then the
// `lang` cookie set by /lang). Only the two languages Siaga's warnings come in are offered.
import type http from 'node:http';
import { readCookie } from './cookies.ts';

export type Lang = 'id' | 'en';

export function pageLanguage(req: http.IncomingMessage, url: URL): Lang {
  const asked = url.searchParams.get('lang') ?? readCookie(req, 'lang');
  return asked === 'en' ? 'en' : 'id';
}

/** A same-site path to go back to after switching language (never another host: `//evil`, `/\evil`). */
export function safeBackPath(back: string | null): string {
  return back && /^\/(?![/\\])[^\s]*$/.test(back) ? back : '/';
}
