// Goldens of xyzTileRange and tileOriginM: for each box (properties.zoom), the box with the tile
// range it gets, then every tile of the range as a polygon (its corners from tileOriginM, back to
// lon/lat), so a map shows the tiles covering the box. Regenerate every golden with
// `npm run golden`, then review the diff.
import type { FeatureCollection, Polygon } from 'geojson';
import { toLonLatFor } from '../../geo/raster/grid-crs.ts';
import { tileOriginM, xyzTileRange } from '../../geo/raster/xyz-tile-range.ts';
import { roundNumbers } from '../support/golden.ts';
import { describeGoldens } from './describe-goldens.ts';

type Boxes = FeatureCollection<Polygon, { name: string; zoom: number }>;
const toLonLat = toLonLatFor(3857);

function tile(zoom: number, x: number, y: number) {
  const { x: west, y: north, size } = tileOriginM(zoom, x, y);
  const corners = [
    [west, north - size],
    [west + size, north - size],
    [west + size, north],
    [west, north],
    [west, north - size],
  ] as const;
  return {
    type: 'Feature',
    properties: { z: zoom, x, y },
    geometry: {
      type: 'Polygon',
      coordinates: [
        roundNumbers(
          corners.map(([cx, cy]) => toLonLat(cx, cy)),
          9,
        ),
      ],
    },
  };
}

describeGoldens<Boxes>('geo-raster-xyz-tile-range', { in: '.geojson', out: '.geojson' }, (boxes) => ({
  type: 'FeatureCollection',
  features: boxes.features.flatMap((f) => {
    const ring = f.geometry.coordinates[0] ?? [];
    const lons = ring.map((p) => p[0] ?? NaN);
    const lats = ring.map((p) => p[1] ?? NaN);
    const range = xyzTileRange([Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)], f.properties.zoom);
    const tiles = [];
    for (let y = range.y0; y <= range.y1; y++) for (let x = range.x0; x <= range.x1; x++) tiles.push(tile(range.zoom, x, y));
    return [{ ...f, properties: { ...f.properties, range } }, ...tiles];
  }),
}));
