import type { CapAlert, CapIssues, CapVersion } from './cap-types.ts';
import { checkAttributes, checkChildren } from './check-children.ts';
import { childRules, XMLDSIG_NAMESPACE } from './cap-vocabulary.ts';
import { readCapInfo } from './read-cap-info.ts';
import { readReferences } from './read-references.ts';
import { allTexts, capChildren, exactText, optionalText, requiredText, toDateTime, type ReaderContext } from './reader-context.ts';
import type { XmlElement } from './read-xml-tree.ts';

/**
 * Builds the CAP model from an `<alert>` element already known to be in CAP namespace `ns`, and
 * reports what the schema would reject (order, repeats, unknown elements, types of numbers) or
 * what was read leniently. Content rules are validateCap's job.
 */
export function readCapAlert(root: XmlElement, version: CapVersion): { alert: CapAlert } & CapIssues {
  const ctx: ReaderContext = { version, ns: root.ns, errors: [], warnings: [] };
  const path = 'alert';
  const rules = childRules('alert', version);
  checkAttributes(root, path, ctx.errors);
  checkChildren(root, rules, root.ns, path, ctx.errors);

  if (capChildren(ctx, root, 'password').length > 0) {
    ctx.warnings.push({
      path: `${path}/password`,
      message: '<password> (CAP 1.0 only) was dropped from CAP in 1.1 and should not be sent; it was ignored.',
    });
  }
  const referencesText = optionalText(ctx, root, 'references', path);
  const alert: CapAlert = {
    version,
    identifier: exactText(ctx, root, 'identifier', path),
    sender: exactText(ctx, root, 'sender', path),
    sent: toDateTime(requiredText(ctx, root, 'sent', path), version),
    status: exactText(ctx, root, 'status', path),
    msgType: exactText(ctx, root, 'msgType', path),
    source: optionalText(ctx, root, 'source', path),
    scope: exactText(ctx, root, 'scope', path),
    restriction: optionalText(ctx, root, 'restriction', path),
    addresses: optionalText(ctx, root, 'addresses', path),
    codes: allTexts(ctx, root, 'code', path),
    note: optionalText(ctx, root, 'note', path),
    references: referencesText === undefined ? [] : readReferences(referencesText, version),
    incidents: optionalText(ctx, root, 'incidents', path),
    infos: capChildren(ctx, root, 'info').map((info, i) => readCapInfo(ctx, info, `${path}/info[${i}]`)),
    signatureCount: root.children.filter((c) => c.ns === XMLDSIG_NAMESPACE && c.local === 'Signature').length,
  };
  return { alert, errors: ctx.errors, warnings: ctx.warnings };
}
