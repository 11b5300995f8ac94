// The digest of an embedded resource: CAP's SHA-1 of the decoded bytes, or Canada's NAADS SHA-1 of
// the base64 text in derefUri. Which one matched is said; neither matching is a warning.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkCap } from '../../src/cap/check-cap.ts';
import { at, baseCapWith } from './cap-fixtures.ts';

const CONTENT = Buffer.from('Siaga test audio: banjir, segera mengungsi. '.repeat(8));
const BASE64 = CONTENT.toString('base64');
const sha1 = (data: Buffer | string) => createHash('sha1').update(data).digest('hex');
const DIGEST_PATH = 'alert/info[0]/resource[0]/digest';

function withResource(derefUri: string, digest: string): string {
  return baseCapWith(
    '    <area>',
    `    <resource>
      <resourceDesc>audio</resourceDesc>
      <mimeType>audio/mpeg</mimeType>
      <size>${CONTENT.length}</size>
      <derefUri>${derefUri}</derefUri>
      <digest>${digest}</digest>
    </resource>
    <area>`,
  );
}

describe('resource digest', () => {
  it('accepts the SHA-1 of the decoded content without a word', () => {
    const r = checkCap(withResource(BASE64, sha1(CONTENT)));
    expect(r.valid).toBe(true);
    expect(at(r.warnings, DIGEST_PATH)).toEqual([]);
  });

  it('accepts the digest in base64 spelling too', () => {
    const r = checkCap(withResource(BASE64, createHash('sha1').update(CONTENT).digest('base64')));
    expect(at(r.warnings, DIGEST_PATH)).toEqual([]);
  });

  it("recognises NAADS's SHA-1 of the base64 text and says that is what matched", () => {
    const r = checkCap(withResource(BASE64, sha1(BASE64)));
    expect(r.valid).toBe(true);
    const [w] = at(r.warnings, DIGEST_PATH);
    expect(w?.message).toBe(
      `digest ${sha1(BASE64)} is the SHA-1 of the base64 text in derefUri (as Canada's NAADS computes it), not of the decoded content (${sha1(CONTENT)}); the content is intact.`,
    );
  });

  it('recognises the NAADS digest of base64 text broken over lines', () => {
    const wrapped = BASE64.replace(/(.{76})/g, '$1\n');
    expect(wrapped).toContain('\n');
    const r = checkCap(withResource(wrapped, sha1(BASE64)));
    expect(at(r.warnings, DIGEST_PATH)[0]?.message).toMatch(/is the SHA-1 of the base64 text in derefUri/);
  });

  it('warns when neither matches, giving both hashes', () => {
    const wrong = sha1('something else');
    const r = checkCap(withResource(BASE64, wrong));
    expect(r.valid).toBe(true);
    expect(at(r.warnings, DIGEST_PATH)).toEqual([
      {
        path: DIGEST_PATH,
        message: `digest ${wrong} matches neither the SHA-1 of the decoded derefUri content (${sha1(CONTENT)}) nor that of its base64 text (${sha1(BASE64)}); the embedded content differs from the resource the digest describes.`,
      },
    ]);
  });
});
