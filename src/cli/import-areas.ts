import { Option, type Command } from 'commander';
import type { CliContext } from './context.ts';
import { CliError } from './cli-error.ts';
import { readJsonFile } from './read-input-file.ts';
import { ADMIN_LEVELS, type AdminLevel } from '../registry/admin-code.ts';
import { AreaFileError, readAreaFeatures } from '../registry/area-features.ts';
import { importAreas } from '../db/admin-areas.ts';
import { examples } from './help-examples.ts';

export function registerImportAreas(parent: Command, ctx: CliContext): void {
  parent
    .command('areas')
    .description('upsert administrative areas by Kemendagri code from a GeoJSON FeatureCollection')
    .argument('<file>', 'GeoJSON file; properties: code (dotted or compact), name')
    .addOption(new Option('--level <level>', 'require every feature to be of this level').choices(ADMIN_LEVELS))
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples(
        'siaga import areas fixtures/id-admin/deli_serdang_villages.geojson --level village',
        'siaga import areas provinces.geojson --level province --json',
      ),
    )
    .action(async (file: string, opts: { level?: AdminLevel; json?: boolean }) => {
      const doc = await readJsonFile(file);
      let features;
      try {
        features = readAreaFeatures(doc, opts.level);
      } catch (err) {
        if (err instanceof AreaFileError) throw new CliError(`${file}: ${err.message}`);
        throw err;
      }
      const { rows, rejects } = features;
      if (rows.length === 0) {
        for (const r of rejects.slice(0, 20)) ctx.err(`rejected feature ${r.index}: ${r.reason}`);
        throw new CliError(`${file}: no usable feature (${rejects.length} rejected); nothing imported`);
      }
      ctx.err(`importing ${rows.length} area(s) from ${file}…`);
      const db = await ctx.db();
      const result = await db.transaction((tx) => importAreas(tx, rows));
      const rejected = [...rejects, ...result.unusable.map((u) => ({ ...u, reason: `geometry is empty once repaired (${u.reason})` }))];
      if (opts.json) {
        ctx.out(JSON.stringify({ file, ...result, rejected }, null, 2));
      } else {
        ctx.out(
          `${file}: ${result.inserted} inserted, ${result.updated} updated, ${result.unchanged} unchanged, ${result.repaired.length} repaired, ${rejected.length} rejected`,
        );
        for (const r of result.repaired) ctx.out(`  repaired feature ${r.index} (${r.code}): ${r.reason}`);
        for (const r of rejected) ctx.out(`  rejected feature ${r.index}${r.code ? ` (${r.code})` : ''}: ${r.reason}`);
      }
    });
}
