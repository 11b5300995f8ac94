// Per chunk: the notices to Tagana members among the claimed rows, loaded once (task events, their
// tasks and villages) and rendered in Indonesian for SMS or push (src/tagana/task-notice-text.ts).
import type { ClaimedTaskNotice } from '../db/delivery-claims.ts';
import { loadTaskNoticeSources } from '../db/tagana-notice-sources.ts';
import { taskNoticeText, type TaskNoticeText } from '../tagana/task-notice-text.ts';
import type { DeliveryDeps } from './delivery-deps.ts';

export interface TaskNotices {
  /** The notice's words, or undefined when its task event is gone. */
  text(row: ClaimedTaskNotice): TaskNoticeText | undefined;
  taskId(row: ClaimedTaskNotice): string | undefined;
  /** A page to a volunteer: an escalation or a new task is urgent, a stand-down is not. */
  urgent(row: ClaimedTaskNotice): boolean;
}

export async function loadTaskNotices(deps: Pick<DeliveryDeps, 'db' | 'publicBaseUrl'>, rows: readonly ClaimedTaskNotice[]): Promise<TaskNotices> {
  const sources = await loadTaskNoticeSources(deps.db, rows.map((r) => r.task_event_id));
  const source = (row: ClaimedTaskNotice) => sources.get(row.task_event_id);
  return {
    text: (row) => {
      const s = source(row);
      return s && taskNoticeText(s, deps.publicBaseUrl);
    },
    taskId: (row) => source(row)?.task_id,
    urgent: (row) => source(row)?.action !== 'stood_down',
  };
}
