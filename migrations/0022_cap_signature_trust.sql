-- What: the keys an operator trusts to sign CAP for a sender pattern (siaga senders trust), and
-- the signature verdict of every stored CAP document.
--   cap_signature_trust       one row per (pattern, key): the public key as SPKI PEM, its SHA-256,
--                             the certificate it came from (if one), and whether that sender must sign
--   alert_documents.signature verified (a trusted key signed the whole alert), not_verified (signed,
--                             no key trusted for the sender), unsigned; NULL for documents stored
--                             before signatures were checked
-- Why: a signed warning from an authority proves it came from them only if the key is one the
-- operator pinned for that sender; the key is what is trusted, so a renewed certificate of the
-- same key stays trusted and several keys per sender let a rollover overlap.
CREATE TABLE cap_signature_trust (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The same form as cap_senders.pattern: an exact CAP sender or `*` and a literal suffix, normalised.
  pattern          text NOT NULL,
  public_key_pem   text NOT NULL,
  key_sha256       text NOT NULL,
  certificate_pem  text,
  subject          text,
  must_sign        boolean NOT NULL,
  created_at       timestamptz NOT NULL,
  UNIQUE (pattern, key_sha256)
);

ALTER TABLE alert_documents
  ADD COLUMN signature text CHECK (signature IN ('verified', 'not_verified', 'unsigned')),
  ADD COLUMN signature_key_sha256 text;
