// What reviewing hazard candidates needs: the database, a clock, Siaga's sender, the number of
// approvals required, the CAP engine's limits, and the hand-on to delivery (the same one feed runs
// use). Built once by the CLI or main.ts.
import { loadCapSigner } from '../alerts/load-cap-signer.ts';
import type { CapSigner } from '../cap/sign-cap.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';

export interface HazardReviewDeps {
  db: Db;
  now: () => Date;
  logger: Logger;
  /** `sender` of the messages Siaga issues (SIAGA_SENDER). */
  sender: string;
  /** Signs the messages Siaga issues, when a key is configured. */
  signCap?: CapSigner;
  /** 1, or 2 for four-eyes. */
  approvalsRequired: number;
  ingest: { maxBytes: number; marginM: number };
  /** Hands an issued message on to delivery; absent: stored and targeted, not delivered. */
  handOn?: (alertIds: number[]) => Promise<void>;
}

export function createHazardReviewDeps(
  config: Config,
  db: Db,
  logger: Logger,
  handOn?: (alertIds: number[]) => Promise<void>,
): HazardReviewDeps {
  return {
    db,
    now: () => new Date(),
    logger,
    sender: config.siagaSender,
    signCap: loadCapSigner(config),
    approvalsRequired: config.hazards.approvalsRequired,
    ingest: { maxBytes: config.capMaxBytes, marginM: config.targetMarginMetres },
    handOn,
  };
}
