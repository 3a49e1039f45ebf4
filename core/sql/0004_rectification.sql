-- Rectification (整改, DOMAIN.md §5) and dues figures for the dues disclosure board (§6).
-- Links to findings and assessment deductions are kept as kind + reference text, so this table
-- does not depend on the records/rules/rubrics tables.

CREATE TABLE rectification_item (
  id              INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  issue           TEXT NOT NULL CHECK (length(issue) > 0),      -- 整改事项
  measures        TEXT NOT NULL CHECK (length(measures) > 0),   -- 主要措施
  owner_member_id INTEGER REFERENCES member(id) ON DELETE SET NULL, -- 责任人, when a member
  owner_name      TEXT NOT NULL CHECK (length(owner_name) > 0), -- 责任人 as printed (member name or free text)
  deadline        TEXT NOT NULL,                                -- 完成时限, ISO date
  target          TEXT,                                         -- quantified target (量化目标)
  progress        TEXT,                                         -- 完成情况
  status          TEXT NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open','in_progress','done','closed')),
  source_kind     TEXT CHECK (source_kind IN ('finding','deduction')),
  source_ref      TEXT,                                         -- "<rule_id>@<window>" or "<year>:<item id>"
  created_on      TEXT NOT NULL,
  CHECK ((source_kind IS NULL) = (source_ref IS NULL)),
  CHECK (deadline >= created_on)
);
CREATE INDEX rectification_item_org ON rectification_item(organisation_id, status, deadline);
CREATE INDEX rectification_item_source ON rectification_item(source_kind, source_ref);

-- Every status change, with its date and note (销号 is the change to 'closed').
CREATE TABLE rectification_history (
  id          INTEGER PRIMARY KEY,
  item_id     INTEGER NOT NULL REFERENCES rectification_item(id) ON DELETE CASCADE,
  changed_on  TEXT NOT NULL,
  from_status TEXT CHECK (from_status IN ('open','in_progress','done','closed')), -- NULL: created
  to_status   TEXT NOT NULL CHECK (to_status IN ('open','in_progress','done','closed')),
  note        TEXT
);
CREATE INDEX rectification_history_item ON rectification_history(item_id, id);

-- Dues collection per half-year (《党支部“五化”建设》: 每半年公布1次党费收缴情况). Amounts in fen (分).
CREATE TABLE dues_period (
  id              INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  period          TEXT NOT NULL,                                -- "2025-H1"
  members_due     INTEGER NOT NULL CHECK (members_due >= 0),    -- 应交人数
  members_paid    INTEGER NOT NULL CHECK (members_paid >= 0 AND members_paid <= members_due), -- 实交人数
  amount_fen      INTEGER NOT NULL CHECK (amount_fen >= 0),     -- 收缴金额
  remitted_fen    INTEGER CHECK (remitted_fen >= 0),            -- 上缴上级党委金额
  notes           TEXT,
  UNIQUE (organisation_id, period)
);
