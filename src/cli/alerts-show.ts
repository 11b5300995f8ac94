// `siaga alerts show ID [--json]`: one alert with its lineage, languages, areas (GeoJSON) and targeting.
import type { Command } from 'commander';
import { describeDelivery } from '../alerts/describe-delivery.ts';
import { showAlert, type AlertDelivery } from '../db/alert-queries.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { examples } from './help-examples.ts';

export function registerAlertsShow(parent: Command, ctx: CliContext): void {
  parent
    .command('show')
    .description('one alert: identity, text in every language, lineage of its group, areas as GeoJSON, villages and households reached')
    .argument('<id>', 'alert id (from `alerts list`) or CAP identifier')
    .option('--json', 'print as JSON (areas as a GeoJSON FeatureCollection)')
    .addHelpText('after', examples('siaga alerts show 12', 'siaga alerts show CGT20260924002 --json'))
    .action(async (id: string, flags: { json?: boolean }) => {
      const detail = await showAlert(await ctx.db(), id, new Date());
      if (!detail) throw new CliError(`no alert with id or identifier "${id}" (see \`siaga alerts list\`)`);
      if (flags.json) {
        ctx.out(JSON.stringify(detail, null, 2));
        return;
      }
      const a = detail.alert;
      ctx.out(`alert ${String(a.id)}: ${String(a.msg_type)} ${String(a.identifier)}`);
      ctx.out(
        `  from ${String(a.sender)}, sent ${String(a.sent_raw)}, status ${String(a.status)}, scope ${String(a.scope)}, CAP ${String(a.cap_version)}`,
      );
      ctx.out(
        `  state ${String(a.state)}; expires ${String(a.expires ?? 'not given')}; group ${String(a.group_id)} (${String(a.group_state)})`,
      );
      const delivery = a.delivery as AlertDelivery;
      ctx.out(`  delivery: ${describeDelivery(delivery)}${delivery.intake ? ` (came in as ${delivery.intake})` : ''}`);
      // Contradictory times first: they decide whether anyone was warned, and expires above is the reading used.
      if (a.sent_used) ctx.out(`  counted as sent ${String(a.sent_used)} (its own sent is ahead of the clock)`);
      for (const x of a.time_alarms) ctx.out(`  TIME ALARM ${x.path}: ${x.message}`);
      for (const info of detail.infos) {
        ctx.out(
          `\n  [${String(info.language)}] ${String(info.event)} · ${String(info.severity)}/${String(info.urgency)}/${String(info.certainty)}`,
        );
        if (info.headline) ctx.out(`    ${String(info.headline)}`);
        if (info.description) ctx.out(`    ${String(info.description).replace(/\s*\n\s*/g, '\n    ')}`);
        if (info.instruction) ctx.out(`    what to do: ${String(info.instruction)}`);
      }
      ctx.out('\n  lineage (oldest first):');
      for (const m of detail.lineage) {
        const mark = m.id === a.id ? '→' : ' ';
        ctx.out(
          `   ${mark} ${String(m.id).padStart(5)} ${String(m.msg_type).padEnd(6)} ${String(m.sent)} ${String(m.state).padEnd(10)} ${String(m.identifier)}`,
        );
      }
      for (const r of detail.references) {
        ctx.out(
          `     references ${r.sender},${r.identifier},${r.sent}: ${r.resolved_alert_id === null ? 'not received yet' : `alert ${r.resolved_alert_id}`}`,
        );
      }
      ctx.out(
        `\n  reach: ${String(a.households_inside)} households inside, ${String(a.households_margin_only)} only in the margin, ${String(a.households_district_outside)} in the same districts outside`,
      );
      for (const v of detail.villages) {
        ctx.out(
          `    ${String(v.code).padEnd(13)} ${String(v.name).padEnd(28)} ${String(v.households).padStart(7)} hh ${String(v.vulnerable_households).padStart(6)} vulnerable`,
        );
      }
      ctx.out('\n  documents:');
      for (const d of detail.documents) ctx.out(`    #${String(d.id)} ${String(d.source)}  ${signatureText(d)}`);
      for (const w of a.warnings) ctx.out(`  warning ${w.path}: ${w.message}`);
      ctx.out('\n  (areas as GeoJSON: --json)');
    });
}

/** What a document's XML signature proved (migrations/0022_cap_signature_trust.sql). */
function signatureText(d: Record<string, unknown>): string {
  switch (d.signature) {
    case 'verified':
      return `signature verified (trusted key sha256 ${String(d.signature_key_sha256)})`;
    case 'not_verified':
      return 'signed, not verified (no key trusted for its sender)';
    case 'unsigned':
      return 'unsigned';
    default:
      return 'signature not checked (stored before signatures were checked)';
  }
}
