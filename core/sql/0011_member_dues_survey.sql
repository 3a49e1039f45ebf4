-- 党费 per member and month: the base (月工资收入 or 离退休费), the rate the dues rules give for it, the
-- amount due, and what was paid when. Arrears are due minus paid; the half-yearly totals of
-- dues_period (and so the public dues board, which shows totals only) can be computed from these rows.
CREATE TABLE member_dues (
  id        INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES member(id) ON DELETE CASCADE,
  month     TEXT NOT NULL CHECK (length(month) = 7),           -- YYYY-MM
  base_fen  INTEGER CHECK (base_fen IS NULL OR base_fen >= 0),  -- 交纳基数, fen; NULL when a fixed amount
  rate_bp   INTEGER CHECK (rate_bp IS NULL OR rate_bp >= 0),    -- 交纳比例 in basis points (50 = 0.5%)
  basis     TEXT,                                              -- which band of the rules applied
  due_fen   INTEGER NOT NULL CHECK (due_fen >= 0),             -- 应交
  paid_fen  INTEGER NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),  -- 已交
  paid_on   TEXT,                                              -- 交纳日期
  UNIQUE (member_id, month)
);
CREATE INDEX member_dues_month ON member_dues(month);

-- The community's 三高 survey (《创建精品社区信息》: residents, shops and units asked how well they
-- know the community, whether they take part, whether they are satisfied), one a year. The
-- thresholds and any points come from the sector plugin's data (surveys/three_high.json).
CREATE TABLE three_high_survey (
  id              INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  year            INTEGER NOT NULL,
  surveyed_on     TEXT NOT NULL,
  respondents     INTEGER NOT NULL CHECK (respondents > 0),
  aware           INTEGER NOT NULL CHECK (aware >= 0 AND aware <= respondents),        -- 认知度
  participating   INTEGER NOT NULL CHECK (participating >= 0 AND participating <= respondents), -- 参与度
  satisfied       INTEGER NOT NULL CHECK (satisfied >= 0 AND satisfied <= respondents),  -- 满意度
  notes           TEXT,
  UNIQUE (organisation_id, year)
);
