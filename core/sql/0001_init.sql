-- OneBook archive schema, version 1: settings, organisations, roster (DOMAIN.md §2).
-- Private member data lives in its own table so that public views cannot reach it by accident.

CREATE TABLE setting (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE organisation (
  id            INTEGER PRIMARY KEY,
  uid           TEXT NOT NULL UNIQUE,            -- stable id across packages and archives
  name          TEXT NOT NULL CHECK (length(name) > 0),
  sector        TEXT NOT NULL,                   -- plugin id
  form          TEXT NOT NULL CHECK (form IN ('党支部','联合党支部','临时党支部','党总支','党委')),
  superior_name TEXT,
  parent_id     INTEGER REFERENCES organisation(id) ON DELETE SET NULL,
  founded_on    TEXT,                            -- ISO date
  approval_ref  TEXT,                            -- 批复文号
  is_home       INTEGER NOT NULL DEFAULT 0,      -- the organisation this archive belongs to
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE UNIQUE INDEX organisation_one_home ON organisation(is_home) WHERE is_home = 1;

CREATE TABLE party_group (
  id              INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  name            TEXT NOT NULL CHECK (length(name) > 0),
  leader_id       INTEGER REFERENCES member(id) ON DELETE SET NULL,
  UNIQUE (organisation_id, name)
);

CREATE TABLE member (
  id              INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  name            TEXT NOT NULL CHECK (length(name) > 0),
  gender          TEXT CHECK (gender IN ('男','女')),
  ethnicity       TEXT,
  birth_date      TEXT,
  education       TEXT,
  workplace_post  TEXT,                          -- 工作单位及职务
  join_date       TEXT,                          -- 入党时间
  full_date       TEXT,                          -- 转正时间
  status          TEXT NOT NULL CHECK (status IN ('正式党员','预备党员')),
  group_id        INTEGER REFERENCES party_group(id) ON DELETE SET NULL,
  category        TEXT NOT NULL DEFAULT '直管' CHECK (category IN ('直管','协管','代管')),
  employer        TEXT,                          -- 协管: the unit the member works for
  notes           TEXT
);
CREATE INDEX member_org ON member(organisation_id, name);

-- Private fields (ID number, phone, address): never read by board rendering.
CREATE TABLE member_private (
  member_id INTEGER PRIMARY KEY REFERENCES member(id) ON DELETE CASCADE,
  id_number TEXT,
  phone     TEXT,
  address   TEXT
);
CREATE UNIQUE INDEX member_private_id_number ON member_private(id_number) WHERE id_number IS NOT NULL AND id_number <> '';

CREATE TABLE committee_term (
  id              INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  elected_on      TEXT NOT NULL,
  term_years      INTEGER NOT NULL CHECK (term_years BETWEEN 1 AND 10),
  approval_ref    TEXT,
  notes           TEXT
);

CREATE TABLE committee_member (
  id        INTEGER PRIMARY KEY,
  term_id   INTEGER NOT NULL REFERENCES committee_term(id) ON DELETE CASCADE,
  member_id INTEGER REFERENCES member(id) ON DELETE SET NULL,
  name      TEXT NOT NULL,
  role      TEXT NOT NULL,                       -- 书记/副书记/组织委员/宣传委员/纪检委员…
  UNIQUE (term_id, name, role)
);

CREATE TABLE activist (
  id              INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  name            TEXT NOT NULL CHECK (length(name) > 0),
  gender          TEXT CHECK (gender IN ('男','女')),
  birth_date      TEXT,
  stage           TEXT NOT NULL CHECK (stage IN ('入党申请人','入党积极分子','重点培养对象')),
  applied_on      TEXT,                          -- 递交入党申请书
  stage_since     TEXT,                          -- 确定为积极分子/培养对象
  sponsor_names   TEXT,                          -- 培养联系人
  notes           TEXT
);
