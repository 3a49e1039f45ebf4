-- Assessments (DOMAIN.md §4): a rubric applied to one organisation for one year, in rounds.
-- Scores, survey counts and veto flags are append-only: the latest row is in force and the
-- earlier ones are the history of who scored what in which round.

CREATE TABLE assessment (
  id                INTEGER PRIMARY KEY,
  organisation_id   INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  rubric_id         TEXT NOT NULL,                 -- plugin rubric id, e.g. community.fenlei
  year              INTEGER NOT NULL CHECK (year BETWEEN 1921 AND 2200),
  created_by        TEXT NOT NULL DEFAULT '',
  created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  self_final_by     TEXT,                          -- 自评申报
  self_final_at     TEXT,
  final_total       REAL,                          -- 组织考核 total with the survey
  score_grade       TEXT,                          -- grade of the bands
  final_grade       TEXT,                          -- after vetoes
  grade_explanation TEXT,
  finalised_by      TEXT,
  finalised_at      TEXT,
  UNIQUE (organisation_id, rubric_id, year)
);

CREATE TABLE assessment_score (
  id            INTEGER PRIMARY KEY,
  assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
  round         TEXT NOT NULL CHECK (round IN ('self','superior')),
  item_id       TEXT NOT NULL,
  points        REAL NOT NULL CHECK (points >= 0),
  reason        TEXT NOT NULL DEFAULT '',          -- 扣分理由 / reason for overriding a proposal
  note          TEXT NOT NULL DEFAULT '',
  checks        TEXT,                              -- ticked checklist sub-items, comma-separated
  proposal      REAL,                              -- what the rules proposed at the time
  scored_by     TEXT NOT NULL DEFAULT '',
  scored_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX assessment_score_item ON assessment_score(assessment_id, round, item_id, id);

CREATE TABLE assessment_survey (
  id                   INTEGER PRIMARY KEY,
  assessment_id        INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
  member_satisfied     INTEGER NOT NULL CHECK (member_satisfied >= 0),
  member_basic         INTEGER NOT NULL CHECK (member_basic >= 0),
  member_dissatisfied  INTEGER NOT NULL CHECK (member_dissatisfied >= 0),
  public_satisfied     INTEGER NOT NULL CHECK (public_satisfied >= 0),
  public_basic         INTEGER NOT NULL CHECK (public_basic >= 0),
  public_dissatisfied  INTEGER NOT NULL CHECK (public_dissatisfied >= 0),
  rate                 REAL NOT NULL,            -- combined satisfaction, percent
  points               REAL NOT NULL,            -- converted through the plugin's table
  recorded_by          TEXT NOT NULL DEFAULT '',
  recorded_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX assessment_survey_latest ON assessment_survey(assessment_id, id);

CREATE TABLE assessment_veto (
  id            INTEGER PRIMARY KEY,
  assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
  veto_id       TEXT NOT NULL,
  active        INTEGER NOT NULL CHECK (active IN (0,1)),
  reason        TEXT NOT NULL CHECK (length(reason) > 0),
  flagged_by    TEXT NOT NULL DEFAULT '',
  flagged_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX assessment_veto_latest ON assessment_veto(assessment_id, veto_id, id);
