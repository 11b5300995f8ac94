// Every document in fixtures/cap-peer/expectations.json gets the verdict the peer implementations
// expect: `valid` (no errors; warnings allowed), `invalid` (errors, or refused as not CAP /
// not well-formed), `reject` (refused as hostile before parsing). Each expected error and warning
// the peers list is tied below to the issue we report for it; where peers disagree, RULES.md's
// corpus policy decides (noted inline). The full issue lists are pinned in a golden file.
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/cap/cap-types.ts';
import { checkCap } from '../../src/cap/check-cap.ts';
import type { CapCheck } from '../../src/cap/check-cap-element.ts';
import { checkCapFeed, type CapFeedCheck } from '../../src/cap/check-cap-feed.ts';
import { expectGolden, goldenJson } from '../support/golden.ts';
import { fixtureBytes, fixtureText } from './cap-fixtures.ts';

interface Expectation {
  file: string;
  kind: 'cap' | 'atom' | 'rss';
  cap_version: string | null;
  expect: 'valid' | 'invalid' | 'reject';
  errors: string[];
  warnings: string[];
}

type Result = CapCheck | CapFeedCheck;
/** Finds the issue standing for one expected error or warning; a function for expectations that are not a single issue. */
type Match = { in: 'errors' | 'warnings'; path?: string; message: RegExp } | ((r: Result) => boolean);

const expectations = JSON.parse(fixtureText('cap-peer/expectations.json')) as Expectation[];

const plus00 = { in: 'warnings', path: 'alert/sent', message: /writes UTC as \+00:00/ } as const;
const refusedUnread: Match = (r) =>
  r.refused && r.reason === 'hostile' && !('alert' in r && r.alert) && !('entries' in r && r.entries.length > 0);

