-- What: accounts for the web pages of BMKG liaisons and Tagana team members, and their sessions.
-- Why: the liaison and team pages are behind a sign-in (residents reach only their own data, through
-- their private link). Secrets are stored only as scrypt hashes and session tokens only as SHA-256,
-- so a copy of the database lets nobody sign in. A team account belongs to exactly one team; a
-- liaison account to none.
CREATE TABLE web_users (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username       text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
  role           text NOT NULL CHECK (role IN ('liaison', 'team')),
  team_code      text REFERENCES tagana_teams (code) ON DELETE CASCADE,
  -- The Tagana member this account is, when known: team actions are recorded under that member.
  member_id      text,
  -- scrypt$N$r$p$salt$hash (base64url), see src/web/passwords.ts.
  secret_scrypt  text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  disabled_at    timestamptz,
  CHECK ((role = 'team') = (team_code IS NOT NULL))
);

CREATE TABLE web_sessions (
  token_sha256   text PRIMARY KEY,
  user_id        bigint NOT NULL REFERENCES web_users (id) ON DELETE CASCADE,
  created_at     timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL
);
CREATE INDEX web_sessions_user_idx ON web_sessions (user_id);
CREATE INDEX web_sessions_expiry_idx ON web_sessions (expires_at);
