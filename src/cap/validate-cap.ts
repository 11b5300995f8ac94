// Content rules of CAP 1.2 section 3 (and 1.0/1.1 where they differ), as listed in
// fixtures/cap-peer/RULES.md. Errors make a message unusable for warning anyone; warnings are
// recorded for the BMKG liaison and the message is still used.
import type { CapAlert, CapIssues, Issue } from './cap-types.ts';
import { MAX_POINTS_PER_MESSAGE } from './cap-limits.ts';
import { clip } from './check-children.ts';
import { splitCapList } from './split-cap-list.ts';
import { validateCapInfo } from './validate-cap-info.ts';
import { checkDateTime, checkEnum, identifierProblem } from './validation-helpers.ts';

/** Checks the content of a parsed alert. Element order and unknown elements are parseCap's `readIssues`; checkCap reports both. */
export function validateCap(alert: CapAlert): CapIssues {
  const out: CapIssues = { errors: [], warnings: [] };
  const v = alert.version;

  for (const [label, value] of [
    ['identifier', alert.identifier],
    ['sender', alert.sender],
  ] as const) {
    const problem = identifierProblem(label, value);
    if (problem) out.errors.push({ path: `alert/${label}`, message: problem });
  }
  checkDateTime(out, 'alert/sent', 'sent', alert.sent.raw, v);
  checkEnum(out, 'alert/status', 'status', alert.status, v);
  checkEnum(out, 'alert/msgType', 'msgType', alert.msgType, v);
  // scope became required in CAP 1.1.
  if (!(v === '1.0' && alert.scope === '')) checkEnum(out, 'alert/scope', 'scope', alert.scope, v);

  checkScope(alert, out);
  checkReferences(alert, out);

  if (alert.msgType === 'Error' && alert.note === undefined) {
    out.warnings.push({
      path: 'alert/note',
      message: 'msgType is Error but there is no <note> explaining what was wrong with the earlier message(s).',
    });
  }
  if (alert.status === 'Exercise' && alert.note === undefined) {
    out.warnings.push({ path: 'alert/note', message: 'status is Exercise but there is no <note> identifying the exercise.' });
  }
  if (alert.signatureCount > 0) out.warnings.push(unverifiedSignatureWarning(alert.signatureCount));

  alert.infos.forEach((info) => validateCapInfo(alert, info, out));
  checkTotalPoints(alert, out);
  checkSameTextAcrossLanguages(alert, out);
  return out;
}

/** Said of every signed alert here; the ingest drops it once the signature was checked against a trusted key. */
export function unverifiedSignatureWarning(count: number): Issue {
  return {
    path: 'alert',
    message: `The alert carries ${count} XML signature(s); they were not verified here (signature checks depend on trusted keys and are a separate step).`,
  };
}

function checkScope(alert: CapAlert, out: CapIssues): void {
  if (alert.scope === 'Private' && alert.addresses === undefined) {
    out.errors.push({
      path: 'alert/addresses',
      message: 'scope is Private but <addresses> is missing or empty; a private alert must list its recipients.',
    });
  }
  if (alert.scope === 'Restricted' && alert.restriction === undefined) {
    out.errors.push({
      path: 'alert/restriction',
      message: 'scope is Restricted but there is no <restriction> saying who may receive the alert.',
    });
  }
  if (alert.scope !== 'Restricted' && alert.restriction !== undefined) {
    out.errors.push({
      path: 'alert/restriction',
      message: `<restriction> "${clip(alert.restriction)}" is given but scope is ${alert.scope || 'not set'}; a restriction applies only to scope Restricted.`,
    });
  }
  for (const name of ['addresses', 'incidents'] as const) {
    const text = alert[name];
    if (text !== undefined && splitCapList(text).unbalanced) {
      out.errors.push({
        path: `alert/${name}`,
        message: `<${name}> "${clip(text)}" has an unclosed double quote; items containing spaces must be wrapped in a pair of double quotes.`,
      });
    }
  }
}

function checkReferences(alert: CapAlert, out: CapIssues): void {
  const path = 'alert/references';
  const actsOnOthers = ['Update', 'Cancel', 'Ack', 'Error'].includes(alert.msgType);
  if (actsOnOthers && alert.references.length === 0) {
    out.errors.push({
      path,
      message: `msgType is ${alert.msgType} but <references> names no earlier message, so nothing says which alert is being ${alert.msgType === 'Update' ? 'updated' : alert.msgType === 'Cancel' ? 'cancelled' : 'answered'}.`,
    });
  }
  // CAP 1.0 references had a different item form; only 1.1 and 1.2 define the triple.
  if (alert.version === '1.0') return;
  for (const ref of alert.references) {
    if (ref.sender === '' && ref.identifier === '' && ref.sent.raw === '') {
      out.errors.push({
        path,
        message: `The reference "${clip(ref.raw)}" is not of the form sender,identifier,sent (three parts separated by exactly two commas).`,
      });
      continue;
    }
    for (const [label, value] of [
      ['sender', ref.sender],
      ['identifier', ref.identifier],
    ] as const) {
      const problem = identifierProblem(`The ${label} in reference "${clip(ref.raw)}"`, value);
      if (problem) out.errors.push({ path, message: problem });
    }
    checkDateTime(out, path, `The sent time in reference "${clip(ref.raw)}"`, ref.sent.raw, alert.version);
    if (ref.sender === alert.sender && ref.identifier === alert.identifier) {
      out.errors.push({
        path,
        message: `The reference "${clip(ref.raw)}" points at this very message (same sender and identifier); a message cannot update or cancel itself.`,
      });
    }
    if (ref.sent.epochMs !== null && alert.sent.epochMs !== null && ref.sent.epochMs > alert.sent.epochMs) {
      out.warnings.push({
        path,
        message: `The reference "${clip(ref.raw)}" was sent after this message (${alert.sent.raw}); a message can only refer to earlier ones.`,
      });
    }
  }
}

/** Every polygon's points together: many rings each under the per-polygon bound can still be too much for one message. */
function checkTotalPoints(alert: CapAlert, out: CapIssues): void {
  const total = alert.infos.reduce(
    (sum, info) => sum + info.areas.reduce((s, area) => s + area.polygons.reduce((p, polygon) => p + polygon.latLon.length, 0), 0),
    0,
  );
  if (total > MAX_POINTS_PER_MESSAGE) {
    out.errors.push({
      path: 'alert',
      message: `The message's polygons have ${total} points together; Siaga accepts at most ${MAX_POINTS_PER_MESSAGE} in one message. Simplify the rings, or send the areas as separate messages.`,
    });
  }
}

/** Infos in different languages with identical text usually mean an untranslated copy (Google SAME_TEXT_DIFFERENT_LANGUAGE). */
function checkSameTextAcrossLanguages(alert: CapAlert, out: CapIssues): void {
  alert.infos.forEach((a, i) => {
    alert.infos.slice(i + 1).forEach((b) => {
      if (a.language.toLowerCase() === b.language.toLowerCase()) return;
      const same = (['headline', 'description'] as const).find((k) => a[k] !== undefined && a[k] === b[k]);
      if (same)
        out.warnings.push({
          path: b.path,
          message: `The ${same} is identical in the ${a.language} and ${b.language} info blocks; one of them is probably not translated.`,
        });
    });
  });
}
