-- Search (full text over the one book) and packages (imports into a superior's archive).
--
-- Search: search_item holds what is searchable, one row per (kind, ref), kept in step with the
-- source tables by the triggers below, inside the same transaction as the data. The FTS5 index
-- over it (search_fts, tokenizer onebook_cjk) is created by archive/src/search.cpp, which registers
-- the tokenizer on its connection; it replays search_pending (filled by the triggers on
-- search_item) before every query. Nothing here needs the tokenizer, so a connection without it
-- (core-only tools and tests) writes records freely.
--
-- Adding a source: one view search_src_<kind> with the columns
--   kind, ref, src_id (the source row's key, for the triggers), organisation_id, title, body,
--   location, item_date
-- added to the union view search_source, and three triggers (insert/update/delete) calling the
-- same two statements. location may hold {section:<id>} or {record:<type>}: the search code
-- replaces them with the one book's chapter and section titles.

CREATE TABLE search_item (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL,                   -- record, document, ruletext, entry, rectification, assessment
  ref             TEXT NOT NULL,                   -- the source row within its kind
  organisation_id INTEGER REFERENCES organisation(id) ON DELETE CASCADE,
  title           TEXT NOT NULL DEFAULT '',
  body            TEXT NOT NULL DEFAULT '',
  location        TEXT NOT NULL DEFAULT '',        -- where it is, as a user reads it
  item_date       TEXT NOT NULL DEFAULT '',        -- ISO date when it has one
  UNIQUE (kind, ref)
);
CREATE INDEX search_item_org ON search_item(organisation_id, kind);

-- Items whose FTS5 row must be (re)written: filled here, emptied by the search code. The triggers
-- test before inserting instead of INSERT OR IGNORE: inside a trigger fired by a foreign-key action
-- (ON DELETE SET NULL…) SQLite replaces a step's OR IGNORE by the action's ABORT.
CREATE TABLE search_pending (
  item_id INTEGER PRIMARY KEY
);
CREATE TRIGGER search_item_ai AFTER INSERT ON search_item BEGIN
  INSERT INTO search_pending(item_id) SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE item_id = NEW.id);
END;
CREATE TRIGGER search_item_au AFTER UPDATE ON search_item BEGIN
  INSERT INTO search_pending(item_id) SELECT OLD.id WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE item_id = OLD.id);
  INSERT INTO search_pending(item_id) SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE item_id = NEW.id);
END;
CREATE TRIGGER search_item_ad AFTER DELETE ON search_item BEGIN
  INSERT INTO search_pending(item_id) SELECT OLD.id WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE item_id = OLD.id);
END;

-- The sectors' standard rule texts (plugin data, not stored elsewhere: the archive keeps only
-- edited ones), copied here by the search code so that 基本制度 is searchable as the book prints it.
CREATE TABLE search_ruletext_default (
  sector     TEXT NOT NULL,
  text_id    TEXT NOT NULL,
  section_id TEXT NOT NULL,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  PRIMARY KEY (sector, text_id)
);

-- ---- sources ----------------------------------------------------------------------------------

-- Meeting and activity records (0002): topic, place, people and every text field of the template
-- (agenda, minutes, resolutions…).
CREATE VIEW search_src_record AS
SELECT 'record' AS kind, CAST(r.id AS TEXT) AS ref, r.id AS src_id, r.organisation_id AS organisation_id,
       coalesce(nullif(r.topic, ''), r.type_name) AS title,
       coalesce(r.type_name, '') || char(10) || coalesce(r.place, '') || char(10) ||
       coalesce(r.host, '') || char(10) || coalesce(r.recorder, '') || char(10) ||
       coalesce((SELECT group_concat(j.value, char(10)) FROM json_tree(r.fields) AS j WHERE j.type = 'text'), '') AS body,
       '{record:' || r.type || '} · ' || r.date || ' ' || r.type_name AS location,
       r.date AS item_date
FROM record AS r;

-- Rectification items (0004) with the notes of their status changes.
CREATE VIEW search_src_rectification AS
SELECT 'rectification' AS kind, CAST(i.id AS TEXT) AS ref, i.id AS src_id, i.organisation_id AS organisation_id,
       i.issue AS title,
       coalesce(i.measures, '') || char(10) || coalesce(i.owner_name, '') || char(10) ||
       coalesce(i.target, '') || char(10) || coalesce(i.progress, '') || char(10) ||
       coalesce((SELECT group_concat(h.note, char(10)) FROM rectification_history AS h WHERE h.item_id = i.id), '') AS body,
       '整改台账 · 完成时限 ' || i.deadline AS location,
       i.created_on AS item_date
