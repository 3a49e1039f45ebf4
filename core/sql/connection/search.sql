-- The search index's views and triggers (see 0006_search.sql for the design): TEMP objects made on a
-- connection just before its first write, with the journal's triggers (core/src/journal.cpp), so a
-- process that only reads never parses them. Migration 0020 dropped the file's copies. The file's
-- guard triggers refuse a change by a program without OneBook's journal (it would miss these too).
-- Adding a source: a view search_src_<kind>, added to search_source, and its three triggers here.
-- search_src_rectification and search_src_assessment read two of the journal's history views, TEMP
-- ones too (connection/history.sql), made when a trigger that reads them is first prepared.

CREATE TEMP VIEW search_src_record AS
SELECT 'record' AS kind, CAST(r.id AS TEXT) AS ref, r.id AS src_id, r.organisation_id AS organisation_id,
       coalesce(nullif(r.topic, ''), r.type_name) AS title,
       coalesce(r.type_name, '') || char(10) || coalesce(r.place, '') || char(10) ||
       coalesce(r.host, '') || char(10) || coalesce(r.recorder, '') || char(10) ||
       coalesce((SELECT group_concat(j.value, char(10)) FROM json_tree(r.fields) AS j WHERE j.type = 'text'), '') AS body,
       '{record:' || r.type || '} · ' || r.date || ' ' || r.type_name AS location,
       r.date AS item_date
FROM record AS r;

CREATE TEMP VIEW search_src_rectification AS
SELECT 'rectification' AS kind, CAST(i.id AS TEXT) AS ref, i.id AS src_id, i.organisation_id AS organisation_id,
       i.issue AS title,
       coalesce(i.measures, '') || char(10) || coalesce(i.owner_name, '') || char(10) ||
       coalesce(i.target, '') || char(10) || coalesce(i.progress, '') || char(10) ||
       coalesce((SELECT group_concat(h.note, char(10)) FROM rectification_history AS h WHERE h.item_id = i.id), '') ||
       char(10) || coalesce(i.status_note, '') AS body,
       '整改台账 · 完成时限 ' || i.deadline AS location,
       i.created_on AS item_date
FROM rectification_item AS i;

CREATE TEMP VIEW search_src_document AS
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

CREATE TEMP VIEW search_src_entry AS
SELECT 'entry' AS kind, CAST(e.id AS TEXT) AS ref, e.id AS src_id, e.organisation_id AS organisation_id,
       e.title AS title, e.body AS body,
       '{section:' || e.section_id || '} · ' || e.entry_date AS location,
       e.entry_date AS item_date
FROM book_entry AS e;

CREATE TEMP VIEW search_src_ruletext AS
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

CREATE TEMP VIEW search_src_assessment AS
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
        coalesce((SELECT group_concat(h.reason, char(10)) FROM assessment_veto_history AS h WHERE h.assessment_id = a.id), '') ||
        char(10) || coalesce((SELECT group_concat(v.reason, char(10)) FROM assessment_veto AS v WHERE v.assessment_id = a.id), '')),
       '工作记录 · ' || a.year || ' 年度考核',
       coalesce(substr(a.finalised_at, 1, 10), '')
FROM assessment AS a
WHERE a.final_grade IS NOT NULL OR EXISTS (SELECT 1 FROM assessment_veto AS v WHERE v.assessment_id = a.id);

CREATE TEMP VIEW search_source AS
          SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_record
UNION ALL SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_rectification
UNION ALL SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_document
UNION ALL SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_entry
UNION ALL SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_ruletext
UNION ALL SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment;

CREATE TEMP TRIGGER search_item_ai AFTER INSERT ON main.search_item BEGIN
  INSERT INTO search_pending(item_id) SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE item_id = NEW.id);
END;

CREATE TEMP TRIGGER search_item_au AFTER UPDATE ON main.search_item BEGIN
  INSERT INTO search_pending(item_id) SELECT OLD.id WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE item_id = OLD.id);
  INSERT INTO search_pending(item_id) SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE item_id = NEW.id);
END;

CREATE TEMP TRIGGER search_item_ad AFTER DELETE ON main.search_item BEGIN
  INSERT INTO search_pending(item_id) SELECT OLD.id WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE item_id = OLD.id);
END;

