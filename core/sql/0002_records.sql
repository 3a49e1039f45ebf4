-- OneBook archive schema, version 2: meeting and activity records, attendance, attachments and
-- the yearly 三会一课 plan (DOMAIN.md §3). The record's type is the template id of the sector
-- plugin; type_name keeps its Chinese name so a record reads even without its plugin.

CREATE TABLE record (
  id              INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  type            TEXT NOT NULL CHECK (length(type) > 0),  -- template id: assembly, committee…
  type_name       TEXT NOT NULL,                          -- 支部党员大会…
  date            TEXT NOT NULL,                          -- ISO date
  time            TEXT,                                   -- 14:30 or 14:30-16:00
  place           TEXT,
  host            TEXT,                                   -- 主持人 (name as written)
  host_id         INTEGER REFERENCES member(id) ON DELETE SET NULL,
  recorder        TEXT,                                   -- 记录人
  recorder_id     INTEGER REFERENCES member(id) ON DELETE SET NULL,
  topic           TEXT,
  group_id        INTEGER REFERENCES party_group(id) ON DELETE SET NULL, -- 党小组会
  hours           REAL NOT NULL DEFAULT 0 CHECK (hours >= 0),           -- study hours credited
  vote            INTEGER NOT NULL DEFAULT 0 CHECK (vote IN (0, 1)),     -- a vote was taken
  quorum_met      INTEGER CHECK (quorum_met IN (0, 1)),  -- NULL without a vote; 0 flags no quorum
  fields          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields)), -- the template's other fields
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX record_org_date ON record(organisation_id, date);
CREATE INDEX record_org_type ON record(organisation_id, type, date);

-- One row per expected attendee (应到): present (实到) or absent with the reason (请假原因).
CREATE TABLE record_attendance (
  id        INTEGER PRIMARY KEY,
  record_id INTEGER NOT NULL REFERENCES record(id) ON DELETE CASCADE,
  member_id INTEGER REFERENCES member(id) ON DELETE SET NULL,
  name      TEXT NOT NULL,
  present   INTEGER NOT NULL CHECK (present IN (0, 1)),
  reason    TEXT
);
CREATE UNIQUE INDEX record_attendance_once ON record_attendance(record_id, name);
CREATE INDEX record_attendance_member ON record_attendance(member_id);

-- Attachments (sign-in sheet scans, photos) as paths for now.
CREATE TABLE record_attachment (
  id        INTEGER PRIMARY KEY,
  record_id INTEGER NOT NULL REFERENCES record(id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  path      TEXT NOT NULL CHECK (length(path) > 0)
);

-- 三会一课年度计划: planned count per meeting type and month.
CREATE TABLE meeting_plan (
  organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  year            INTEGER NOT NULL CHECK (year BETWEEN 1921 AND 9999),
  type            TEXT NOT NULL,
  type_name       TEXT NOT NULL,
  month           INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
  count           INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (organisation_id, year, type, month)
);
