-- The end of 分类定级 at the superior committee (《分类定级工作文件汇编》: 公示、复核、帮扶、备案):
-- objections received while the grades are publicly noticed, each with its review and outcome;
-- 帮扶 for the branches graded 较差 (the leader and department assigned, the measures, a deadline,
-- and the problems and their causes as the 较差状况明细表 lists them); and when the year's grading
-- was filed with the committee above.

CREATE TABLE grading_objection (
  id              INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  year            INTEGER NOT NULL CHECK (year BETWEEN 1921 AND 2200),
  received_on     TEXT NOT NULL,                   -- ISO date, during the 公示
  content         TEXT NOT NULL CHECK (length(content) > 0),
  review          TEXT NOT NULL DEFAULT '',        -- 复核: what the review found
  outcome         TEXT NOT NULL DEFAULT 'pending'
                  CHECK (outcome IN ('pending','upheld','changed','dismissed')),
  reviewed_on     TEXT                             -- ISO date
);
CREATE INDEX grading_objection_year ON grading_objection(year, organisation_id);

CREATE TABLE grading_support (
  organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  year            INTEGER NOT NULL CHECK (year BETWEEN 1921 AND 2200),
  leader          TEXT NOT NULL CHECK (length(leader) > 0),      -- 挂点领导
  department      TEXT NOT NULL CHECK (length(department) > 0),  -- 帮扶部门
  measures        TEXT NOT NULL CHECK (length(measures) > 0),    -- 帮扶措施
  deadline        TEXT NOT NULL,                                 -- 整改时限, ISO date
  problems        TEXT NOT NULL DEFAULT '',                      -- 主要问题
  causes          TEXT NOT NULL DEFAULT '',                      -- 原因分析
  PRIMARY KEY (organisation_id, year)
);

CREATE TABLE grading_filing (
  year            INTEGER PRIMARY KEY CHECK (year BETWEEN 1921 AND 2200),
  filed_on        TEXT NOT NULL,                   -- ISO date of 备案
  filed_with      TEXT NOT NULL DEFAULT '',        -- the committee it was filed with
  note            TEXT NOT NULL DEFAULT ''
);
