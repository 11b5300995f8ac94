-- What: households.vulnerable becomes a stored count of vulnerable PEOPLE instead of a column
-- generated as the sum of the kind counts; members may go up to 1000; a household id may be any
-- text of up to 128 characters without control, format or line-separator characters.
-- Why: one person can be elderly and ill. The kind counts say how many people have each condition
-- ("people with condition K") and may add up to more than the people who need help; the door-knock
-- priority and the Tagana counts need the people, so both are stored and both are exact. A
-- household is no longer refused because its registry lists more vulnerable people than members
-- (members is raised instead), an institution (a care home, a boarding school) may have more than
-- 100, and a registry's own ids ("KK 1207/0013", names with spaces or accents) are kept as they are.
-- Existing rows keep their meaning: each listed condition was one person, so the sum they hold is
-- their number of people, and DROP EXPRESSION keeps the stored values.
ALTER TABLE households ALTER COLUMN vulnerable DROP EXPRESSION;
ALTER TABLE households ALTER COLUMN vulnerable SET NOT NULL;
ALTER TABLE households DROP CONSTRAINT households_members_check;
ALTER TABLE households ADD CONSTRAINT households_members_check CHECK (members BETWEEN 1 AND 1000);
-- Siaga never wrote more vulnerable people than members, but nothing in the table held it: a row
-- written by hand gets the reading Siaga now gives such a household (members raised), before the
-- check that holds it from now on.
UPDATE households SET members = vulnerable WHERE vulnerable > members;
ALTER TABLE households ADD CONSTRAINT households_vulnerable_check
  CHECK (vulnerable >= greatest(elderly, disabled, infant, pregnant, ill) AND vulnerable <= members);
-- Control characters (C0, DEL, C1), invisible format characters (soft hyphen, zero-width and
-- bidirectional controls, BOM) and line separators: they could hide or reorder what a volunteer
-- reads on a board or a terminal. The importer and the API enforce the full Unicode classes
-- (src/registry/household-id.ts); this is the database's own guard.
ALTER TABLE households DROP CONSTRAINT households_id_check;
ALTER TABLE households ADD CONSTRAINT households_id_check CHECK (
  char_length(id) BETWEEN 1 AND 128
  AND id !~ '^\s|\s$'
  AND id !~ '[\x01-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064\u2066-\u206f\ufeff]'
);
