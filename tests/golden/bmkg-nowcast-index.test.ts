// Goldens of readNowcastIndex (the nowcast RSS index). Regenerate every golden with
// `npm run golden`, then review the diff.
import { readNowcastIndex } from '../../src/bmkg/nowcast/read-nowcast-index.ts';
import { describeBmkgGoldens } from './bmkg-goldens.ts';

describeBmkgGoldens('bmkg-nowcast-index', /^rss-nowcast-/, (bytes, c) =>
  readNowcastIndex(bytes, { baseUrl: c.baseUrl as string | undefined }),
);
