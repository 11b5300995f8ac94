// The CAP model Siaga works with after parsing. It mirrors CAP 1.2 (OASIS, 2010) and also carries
// 1.0 and 1.1 messages, which differ only in details recorded in `version`.
//
// Values are kept as the document spelled them (trimmed), even when they break a rule: parsing
// never throws for a bad value, validation reports it. So enumerations are typed as `string`; use
// the lists in cap-vocabulary.ts to narrow them once a message has passed validation.

export type CapVersion = '1.0' | '1.1' | '1.2';

/** One problem found in a document. `path` names the element, e.g. `alert/info[1]/area[0]/polygon[2]` (indexes count from 0 among same-named siblings). */
export interface Issue {
  path: string;
  message: string;
}

/** Errors make a message invalid (refused for warning anyone); warnings are recorded and the message is used. */
export interface CapIssues {
  errors: Issue[];
  warnings: Issue[];
}

/** A CAP date-time as written (`raw`) and as an instant. `epochMs` is null when `raw` cannot be read as one. */
export interface CapDateTime {
  raw: string;
  epochMs: number | null;
}

export interface CapValuePair {
  valueName: string;
  value: string;
}

/** One item of `references`: `sender,identifier,sent`. For an item that is not such a triple the parts are empty and `raw` says what was there. */
export interface CapReference {
  raw: string;
  sender: string;
  identifier: string;
  sent: CapDateTime;
}

/** `[latitude, longitude]`, the order CAP writes. */
export type LatLon = [lat: number, lon: number];
/** `[longitude, latitude]`, the order GeoJSON and PostGIS want. */
export type LonLat = [lon: number, lat: number];

export interface CapPolygon {
  /** Where the element is in the document; empty polygons are dropped, so the list index can differ from the document's. */
  path: string;
  raw: string;
  /** The pairs that could be read, in document order. */
  latLon: LatLon[];
  /** The same points as a GeoJSON linear ring (lon, lat). */
  ring: LonLat[];
}

export interface CapCircle {
  path: string;
  raw: string;
  /** NaN when `raw` cannot be read as `lat,lon radius`; validation reports it. */
  lat: number;
  lon: number;
  radiusKm: number;
}

export interface CapArea {
  path: string;
  areaDesc: string;
  polygons: CapPolygon[];
  circles: CapCircle[];
  geocodes: CapValuePair[];
  /** Feet above mean sea level (WGS 84). */
  altitude?: number;
  ceiling?: number;
}

export interface CapResource {
  path: string;
  resourceDesc: string;
  mimeType?: string;
  size?: number;
  uri?: string;
  derefUri?: string;
  digest?: string;
}

export interface CapInfo {
  path: string;
  /** `en-US` when the document gives none (CAP section 3.2.2). */
  language: string;
  categories: string[];
  event: string;
  responseTypes: string[];
  urgency: string;
  severity: string;
  certainty: string;
  audience?: string;
  eventCodes: CapValuePair[];
  effective?: CapDateTime;
  onset?: CapDateTime;
  expires?: CapDateTime;
  senderName?: string;
  headline?: string;
  description?: string;
  instruction?: string;
  web?: string;
  contact?: string;
  parameters: CapValuePair[];
  resources: CapResource[];
  areas: CapArea[];
}

export interface CapAlert {
  version: CapVersion;
  identifier: string;
  sender: string;
  sent: CapDateTime;
  status: string;
  msgType: string;
  source?: string;
  /** Empty only in a CAP 1.0 message that leaves scope out (optional there). */
  scope: string;
  restriction?: string;
  /** Space-separated; items with spaces are double-quoted. See splitCapList. */
  addresses?: string;
  codes: string[];
  note?: string;
  references: CapReference[];
  incidents?: string;
  infos: CapInfo[];
  /** Number of enveloped XML-DSig signatures. They are not verified here (a separate, trust-dependent step). */
  signatureCount: number;
}

/** Why a document was refused before it could be read as CAP at all. */
export type RefusalReason = 'too-large' | 'hostile' | 'bad-encoding' | 'not-well-formed' | 'control-character' | 'not-cap' | 'not-feed';
