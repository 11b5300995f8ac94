// Checks of the staff pages as a phone shows them: the English words these pages used to show in
// Indonesian (raw states, outcomes, CAP levels, history actions and notes), and whether anything
// scrolls sideways.
import type { Page } from 'playwright-core';

/** Words the Indonesian staff pages once showed as stored; none may be left in their text. */
export const OLD_ENGLISH_WORDS = [
  // task states and history actions, and the notes Siaga writes in the log
  'open',
  'acknowledged',
  'in_progress',
  'in progress',
  'stood_down',
  'stood down',
  'created',
  'reopened',
  'escalated',
  'clustered',
  'planned from message',
  'changed by message',
  'level 1',
  'level 2',
  'to coordinator',
  'system',
  // warning states, types and CAP levels
  'active',
  'superseded',
  'cancelled',
  'expired',
  'Actual',
  'Extreme',
  'Severe',
  'Moderate',
  'Minor',
  'Immediate',
  'Expected',
  'Observed',
  'Likely',
  'Possible',
  // fetch and CAP post outcomes, delivery and candidate states
  'ok',
  'error',
  'new',
  'changed',
  'unchanged',
  'not_modified',
  'backfill',
  'duplicate',
  'refused',
  'pending',
  'approved',
  'rejected',
  'queued',
  'delivered',
  'failed',
  'polygon(s)',
];

/**
 * The old English words in the page's visible text, as whole words and case-sensitive, except
 * inside `code` and `pre` (identifiers, URLs, raw payloads) and text marked English (`lang="en"`: the
 * operators' diagnostic reasons and errors, and the language switch).
 */
export async function englishOnPage(page: Page, words: readonly string[] = OLD_ENGLISH_WORDS): Promise<string[]> {
  // Each text node on its own (so cells do not run together), skipping raw data.
  const text = await page.evaluate(() => {
    interface Node {
      nodeValue: string | null;
      parentElement: { closest(s: string): unknown } | null;
    }
    const doc = (
      globalThis as unknown as {
        document: { body: unknown; createTreeWalker(root: unknown, show: number): { nextNode(): Node | null } };
      }
    ).document;
    const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
    const parts: string[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode())
      if (!n.parentElement?.closest('code, pre, script, style, [lang="en"]')) parts.push(n.nodeValue ?? '');
    return parts.join(' ');
  });
  const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return words.filter((w) => new RegExp(`(^|[^\\p{L}\\p{N}_])${escape(w)}(?=$|[^\\p{L}\\p{N}_])`, 'u').test(text));
}

export interface SidewaysScroll {
  page: { scroll: number; width: number };
  tables: { id: string; scroll: number; width: number; wrapScroll: number; wrapWidth: number }[];
}

/** How wide the document and every table (and its container) are against what the screen shows. */
export async function sidewaysScroll(page: Page): Promise<SidewaysScroll> {
  return page.evaluate(() => {
    interface Box {
      id: string;
      scrollWidth: number;
      clientWidth: number;
      parentElement: Box;
    }
    const doc = (
      globalThis as unknown as {
        document: { scrollingElement: Box; querySelectorAll(s: string): Box[] };
      }
    ).document;
    return {
      page: { scroll: doc.scrollingElement.scrollWidth, width: doc.scrollingElement.clientWidth },
      tables: [...doc.querySelectorAll('table')].map((t) => ({
        id: t.id,
        scroll: t.scrollWidth,
        width: t.parentElement.clientWidth,
        wrapScroll: t.parentElement.scrollWidth,
        wrapWidth: t.parentElement.clientWidth,
      })),
    };
  });
}