FROM rectification_item AS i;

-- Archived documents (0005): 题名 as title; 档号, 责任者, 文号, 日期, 密级, 备注 and the file name as body.
CREATE VIEW search_src_document AS
SELECT 'document' AS kind, CAST(d.id AS TEXT) AS ref, d.id AS src_id, d.organisation_id AS organisation_id,
       d.title AS title,
       d.fonds_code || '-' || d.category_code || '·' || d.year || '-' || d.retention || '-' || printf('%04d', d.item_no) ||
       char(10) || d.author || char(10) || d.doc_ref || char(10) || d.doc_date || char(10) || d.secret || char(10) ||
       d.notes || char(10) || d.file_name AS body,
       '{section:' || d.section_id || '} · 档号 ' || d.fonds_code || '-' || d.category_code || '·' || d.year || '-' ||
         d.retention || '-' || printf('%04d', d.item_no) AS location,
       CASE WHEN length(d.doc_date) = 8
            THEN substr(d.doc_date, 1, 4) || '-' || substr(d.doc_date, 5, 2) || '-' || substr(d.doc_date, 7, 2)
            ELSE '' END AS item_date
FROM document AS d;

-- Free entries of the one book (0005).
CREATE VIEW search_src_entry AS
SELECT 'entry' AS kind, CAST(e.id AS TEXT) AS ref, e.id AS src_id, e.organisation_id AS organisation_id,
       e.title AS title, e.body AS body,
       '{section:' || e.section_id || '} · ' || e.entry_date AS location,
       e.entry_date AS item_date
FROM book_entry AS e;

-- Rule texts of 基本制度 (0005): the home organisation's standard texts as edited (or as the
-- plugin ships them), and every organisation's edited or own texts (a superior's archive).
CREATE VIEW search_src_ruletext AS
SELECT 'ruletext' AS kind, o.id || ':' || d.text_id AS ref, d.text_id AS src_id, o.id AS organisation_id,
       coalesce(t.title, d.title) AS title, coalesce(t.body, d.body) AS body,
       '{section:' || coalesce(t.section_id, d.section_id) || '} · ' || coalesce(t.title, d.title) AS location,
       coalesce(substr(t.edited_at, 1, 10), '') AS item_date
FROM organisation AS o
JOIN search_ruletext_default AS d ON d.sector = o.sector
LEFT JOIN rule_text AS t ON t.organisation_id = o.id AND t.text_id = d.text_id
WHERE o.is_home = 1
UNION ALL
SELECT 'ruletext', t.organisation_id || ':' || t.text_id, t.text_id, t.organisation_id,
       t.title, t.body,
       '{section:' || t.section_id || '} · ' || t.title,
       substr(t.edited_at, 1, 10)
FROM rule_text AS t
JOIN organisation AS o ON o.id = t.organisation_id
WHERE o.is_home = 0
   OR NOT EXISTS (SELECT 1 FROM search_ruletext_default AS d WHERE d.sector = o.sector AND d.text_id = t.text_id);

-- Assessments (0003): every deduction reason and note in force (the latest score per round and
-- item), and the grade with its explanation and veto reasons. src_id is the assessment: the
-- triggers re-derive an assessment's items whenever any of its rows change.
CREATE VIEW search_src_assessment AS
SELECT 'assessment' AS kind, 'score:' || s.assessment_id || ':' || s.round || ':' || s.item_id AS ref,
       s.assessment_id AS src_id, a.organisation_id AS organisation_id,
       a.year || ' 年度考核 · 第 ' || s.item_id || ' 项（' ||
         CASE s.round WHEN 'self' THEN '自评' ELSE '组织考核' END || '）' AS title,
       (coalesce(s.reason, '') || char(10) || coalesce(s.note, '')) AS body,
       '工作记录 · ' || a.year || ' 年度考核' AS location,
       substr(s.scored_at, 1, 10) AS item_date
