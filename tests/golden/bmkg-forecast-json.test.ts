// Goldens of parseForecastJson (prakiraan-cuaca API bodies, the 404 body, and a body for another
// village than the one asked for). Regenerate every golden with `npm run golden`, then review the diff.
import { parseForecastJson } from '../../src/bmkg/forecast/parse-forecast-json.ts';
import { describeBmkgGoldens } from './bmkg-goldens.ts';

describeBmkgGoldens('bmkg-forecast-json', /^prakiraan-cuaca-/, (bytes, c) =>
  parseForecastJson(bytes, { adm4: c.adm4 as string | undefined }),
);
