// A small writer of tiled, uncompressed Float32 GeoTIFFs with overviews laid out as a Cloud-
// Optimized GeoTIFF (all image directories first, then the overview tiles, then the full-resolution
// tiles, each image's tiles row by row). geotiff.js's own writeArrayBuffer writes strips only, so
// the range-request test needs this to have tiles worth skipping.
const SHORT = 3;
const LONG = 4;
const DOUBLE = 12;
const ASCII = 2;
const TYPE_SIZE: Record<number, number> = { [SHORT]: 2, [LONG]: 4, [DOUBLE]: 8, [ASCII]: 1 };

export interface TiledTiffSpec {
  width: number;
  height: number;
  values: Float32Array;
  tileSize: number;
  /** Reduced-resolution copies (each half the previous, by 2×2 mean), as a COG carries. */
  overviews: number;
  originX: number;
  originY: number;
  pixelSize: number;
  epsg: number;
  nodata?: number;
  pixelIsPoint?: boolean;
}

interface Entry {
  tag: number;
  type: number;
  values: number[] | string;
}

export function writeTiledTiff(spec: TiledTiffSpec): Uint8Array {
  const levels: { width: number; height: number; values: Float32Array }[] = [
    { width: spec.width, height: spec.height, values: spec.values },
  ];
  for (let i = 0; i < spec.overviews; i++) levels.push(halve(levels[levels.length - 1] as (typeof levels)[number]));

  const t = spec.tileSize;
  const tileBytes = t * t * 4;
  const geographic = spec.epsg === 4326;
  const geoKeys = [
    1,
    1,
    0,
    3,
    1024,
    0,
    1,
    geographic ? 2 : 1,
    1025,
    0,
    1,
    spec.pixelIsPoint ? 2 : 1,
    geographic ? 2048 : 3072,
    0,
    1,
    spec.epsg,
  ];
  const directories: Entry[][] = levels.map((level, i) => {
    const tiles = Math.ceil(level.width / t) * Math.ceil(level.height / t);
    const scale = spec.pixelSize * 2 ** i;
    const entries: Entry[] = [
      ...(i > 0 ? [{ tag: 254, type: LONG, values: [1] }] : []),
      { tag: 256, type: LONG, values: [level.width] },
      { tag: 257, type: LONG, values: [level.height] },
      { tag: 258, type: SHORT, values: [32] },
      { tag: 259, type: SHORT, values: [1] },
      { tag: 262, type: SHORT, values: [1] },
      { tag: 277, type: SHORT, values: [1] },
      { tag: 284, type: SHORT, values: [1] },
      { tag: 322, type: LONG, values: [t] },
      { tag: 323, type: LONG, values: [t] },
      { tag: 324, type: LONG, values: new Array<number>(tiles).fill(0) },
      { tag: 325, type: LONG, values: new Array<number>(tiles).fill(tileBytes) },
      { tag: 339, type: SHORT, values: [3] },
      { tag: 33550, type: DOUBLE, values: [scale, scale, 0] },
      { tag: 33922, type: DOUBLE, values: [0, 0, 0, spec.originX, spec.originY, 0] },
      { tag: 34735, type: SHORT, values: geoKeys },
    ];
    if (spec.nodata !== undefined) entries.push({ tag: 42113, type: ASCII, values: `${spec.nodata}\0` });
    return entries;
  });

  // Layout: header, every directory with its out-of-line values, then tile data (overviews first).
  const dirSize = (entries: Entry[]) => 2 + entries.length * 12 + 4 + entries.reduce((s, e) => s + pad(outOfLine(e)), 0);
  let offset = 8;
  const dirOffsets = directories.map((d) => {
    const at = offset;
    offset += dirSize(d);
    return at;
  });
  const dataOffsets: number[] = new Array(levels.length);
  for (let i = levels.length - 1; i >= 0; i--) {
    dataOffsets[i] = offset;
    const level = levels[i] as (typeof levels)[number];
    offset += Math.ceil(level.width / t) * Math.ceil(level.height / t) * tileBytes;
  }
  const buffer = new ArrayBuffer(offset);
  const view = new DataView(buffer);
  view.setUint16(0, 0x4949, true);
  view.setUint16(2, 42, true);
  view.setUint32(4, dirOffsets[0] as number, true);

  directories.forEach((entries, i) => {
    const tileOffsets = entries.find((e) => e.tag === 324) as Entry;
    tileOffsets.values = (tileOffsets.values as number[]).map((_, k) => (dataOffsets[i] as number) + k * tileBytes);
    let at = dirOffsets[i] as number;
    let extra = at + 2 + entries.length * 12 + 4;
    view.setUint16(at, entries.length, true);
    at += 2;
    for (const e of entries) {
      view.setUint16(at, e.tag, true);
      view.setUint16(at + 2, e.type, true);
      view.setUint32(at + 4, e.values.length, true);
      const size = (TYPE_SIZE[e.type] as number) * e.values.length;
      const target = size <= 4 ? at + 8 : extra;
      if (size > 4) {
        view.setUint32(at + 8, extra, true);
        extra += pad(size);
      }
      writeValues(view, target, e);
      at += 12;
    }
    view.setUint32(at, i + 1 < directories.length ? (dirOffsets[i + 1] as number) : 0, true);
    writeTiles(view, levels[i] as (typeof levels)[number], t, dataOffsets[i] as number);
  });
  return new Uint8Array(buffer);
}

function outOfLine(e: Entry): number {
  const size = (TYPE_SIZE[e.type] as number) * e.values.length;
  return size > 4 ? size : 0;
}

function pad(n: number): number {
  return n + (n % 2);
}

function writeValues(view: DataView, at: number, e: Entry): void {
  if (typeof e.values === 'string') {
    for (let i = 0; i < e.values.length; i++) view.setUint8(at + i, e.values.charCodeAt(i));
    return;
  }
  e.values.forEach((v, i) => {
    if (e.type === SHORT) view.setUint16(at + 2 * i, v, true);
    else if (e.type === LONG) view.setUint32(at + 4 * i, v, true);
    else view.setFloat64(at + 8 * i, v, true);
  });
}

/** Tiles row by row; the parts of edge tiles beyond the image are zero-filled, as TIFF allows. */
function writeTiles(view: DataView, level: { width: number; height: number; values: Float32Array }, t: number, start: number): void {
  const across = Math.ceil(level.width / t);
  const down = Math.ceil(level.height / t);
  for (let ty = 0; ty < down; ty++) {
    for (let tx = 0; tx < across; tx++) {
      const base = start + (ty * across + tx) * t * t * 4;
      for (let r = 0; r < t; r++) {
        const y = ty * t + r;
        if (y >= level.height) break;
        for (let c = 0; c < t; c++) {
          const x = tx * t + c;
          if (x >= level.width) break;
          view.setFloat32(base + (r * t + c) * 4, level.values[y * level.width + x] as number, true);
        }
      }
    }
  }
}

function halve(level: { width: number; height: number; values: Float32Array }): { width: number; height: number; values: Float32Array } {
  const width = Math.ceil(level.width / 2);
  const height = Math.ceil(level.height / 2);
  const values = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let n = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const sx = 2 * x + dx;
        const sy = 2 * y + dy;
        if (sx < level.width && sy < level.height) {
          sum += level.values[sy * level.width + sx] as number;
          n++;
        }
      }
      values[y * width + x] = sum / n;
    }
  }
  return { width, height, values };
}
