// Signed CAP: a BMKG nowcast signed as a sender would sign it (enveloped, exclusive c14n,
// rsa-sha256), checked against the keys trusted with `siaga senders trust`. Intact → stored as
// verified; a changed headline, SignatureValue, an untrusted key, a wrapped copy or an unsigned
// document from a must-sign sender → rejected with the reason; an unknown sender → as before.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IngestResult } from '../../src/alerts/ingest-result.ts';
import { makeRsaSigningCert, signCap, type SigningCert } from '../support/rsa-signing-cert.ts';
import { runSiaga } from '../support/run-cli.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

const FIXTURE = 'fixtures/bmkg/cap-nowcast-CGT20260924002-id.xml';

describe(`signed CAP against trusted keys (${engineUnderTest})`, () => {
  let t: TestDb;
  let dir: string;
  let bmkg: SigningCert;
  let stranger: SigningCert;
  let xml: string;
  let signed: string;
  beforeAll(async () => {
    t = await createTestDb();
    dir = await mkdtemp(path.join(tmpdir(), 'siaga-signed-'));
    [bmkg, stranger] = await Promise.all([makeRsaSigningCert('bmkg'), makeRsaSigningCert('stranger')]);
    xml = await readFile(FIXTURE, 'utf8');
    signed = signCap(xml, bmkg);
    await writeFile(path.join(dir, 'bmkg.pem'), bmkg.cert);
    const trust = await runSiaga(['senders', 'trust', '*@bmkg.go.id', '--cert', path.join(dir, 'bmkg.pem')], t.db);
    expect(trust.stderr).toBe('');
    expect(trust.code).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await t.drop();
  });
  beforeEach(async () => {
    await t.db.query(
      `TRUNCATE alert_target_villages, alert_shapes, alert_references, alert_infos, alert_documents, alerts, alert_groups RESTART IDENTITY CASCADE`,
    );
  });

  const ingest = async (name: string, doc: string) => {
    const f = path.join(dir, name);
    await writeFile(f, doc);
    const r = await runSiaga(['cap', 'ingest', '--json', f], t.db);
    return (JSON.parse(r.stdout) as IngestResult[])[0] as IngestResult;
  };
  const signatures = async () =>
    (await t.db.query<{ signature: string | null }>(`SELECT signature FROM alert_documents ORDER BY id`)).rows.map((r) => r.signature);
  const refusal = (r: IngestResult) => {
    expect(r.outcome).toBe('rejected');
    expect(r.errors[0]?.path).toBe('alert/Signature');
    return r.errors[0]?.message ?? '';
  };

  it('stores an intact signed document as verified, without the "not verified" warning, and shows it', async () => {
    const r = await ingest('intact.xml', signed);
    expect(r.errors).toEqual([]);
    expect(r.outcome).toBe('new');
    expect(r.warnings.map((w) => w.message).join('\n')).not.toMatch(/not verified/);
    expect(await signatures()).toEqual(['verified']);
    const show = await runSiaga(['alerts', 'show', String(r.alertId)], t.db);
    expect(show.stdout).toMatch(/signature verified \(trusted key sha256 [0-9a-f]{64}\)/);
    const validate = await runSiaga(['cap', 'validate', '--verify', path.join(dir, 'intact.xml')], t.db);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/signature verified/);
  });

  it('rejects a document whose headline changed after signing (digest)', async () => {
    const tampered = signed.replace('<headline>Hujan Lebat', '<headline>Hujan Ringan');
    expect(tampered).not.toBe(signed);
    expect(refusal(await ingest('headline.xml', tampered))).toMatch(/digest .* does not match/);
    expect(await signatures()).toEqual([]);
    const validate = await runSiaga(['cap', 'validate', '--verify', path.join(dir, 'headline.xml')], t.db);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toMatch(/signature rejected[\s\S]*digest/);
  });

  it('rejects a changed SignatureValue', async () => {
    const tampered = signed.replace(/<SignatureValue>(.)/, (_m, c: string) => `<SignatureValue>${c === 'A' ? 'B' : 'A'}`);
    expect(tampered).not.toBe(signed);
    expect(refusal(await ingest('value.xml', tampered))).toMatch(
      /SignatureValue does not verify with any key trusted for sender cuaca\.ekstrem@bmkg\.go\.id/,
    );
  });

  it('rejects a document signed by a key not trusted for the sender', async () => {
    expect(refusal(await ingest('stranger.xml', signCap(xml, stranger)))).toMatch(/signed with a key not trusted for sender/);
    expect(await signatures()).toEqual([]);
  });

  it('rejects a wrapped copy: a forged alert carrying the signed original inside its Signature', async () => {
    const forged = xml.replace('<headline>Hujan Lebat', '<headline>Gempa Bumi');
    const signature = /<Signature[\s\S]*<\/Signature>/.exec(signed)?.[0] ?? '';
    const original = signed.replace(/^<\?xml[^>]*>\s*/, '');
    const wrapped = forged.replace('</alert>', `${signature.replace('</Signature>', `<Object>${original}</Object></Signature>`)}</alert>`);
    expect(refusal(await ingest('wrapped.xml', wrapped))).toMatch(/sits inside the alert's content/);
    expect(await signatures()).toEqual([]);
  });

  it('rejects a signature that covers only part of the alert (Reference not the whole alert)', async () => {
    const partial = signed.replace('<Reference URI="">', '<Reference URI="#info">');
    expect(partial).not.toBe(signed);
    expect(refusal(await ingest('partial.xml', partial))).toMatch(/Reference URI is "#info"/);
  });

  it('rejects an unsigned document once the sender must sign, and accepts it before', async () => {
    expect((await ingest('unsigned.xml', xml)).outcome).toBe('new');
    expect(await signatures()).toEqual(['unsigned']);
    await t.db.query(
      `TRUNCATE alert_target_villages, alert_shapes, alert_references, alert_infos, alert_documents, alerts, alert_groups RESTART IDENTITY CASCADE`,
    );
    const must = await runSiaga(['senders', 'trust', '*@bmkg.go.id', '--cert', path.join(dir, 'bmkg.pem'), '--must-sign'], t.db);
    expect(must.stdout).toMatch(/already trusted, updated/);
    try {
      expect(refusal(await ingest('unsigned.xml', xml))).toMatch(/must sign its CAP/);
      expect((await ingest('intact.xml', signed)).outcome).toBe('new');
    } finally {
      await runSiaga(['senders', 'trust', '*@bmkg.go.id', '--cert', path.join(dir, 'bmkg.pem')], t.db);
    }
  });

  it('accepts a signed document from a sender no key is trusted for, as not verified', async () => {
    const other = signCap(
      xml.replace('<sender>cuaca.ekstrem@bmkg.go.id</sender>', '<sender>sambro@bpbd.jatimprov.go.id</sender>'),
      stranger,
    );
    const r = await ingest('other.xml', other);
    expect(r.outcome).toBe('new');
    expect(r.warnings.map((w) => w.message).join('\n')).toMatch(/not verified here/);
    expect(r.warnings.map((w) => w.message).join('\n')).not.toMatch(/does not match the document/);
    expect(await signatures()).toEqual(['not_verified']);
  });

  it('keeps a tampered document from a sender no key is trusted for, saying that its signature does not match', async () => {
    const other = signCap(
      xml.replace('<sender>cuaca.ekstrem@bmkg.go.id</sender>', '<sender>sambro@bpbd.jatimprov.go.id</sender>'),
      stranger,
    );
    const tampered = other.replace(/<headline>([^<]*)<\/headline>/, '<headline>$1 (diubah)</headline>');
    expect(tampered).not.toBe(other);
    const f = path.join(dir, 'tampered-other.xml');
    await writeFile(f, tampered);
    const validate = await runSiaga(['cap', 'validate', '--verify', f], t.db);
    expect(validate.stdout).toMatch(/signature not_verified \(DOES NOT MATCH the document under the certificate it carries\)/);
    const intact = path.join(dir, 'intact-other.xml');
    await writeFile(intact, other);
    expect((await runSiaga(['cap', 'validate', '--verify', intact], t.db)).stdout).toMatch(
      /signature not_verified \(intact under the certificate it carries\)/,
    );
    const r = await ingest('tampered-other.xml', tampered);
    expect(r.outcome).toBe('new');
    expect(r.warnings.map((w) => w.message).join('\n')).toMatch(/does not match the document under the certificate it carries/);
    expect(await signatures()).toEqual(['not_verified']);
  });

  it('lists and removes trusted keys', async () => {
    const listed = await runSiaga(['senders', 'trusted', '--json'], t.db);
    const rows = JSON.parse(listed.stdout) as { pattern: string; key_sha256: string; subject: string }[];
    expect(rows).toEqual([expect.objectContaining({ pattern: '*@bmkg.go.id', subject: 'CN=bmkg' })]);
    const bad = await runSiaga(['senders', 'trust', '*@bmkg.go.id', '--cert', FIXTURE], t.db);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/neither a PEM certificate nor a PEM public key/);
    const removed = await runSiaga(['senders', 'untrust', '*@bmkg.go.id', '--key', rows[0]?.key_sha256 ?? ''], t.db);
    expect(removed.code).toBe(0);
    try {
      // Nothing trusted any more: the stranger's signature is not checked at all.
      expect((await ingest('stranger.xml', signCap(xml, stranger))).outcome).toBe('new');
      expect(await signatures()).toEqual(['not_verified']);
    } finally {
      await runSiaga(['senders', 'trust', '*@bmkg.go.id', '--cert', path.join(dir, 'bmkg.pem')], t.db);
    }
  });
});
