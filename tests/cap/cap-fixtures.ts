// Shared test inputs for tests/cap: fixture loading, and a small valid CAP 1.2 message that tests
// mutate one line at a time, so each test shows exactly what it breaks.
import { readFileSync } from 'node:fs';
import type { Issue } from '../../src/cap/cap-types.ts';

export const FIXTURES = new URL('../../fixtures/', import.meta.url);

export function fixtureBytes(relativePath: string): Uint8Array {
  return readFileSync(new URL(relativePath, FIXTURES));
}

export function fixtureText(relativePath: string): string {
  return readFileSync(new URL(relativePath, FIXTURES), 'utf8');
}

/** Valid, warning-free CAP 1.2 (checked by a test); polygon from the CAP 1.2 Appendix A.2 example. */
export const BASE_CAP = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>TEST-1</identifier>
  <sender>test@example.org</sender>
  <sent>2026-09-24T15:07:00-00:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <category>Met</category>
    <event>Flood</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Observed</certainty>
    <expires>2026-09-24T18:00:00-00:00</expires>
    <area>
      <areaDesc>Somewhere</areaDesc>
      <polygon>38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14</polygon>
    </area>
  </info>
</alert>
`;

/** BASE_CAP with `from` replaced by `to`; throws if `from` is not there, so a test cannot silently test nothing. */
export function baseCapWith(from: string, to: string): string {
  if (!BASE_CAP.includes(from)) throw new Error(`BASE_CAP does not contain ${from}`);
  return BASE_CAP.replace(from, to);
}

/** Issues at exactly `path`, or under it when `path` ends with '/'. */
export function at(issues: Issue[], path: string): Issue[] {
  return issues.filter((i) => (path.endsWith('/') ? i.path.startsWith(path) : i.path === path));
}
