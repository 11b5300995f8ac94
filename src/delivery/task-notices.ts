// Per chunk: the notices to Tagana members among the claimed rows, loaded once (task events, their
// tasks and villages) and rendered in Indonesian for SMS or push (src/tagana/task-notice-text.ts).
// A notice may announce several events (all new tasks of one warning for one member): taskId is
// the lead (most urgent) one's.
import type { ClaimedTaskNotice } from '../db/delivery-claims.ts';
import { loadTaskNoticeSources } from '../db/tagana-notice-sources.ts';
import { taskDigestText, type TaskNoticeText } from '../tagana/task-notice-text.ts';
import type { DeliveryDeps } from './delivery-deps.ts';

export interface TaskNotices {
  /** The notice's words (one event, or several most urgent first), or undefined when its events are gone. */
  text(row: ClaimedTaskNotice): TaskNoticeText | undefined;
  taskId(row: ClaimedTaskNotice): string | undefined;
  /** A page to a volunteer: an escalation or a new task is urgent, a stand-down is not. */
  urgent(row: ClaimedTaskNotice): boolean;
}

export async function loadTaskNotices(
  deps: Pick<DeliveryDeps, 'db' | 'publicBaseUrl'>,
  rows: readonly ClaimedTaskNotice[],
): Promise<TaskNotices> {
  const sources = await loadTaskNoticeSources(
    deps.db,
    rows.flatMap((r) => r.task_event_ids),
  );
  const source = (row: ClaimedTaskNotice) => sources.get(row.task_event_id);
  return {
    text: (row) => {
      // In the notice's own order (most urgent first); an event gone since is left out.
      const all = row.task_event_ids.flatMap((id) => sources.get(id) ?? []);
      return taskDigestText(all, deps.publicBaseUrl);
    },
    taskId: (row) => source(row)?.task_id,
    urgent: (row) => source(row)?.action !== 'stood_down',
  };
}
