// Lists of problems kept as jsonb: an alert's or document's validation warnings (alerts.warnings,
// alert_documents.warnings) and what made a kept payload unusable (feed_payloads.problems).
import { z } from 'zod';
import type { Issue } from '../cap/cap-types.ts';
import { readStoredJson } from './read-stored-json.ts';

// Loose: whatever else a stored issue carries is kept, since `--json` output prints them as stored.
const IssuesSchema: z.ZodType<Issue[]> = z.array(z.looseObject({ path: z.string(), message: z.string() }));

/** `what` names the column and its row, e.g. `alert 12: warnings`. */
export function readStoredIssues(value: unknown, what: string): Issue[] {
  return readStoredJson(IssuesSchema, value, what);
}
