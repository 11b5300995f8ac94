// Goldens of bboxToPixelWindow: { frame, bbox } → the pixel window [col0, row0, col1, row1) that
// covers the box on a lon/lat, UTM and web-mercator grid, clamped, or null when the box misses.
// Regenerate every golden with `npm run golden`, then review the diff.
import { bboxToPixelWindow, type Bbox, type GridFrame } from '../../geo/raster/bbox-to-pixel-window.ts';
import { describeGoldens } from './describe-goldens.ts';

describeGoldens<{ frame: GridFrame; bbox: Bbox }>('geo-raster-bbox-to-pixel-window', { in: '.json', out: '.json' }, ({ frame, bbox }) => ({
  window: bboxToPixelWindow(frame, bbox),
}));
