-- What: Tagana teams, the administrative areas each covers, and their members.
-- Why: evacuation tasks for a village go to the team covering it (a regency, or districts within
-- one); escalation goes to a team covering the province. Members receive tasks on their phones.
CREATE TABLE tagana_teams (
  code         text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
  name         text NOT NULL CHECK (name <> ''),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tagana_team_areas (
  team_code  text NOT NULL REFERENCES tagana_teams (code) ON DELETE CASCADE,
  area_code  text NOT NULL CHECK (area_code ~ '^\d{2}(\.\d{2}(\.\d{2})?)?$'),
  PRIMARY KEY (team_code, area_code)
);
CREATE INDEX tagana_team_areas_area_idx ON tagana_team_areas (area_code);

CREATE TABLE tagana_members (
  id          text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
  team_code   text NOT NULL REFERENCES tagana_teams (code) ON DELETE CASCADE,
  name        text NOT NULL CHECK (name <> ''),
  role        text NOT NULL CHECK (role IN ('coordinator', 'member')),
  phone       text CHECK (phone ~ '^\+[1-9][0-9]{7,14}$'),
  email       text,
  active      boolean NOT NULL DEFAULT true
);
CREATE INDEX tagana_members_team_idx ON tagana_members (team_code);
