// Each CAP document on its own: one that is refused — by validation, or by the database while it is
// stored — is reported alone with its reason, and the documents after it in the same
// `siaga cap ingest` batch (files or a folder) are still stored and handed on to delivery.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IngestResult } from '../../src/alerts/ingest-result.ts';
import { goodCap, HOSTILE_CAPS } from '../support/hostile-caps.ts';
import { runSiaga } from '../support/run-cli.ts';
import { createTestDb, engineUnderTest, type TestDb } from '../support/test-db.ts';

describe(`cap ingest: each document on its own (${engineUnderTest})`, () => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb();
    dir = await mkdtemp(path.join(tmpdir(), 'siaga-alone-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await t.drop();
  });
  beforeEach(async () => {
    await t.db.query(
      `TRUNCATE alert_target_villages, alert_shapes, alert_references, alert_infos, alert_documents, alerts, alert_groups RESTART IDENTITY CASCADE`,
    );
  });

  const file = async (name: string, xml: string, folder = dir) => {
    const f = path.join(folder, name);
    await writeFile(f, xml);
    return f;
  };
  const stored = async () =>
    (
      await t.db.query<{ identifier: string; state: string }>(
        `SELECT a.identifier, h.state FROM alerts a JOIN delivery_handoffs h ON h.alert_id = a.id ORDER BY a.identifier`,
      )
    ).rows;
  const ingest = async (args: string[]) => {
    const r = await runSiaga(['cap', 'ingest', '--json', ...args], t.db);
    return { ...r, results: JSON.parse(r.stdout) as IngestResult[] };
  };

  for (const hostile of HOSTILE_CAPS) {
    it(`refuses ${hostile.kind} with its reason and stores the good documents after it`, async () => {
      const bad = await file('bad.xml', hostile.xml('BAD-1'));
      const r = await ingest([bad, await file('good-a.xml', goodCap('GOOD-A')), await file('good-b.xml', goodCap('GOOD-B'))]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/1 of 3 document\(s\) rejected/);
      expect(r.results.map((x) => x.outcome)).toEqual(['rejected', 'new', 'new']);
      expect(
        r.results[0]?.errors.some((e) => hostile.path.test(e.path) && hostile.message.test(e.message)),
        JSON.stringify(r.results[0]?.errors),
      ).toBe(true);
      expect(await stored()).toEqual([
        { identifier: 'GOOD-A', state: 'awaiting' },
        { identifier: 'GOOD-B', state: 'awaiting' },
      ]);
    }, 60_000);
  }

  it('reads a folder as its *.xml files in name order, the hostile first', async () => {
    const folder = path.join(dir, 'folder');
    await mkdir(folder);
    await file('00-bad.xml', HOSTILE_CAPS[0]?.xml('BAD-2') ?? '', folder);
    await file('01-good.xml', goodCap('GOOD-C'), folder);
    await file('README.txt', 'not a CAP file', folder);
    const r = await ingest([folder]);
    expect(r.code).not.toBe(0);
    expect(r.results.map((x) => [path.basename(x.file), x.outcome])).toEqual([
      ['00-bad.xml', 'rejected'],
      ['01-good.xml', 'new'],
    ]);
    expect(await stored()).toEqual([{ identifier: 'GOOD-C', state: 'awaiting' }]);
  });

  describe('a document that validation passes but storage refuses', () => {
    // A trigger makes the database refuse one document as it would refuse one it cannot store:
    // the real engine raises the error, inside the real transaction.
    beforeAll(async () => {
      await t.db.execScript(`
        CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.source LIKE '%poison%' THEN RAISE EXCEPTION 'unsupported Unicode escape sequence' USING ERRCODE = '22P05'; END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER refuse_poison BEFORE INSERT ON alert_documents FOR EACH ROW EXECUTE FUNCTION refuse_poison();`);
    });
    afterAll(async () => {
      await t.db.execScript(`DROP TRIGGER refuse_poison ON alert_documents; DROP FUNCTION refuse_poison();`);
    });

    it('is refused alone, nothing of it kept, and the next document is stored', async () => {
      const r = await ingest([await file('poison.xml', goodCap('POISON-1')), await file('after.xml', goodCap('AFTER-1'))]);
      expect(r.code).not.toBe(0);
      expect(r.results.map((x) => x.outcome)).toEqual(['rejected', 'new']);
      expect(r.results[0]?.identity?.identifier).toBe('POISON-1');
      expect(r.results[0]?.errors).toEqual([
        {
          path: 'document',
          message: expect.stringMatching(
            /could not be targeted or stored \(.*unsupported Unicode escape sequence\)\. Nothing of it was stored/,
          ) as unknown,
        },
      ]);
      expect(await stored()).toEqual([{ identifier: 'AFTER-1', state: 'awaiting' }]);
      const groups = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM alert_groups`);
      expect(groups.rows[0]?.n).toBe(1);
    });

    it('is refused alone in a dry run too, which still reports the next document and writes nothing', async () => {
      const r = await ingest(['--dry-run', await file('poison.xml', goodCap('POISON-2')), await file('after.xml', goodCap('AFTER-2'))]);
      expect(r.code).not.toBe(0);
      expect(r.results.map((x) => x.outcome)).toEqual(['rejected', 'new']);
      expect(await stored()).toEqual([]);
    });
  });
});
