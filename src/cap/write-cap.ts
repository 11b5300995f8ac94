// Writes CAP 1.2 XML for messages Siaga itself issues (hazards derived from BMKG earthquake and
// forecast data, approved raster candidates). They then take the same road as BMKG's own CAP:
// parse, validate, store, lineage, targeting. Pure; text is escaped, nothing else is interpreted.

export interface CapDraftArea {
  areaDesc: string;
  /** Rings of [lon, lat] (GeoJSON order), closed; written as CAP `lat,lon` pairs. */
  polygons?: number[][][];
  /** Centre [lon, lat] and radius in km. */
  circles?: { lon: number; lat: number; radiusKm: number }[];
  geocodes?: { valueName: string; value: string }[];
}

export interface CapDraftInfo {
  language: string;
  category: string[];
  event: string;
  responseType?: string[];
  urgency: string;
  severity: string;
  certainty: string;
  eventCodes?: { valueName: string; value: string }[];
  effective?: Date;
  onset?: Date;
  expires?: Date;
  senderName?: string;
  headline?: string;
  description?: string;
  instruction?: string;
  web?: string;
  parameters?: { valueName: string; value: string }[];
  areas: CapDraftArea[];
}

export interface CapDraft {
  identifier: string;
  sender: string;
  sent: Date;
  status: 'Actual' | 'Exercise' | 'System' | 'Test' | 'Draft';
  msgType: 'Alert' | 'Update' | 'Cancel';
  source?: string;
  note?: string;
  /** Earlier messages this one updates or cancels. */
  references?: { sender: string; identifier: string; sent: Date }[];
  infos: CapDraftInfo[];
}

/** CAP wants `2026-11-28T10:00:00+07:00`; UTC is written `-00:00`, never `Z` (CAP 1.2 §3.3.2). */
export function capDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '-00:00');
}

export function writeCap(draft: CapDraft): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">',
    el(1, 'identifier', draft.identifier),
    el(1, 'sender', draft.sender),
    el(1, 'sent', capDateTime(draft.sent)),
    el(1, 'status', draft.status),
    el(1, 'msgType', draft.msgType),
    opt(1, 'source', draft.source),
    el(1, 'scope', 'Public'),
    opt(1, 'note', draft.note),
    draft.references?.length
      ? el(1, 'references', draft.references.map((r) => `${r.sender},${r.identifier},${capDateTime(r.sent)}`).join(' '))
      : '',
    ...draft.infos.map(infoXml),
    '</alert>',
    '',
  ];
  return lines.filter((l) => l !== '').join('\n');
}

function infoXml(info: CapDraftInfo): string {
  return [
    '  <info>',
    el(2, 'language', info.language),
    ...info.category.map((c) => el(2, 'category', c)),
    el(2, 'event', info.event),
    ...(info.responseType ?? []).map((r) => el(2, 'responseType', r)),
    el(2, 'urgency', info.urgency),
    el(2, 'severity', info.severity),
    el(2, 'certainty', info.certainty),
    ...(info.eventCodes ?? []).map((p) => pair(2, 'eventCode', p)),
    info.effective ? el(2, 'effective', capDateTime(info.effective)) : '',
    info.onset ? el(2, 'onset', capDateTime(info.onset)) : '',
    info.expires ? el(2, 'expires', capDateTime(info.expires)) : '',
    opt(2, 'senderName', info.senderName),
    opt(2, 'headline', info.headline),
    opt(2, 'description', info.description),
    opt(2, 'instruction', info.instruction),
    opt(2, 'web', info.web),
    ...(info.parameters ?? []).map((p) => pair(2, 'parameter', p)),
    ...info.areas.map(areaXml),
    '  </info>',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

function areaXml(area: CapDraftArea): string {
  return [
    '    <area>',
    el(3, 'areaDesc', area.areaDesc),
    ...(area.polygons ?? []).map((ring) => el(3, 'polygon', ring.map(([lon, lat]) => `${num(lat)},${num(lon)}`).join(' '))),
    ...(area.circles ?? []).map((c) => el(3, 'circle', `${num(c.lat)},${num(c.lon)} ${num(c.radiusKm)}`)),
    ...(area.geocodes ?? []).map((g) => pair(3, 'geocode', g)),
    '    </area>',
  ].join('\n');
}

function pair(depth: number, name: string, p: { valueName: string; value: string }): string {
  const pad = '  '.repeat(depth);
  return `${pad}<${name}>\n${el(depth + 1, 'valueName', p.valueName)}\n${el(depth + 1, 'value', p.value)}\n${pad}</${name}>`;
}

function opt(depth: number, name: string, value: string | undefined): string {
  return value === undefined || value === '' ? '' : el(depth, name, value);
}

function el(depth: number, name: string, value: string): string {
  return `${'  '.repeat(depth)}<${name}>${escapeXml(value)}</${name}>`;
}

function num(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) throw new Error(`not a finite coordinate: ${String(n)}`);
  // Six decimals (about 0.1 m) is finer than any source Siaga reads; trailing zeros dropped.
  return String(Math.round(n * 1e6) / 1e6);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
