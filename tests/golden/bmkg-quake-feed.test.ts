// Goldens of parseQuakeFeed (autogempa, gempaterkini, gempadirasakan; JSON, XML, pre-2021 XML).
// Regenerate every golden with `npm run golden`, then review the diff (tests/support/golden.ts).
import { parseQuakeFeed } from '../../src/bmkg/quake/parse-quake-feed.ts';
import type { QuakeFeedSource } from '../../src/bmkg/quake/quake-types.ts';
import { describeBmkgGoldens } from './bmkg-goldens.ts';

describeBmkgGoldens('bmkg-quake-feed', /^(autogempa|gempaterkini|gempadirasakan)-/, (bytes, c) =>
  parseQuakeFeed(bytes, c.source as QuakeFeedSource),
);
