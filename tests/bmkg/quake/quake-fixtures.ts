// The BMKG earthquake fixtures (fixtures/bmkg/SOURCES.md sections 3 and 4), read as bytes the way a
// job receives them, and a helper that writes a CAP draft and checks it with Siaga's own checker.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { CapAlert } from '../../../src/cap/cap-types.ts';
import { checkCap } from '../../../src/cap/check-cap.ts';
import { writeCap, type CapDraft } from '../../../src/cap/write-cap.ts';
import { FIXTURES } from '../../support/fixtures.ts';

export function fixtureBytes(name: string): Uint8Array {
  return readFileSync(path.join(FIXTURES, 'bmkg', name));
}

export function fixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES, 'bmkg', name), 'utf8');
}

/** Siaga's sender for these tests: under .id, so checkCap also runs its Indonesian plausibility checks. */
export const SENDER = 'peringatan@siaga.kemensos.go.id';

/** writeCap then checkCap; fails the test on any error and returns the alert as Siaga reads it back, with the warnings. */
export function writtenAndChecked(draft: CapDraft): { alert: CapAlert; warnings: { path: string; message: string }[]; xml: string } {
  const xml = writeCap(draft);
  const check = checkCap(xml);
  expect(check.errors, `${draft.identifier}: ${xml}`).toEqual([]);
  expect(check.valid).toBe(true);
  if (!check.alert) throw new Error('checkCap returned no alert');
  return { alert: check.alert, warnings: check.warnings, xml };
}
