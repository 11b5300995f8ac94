// `siaga hazards draft --product NAME --geojson FILE --by NAME [--product-time T] [--json]`: a
// person drafts a candidate from an area they drew (on a map of the product), under a configured
// product's rule. It is reviewed like the job's candidates: pending until approved, and never
// approved by the one who drew it.
import type { Command } from 'commander';
import { draftCandidate } from '../hazards/draft-candidate.ts';
import { drawnHazard } from '../hazards/drawn-hazard.ts';
import { productTimeFor } from '../hazards/product-time.ts';
import { reviewerName } from '../hazards/reviewer-name.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { asCliError } from './hazards-args.ts';
import { readJsonFile } from './read-input-file.ts';
import { examples } from './help-examples.ts';

interface Flags {
  product: string;
  geojson: string;
  by: string;
  productTime?: string;
  json?: boolean;
}

export function registerHazardsDraft(parent: Command, ctx: CliContext): void {
  parent
    .command('draft')
    .description("draft a candidate from an area you drew (GeoJSON, EPSG:4326) under a configured product's rule; it waits for review")
    .requiredOption('--product <name>', 'a product of RASTER_PRODUCTS: its rule (event, severity, validity) and threshold apply')
    .requiredOption('--geojson <file>', 'Polygon, MultiPolygon, Feature or FeatureCollection, [lon, lat] degrees')
    .requiredOption('--by <name>', 'who drafts (they cannot approve it)')
    .option('--product-time <iso>', 'the product time the area was drawn from (default: the newest product time)')
    .option('--json', 'print the outcome as JSON')
    .addHelpText('after', examples('siaga hazards draft --product imerg-early --geojson flood-area.geojson --by dewi.bmkg'))
    .action(async (flags: Flags) => {
      const config = ctx.config();
      const product = config.hazards.products.find((p) => p.name === flags.product);
      if (!product) {
        const known = config.hazards.products.map((p) => p.name);
        throw new CliError(
          `--product: no product "${flags.product}" in RASTER_PRODUCTS${known.length ? ` (configured: ${known.join(', ')})` : ' (none is configured)'}`,
          2,
        );
      }
      const drafter = await asCliError(async () => reviewerName(flags.by));
      const now = new Date();
      const given = flags.productTime;
      const productTime = given === undefined ? productTimeFor(now, product) : new Date(given);
      if (given !== undefined && (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(given) || Number.isNaN(productTime.getTime()))) {
        throw new CliError(`--product-time: "${given}" is not an ISO date-time (e.g. 2026-11-29T03:30:00Z)`, 2);
      }
      if (productTime > now) throw new CliError(`--product-time ${productTime.toISOString()} is in the future`, 2);
      const read = drawnHazard(await readJsonFile(flags.geojson, 'GeoJSON file'));
      if ('problems' in read) throw new CliError(`${flags.geojson}: ${read.problems.join('; ')}`);

      const outcome = await draftCandidate(await ctx.db(), {
        product,
        productTime,
        sourceUrl: `file:${flags.geojson}`,
        hazard: read.hazard,
        draftedBy: drafter,
        now,
        marginM: config.targetMarginMetres,
      });
      if (flags.json) ctx.out(JSON.stringify(outcome, null, 2));
      else if (outcome.outcome === 'new')
        ctx.out(
          `candidate ${outcome.id} drafted by ${drafter}: ${outcome.households} households in ${outcome.villages} villages; it waits for approval by someone else`,
        );
      if (outcome.outcome === 'exists')
        throw new CliError(
          `${product.name} at ${productTime.toISOString()} has candidate ${outcome.id} already (${outcome.state}); give another --product-time`,
        );
      if (outcome.outcome === 'no_villages') throw new CliError('the area holds no village: nobody to warn, nothing drafted');
      if (outcome.outcome === 'expired')
        throw new CliError(
          `a message for ${productTime.toISOString()} would have expired at ${outcome.expiresAt.toISOString()}; nothing drafted`,
        );
      if (outcome.outcome === 'empty') throw new CliError('the area encloses nothing; nothing drafted');
    });
}
