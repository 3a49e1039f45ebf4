-- The one book (DOMAIN.md §7): archived documents with 档号 (DA/T 22-2015), the content-addressed
-- file store behind them, edited rule texts of 基本制度 and free entries of any section.

-- One row per distinct file content. The bytes live beside the archive in <archive>.files/ab/cdef…
-- (named by their SHA-256); this table says what must be there so `verify` can check it.
CREATE TABLE stored_file (
  sha256        TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  size          INTEGER NOT NULL CHECK (size >= 0),
  media_type    TEXT NOT NULL DEFAULT 'application/octet-stream',
  original_name TEXT,                            -- name the content was first filed under
  stored_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

-- 归档文件 (DA/T 22-2015): one row per 件. The 档号 is 全宗号-门类代码·年度-保管期限代码-件号; the
-- fonds and category codes are copied from the settings at filing so a 档号, once given, does not
-- change when the settings do (and stays right in a superior's archive holding many fonds).
CREATE TABLE document (
  id              INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  section_id      TEXT NOT NULL,                 -- section of the one book it is filed in
  fonds_code      TEXT NOT NULL CHECK (length(fonds_code) > 0),   -- 全宗号
  category_code   TEXT NOT NULL CHECK (length(category_code) > 0), -- 门类代码 (WS = 文书)
  year            INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2999),  -- 年度
  retention       TEXT NOT NULL CHECK (retention IN ('Y','D30','D10')), -- 保管期限
  item_no         INTEGER NOT NULL CHECK (item_no BETWEEN 1 AND 9999),  -- 件号
  title           TEXT NOT NULL CHECK (length(title) > 0),              -- 题名
  author          TEXT NOT NULL DEFAULT '',      -- 责任者
  doc_ref         TEXT NOT NULL DEFAULT '',      -- 文号
  doc_date        TEXT NOT NULL DEFAULT '' CHECK (doc_date = '' OR (length(doc_date) = 8 AND doc_date NOT GLOB '*[^0-9]*')), -- 日期 YYYYMMDD
  secret          TEXT NOT NULL DEFAULT '',      -- 密级
  pages           INTEGER CHECK (pages IS NULL OR pages >= 0), -- 页数
  notes           TEXT NOT NULL DEFAULT '',      -- 备注
  file_sha256     TEXT NOT NULL REFERENCES stored_file(sha256),
  file_name       TEXT NOT NULL,                 -- the name it was filed under (shown, and gives the type)
  filed_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (organisation_id, year, retention, item_no)
);
CREATE INDEX document_section ON document(organisation_id, section_id);
CREATE INDEX document_file ON document(file_sha256);

-- 基本制度: a plugin's standard rule text stays the default; once a branch edits one, its text is
-- kept here (and a branch may add rule texts of its own).
CREATE TABLE rule_text (
  organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  text_id         TEXT NOT NULL,
  section_id      TEXT NOT NULL,
  title           TEXT NOT NULL CHECK (length(title) > 0),
  body            TEXT NOT NULL,
  source          TEXT NOT NULL DEFAULT '',
  edited_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  PRIMARY KEY (organisation_id, text_id)
);

-- Free entries: what a section holds when it is neither records, documents nor rule texts
-- (e.g. 创新型工作: a branch's own initiatives).
CREATE TABLE book_entry (
  id              INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  section_id      TEXT NOT NULL,
  entry_date      TEXT NOT NULL,                 -- ISO date
  title           TEXT NOT NULL CHECK (length(title) > 0),
  body            TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX book_entry_section ON book_entry(organisation_id, section_id, entry_date);
