// The human-readable report of one ingested document: what it is, what happened, whom it reaches.
import type { IngestResult } from '../alerts/ingest-result.ts';
import type { Output } from './context.ts';

const MAX_VILLAGES_SHOWN = 15;

export function printIngestResult(out: Output, r: IngestResult): void {
  const tag = `${r.outcome.toUpperCase()}${r.dryRun ? ' (dry run)' : ''}`;
  const id = r.identity ? `${r.identity.identifier} from ${r.identity.sender}, sent ${r.identity.sent}` : '';
  out.out(`${tag}  ${r.file}${id ? `\n  ${r.msgType} ${id}` : ''}`);
  if (r.outcome !== 'rejected') {
    out.out(
      `  ${r.event ?? '(no event)'} · ${r.severity}/${r.urgency}/${r.certainty} · languages ${r.languages.join(', ') || '-'} · expires ${r.expires ?? 'not given'}`,
    );
    if (r.group) {
      const refs =
        r.group.references.pending > 0 ? ` · ${r.group.references.pending} reference(s) not seen yet, kept until they arrive` : '';
      const superseded = r.group.superseded ? ' · a newer message of this group stands, so this one changes nothing for residents' : '';
      // A dry run reads the group's standing, which knows nothing of the clock: an expired message is
      // never called active.
      const state = r.group.state === 'active' && r.expired ? 'expired: it warns nobody any more' : r.group.state;
      out.out(`  alert ${r.alertId} in group ${r.group.id} (${state})${refs}${superseded}`);
    }
    if (r.delivery)
      out.out(
        `  delivery: ${r.delivery.state.replace(/_/g, ' ')}${r.delivery.reason ? ` (${r.delivery.reason})` : ''}${r.dryRun ? ' — dry run, nothing stored' : ''}`,
      );
    else if (!r.deliverable)
      out.out(
        `  not for residents: status ${r.status}, type ${r.msgType} (only Actual, Public Alert/Update/Cancel messages are delivered)`,
      );
    const h = r.households;
    if (r.villages.length === 0 && r.outsideCoverage.length > 0)
      out.out(
        `  outside Siaga's coverage: ${r.outsideCoverage.length === 1 ? `the area (${r.outsideCoverage[0]}) lies` : `its ${r.outsideCoverage.length} areas lie`} outside every imported village, so it reaches no household here`,
      );
    else
      out.out(
        `  ${r.villages.length} village(s) · ${h.inside} household(s) inside · ${h.margin_only} only in the margin · ${h.district_outside} in the same districts outside the area`,
      );
    if (r.villages.length > 0 && r.outsideCoverage.length > 0)
      out.out(`  ${r.outsideCoverage.length} area(s) outside Siaga's coverage: ${r.outsideCoverage.join(', ')}`);
    for (const v of r.villages.slice(0, MAX_VILLAGES_SHOWN)) {
      out.out(
        `    ${v.code.padEnd(13)} ${v.name.padEnd(28)} ${String(v.households).padStart(7)} hh ${String(v.vulnerable_households).padStart(6)} vulnerable  ${(v.area_fraction * 100).toFixed(1).padStart(5)} % of its area`,
      );
    }
    if (r.villages.length > MAX_VILLAGES_SHOWN) out.out(`    … and ${r.villages.length - MAX_VILLAGES_SHOWN} more (--json lists them all)`);
  }
  for (const a of r.timeAlarms) out.out(`  TIME ALARM ${a.path}: ${a.message}`);
  for (const e of r.errors) out.out(`  error   ${e.path}: ${e.message}`);
  for (const w of r.warnings) out.out(`  warning ${w.path}: ${w.message}`);
}
