-- What: registered households, versioned by validity period.
-- Why: a warning goes to the households inside its area; Tagana sees who is vulnerable. A change to
-- a household closes its current row (valid_to) and opens a new one, so that "who was registered
-- when" stays answerable for delivery proofs and replays. The current row has valid_to IS NULL.
-- village_code is computed by PostGIS at import (the village polygon holding the point).
CREATE TABLE households (
  row_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id            text NOT NULL CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$'),
  location      geometry(Point, 4326) NOT NULL,
  village_code  text NOT NULL REFERENCES admin_areas (code),
  members       smallint NOT NULL CHECK (members BETWEEN 1 AND 100),
  elderly       smallint NOT NULL DEFAULT 0 CHECK (elderly >= 0),
  disabled      smallint NOT NULL DEFAULT 0 CHECK (disabled >= 0),
  infant        smallint NOT NULL DEFAULT 0 CHECK (infant >= 0),
  pregnant      smallint NOT NULL DEFAULT 0 CHECK (pregnant >= 0),
  ill           smallint NOT NULL DEFAULT 0 CHECK (ill >= 0),
  vulnerable    smallint GENERATED ALWAYS AS (elderly + disabled + infant + pregnant + ill) STORED,
  language      text NOT NULL CHECK (language IN ('id', 'en')),
  phone         text CHECK (phone ~ '^\+[1-9][0-9]{7,14}$'),
  consent_at    timestamptz NOT NULL,
  source        text NOT NULL,
  valid_from    timestamptz NOT NULL DEFAULT now(),
  valid_to      timestamptz,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE UNIQUE INDEX households_current_id_idx ON households (id) WHERE valid_to IS NULL;
CREATE INDEX households_location_idx ON households USING gist (location) WHERE valid_to IS NULL;
CREATE INDEX households_village_idx ON households (village_code) WHERE valid_to IS NULL;
CREATE INDEX households_history_idx ON households (id, valid_from);
