// The quake feeds of data.bmkg.go.id/DataMKG/TEWS, JSON or XML, current or legacy:
//   autogempa       the latest quake: {"Infogempa":{"gempa":{…}}} / <Infogempa><gempa>…</gempa></Infogempa>
//   gempaterkini    the last 15 quakes of M ≥ 5: {"Infogempa":{"gempa":[…]}}
//   gempadirasakan  the last 15 felt quakes (no Potensi field)
// Pure: bytes or text in, events and issues out. Nothing throws on bad input: a refused body (too
// large, DTD/entities, broken XML or JSON) is one issue and no events; a bad record is skipped
// with its issues while the others are kept.
import type { Issue } from '../../cap/cap-types.ts';
import { asList } from './as-list.ts';
import { decodeFeedInput } from './decode-feed-input.ts';
import type { QuakeEvent, QuakeFeedResult, QuakeFeedSource } from './quake-types.ts';
import { readChild } from './read-child.ts';
import { readGempaRecord } from './read-gempa-record.ts';
import { xmlToPlain } from './xml-to-plain.ts';

export interface QuakeFeedOptions {
  /** Refuse bodies larger than this many bytes (default 5 MiB). */
  maxBytes?: number;
}

/** Reads one body of `source` into events (feed order) and issues. */
export function parseQuakeFeed(input: string | Uint8Array, source: QuakeFeedSource, options: QuakeFeedOptions = {}): QuakeFeedResult {
  const body = decodeFeedInput(input, options.maxBytes);
  if (!body.ok) return refused(`The ${source} body was refused: ${body.message}`);
  let infogempa: unknown;
  if (body.format === 'xml') {
    if (body.root.local.toLowerCase() !== 'infogempa')
      return refused(`The ${source} XML has root <${body.root.name}>, not <Infogempa>; it is not a BMKG quake feed.`);
    infogempa = xmlToPlain(body.root);
  } else {
    infogempa = readChild(body.value, 'Infogempa');
    if (infogempa === undefined) return refused(`The ${source} JSON has no "Infogempa" object; it is not a BMKG quake feed.`);
  }
  const gempa = readChild(infogempa, 'gempa');
  const records = asList(gempa);
  if (records.length === 0) return refused(`The ${source} feed holds no "gempa" entry.`);

  const events: QuakeEvent[] = [];
  const issues: Issue[] = [];
  records.forEach((record, i) => {
    const path = Array.isArray(gempa) ? `Infogempa.gempa[${i}]` : 'Infogempa.gempa';
    const read = readGempaRecord(record, source, path);
    issues.push(...read.issues);
    if (read.event) events.push(read.event);
  });
  return { events, issues };
}

function refused(message: string): QuakeFeedResult {
  return { events: [], issues: [{ path: 'document', message }] };
}