FROM assessment_score AS s
JOIN assessment AS a ON a.id = s.assessment_id
WHERE (s.reason <> '' OR s.note <> '')
  AND s.id = (SELECT max(l.id) FROM assessment_score AS l
              WHERE l.assessment_id = s.assessment_id AND l.round = s.round AND l.item_id = s.item_id)
UNION ALL
SELECT 'assessment', 'assessment:' || a.id, a.id, a.organisation_id,
       a.year || ' 年度考核结果：' || coalesce(a.final_grade, '未定级'),
       (coalesce(a.grade_explanation, '') || char(10) ||
        coalesce((SELECT group_concat(v.reason, char(10)) FROM assessment_veto AS v WHERE v.assessment_id = a.id), '')),
       '工作记录 · ' || a.year || ' 年度考核',
       coalesce(substr(a.finalised_at, 1, 10), '')
FROM assessment AS a
WHERE a.final_grade IS NOT NULL OR EXISTS (SELECT 1 FROM assessment_veto AS v WHERE v.assessment_id = a.id);

-- Everything, for rebuild_index().
CREATE VIEW search_source AS
          SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_record
UNION ALL SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_rectification
UNION ALL SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_document
UNION ALL SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_entry
UNION ALL SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_ruletext
UNION ALL SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment;

-- ---- triggers: each re-derives the items of the changed source row ----------------------------

CREATE TRIGGER search_record_ai AFTER INSERT ON record BEGIN
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_record WHERE src_id = NEW.id
  ON CONFLICT(kind, ref) DO UPDATE SET organisation_id = excluded.organisation_id, title = excluded.title,
    body = excluded.body, location = excluded.location, item_date = excluded.item_date;
END;
CREATE TRIGGER search_record_au AFTER UPDATE ON record BEGIN
  DELETE FROM search_item WHERE kind = 'record' AND ref = CAST(OLD.id AS TEXT);
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_record WHERE src_id = NEW.id;
END;
CREATE TRIGGER search_record_ad AFTER DELETE ON record BEGIN
  DELETE FROM search_item WHERE kind = 'record' AND ref = CAST(OLD.id AS TEXT);
END;

CREATE TRIGGER search_rectification_ai AFTER INSERT ON rectification_item BEGIN
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_rectification WHERE src_id = NEW.id
  ON CONFLICT(kind, ref) DO UPDATE SET organisation_id = excluded.organisation_id, title = excluded.title,
    body = excluded.body, location = excluded.location, item_date = excluded.item_date;
END;
CREATE TRIGGER search_rectification_au AFTER UPDATE ON rectification_item BEGIN
  DELETE FROM search_item WHERE kind = 'rectification' AND ref = CAST(OLD.id AS TEXT);
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_rectification WHERE src_id = NEW.id;
END;
CREATE TRIGGER search_rectification_ad AFTER DELETE ON rectification_item BEGIN
  DELETE FROM search_item WHERE kind = 'rectification' AND ref = CAST(OLD.id AS TEXT);
END;
-- A status change's note is part of its item's text.
CREATE TRIGGER search_rectification_history_ai AFTER INSERT ON rectification_history BEGIN
  UPDATE search_item SET body = (SELECT body FROM search_src_rectification WHERE src_id = NEW.item_id)
  WHERE kind = 'rectification' AND ref = CAST(NEW.item_id AS TEXT);
END;
CREATE TRIGGER search_rectification_history_au AFTER UPDATE ON rectification_history BEGIN
  UPDATE search_item SET body = (SELECT body FROM search_src_rectification WHERE src_id = NEW.item_id)
  WHERE kind = 'rectification' AND ref = CAST(NEW.item_id AS TEXT);
END;
CREATE TRIGGER search_rectification_history_ad AFTER DELETE ON rectification_history BEGIN
  UPDATE search_item SET body = (SELECT body FROM search_src_rectification WHERE src_id = OLD.item_id)
  WHERE kind = 'rectification' AND ref = CAST(OLD.item_id AS TEXT);
END;

CREATE TRIGGER search_document_ai AFTER INSERT ON document BEGIN
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_document WHERE src_id = NEW.id
  ON CONFLICT(kind, ref) DO UPDATE SET organisation_id = excluded.organisation_id, title = excluded.title,
    body = excluded.body, location = excluded.location, item_date = excluded.item_date;
