-- The groups in force, found without reading every group ever stored: GET /metrics reads the
-- standing warnings' ledger rows at each scrape, and this index keeps that to the groups in force.
CREATE INDEX alert_groups_active_idx ON alert_groups (expires) WHERE state = 'active' AND merged_into IS NULL;
