-- What: personal API tokens of staff accounts (web_users): one liaison, one or more tokens, each
-- revocable, stored only as SHA-256.
-- Why: the liaison API's approvals and rejections must name a real, authenticated person. With one
-- shared token anyone holding it could approve as "Alice" and again as "Bob"; a personal token
-- ties each decision to its account, so four-eyes counts accounts, as the web pages already do.
CREATE TABLE staff_api_tokens (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id        bigint NOT NULL REFERENCES web_users (id) ON DELETE CASCADE,
  token_sha256   text NOT NULL UNIQUE,
  label          text NOT NULL DEFAULT '' CHECK (length(label) <= 80),
  created_at     timestamptz NOT NULL,
  last_used_at   timestamptz,
  revoked_at     timestamptz
);
CREATE INDEX staff_api_tokens_user_idx ON staff_api_tokens (user_id);