/** One entry per expected error / warning, in the order expectations.json lists them. */
const MATCHES: Record<string, { errors?: Match[]; warnings?: Match[] }> = {
  'google-cap-library/amber.atom': {
    warnings: [{ in: 'warnings', path: 'feed/entry[0]/content/alert/info[0]/description', message: /HTML entity text "&apos;"/ }],
  },
  'google-cap-library/australia.cap': { warnings: [{ in: 'warnings', path: 'alert/info[0]/description', message: /HTML markup/ }] },
  'google-cap-library/canada.cap': { warnings: [{ in: 'warnings', path: 'alert/restriction', message: /empty; treated as absent/ }] },
  'google-cap-library/canada_errors.cap': {
    errors: [{ in: 'errors', path: 'alert/references', message: /msgType is Update but <references> names no earlier message/ }],
  },
  'google-cap-library/canada_signed.cap': {
    warnings: [{ in: 'warnings', path: 'alert', message: /2 XML signature\(s\); they were not verified/ }],
  },
  'google-cap-library/earthquake-iso8859-1.cap': { warnings: [plus00] },
  // We do not flag the 1.1 XSD's missing signature wildcard (RULES 12: never fail 1.1 for it); we record the unverified signature.
  'google-cap-library/earthquake_signed.cap': {
    warnings: [{ in: 'warnings', path: 'alert', message: /signature\(s\); they were not verified/ }],
  },
  'google-cap-library/invalid.cap': {
    errors: [{ in: 'errors', path: 'alert/scope', message: /scope is missing or empty/ }],
    warnings: [plus00],
  },
  'google-cap-library/invalid.rss': {
    errors: [
      { in: 'errors', path: 'rss/channel/item[0]', message: /neither a <title> nor a <description>/ },
      { in: 'errors', path: 'rss/channel/item[0]/link', message: /no <link>/ },
    ],
    warnings: [
      { in: 'warnings', path: 'rss/channel/item[0]/guid', message: /no <guid>/ },
      { in: 'warnings', path: 'rss/channel/pubDate', message: /no <pubDate>/ },
    ],
  },
  'google-cap-library/invalid_element.atom': { errors: [{ in: 'errors', path: 'feed/foo', message: /<foo> is not an Atom element/ }] },
  'google-cap-library/no_entries.atom': {
    errors: [
      (r) => 'entries' in r && r.entries.length === 0 && r.entries.every((e) => e.alert === undefined),
      { in: 'errors', path: 'feed/alert', message: /outside any <entry>; such foreign markup is not read/ },
    ],
  },
  'google-cap-library/no_id.atom': {
    errors: [
      { in: 'errors', path: 'feed/id', message: /feed has no <id>/ },
      { in: 'errors', path: 'feed/entry[0]/id', message: /entry has no <id>/ },
    ],
  },
  'google-cap-library/no_link.atom': {
    errors: [{ in: 'errors', path: 'feed/entry[0]', message: /neither embeds a CAP <alert>.*nor links/ }],
  },
  'google-cap-library/no_title.atom': { errors: [{ in: 'errors', path: 'feed/entry[0]/title', message: /no <title>/ }] },
  'google-cap-library/noaa_errors.cap': {
    errors: [
      { in: 'errors', path: 'alert/info[0]/urgency', message: /urgency is missing or empty/ },
      { in: 'errors', path: 'alert/info[0]/severity', message: /severity is missing or empty/ },
      { in: 'errors', path: 'alert/info[0]/certainty', message: /certainty is missing or empty/ },
      { in: 'errors', path: 'alert/info[0]/area[0]/polygon[0]', message: /cannot be read, such as "\+40\.85,-118\.09,"/ },
      // Peers disagree on empty polygons; RULES 11.6 corpus policy: warn and treat as absent.
      { in: 'warnings', path: 'alert/info[0]/area[0]/polygon[1]', message: /polygon is empty/ },
    ],
    warnings: [{ in: 'warnings', path: 'alert/references', message: /<references> is empty; treated as absent/ }],
  },
  'google-cap-library/weather_invalid.atom': {
    errors: [{ in: 'errors', path: 'feed/entry[0]/content/alert/identifier', message: /identifier "INVALID," contains commas/ }],
  },
  'google-cap-library/xee.atom': {
    errors: [{ in: 'errors', path: 'document', message: /<!DOCTYPE\) at line 3.*refused unread/ }, refusedUnread],
  },
  'google-cap-library/xee.cap': {
    errors: [{ in: 'errors', path: 'document', message: /<!DOCTYPE\) at line 3.*refused unread/ }, refusedUnread],
  },
  'google-cap-library/canada_signed.atom': {
    warnings: [{ in: 'warnings', path: 'feed/entry[0]/content/alert', message: /signature\(s\); they were not verified/ }],
  },
  // Accepted as written: the CAP 1.0 schema allows spaces in name=value text.
  'willglynn-oasiscap/v1dot0_appendix_adot3.xml': {
    warnings: [
      (r) => 'alert' in r && r.alert?.infos[0]?.parameters.some((p) => p.valueName === 'Magnitude' && p.value === '3.4 Ml') === true,
    ],
  },
  'willglynn-oasiscap/ipaws-5e6ddbad023f1930ef6c1a5a.xml': {
    warnings: [
      (r) =>
        [/alert\/info\[0\]\/web$/, /resource\[0\]\/uri$/].every((p) =>
          r.warnings.some((w) => p.test(w.path) && /empty; treated as absent/.test(w.message)),
        ),
    ],
  },
  'willglynn-oasiscap/nws-5c2cf27b1f56885d61654dc47fa411d5.xml': {
    warnings: [{ in: 'warnings', path: 'alert/info[0]/area[0]/polygon[0]', message: /polygon is empty/ }],
  },
  'kelvinn-capparselib/CanadaNaad.xml': {
    warnings: [{ in: 'warnings', path: 'alert/references', message: /<references> is empty; treated as absent/ }],
  },
  'kelvinn-capparselib/australia_bom.cap': { warnings: [plus00] },
  'kelvinn-capparselib/invalid_xmlns.cap': {
    errors: [
      { in: 'errors', path: 'document', message: /namespace "urn:oasis:names:tc:emergency:alerts:1\.2", which is not a CAP namespace/ },
    ],
  },
  'kelvinn-capparselib/pelmorex.atom': {
    errors: [{ in: 'errors', path: 'document', message: /not valid UTF-8 at line 1, column 548 \(byte 0xE9\)/ }],
  },
  'kelvinn-capparselib/smhi.se.alerts.cap': { errors: [{ in: 'errors', path: 'document', message: /root element is <alerts>/ }] },
  'kelvinn-capparselib/sweden.cap': {
    errors: [
      { in: 'errors', path: 'alert/info[0]/senderName', message: /<senderName> comes after <headline>/ },
      { in: 'errors', path: 'alert/info[0]/resource[0]', message: /<resource> comes after <area>/ },
      (r) =>
        ['Type', 'Polygon'].every((n) =>
          r.errors.some((e) => e.path === `alert/info[0]/area[0]/${n}` && /not a CAP element/.test(e.message)),
        ),
    ],
  },
  'kelvinn-capparselib/weather.cap': {
    warnings: [{ in: 'warnings', path: 'alert/info[0]/area[0]/polygon[0]', message: /polygon is empty/ }],
  },
  'sahana-eden/Fiji_Water_Shortage_Suva.xml': {
    errors: [{ in: 'errors', path: 'alert/reference', message: /<reference> is not a CAP element/ }],
    warnings: [plus00],
  },
  'sahana-eden/Maldives-Tsunami-MultiLanguage.xml': { warnings: [plus00] },
  'sahana-eden/Myanmar-Flood-MultiLanguage.xml': { warnings: [plus00] },
};
for (const name of ['msg_actual-public_en_noof_hp.xml', 'msg_private-actual_en_of_hp.xml', 'msg_public-actual_en_of_nohp.xml']) {
  const errors: Match[] = [
    { in: 'errors', path: 'alert/sent', message: /has no UTC offset/ },
    { in: 'errors', path: 'alert/references', message: /sent time in reference .* has no UTC offset/ },
    { in: 'errors', path: 'alert/info[0]/area[0]/circle[0]', message: /circle is empty/ },
  ];
  MATCHES[`filtered-alert-hub-filtered-alert-hub/${name}`] = {
    errors: name.includes('nohp') ? [errors[0] as Match, errors[2] as Match] : errors,
  };
}

