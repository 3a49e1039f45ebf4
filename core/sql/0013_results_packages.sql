-- Results travel back down (下发): what a branch's archive keeps about the results packages its
-- superior sent. Both tables start with package_ so they never travel in a package themselves.

-- The superior's signing key, pinned on the first results package (trust on first use, its name
-- checked against the branch's 上级党组织); a package signed with another key is refused until it
-- is re-admitted explicitly.
CREATE TABLE package_superior_key (
  superior_uid  TEXT PRIMARY KEY,
  superior_name TEXT NOT NULL,
  public_key    TEXT NOT NULL,                 -- base64 of the raw Ed25519 public key
  fingerprint   TEXT NOT NULL,
  pinned_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  package_id    TEXT NOT NULL                  -- the results package that pinned it
);

-- Every results package applied: the same package again changes nothing.
CREATE TABLE package_results_import (
  id             INTEGER PRIMARY KEY,
  package_id     TEXT NOT NULL UNIQUE,
  superior_uid   TEXT NOT NULL,
  superior_name  TEXT NOT NULL,
  fingerprint    TEXT NOT NULL,
  exported_at    TEXT NOT NULL,
  imported_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  file_name      TEXT NOT NULL,
  file_sha256    TEXT NOT NULL,
  year           INTEGER NOT NULL,
  rubric_id      TEXT NOT NULL,
  final_total    REAL,
  final_grade    TEXT NOT NULL,
  scores_changed INTEGER NOT NULL DEFAULT 0,
  items_added    INTEGER NOT NULL DEFAULT 0,
  note           TEXT NOT NULL DEFAULT ''
);
