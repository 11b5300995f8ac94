import type { CapAlert, CapInfo, CapIssues } from './cap-types.ts';
import { clip } from './check-children.ts';
import { validateCapArea } from './validate-cap-area.ts';
import { validateCapResource } from './validate-cap-resource.ts';
import { checkDateTime, checkEnum, checkValueNames, htmlProblem, isAbsoluteUri } from './validation-helpers.ts';

/** RFC 3066 language tag, the schema's xs:language. */
const LANGUAGE = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;
/** CAP suggests headlines short enough for SMS-like channels (about 160 characters). */
const HEADLINE_MAX = 160;

/** Checks one `<info>` block of `alert`, pushing into `out`. */
export function validateCapInfo(alert: CapAlert, info: CapInfo, out: CapIssues): void {
  const v = alert.version;
  const p = info.path;
  if (!LANGUAGE.test(info.language)) {
    out.errors.push({
      path: `${p}/language`,
      message: `language "${clip(info.language)}" is not a language tag; expected e.g. id, en, en-US, jv.`,
    });
  }
  if (info.categories.length === 0 && v !== '1.0') {
    out.errors.push({ path: `${p}/category`, message: 'The info block has no <category>; at least one is required (e.g. Met, Geo).' });
  }
  info.categories.forEach((c, i) => checkEnum(out, `${p}/category[${i}]`, 'category', c, v));
  if (info.event === '')
    out.errors.push({ path: `${p}/event`, message: 'event is missing or empty; CAP requires the type of event (e.g. "Thunderstorm").' });
  info.responseTypes.forEach((r, i) => {
    checkEnum(out, `${p}/responseType[${i}]`, 'responseType', r, v);
    if (r === 'Assess' && alert.scope === 'Public') {
      out.warnings.push({
        path: `${p}/responseType[${i}]`,
        message: 'responseType Assess is meant for responders, not for public warnings (scope is Public).',
      });
    }
  });
  checkEnum(out, `${p}/urgency`, 'urgency', info.urgency, v);
  checkEnum(out, `${p}/severity`, 'severity', info.severity, v);
  checkEnum(out, `${p}/certainty`, 'certainty', info.certainty, v);

  for (const name of ['effective', 'onset', 'expires'] as const) {
    const value = info[name];
    if (value !== undefined) checkDateTime(out, `${p}/${name}`, name, value.raw, v);
  }
  const effective = info.effective?.epochMs ?? alert.sent.epochMs;
  const expires = info.expires?.epochMs;
  if (effective != null && expires != null && effective > expires) {
    out.warnings.push({
      path: `${p}/expires`,
      message: `expires (${info.expires?.raw}) is earlier than the time the alert takes effect (${info.effective?.raw ?? alert.sent.raw}), so it was never in force.`,
    });
  }

  if (info.web !== undefined && !isAbsoluteUri(info.web)) {
    out.errors.push({
      path: `${p}/web`,
      message: `web "${clip(info.web)}" is not a full absolute URI; expected e.g. https://www.bmkg.go.id/...`,
    });
  }
  if (info.headline !== undefined && info.headline.length > HEADLINE_MAX) {
    out.warnings.push({
      path: `${p}/headline`,
      message: `The headline is ${info.headline.length} characters long; CAP suggests about ${HEADLINE_MAX} at most so it fits SMS-like channels.`,
    });
  }
  for (const name of ['event', 'headline', 'description', 'instruction', 'senderName', 'audience', 'contact'] as const) {
    const problem = htmlProblem(name, info[name]);
    if (problem) out.warnings.push({ path: `${p}/${name}`, message: problem });
  }
  checkValueNames(out, `${p}/eventCode`, info.eventCodes);
  checkValueNames(out, `${p}/parameter`, info.parameters);

  info.resources.forEach((r) => validateCapResource(alert, r, out));
  info.areas.forEach((a) => validateCapArea(alert, a, out));
}