function check(e: Expectation): Result {
  const bytes = fixtureBytes(`cap-peer/${e.file}`);
  return e.kind === 'cap' ? checkCap(bytes) : checkCapFeed(bytes);
}

function found(r: Result, m: Match): boolean {
  if (typeof m === 'function') return m(r);
  const issues: Issue[] = r[m.in];
  return issues.some((i) => (m.path === undefined || i.path === m.path) && m.message.test(i.message));
}

describe('peer CAP corpus (fixtures/cap-peer/expectations.json)', () => {
  it('covers every file, and every matcher names a listed file', () => {
    expect(expectations.length).toBe(72);
    const files = new Set(expectations.map((e) => e.file));
    expect(Object.keys(MATCHES).filter((f) => !files.has(f))).toEqual([]);
  });

  it.each(expectations.map((e) => [e.file, e] as const))('%s', (_file, e) => {
    const r = check(e);
    const verdict = r.refused ? (r.reason === 'hostile' ? 'reject' : 'invalid') : r.valid ? 'valid' : 'invalid';
    expect(verdict).toBe(e.expect);
    if (e.expect === 'valid') expect(r.errors).toEqual([]);
    else expect(r.errors.length).toBeGreaterThan(0);
    if (e.kind === 'cap' && e.cap_version !== null && !r.refused) expect('alert' in r ? r.alert?.version : undefined).toBe(e.cap_version);

    const matches = MATCHES[e.file] ?? {};
    for (const kind of ['errors', 'warnings'] as const) {
      const listed = e[kind];
      const ours = matches[kind] ?? [];
      expect(ours.length, `${kind} matchers for ${e.file}`).toBe(listed.length);
      listed.forEach((text, i) => expect(found(r, ours[i] as Match), `expected ${kind.slice(0, -1)}: ${text}`).toBe(true));
    }
  });

  it('reports the same issues as the reviewed golden file', () => {
    const all = Object.fromEntries(
      expectations.map((e) => {
        const r = check(e);
        return [e.file, { refused: r.refused, reason: r.reason ?? null, valid: r.valid, errors: r.errors, warnings: r.warnings }];
      }),
    );
    expectGolden(goldenJson(all), 'cap-golden/peer-corpus-issues.json');
  });
});