END;
CREATE TRIGGER search_document_au AFTER UPDATE ON document BEGIN
  DELETE FROM search_item WHERE kind = 'document' AND ref = CAST(OLD.id AS TEXT);
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_document WHERE src_id = NEW.id;
END;
CREATE TRIGGER search_document_ad AFTER DELETE ON document BEGIN
  DELETE FROM search_item WHERE kind = 'document' AND ref = CAST(OLD.id AS TEXT);
END;

CREATE TRIGGER search_entry_ai AFTER INSERT ON book_entry BEGIN
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_entry WHERE src_id = NEW.id
  ON CONFLICT(kind, ref) DO UPDATE SET organisation_id = excluded.organisation_id, title = excluded.title,
    body = excluded.body, location = excluded.location, item_date = excluded.item_date;
END;
CREATE TRIGGER search_entry_au AFTER UPDATE ON book_entry BEGIN
  DELETE FROM search_item WHERE kind = 'entry' AND ref = CAST(OLD.id AS TEXT);
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_entry WHERE src_id = NEW.id;
END;
CREATE TRIGGER search_entry_ad AFTER DELETE ON book_entry BEGIN
  DELETE FROM search_item WHERE kind = 'entry' AND ref = CAST(OLD.id AS TEXT);
END;

-- Rule texts: an edit replaces the standard text's item; dropping the edit brings it back.
CREATE TRIGGER search_ruletext_ai AFTER INSERT ON rule_text BEGIN
  DELETE FROM search_item WHERE kind = 'ruletext' AND ref = NEW.organisation_id || ':' || NEW.text_id;
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_ruletext
  WHERE organisation_id = NEW.organisation_id AND src_id = NEW.text_id;
END;
CREATE TRIGGER search_ruletext_au AFTER UPDATE ON rule_text BEGIN
  DELETE FROM search_item WHERE kind = 'ruletext' AND ref IN (OLD.organisation_id || ':' || OLD.text_id,
                                                             NEW.organisation_id || ':' || NEW.text_id);
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_ruletext
  WHERE (organisation_id = OLD.organisation_id AND src_id = OLD.text_id)
     OR (organisation_id = NEW.organisation_id AND src_id = NEW.text_id);
END;
CREATE TRIGGER search_ruletext_ad AFTER DELETE ON rule_text BEGIN
  DELETE FROM search_item WHERE kind = 'ruletext' AND ref = OLD.organisation_id || ':' || OLD.text_id;
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_ruletext
  WHERE organisation_id = OLD.organisation_id AND src_id = OLD.text_id;
END;

-- Assessments: any change to an assessment, its scores or its vetoes re-derives its items.
CREATE TRIGGER search_assessment_ai AFTER INSERT ON assessment BEGIN
  DELETE FROM search_item WHERE kind = 'assessment'
    AND (ref = 'assessment:' || NEW.id OR (ref >= 'score:' || NEW.id || ':' AND ref < 'score:' || NEW.id || ';'));
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = NEW.id;
END;
CREATE TRIGGER search_assessment_au AFTER UPDATE ON assessment BEGIN
  DELETE FROM search_item WHERE kind = 'assessment'
    AND (ref = 'assessment:' || NEW.id OR (ref >= 'score:' || NEW.id || ':' AND ref < 'score:' || NEW.id || ';'));
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = NEW.id;
END;
CREATE TRIGGER search_assessment_ad AFTER DELETE ON assessment BEGIN
  DELETE FROM search_item WHERE kind = 'assessment'
    AND (ref = 'assessment:' || OLD.id OR (ref >= 'score:' || OLD.id || ':' AND ref < 'score:' || OLD.id || ';'));
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = OLD.id;
END;
CREATE TRIGGER search_assessment_score_ai AFTER INSERT ON assessment_score BEGIN
  DELETE FROM search_item WHERE kind = 'assessment'
    AND (ref = 'assessment:' || NEW.assessment_id OR (ref >= 'score:' || NEW.assessment_id || ':' AND ref < 'score:' || NEW.assessment_id || ';'));
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = NEW.assessment_id;
END;
CREATE TRIGGER search_assessment_score_au AFTER UPDATE ON assessment_score BEGIN
  DELETE FROM search_item WHERE kind = 'assessment'
    AND (ref = 'assessment:' || NEW.assessment_id OR (ref >= 'score:' || NEW.assessment_id || ':' AND ref < 'score:' || NEW.assessment_id || ';'));
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = NEW.assessment_id;
END;
CREATE TRIGGER search_assessment_score_ad AFTER DELETE ON assessment_score BEGIN
  DELETE FROM search_item WHERE kind = 'assessment'
    AND (ref = 'assessment:' || OLD.assessment_id OR (ref >= 'score:' || OLD.assessment_id || ':' AND ref < 'score:' || OLD.assessment_id || ';'));
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = OLD.assessment_id;
END;
CREATE TRIGGER search_assessment_veto_ai AFTER INSERT ON assessment_veto BEGIN
  DELETE FROM search_item WHERE kind = 'assessment'
    AND (ref = 'assessment:' || NEW.assessment_id OR (ref >= 'score:' || NEW.assessment_id || ':' AND ref < 'score:' || NEW.assessment_id || ';'));
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = NEW.assessment_id;
END;
CREATE TRIGGER search_assessment_veto_au AFTER UPDATE ON assessment_veto BEGIN
  DELETE FROM search_item WHERE kind = 'assessment'
    AND (ref = 'assessment:' || NEW.assessment_id OR (ref >= 'score:' || NEW.assessment_id || ':' AND ref < 'score:' || NEW.assessment_id || ';'));
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = NEW.assessment_id;
END;
CREATE TRIGGER search_assessment_veto_ad AFTER DELETE ON assessment_veto BEGIN
  DELETE FROM search_item WHERE kind = 'assessment'
    AND (ref = 'assessment:' || OLD.assessment_id OR (ref >= 'score:' || OLD.assessment_id || ':' AND ref < 'score:' || OLD.assessment_id || ';'));
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = OLD.assessment_id;
END;

