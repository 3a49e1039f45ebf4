-- A member's whole life in the branch: the recruitment pipeline (发展党员) from application to full
-- membership, and the roster's history (组织关系转接, 停止党籍, 出党, 死亡).
-- People in the pipeline who are not members yet live in `recruit`; admission as 预备党员 adds a
-- `member` row and links it, so the roster keeps its meaning (members only).

CREATE TABLE recruit (
  id              INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  name            TEXT NOT NULL CHECK (length(name) > 0),
  gender          TEXT CHECK (gender IN ('男','女')),
  birth_date      TEXT,
  applied_on      TEXT NOT NULL,                    -- 递交入党申请书
  stage           TEXT NOT NULL CHECK (stage IN ('入党申请人','入党积极分子','发展对象','预备党员','正式党员')),
  stage_since     TEXT NOT NULL,                    -- date of the latest stage move
  contacts        TEXT,                             -- 培养联系人, names separated by 、
  member_id       INTEGER REFERENCES member(id) ON DELETE SET NULL, -- once admitted as 预备党员
  notes           TEXT
);
CREATE INDEX recruit_org ON recruit(organisation_id, stage);

-- Every step of a person's way: stage moves and the milestones the time rules look for.
CREATE TABLE recruit_event (
  id         INTEGER PRIMARY KEY,
  recruit_id INTEGER NOT NULL REFERENCES recruit(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('阶段','谈话','考察','政审','培训','公示','宣誓')),
  stage      TEXT,                                  -- for 阶段: the stage moved to
  on_date    TEXT NOT NULL,
  record_id  INTEGER REFERENCES record(id) ON DELETE SET NULL, -- the meeting that decided it
  days       REAL CHECK (days IS NULL OR days >= 0),   -- 培训: days
  hours      REAL CHECK (hours IS NULL OR hours >= 0), -- 培训: class hours (学时)
  note       TEXT
);
CREATE INDEX recruit_event_recruit ON recruit_event(recruit_id, kind, on_date);

-- Arrivals and departures. A member who leaves keeps the `member` row (past attendance points to
-- it); the current roster and the roster as of a date are computed from these rows.
CREATE TABLE member_movement (
  id           INTEGER PRIMARY KEY,
  member_id    INTEGER NOT NULL REFERENCES member(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('转入','转出','停止党籍','出党','死亡')),
  on_date      TEXT NOT NULL,
  counterpart  TEXT,                                -- 转往/转自 which organisation
  letter_ref   TEXT,                                -- 介绍信 reference
  dues_paid_to TEXT,                                -- 党费交至 YYYY-MM
  reason       TEXT,
  record_id    INTEGER REFERENCES record(id) ON DELETE SET NULL
);
CREATE INDEX member_movement_member ON member_movement(member_id, on_date);

-- 流动党员: where a member who works or lives away is, the 流动党员活动证, who keeps in touch, and
-- when the branch last reached them (no phone numbers here: those stay in member_private).
CREATE TABLE member_mobile (
  id             INTEGER PRIMARY KEY,
  member_id      INTEGER NOT NULL UNIQUE REFERENCES member(id) ON DELETE CASCADE,
  location       TEXT NOT NULL CHECK (length(location) > 0), -- 流入地 / 所在单位
  card_no        TEXT,                                        -- 流动党员活动证 number
  contact_person TEXT,                                        -- 联系人 in the branch
  since          TEXT,                                        -- 外出日期
  last_contact   TEXT                                         -- 最近联系日期
);
