-- A branch's identity as the superior knows it: the signing key of its packages, pinned on the
-- first signed import (trust on first use). A package for the same organisation signed with another
-- key is refused until the branch is re-admitted explicitly (package import --readmit), which is
-- logged in package_import.note. The table name starts with package_ so it never travels in a
-- package itself.
CREATE TABLE package_branch_key (
  organisation_uid TEXT PRIMARY KEY,
  public_key       TEXT NOT NULL,                 -- base64 of the raw Ed25519 public key
  fingerprint      TEXT NOT NULL,
  pinned_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  package_id       TEXT NOT NULL                  -- the package that pinned it
);

-- What an import said beyond its counts: signature state, re-admission, accepted differences.
ALTER TABLE package_import ADD COLUMN note TEXT NOT NULL DEFAULT '';