-- ---- packages ---------------------------------------------------------------------------------

-- One row per package import attempt that reached the database (rejected packages write nothing).
CREATE TABLE package_import (
  id               INTEGER PRIMARY KEY,
  imported_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  package_id       TEXT NOT NULL,                  -- Internal-Sender-Identifier of the bag
  organisation_id  INTEGER REFERENCES organisation(id) ON DELETE CASCADE,
  organisation_uid TEXT NOT NULL,                  -- External-Identifier of the bag
  exported_at      TEXT NOT NULL,                  -- when the branch made the package
  file_name        TEXT NOT NULL,
  file_sha256      TEXT NOT NULL,
  outcome          TEXT NOT NULL CHECK (outcome IN ('added','replaced','unchanged'))
);
CREATE INDEX package_import_org ON package_import(organisation_id, exported_at);

-- What an import changed, per kind (table) of data.
CREATE TABLE package_import_change (
  import_id INTEGER NOT NULL REFERENCES package_import(id) ON DELETE CASCADE,
  kind      TEXT NOT NULL,
  added     INTEGER NOT NULL DEFAULT 0,
  removed   INTEGER NOT NULL DEFAULT 0,
  changed   INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (import_id, kind)
);

-- Which local row holds which row of the branch's own archive, with a hash of its content:
-- re-importing updates rows in place (their local ids, and what the superior links to them, stay).
CREATE TABLE package_row (
  organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  tbl             TEXT NOT NULL,
  source_key      TEXT NOT NULL,                   -- the row's key in the branch's archive (JSON)
  local_key       TEXT NOT NULL,                   -- the row's key here (JSON)
  content_sha256  TEXT NOT NULL,
  PRIMARY KEY (organisation_id, tbl, source_key)
);

-- Archive settings of an imported organisation (全宗号…), kept beside it.
CREATE TABLE package_setting (
  organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  key             TEXT NOT NULL,
  value           TEXT NOT NULL,
  PRIMARY KEY (organisation_id, key)
);

-- ---- the superior's summary ------------------------------------------------------------------

-- 说明情况 of the 分类定级一览表 (《分类定级工作文件汇编》 第一篇 三、4): written by the superior for a branch whose
-- grade needs one (community/village/enterprise rated 好 or 较差, organ/eduhealth 一般 or 较差).
CREATE TABLE grading_explanation (
  organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  year            INTEGER NOT NULL CHECK (year BETWEEN 1921 AND 2200),
  text            TEXT NOT NULL CHECK (length(text) > 0),
  written_by      TEXT NOT NULL DEFAULT '',
  written_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  PRIMARY KEY (organisation_id, year)
);