CREATE TEMP TRIGGER search_record_ai AFTER INSERT ON main.record BEGIN
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_record WHERE src_id = NEW.id
  ON CONFLICT(kind, ref) DO UPDATE SET organisation_id = excluded.organisation_id, title = excluded.title,
    body = excluded.body, location = excluded.location, item_date = excluded.item_date;
END;

CREATE TEMP TRIGGER search_record_au AFTER UPDATE ON main.record BEGIN
  DELETE FROM search_item WHERE kind = 'record' AND ref = CAST(OLD.id AS TEXT);
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_record WHERE src_id = NEW.id;
END;

CREATE TEMP TRIGGER search_record_ad AFTER DELETE ON main.record BEGIN
  DELETE FROM search_item WHERE kind = 'record' AND ref = CAST(OLD.id AS TEXT);
END;

CREATE TEMP TRIGGER search_rectification_ai AFTER INSERT ON main.rectification_item BEGIN
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_rectification WHERE src_id = NEW.id
  ON CONFLICT(kind, ref) DO UPDATE SET organisation_id = excluded.organisation_id, title = excluded.title,
    body = excluded.body, location = excluded.location, item_date = excluded.item_date;
END;

CREATE TEMP TRIGGER search_rectification_au AFTER UPDATE ON main.rectification_item BEGIN
  DELETE FROM search_item WHERE kind = 'rectification' AND ref = CAST(OLD.id AS TEXT);
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_rectification WHERE src_id = NEW.id;
END;

CREATE TEMP TRIGGER search_rectification_ad AFTER DELETE ON main.rectification_item BEGIN
  DELETE FROM search_item WHERE kind = 'rectification' AND ref = CAST(OLD.id AS TEXT);
END;

CREATE TEMP TRIGGER search_document_ai AFTER INSERT ON main.document BEGIN
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_document WHERE src_id = NEW.id
  ON CONFLICT(kind, ref) DO UPDATE SET organisation_id = excluded.organisation_id, title = excluded.title,
    body = excluded.body, location = excluded.location, item_date = excluded.item_date;
END;

CREATE TEMP TRIGGER search_document_au AFTER UPDATE ON main.document BEGIN
  DELETE FROM search_item WHERE kind = 'document' AND ref = CAST(OLD.id AS TEXT);
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_document WHERE src_id = NEW.id;
END;

CREATE TEMP TRIGGER search_document_ad AFTER DELETE ON main.document BEGIN
  DELETE FROM search_item WHERE kind = 'document' AND ref = CAST(OLD.id AS TEXT);
END;

CREATE TEMP TRIGGER search_entry_ai AFTER INSERT ON main.book_entry BEGIN
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_entry WHERE src_id = NEW.id
  ON CONFLICT(kind, ref) DO UPDATE SET organisation_id = excluded.organisation_id, title = excluded.title,
    body = excluded.body, location = excluded.location, item_date = excluded.item_date;
END;

CREATE TEMP TRIGGER search_entry_au AFTER UPDATE ON main.book_entry BEGIN
  DELETE FROM search_item WHERE kind = 'entry' AND ref = CAST(OLD.id AS TEXT);
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_entry WHERE src_id = NEW.id;
END;

CREATE TEMP TRIGGER search_entry_ad AFTER DELETE ON main.book_entry BEGIN
  DELETE FROM search_item WHERE kind = 'entry' AND ref = CAST(OLD.id AS TEXT);
END;

CREATE TEMP TRIGGER search_ruletext_ai AFTER INSERT ON main.rule_text BEGIN
  DELETE FROM search_item WHERE kind = 'ruletext' AND ref = NEW.organisation_id || ':' || NEW.text_id;
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_ruletext
  WHERE organisation_id = NEW.organisation_id AND src_id = NEW.text_id;
END;

CREATE TEMP TRIGGER search_ruletext_au AFTER UPDATE ON main.rule_text BEGIN
  DELETE FROM search_item WHERE kind = 'ruletext' AND ref IN (OLD.organisation_id || ':' || OLD.text_id,
                                                             NEW.organisation_id || ':' || NEW.text_id);
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_ruletext
  WHERE (organisation_id = OLD.organisation_id AND src_id = OLD.text_id)
     OR (organisation_id = NEW.organisation_id AND src_id = NEW.text_id);
END;

