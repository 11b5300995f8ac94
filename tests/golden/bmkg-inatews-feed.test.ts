// Goldens of parseInatewsFeed (datagempa, last30event, last30feltevent, last30tsunamievent,
// live30event, lastQL, gempaQL). `events` is by definition the bulletins' events in the same order:
// checked here and left out of the files, which would otherwise hold every event twice.
// Regenerate every golden with `npm run golden`, then review the diff.
import { expect } from 'vitest';
import { parseInatewsFeed } from '../../src/bmkg/quake/parse-inatews-feed.ts';
import type { InatewsSource } from '../../src/bmkg/quake/quake-types.ts';
import { describeBmkgGoldens } from './bmkg-goldens.ts';

describeBmkgGoldens('bmkg-inatews-feed', /^inatews-/, (bytes, c) => {
  const { bulletins, events, issues } = parseInatewsFeed(bytes, c.source as InatewsSource);
  expect(events).toEqual(bulletins.map((b) => b.event));
  return { bulletins, issues };
});
