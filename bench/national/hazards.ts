// The three hazards of the alert-to-queued row, as CAP documents: the largest real BMKG nowcast
// fixture as it is, and two built on its header (sender, info texts, times) with the area swapped:
// a 50 km circle over Jakarta (CAP <circle>) and a whole province named by geocode. Every sample
// gets a fresh identifier, so that each ingest is a new warning with a ledger of its own to write.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BMKG_FIXTURES, largestNowcastFixture } from '../bmkg-fixtures.ts';

/** Monas, central Jakarta; BMKG writes `lat,lon`. */
export const JAKARTA = { lat: -6.1754, lon: 106.8272, radiusKm: 50 };
/** Jawa Barat, the most populous province: the largest geocode warning BMKG could send. */
export const PROVINCE = { code: '32', name: 'Jawa Barat' };

export interface Hazard {
  name: string;
  /** A CAP document for sample `n` (unique identifier per n). */
  document: (n: number) => string;
  /** When the document was sent: the bench plays the warning at that moment (it has long expired by wall clock). */
  sent: Date;
  /** The same area for the baseline: a GeoJSON geometry, a circle, or a province code. */
  area: { polygons: number[][][][] } | { circle: typeof JAKARTA } | { province: string };
}

export async function loadHazards(): Promise<{ fixture: string; hazards: Hazard[] }> {
  const fixture = await largestNowcastFixture();
  const xml = await readFile(path.join(BMKG_FIXTURES, fixture), 'utf8');
  const sent = new Date(/<sent>([^<]+)<\/sent>/.exec(xml)?.[1] ?? '');
  if (Number.isNaN(sent.getTime())) throw new Error(`${fixture} has no readable <sent>`);
  const withArea = (area: string) => replaceArea(xml, area);
  const circle = `<area><areaDesc>Jakarta ${JAKARTA.radiusKm} km</areaDesc><circle>${JAKARTA.lat},${JAKARTA.lon} ${JAKARTA.radiusKm}</circle></area>`;
  const province = `<area><areaDesc>${PROVINCE.name}</areaDesc><geocode><valueName>ADM1</valueName><value>${PROVINCE.code}</value></geocode></area>`;
  return {
    fixture,
    hazards: [
      { name: `nowcast ${fixture}`, document: (n) => withIdentifier(xml, n), sent, area: { polygons: polygonsOf(xml) } },
      {
        name: `circle ${JAKARTA.radiusKm} km over Jakarta`,
        document: (n) => withIdentifier(withArea(circle), n + 1e6),
        sent,
        area: { circle: JAKARTA },
      },
      {
        name: `geocode province ${PROVINCE.code} ${PROVINCE.name}`,
        document: (n) => withIdentifier(withArea(province), n + 2e6),
        sent,
        area: { province: PROVINCE.code },
      },
    ],
  };
}

function withIdentifier(xml: string, n: number): string {
  return xml.replace(/<identifier>([^<]+)<\/identifier>/, (_, id: string) => `<identifier>${id}.bench.${process.pid}.${n}</identifier>`);
}

function replaceArea(xml: string, area: string): string {
  const start = xml.indexOf('<area>');
  const end = xml.lastIndexOf('</area>');
  if (start < 0 || end < start) throw new Error('the fixture has no <area>');
  return xml.slice(0, start) + area + xml.slice(end + '</area>'.length);
}

/** The fixture's polygons as GeoJSON rings ([lon, lat]); BMKG writes `lat,lon` pairs. */
function polygonsOf(xml: string): number[][][][] {
  return [...xml.matchAll(/<polygon>([^<]+)<\/polygon>/g)].map(([, text]) => [
    (text ?? '')
      .trim()
      .split(/\s+/)
      .map((pair) => {
        const [lat, lon] = pair.split(',').map(Number);
        return [lon as number, lat as number];
      }),
  ]);
}