CREATE TEMP TRIGGER search_ruletext_ad AFTER DELETE ON main.rule_text BEGIN
  DELETE FROM search_item WHERE kind = 'ruletext' AND ref = OLD.organisation_id || ':' || OLD.text_id;
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_ruletext
  WHERE organisation_id = OLD.organisation_id AND src_id = OLD.text_id;
END;

CREATE TEMP TRIGGER search_assessment_ai AFTER INSERT ON main.assessment BEGIN
  DELETE FROM search_item WHERE kind = 'assessment' AND ref = 'assessment:' || NEW.id;
  DELETE FROM search_item WHERE kind = 'assessment' AND ref >= 'score:' || NEW.id || ':' AND ref < 'score:' || NEW.id || ';';
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = NEW.id;
END;

CREATE TEMP TRIGGER search_assessment_au AFTER UPDATE ON main.assessment BEGIN
  DELETE FROM search_item WHERE kind = 'assessment' AND ref = 'assessment:' || NEW.id;
  DELETE FROM search_item WHERE kind = 'assessment' AND ref >= 'score:' || NEW.id || ':' AND ref < 'score:' || NEW.id || ';';
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = NEW.id;
END;

CREATE TEMP TRIGGER search_assessment_ad AFTER DELETE ON main.assessment BEGIN
  DELETE FROM search_item WHERE kind = 'assessment' AND ref = 'assessment:' || OLD.id;
  DELETE FROM search_item WHERE kind = 'assessment' AND ref >= 'score:' || OLD.id || ':' AND ref < 'score:' || OLD.id || ';';
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = OLD.id;
END;

CREATE TEMP TRIGGER search_assessment_score_ai AFTER INSERT ON main.assessment_score BEGIN
  DELETE FROM search_item WHERE kind = 'assessment' AND ref = 'assessment:' || NEW.assessment_id;
  DELETE FROM search_item WHERE kind = 'assessment' AND ref >= 'score:' || NEW.assessment_id || ':' AND ref < 'score:' || NEW.assessment_id || ';';
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = NEW.assessment_id;
END;

CREATE TEMP TRIGGER search_assessment_score_au AFTER UPDATE ON main.assessment_score BEGIN
  DELETE FROM search_item WHERE kind = 'assessment' AND ref = 'assessment:' || NEW.assessment_id;
  DELETE FROM search_item WHERE kind = 'assessment' AND ref >= 'score:' || NEW.assessment_id || ':' AND ref < 'score:' || NEW.assessment_id || ';';
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = NEW.assessment_id;
END;

CREATE TEMP TRIGGER search_assessment_score_ad AFTER DELETE ON main.assessment_score BEGIN
  DELETE FROM search_item WHERE kind = 'assessment' AND ref = 'assessment:' || OLD.assessment_id;
  DELETE FROM search_item WHERE kind = 'assessment' AND ref >= 'score:' || OLD.assessment_id || ':' AND ref < 'score:' || OLD.assessment_id || ';';
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = OLD.assessment_id;
END;

CREATE TEMP TRIGGER search_assessment_veto_ai AFTER INSERT ON main.assessment_veto BEGIN
  DELETE FROM search_item WHERE kind = 'assessment' AND ref = 'assessment:' || NEW.assessment_id;
  DELETE FROM search_item WHERE kind = 'assessment' AND ref >= 'score:' || NEW.assessment_id || ':' AND ref < 'score:' || NEW.assessment_id || ';';
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = NEW.assessment_id;
END;

CREATE TEMP TRIGGER search_assessment_veto_au AFTER UPDATE ON main.assessment_veto BEGIN
  DELETE FROM search_item WHERE kind = 'assessment' AND ref = 'assessment:' || NEW.assessment_id;
  DELETE FROM search_item WHERE kind = 'assessment' AND ref >= 'score:' || NEW.assessment_id || ':' AND ref < 'score:' || NEW.assessment_id || ';';
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = NEW.assessment_id;
END;

CREATE TEMP TRIGGER search_assessment_veto_ad AFTER DELETE ON main.assessment_veto BEGIN
  DELETE FROM search_item WHERE kind = 'assessment' AND ref = 'assessment:' || OLD.assessment_id;
  DELETE FROM search_item WHERE kind = 'assessment' AND ref >= 'score:' || OLD.assessment_id || ':' AND ref < 'score:' || OLD.assessment_id || ';';
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = OLD.assessment_id;
END;
