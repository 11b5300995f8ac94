// Goldens of parseDigitalForecast (the legacy DigitalForecast XML). Regenerate every golden with
// `npm run golden`, then review the diff.
import { parseDigitalForecast } from '../../src/bmkg/forecast/parse-digital-forecast.ts';
import { describeBmkgGoldens } from './bmkg-goldens.ts';

describeBmkgGoldens('bmkg-digital-forecast', /^digitalforecast-/, (bytes) => parseDigitalForecast(bytes));
