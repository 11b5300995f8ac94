// The InaTEWS feeds of bmkg-content-inatews.storage.googleapis.com, JSON or XML:
//   datagempa           the latest bulletin, CAP-shaped: {identifier, sender, sent, …, info: {…}}
//   last30event         <alert> with one info per quake of the last 30 (M ≥ 5)
//   last30feltevent     <alert> with one info per felt quake
//   last30tsunamievent  <alert> with one info per tsunami bulletin (PD-1 … PD-4), wzarea, obsarea
//   live30event         <Infogempa><gempa> entries of the seismic system, not CAP
//   lastQL, gempaQL     GeoJSON FeatureCollections of the latest solutions
// The CAP-shaped ones are not valid CAP (sent "2026-08-15T07:31:30WIB", quake data in non-CAP
// elements), so they are read here, not by parseCap. A message whose identifier marks it a test
// (TEST-1) marks every event in it `test`. Nothing throws on bad input.
import type { Issue } from '../../cap/cap-types.ts';
import { asList } from './as-list.ts';
import { decodeFeedInput } from './decode-feed-input.ts';
import type { InatewsBulletin, InatewsFeedResult, InatewsSource } from './quake-types.ts';
import { readChild } from './read-child.ts';
import { readInatewsInfo } from './read-inatews-info.ts';
import { readLiveEvent } from './read-live-event.ts';
import { readQuakeqlFeature } from './read-quakeql-feature.ts';
import { readTextField } from './read-text-field.ts';
import { xmlToPlain } from './xml-to-plain.ts';

type Read = { bulletin: InatewsBulletin | undefined; issues: Issue[] };

/** Reads one body of `source` into bulletins (feed order), their events, and issues. `maxBytes` defaults to 5 MiB. */
export function parseInatewsFeed(
  input: string | Uint8Array,
  source: InatewsSource,
  options: { maxBytes?: number } = {},
): InatewsFeedResult {
  const body = decodeFeedInput(input, options.maxBytes);
  if (!body.ok) return refused(`The ${source} body was refused: ${body.message}`);
  const rootName = body.format === 'xml' ? body.root.local.toLowerCase() : undefined;
  const value = body.format === 'xml' ? xmlToPlain(body.root) : body.value;

  let reads: Read[];
  if (source === 'lastQL' || source === 'gempaQL') {
    if (readTextField(value, 'type') !== 'FeatureCollection') return refused(`The ${source} body is not a GeoJSON FeatureCollection.`);
    const features = asList(readChild(value, 'features'));
    reads = features.map((f, i) => readQuakeqlFeature(f, source, `features[${i}]`));
  } else if (source === 'live30event') {
    const infogempa = rootName === 'infogempa' ? value : readChild(value, 'Infogempa');
    if (infogempa === undefined) return refused('The live30event body has no <Infogempa>; it is not the InaTEWS live feed.');
    const gempa = readChild(infogempa, 'gempa');
    reads = asList(gempa).map((g, i) => readLiveEvent(g, Array.isArray(gempa) ? `Infogempa.gempa[${i}]` : 'Infogempa.gempa'));
  } else {
    if (rootName !== undefined && rootName !== 'alert')
      return refused(`The ${source} XML has root <${rootName}>, not <alert>; it is not an InaTEWS bulletin.`);
    const info = readChild(value, 'info');
    if (info === undefined) return refused(`The ${source} body has no "info"; it is not an InaTEWS bulletin.`);
    const root = rootName === 'alert' ? 'alert' : '';
    const test = /\bTEST\b/i.test(readTextField(value, 'identifier') ?? '');
    const at = (i: number) => [root, Array.isArray(info) ? `info[${i}]` : 'info'].filter((p) => p !== '').join('/');
    reads = asList(info).map((block, i) => readInatewsInfo(block, { source, path: at(i), test }));
  }
  if (reads.length === 0) return refused(`The ${source} feed holds no entries.`);
  const bulletins = reads.flatMap((r) => (r.bulletin ? [r.bulletin] : []));
  return { bulletins, events: bulletins.map((b) => b.event), issues: reads.flatMap((r) => r.issues) };
}

function refused(message: string): InatewsFeedResult {
  return { bulletins: [], events: [], issues: [{ path: 'document', message }] };
}
