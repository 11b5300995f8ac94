-- What: when a scheduler last started expecting each feed (feed name → time).
-- Why: feed health judged a feed that had not run yet as late from the first minute (a daily
-- forecast was "late" minutes after start, hours before its first scheduled run). A feed is late
-- only once it has missed a run it was expected to make, and expectations begin when a scheduler
-- starts ticking for it. Kept in the database because the scheduler and the pages that judge
-- health may be different processes; the latest start counts (a restart waits for a run again).
CREATE TABLE feed_schedules (
  feed             text PRIMARY KEY CHECK (feed <> ''),
  schedule         text NOT NULL,
  scheduled_since  timestamptz NOT NULL
);
