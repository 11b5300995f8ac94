// The feeds Siaga runs, built from configuration. Adding a feed: a file in jobs/ with
// `create…Job(config): FeedJob`, and a line here.
import type { Config } from '../src/config.ts';
import type { FeedJob } from '../src/feeds/feed-job.ts';
import { createForecastJob } from './bmkg-forecast.ts';
import { createNowcastJob } from './bmkg-nowcast.ts';
import { createQuakeJob } from './bmkg-quake.ts';
import { readRasterProduct } from '../src/hazards/read-raster-product.ts';
import { createRasterRainfallJobs } from './raster-rainfall.ts';

export function configuredFeeds(config: Config): FeedJob[] {
  // One raster-<product> feed per RASTER_PRODUCTS entry (none by default): candidates only, never sent unreviewed.
  return [
    createNowcastJob(config),
    createForecastJob(config),
    createQuakeJob(config),
    ...createRasterRainfallJobs(config, readRasterProduct),
  ];
}
