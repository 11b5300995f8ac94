// A message of the catalogue in one language, with its `{name}` placeholders filled. A placeholder
// without a value stays as written, so a missing value shows up in a test instead of vanishing.
import { MESSAGES, type MessageKey } from './message-catalogue.ts';

export type MessageLang = 'id' | 'en';

export type MessageParams = Readonly<Record<string, string | number>>;

// Numbers are written as the reader writes them: 1.250 in Indonesian, 1,250 in English.
const NUMBERS = { id: new Intl.NumberFormat('id-ID'), en: new Intl.NumberFormat('en-GB') };

export function say(key: MessageKey, lang: MessageLang, params: MessageParams = {}): string {
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : typeof value === 'number' ? NUMBERS[lang].format(value) : value;
  });
}
