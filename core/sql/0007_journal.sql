-- The journal (全程纪实): every change to the archive, row by row, with who made it and when.
--
-- change_set is one user-level change (one transaction: a record saved, a roster imported, an
-- undo); change_row holds each row it inserted, updated or deleted, as JSON images of the row
-- before and after (the whole row for inserts and deletes, the changed columns for updates). The rows are written by triggers on every user table (generated from the
-- schema by core/src/journal.cpp when an archive is opened, so a table added by a later migration
-- is journaled without anyone remembering to), inside the same transaction as the change: nothing
-- changes the archive without its entry. The first journaled row of a transaction opens its set
-- (open = 1); the code that commits closes it and fills in who, what kind and a summary.
--
-- Not journaled: these tables, and the search tables (search_*: derived from the others by their
-- own triggers, rebuilt by undo like any other change).

CREATE TABLE change_set (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  by_name     TEXT NOT NULL DEFAULT '',
  kind        TEXT NOT NULL DEFAULT 'edit'
              CHECK (kind IN ('create','edit','import','undo','redo','restore','purge','migration','backup-restore')),
  summary     TEXT NOT NULL DEFAULT '',
  reverts     INTEGER REFERENCES change_set(id),  -- undo/redo/restore: the set whose rows it reversed
  reverted_by INTEGER REFERENCES change_set(id),  -- set when an undo (or a later redo) reversed this one
  open        INTEGER CHECK (open = 1)            -- 1 while its transaction is writing
);
CREATE UNIQUE INDEX change_set_open ON change_set(open) WHERE open = 1;

CREATE TABLE change_row (
  id      INTEGER PRIMARY KEY,
  set_id  INTEGER NOT NULL REFERENCES change_set(id),
  tbl     TEXT NOT NULL,
  op      TEXT NOT NULL CHECK (op IN ('I','U','D')),
  row_id  INTEGER NOT NULL,                        -- the row's rowid (its id for tables with one)
  before  TEXT,                                    -- json_object of the row before (U, D)
  after   TEXT                                     -- and after (I, U)
);
CREATE INDEX change_row_set ON change_row(set_id);
CREATE INDEX change_row_object ON change_row(tbl, row_id);

-- 回收站: a change set that deleted a record, member, document, rectification item or entry.
-- Its rows are in the journal, so restoring is reversing that set; the document files stay in
-- the file store until the item is purged.
CREATE TABLE trash_item (
  set_id      INTEGER PRIMARY KEY REFERENCES change_set(id),
  state       TEXT NOT NULL DEFAULT 'trashed' CHECK (state IN ('trashed','restored','purged')),
  changed_by  INTEGER REFERENCES change_set(id)    -- the restore, undo or purge that changed its state
);
