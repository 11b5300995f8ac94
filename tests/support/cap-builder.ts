// Builds CAP 1.2 documents for tests: the shape BMKG sends (one info per language, polygons in
// lat,lon order), with whatever areas, references and message type a test needs.
export interface TestArea {
  desc?: string;
  /** Rings of [lon, lat] (GeoJSON order); written to CAP as lat,lon. */
  polygons?: number[][][];
  /** [lon, lat, radiusKm] */
  circles?: [number, number, number][];
  geocodes?: [valueName: string, value: string][];
}

export interface TestInfo {
  language?: string;
  event?: string;
  headline?: string;
  severity?: string;
  urgency?: string;
  certainty?: string;
  expires?: string;
  instruction?: string;
  description?: string;
  areas: TestArea[];
}

export interface TestCap {
  identifier: string;
  sender?: string;
  sent?: string;
  msgType?: 'Alert' | 'Update' | 'Cancel' | 'Ack' | 'Error';
  status?: string;
  /** `sender,identifier,sent` triples */
  references?: [string, string, string][];
  infos: TestInfo[];
}

export const TEST_SENDER = 'cuaca.ekstrem@bmkg.go.id';

export function buildCap(cap: TestCap): string {
  const refs = cap.references?.length ? `  <references>${cap.references.map((r) => r.join(',')).join(' ')}</references>\n` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${cap.identifier}</identifier>
  <sender>${cap.sender ?? TEST_SENDER}</sender>
  <sent>${cap.sent ?? '2026-11-28T10:00:00+07:00'}</sent>
  <status>${cap.status ?? 'Actual'}</status>
  <msgType>${cap.msgType ?? 'Alert'}</msgType>
  <scope>Public</scope>
${refs}${cap.infos.map(infoXml).join('')}</alert>
`;
}

function infoXml(info: TestInfo): string {
  const lang = info.language ?? 'id';
  return `  <info>
    <language>${lang}</language>
    <category>Met</category>
    <event>${info.event ?? (lang === 'en' ? 'Heavy Rain and Thunderstorm' : 'Hujan Lebat dan Petir')}</event>
    <urgency>${info.urgency ?? 'Immediate'}</urgency>
    <severity>${info.severity ?? 'Moderate'}</severity>
    <certainty>${info.certainty ?? 'Observed'}</certainty>
    <expires>${info.expires ?? '2026-11-28T13:00:00+07:00'}</expires>
    <senderName>Badan Meteorologi Klimatologi dan Geofisika</senderName>
    <headline>${info.headline ?? (lang === 'en' ? 'Heavy rain in Deli Serdang' : 'Hujan lebat di Deli Serdang')}</headline>
    <description>${info.description ?? (lang === 'en' ? 'Heavy rain with thunder.' : 'Hujan lebat disertai petir.')}</description>
${info.instruction ? `    <instruction>${info.instruction}</instruction>\n` : ''}${info.areas.map(areaXml).join('')}  </info>
`;
}

function areaXml(area: TestArea): string {
  const polygons = (area.polygons ?? [])
    .map((ring) => `      <polygon>${ring.map(([lon, lat]) => `${lat},${lon}`).join(' ')}</polygon>\n`)
    .join('');
  const circles = (area.circles ?? []).map(([lon, lat, r]) => `      <circle>${lat},${lon} ${r}</circle>\n`).join('');
  const geocodes = (area.geocodes ?? [])
    .map(([n, v]) => `      <geocode><valueName>${n}</valueName><value>${v}</value></geocode>\n`)
    .join('');
  return `    <area>
      <areaDesc>${area.desc ?? 'Deli Serdang'}</areaDesc>
${polygons}${circles}${geocodes}    </area>
`;
}

/** An axis-aligned box as a closed ring of [lon, lat]. */
export function boxRing(minLon: number, minLat: number, maxLon: number, maxLat: number): number[][] {
  return [
    [minLon, minLat],
    [maxLon, minLat],
    [maxLon, maxLat],
    [minLon, maxLat],
    [minLon, minLat],
  ];
}
