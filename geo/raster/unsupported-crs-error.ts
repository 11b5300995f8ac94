/** A grid in a CRS Siaga cannot reproject to EPSG:4326; the message names the code and what is supported. */
export class UnsupportedCrsError extends Error {
  constructor(readonly epsg: number) {
    super(`EPSG:${epsg} is not supported (supported: EPSG:4326, EPSG:3857, WGS 84 UTM EPSG:32601–32660 and EPSG:32701–32760)`);
    this.name = 'UnsupportedCrsError';
  }
}
