// One CAP rule per test: BASE_CAP is valid and warning-free, each test changes one thing and
// checks the issue (element path and plain-language message) that change must produce.
import { describe, expect, it } from 'vitest';
import { checkCap } from '../../src/cap/check-cap.ts';
import { parseCap } from '../../src/cap/parse-cap.ts';
import { validateCap } from '../../src/cap/validate-cap.ts';
import { at, BASE_CAP, baseCapWith, fixtureText } from './cap-fixtures.ts';

const POLYGON = '38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14';
const POLYGON_PATH = 'alert/info[0]/area[0]/polygon[0]';

function withPolygon(polygon: string): string {
  return baseCapWith(POLYGON, polygon);
}

describe('validateCap', () => {
  it('accepts the base message with no errors and no warnings', () => {
    expect(checkCap(BASE_CAP)).toMatchObject({ valid: true, refused: false, errors: [], warnings: [] });
  });

  describe('polygons', () => {
    it('reads pairs as [lat, lon] and gives a GeoJSON [lon, lat] ring', () => {
      const polygon = checkCap(BASE_CAP).alert?.infos[0]?.areas[0]?.polygons[0];
      expect(polygon?.latLon[1]).toEqual([38.34, -119.95]);
      expect(polygon?.ring[1]).toEqual([-119.95, 38.34]);
      expect(polygon?.ring).toHaveLength(5);
    });

    it('requires the first pair to be repeated at the end', () => {
      const r = checkCap(withPolygon('38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89'));
      expect(at(r.errors, POLYGON_PATH).map((i) => i.message)).toEqual([
        'The polygon is not closed: it starts at "38.47,-120.14" but ends at "38.62,-119.89"; CAP requires the last pair to repeat the first.',
      ]);
    });

    it('compares the closing pair numerically', () => {
      expect(checkCap(withPolygon('38.47,-120.14 38.34,-119.95 38.52,-119.74 38.470,-120.140')).errors).toEqual([]);
    });

    it('requires at least 4 pairs', () => {
      const r = checkCap(withPolygon('38.47,-120.14 38.34,-119.95 38.47,-120.14'));
      expect(at(r.errors, POLYGON_PATH).map((i) => i.message)).toEqual([
        'The polygon has only 3 coordinate pair(s); CAP needs at least 4 (three corners plus the first pair repeated to close it).',
      ]);
    });

    it('rejects malformed pairs such as a trailing comma', () => {
      const r = checkCap(withPolygon('38.47,-120.14 38.34,-119.95, 38.52,-119.74 38.62,-119.89 38.47,-120.14'));
      expect(at(r.errors, POLYGON_PATH)[0]?.message).toMatch(/1 coordinate pair\(s\) that cannot be read, such as "38\.34,-119\.95,"/);
    });

    it('explains a lon,lat pair from a non-Indonesian sender', () => {
      const r = checkCap(withPolygon('-120.14,38.47 -119.95,38.34 -119.74,38.52 -119.89,38.62 -120.14,38.47'));
      expect(at(r.errors, POLYGON_PATH)[0]?.message).toBe(
        '5 point(s) of the polygon are outside the valid range, such as "-120.14,38.47" (latitude -90 to 90, longitude -180 to 180). It may be written longitude,latitude; CAP writes latitude first.',
      );
    });

    it('warns when edges cross, and when a polygon has no area', () => {
      const bowtie = checkCap(withPolygon('0,0 1,1 1,0 0,1 0,0'));
      expect(bowtie.errors).toEqual([]);
      expect(at(bowtie.warnings, POLYGON_PATH)[0]?.message).toMatch(/edges cross themselves/);
      const flat = checkCap(withPolygon('0,0 1,1 2,2 0,0'));
      expect(at(flat.warnings, POLYGON_PATH)[0]?.message).toMatch(/encloses no area/);
    });

    it('treats an empty polygon as absent, with a warning', () => {
      const r = checkCap(withPolygon(''));
      expect(r.errors).toEqual([]);
      expect(r.alert?.infos[0]?.areas[0]?.polygons).toEqual([]);
      expect(at(r.warnings, POLYGON_PATH)[0]?.message).toBe('The polygon is empty (no coordinates); treated as absent.');
    });
  });

  describe('circles and areas', () => {
    const circle = (c: string): string => baseCapWith(`<polygon>${POLYGON}</polygon>`, `<circle>${c}</circle>`);

    it('reads lat,lon radius', () => {
      const r = checkCap(circle('-6.2,106.8 10'));
      expect(r.errors).toEqual([]);
      expect(r.alert?.infos[0]?.areas[0]?.circles[0]).toMatchObject({ lat: -6.2, lon: 106.8, radiusKm: 10 });
    });

    it.each([
      ['', /circle is empty/],
      ['-6.2,106.8 -3', /not of the form "latitude,longitude radius"/],
      ['-6.2, 106.8 3', /not of the form/],
      ['300,200 3', /outside the valid range/],
    ])('rejects the circle "%s"', (text, message) => {
      expect(at(checkCap(circle(text)).errors, 'alert/info[0]/area[0]/circle[0]')[0]?.message).toMatch(message);
    });

    it('rejects a ceiling without an altitude, or below it', () => {
      const area = (extra: string): string => baseCapWith(`${POLYGON}</polygon>`, `${POLYGON}</polygon>${extra}`);
      expect(at(checkCap(area('<ceiling>100</ceiling>')).errors, 'alert/info[0]/area[0]/ceiling')[0]?.message).toMatch(
        /without <altitude>/,
      );
      expect(
        at(checkCap(area('<altitude>200</altitude><ceiling>100</ceiling>')).errors, 'alert/info[0]/area[0]/ceiling')[0]?.message,
      ).toMatch(/below altitude/);
      expect(checkCap(area('<altitude>100</altitude><ceiling>200</ceiling>')).alert?.infos[0]?.areas[0]).toMatchObject({
        altitude: 100,
        ceiling: 200,
      });
    });
  });

  describe('date-times', () => {
    it('keeps the text and the instant', () => {
      const sent = checkCap(baseCapWith('2026-09-24T15:07:00-00:00', '2026-09-24T15:07:00+08:00')).alert?.sent;
      expect(sent).toEqual({ raw: '2026-09-24T15:07:00+08:00', epochMs: Date.UTC(2026, 8, 24, 7, 7, 0) });
    });

    it.each([
      ['2026-09-24T15:07:00', /has no UTC offset, so the moment it names is unknown/],
      ['2026-09-24T15:07:00Z', /uses "Z" for UTC; CAP forbids letter time-zone designators and expects "-00:00"/],
      ['2026-09-24T15:07:00.250-00:00', /has fractional seconds; CAP 1\.2 does not allow them/],
      ['2026-02-30T15:07:00-00:00', /is not a real calendar date/],
      ['2026-09-24T15:07:00+15:00', /outside the possible range/],
      ['24/09/2026 15:07', /is not a date-time in CAP form/],
    ])('rejects sent "%s"', (sent, message) => {
      const r = checkCap(baseCapWith('2026-09-24T15:07:00-00:00', sent));
      expect(at(r.errors, 'alert/sent').map((i) => i.message)).toEqual([expect.stringMatching(message)]);
      expect(r.alert?.sent.epochMs).toBeNull();
    });

    it('accepts +00:00 in CAP 1.2 with a warning', () => {
      const r = checkCap(baseCapWith('2026-09-24T15:07:00-00:00', '2026-09-24T15:07:00+00:00'));
      expect(r.errors).toEqual([]);
      expect(at(r.warnings, 'alert/sent')[0]?.message).toBe(
        'sent "2026-09-24T15:07:00+00:00" writes UTC as +00:00; CAP 1.2 asks for -00:00. Accepted.',
      );
    });

    it('warns when an info expires before it takes effect', () => {
      const r = checkCap(baseCapWith('<expires>2026-09-24T18:00:00-00:00</expires>', '<expires>2026-09-24T12:00:00-00:00</expires>'));
      expect(at(r.warnings, 'alert/info[0]/expires')[0]?.message).toMatch(/earlier than the time the alert takes effect/);
    });
  });

  describe('references and message types', () => {
    const update = (refs: string): string =>
      baseCapWith(
        '<msgType>Alert</msgType>\n  <scope>Public</scope>',
        `<msgType>Update</msgType>\n  <scope>Public</scope>\n  <references>${refs}</references>`,
      );

    it('reads sender,identifier,sent triples', () => {
      const r = checkCap(update('bmkg@bmkg.go.id,ID-1,2026-09-24T14:00:00+07:00 other@x.org,ID-2,2026-09-24T06:00:00-00:00'));
      expect(r.errors).toEqual([]);
      expect(r.alert?.references).toEqual([
        {
          raw: 'bmkg@bmkg.go.id,ID-1,2026-09-24T14:00:00+07:00',
          sender: 'bmkg@bmkg.go.id',
          identifier: 'ID-1',
          sent: { raw: '2026-09-24T14:00:00+07:00', epochMs: Date.UTC(2026, 8, 24, 7) },
        },
        {
          raw: 'other@x.org,ID-2,2026-09-24T06:00:00-00:00',
          sender: 'other@x.org',
          identifier: 'ID-2',
          sent: { raw: '2026-09-24T06:00:00-00:00', epochMs: Date.UTC(2026, 8, 24, 6) },
        },
      ]);
    });

    it.each([
      ['a,b', /"a,b" is not of the form sender,identifier,sent/],
      ['a,b,c', /sent time in reference "a,b,c" "c" is not a date-time in CAP form/],
      ['a,b,c,2026-09-24T06:00:00-00:00', /not of the form sender,identifier,sent/],
      ['test@example.org,TEST-1,2026-09-24T06:00:00-00:00', /points at this very message/],
    ])('rejects references "%s"', (refs, message) => {
      expect(at(checkCap(update(refs)).errors, 'alert/references').map((i) => i.message)).toContainEqual(expect.stringMatching(message));
    });

    it('rejects an Update or Cancel that references nothing, and treats an empty <references/> as absent', () => {
      const r = checkCap(update(''));
      expect(at(r.errors, 'alert/references').map((i) => i.message)).toEqual([
        'msgType is Update but <references> names no earlier message, so nothing says which alert is being updated.',
      ]);
      expect(at(r.warnings, 'alert/references')[0]?.message).toBe('<references> is empty; treated as absent.');
    });

    it('warns about a reference sent after the message', () => {
      const r = checkCap(update('x@y.org,OLD,2026-09-25T00:00:00-00:00'));
      expect(r.errors).toEqual([]);
      expect(at(r.warnings, 'alert/references')[0]?.message).toMatch(/was sent after this message/);
    });
  });

  describe('scope', () => {
    const scope = (value: string, extra = ''): string => baseCapWith('<scope>Public</scope>', `<scope>${value}</scope>${extra}`);

    it('requires <restriction> when scope is Restricted', () => {
      expect(at(checkCap(scope('Restricted')).errors, 'alert/restriction').map((i) => i.message)).toEqual([
        'scope is Restricted but there is no <restriction> saying who may receive the alert.',
      ]);
      expect(checkCap(scope('Restricted', '<restriction>BPBD and Tagana only</restriction>')).errors).toEqual([]);
    });

    it('rejects restriction text on a Public alert', () => {
      expect(at(checkCap(scope('Public', '<restriction>officials</restriction>')).errors, 'alert/restriction')[0]?.message).toMatch(
        /a restriction applies only to scope Restricted/,
      );
    });

    it('requires <addresses> when scope is Private', () => {
      expect(at(checkCap(scope('Private')).errors, 'alert/addresses').map((i) => i.message)).toEqual([
        'scope is Private but <addresses> is missing or empty; a private alert must list its recipients.',
      ]);
      expect(checkCap(scope('Private', '<addresses>"Tagana Kota Bandung" bpbd@bandung.go.id</addresses>')).errors).toEqual([]);
      expect(at(checkCap(scope('Private', '<addresses>"Tagana Kota</addresses>')).errors, 'alert/addresses')[0]?.message).toMatch(
        /unclosed double quote/,
      );
    });
  });

  describe('identifiers, enumerations and structure', () => {
    it('rejects spaces, commas and "&" in identifier and sender', () => {
      const r = checkCap(baseCapWith('<identifier>TEST-1</identifier>', '<identifier>TEST 1,&amp;2</identifier>'));
      expect(at(r.errors, 'alert/identifier')[0]?.message).toBe(
        'identifier "TEST 1,&2" contains spaces and commas and "&"; CAP does not allow spaces, commas, "<" or "&" in it.',
      );
    });

    it('names the allowed values, and explains case and version mistakes', () => {
      expect(at(checkCap(baseCapWith('<status>Actual</status>', '<status>actual</status>')).errors, 'alert/status')[0]?.message).toBe(
        'status "actual" is not allowed; expected one of Actual, Exercise, System, Test, Draft. Values are case-sensitive: write "Actual".',
      );
      expect(
        at(
          checkCap(baseCapWith('<certainty>Observed</certainty>', '<certainty>Very Likely</certainty>')).errors,
          'alert/info[0]/certainty',
        )[0]?.message,
      ).toMatch(/"Very Likely" is the CAP 1\.0 value; CAP 1\.1 and later write "Likely"/);
    });

    it('trims whitespace around an enumeration, with a warning', () => {
      const r = checkCap(baseCapWith('<status>Actual</status>', '<status> Actual\n</status>'));
      expect(r.errors).toEqual([]);
      expect(r.alert?.status).toBe('Actual');
      expect(at(r.warnings, 'alert/status')[0]?.message).toMatch(/spaces or line breaks around its value; read as "Actual"/);
    });

    it('reports elements out of order, repeated, unknown, or missing', () => {
      const r = checkCap(
        baseCapWith(
          '<status>Actual</status>\n  <msgType>Alert</msgType>',
          '<msgType>Alert</msgType>\n  <status>Actual</status><status>Test</status><foo/>',
        ),
      );
      expect(r.errors).toEqual([
        { path: 'alert/status', message: '<status> comes after <msgType>, but CAP requires status before msgType.' },
        { path: 'alert/status', message: '<status> appears more than once inside <alert>; CAP allows it only once.' },
        { path: 'alert/foo', message: '<foo> is not a CAP element allowed inside <alert>.' },
      ]);
      expect(at(checkCap(baseCapWith('<event>Flood</event>', '')).errors, 'alert/info[0]/event')[0]?.message).toMatch(
        /event is missing or empty/,
      );
    });

    it('rejects stray text directly inside <alert>', () => {
      expect(at(checkCap(baseCapWith('<scope>Public</scope>', '<scope>Public</scope> oops')).errors, 'alert')[0]?.message).toBe(
        'Stray text "oops" sits directly inside <alert>; only child elements belong there.',
      );
    });

    it('defaults the language to en-US and rejects a malformed tag', () => {
      expect(checkCap(BASE_CAP).alert?.infos[0]?.language).toBe('en-US');
      expect(
        at(checkCap(baseCapWith('<category>', '<language>en_US</language><category>')).errors, 'alert/info[0]/language')[0]?.message,
      ).toMatch(/"en_US" is not a language tag/);
    });

    it('reads CAP 1.0 name=value pairs', () => {
      const r = checkCap(fixtureText('cap-peer/willglynn-oasiscap/v1dot0_appendix_adot4.xml'));
      expect(r.alert?.infos[0]?.eventCodes).toEqual([{ valueName: 'same', value: 'CAE' }]);
      expect(r.alert?.infos[0]?.areas[0]?.geocodes).toEqual([{ valueName: 'fips6', value: '006037' }]);
    });

    it('works on a model alone, without the XML', () => {
      const parsed = parseCap(BASE_CAP);
      if (!parsed.ok) throw new Error('base must parse');
      const broken = { ...parsed.alert, scope: 'Private', msgType: 'Cancel' };
      expect(validateCap(broken).errors.map((i) => i.path)).toEqual(['alert/addresses', 'alert/references']);
    });
  });
});
