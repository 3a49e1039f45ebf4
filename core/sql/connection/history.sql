-- The journal's history views (全程纪实): the lines of a rectification item's status, and of an
-- assessment's scores, survey and vetoes, read from change_row. TEMP views, each made on a
-- connection the first time a statement names it (Database::set_views_on_demand), so a command that
-- never reads a history never parses them; migration 0021 dropped the file's copies (0012, 0015).
-- One statement per view, each at the start of a line and ending with ";" at the end of one: each
-- view is made alone.

-- The history of an item: the journal's rows that moved its status_seq, since it was created
-- (an id freed by a deletion and taken again starts afresh; coming back from the recycle bin or
-- by an undo is not a new creation). An undo or redo is a line of its own, dated when it was made.
CREATE TEMP VIEW rectification_history AS
SELECT r.id AS id,
       r.row_id AS item_id,
       CASE WHEN s.kind IN ('undo', 'redo') THEN date(s.at, 'localtime')
            ELSE coalesce(json_extract(r.after, '$.status_on'), date(s.at, 'localtime')) END AS changed_on,
       CASE WHEN r.op = 'U' THEN json_extract(r.before, '$.status') END AS from_status,
       coalesce(json_extract(r.after, '$.status'),
                (SELECT i.status FROM rectification_item AS i WHERE i.id = r.row_id)) AS to_status,
       CASE s.kind WHEN 'undo' THEN '撤销：' || coalesce(json_extract(r.before, '$.status_note'), '')
                   WHEN 'redo' THEN '重做：' || coalesce(json_extract(r.after, '$.status_note'), '')
                   ELSE coalesce(json_extract(r.after, '$.status_note'), '') END AS note,
       json_extract(r.after, '$.status_seq') AS status_seq,
       r.set_id AS set_id
FROM change_row AS r JOIN change_set AS s ON s.id = r.set_id
WHERE r.tbl = 'rectification_item'
  AND json_extract(r.after, '$.status_seq') IS NOT NULL
  AND (r.op = 'U' OR (r.op = 'I' AND s.kind NOT IN ('undo', 'redo', 'restore')))
  AND r.id >= (SELECT coalesce(max(c.id), 0) FROM change_row AS c JOIN change_set AS cs ON cs.id = c.set_id
               WHERE c.tbl = 'rectification_item' AND c.row_id = r.row_id AND c.op = 'I'
                 AND json_extract(c.after, '$.status_seq') IS NOT NULL
                 AND cs.kind NOT IN ('undo', 'redo', 'restore'));

-- The lines of a row: the journal's rows that moved its seq since it was created (an id freed by
-- a deletion and taken again starts afresh; coming back by an undo is not a new creation). An
-- update keeps only the columns it changed: the others are the row's as the line before left
-- them. An undo or redo is a line of its own, dated when and by whom it was made.
-- The row comes first (CROSS JOIN keeps that order): the lines of one assessment, or of one key,
-- are found through the row's index and the journal's (tbl, row_id) index, never by reading every
-- journal row of the table, so a package import costs the same in a superior of 1,000 branches.
CREATE TEMP VIEW assessment_score_history AS
SELECT r.id AS id, c.assessment_id AS assessment_id, c.round AS round, c.item_id AS item_id,
       coalesce(json_extract(r.after, '$.points'), (SELECT json_extract(p.after, '$.points') FROM change_row AS p
                WHERE p.tbl = r.tbl AND p.row_id = r.row_id AND p.id < r.id AND json_type(p.after, '$.points') IS NOT NULL
                ORDER BY p.id DESC LIMIT 1)) AS points,
       CASE WHEN json_type(r.after, '$.reason') IS NOT NULL THEN json_extract(r.after, '$.reason')
            ELSE (SELECT json_extract(p.after, '$.reason') FROM change_row AS p WHERE p.tbl = r.tbl AND p.row_id = r.row_id
                  AND p.id < r.id AND json_type(p.after, '$.reason') IS NOT NULL ORDER BY p.id DESC LIMIT 1) END AS reason,
       CASE s.kind WHEN 'undo' THEN '撤销：' WHEN 'redo' THEN '重做：' ELSE '' END ||
       CASE WHEN json_type(r.after, '$.note') IS NOT NULL THEN json_extract(r.after, '$.note')
            ELSE (SELECT json_extract(p.after, '$.note') FROM change_row AS p WHERE p.tbl = r.tbl AND p.row_id = r.row_id
                  AND p.id < r.id AND json_type(p.after, '$.note') IS NOT NULL ORDER BY p.id DESC LIMIT 1) END AS note,
       CASE WHEN json_type(r.after, '$.checks') IS NOT NULL THEN json_extract(r.after, '$.checks')
            ELSE (SELECT json_extract(p.after, '$.checks') FROM change_row AS p WHERE p.tbl = r.tbl AND p.row_id = r.row_id
                  AND p.id < r.id AND json_type(p.after, '$.checks') IS NOT NULL ORDER BY p.id DESC LIMIT 1) END AS checks,
       CASE WHEN json_type(r.after, '$.proposal') IS NOT NULL THEN json_extract(r.after, '$.proposal')
            ELSE (SELECT json_extract(p.after, '$.proposal') FROM change_row AS p WHERE p.tbl = r.tbl AND p.row_id = r.row_id
                  AND p.id < r.id AND json_type(p.after, '$.proposal') IS NOT NULL ORDER BY p.id DESC LIMIT 1) END AS proposal,
       CASE WHEN s.kind IN ('undo', 'redo') THEN s.by_name
            ELSE coalesce(json_extract(r.after, '$.scored_by'), (SELECT json_extract(p.after, '$.scored_by') FROM change_row AS p
                 WHERE p.tbl = r.tbl AND p.row_id = r.row_id AND p.id < r.id AND json_type(p.after, '$.scored_by') IS NOT NULL
                 ORDER BY p.id DESC LIMIT 1)) END AS scored_by,
       CASE WHEN s.kind IN ('undo', 'redo') THEN s.at
            ELSE coalesce(json_extract(r.after, '$.scored_at'), (SELECT json_extract(p.after, '$.scored_at') FROM change_row AS p
                 WHERE p.tbl = r.tbl AND p.row_id = r.row_id AND p.id < r.id AND json_type(p.after, '$.scored_at') IS NOT NULL
                 ORDER BY p.id DESC LIMIT 1)) END AS scored_at,
       json_extract(r.after, '$.seq') AS seq
FROM assessment_score AS c CROSS JOIN change_row AS r ON r.tbl = 'assessment_score' AND r.row_id = c.id JOIN change_set AS s ON s.id = r.set_id
WHERE r.tbl = 'assessment_score' AND json_type(r.after, '$.seq') IS NOT NULL
  AND (r.op = 'U' OR (r.op = 'I' AND s.kind NOT IN ('undo', 'redo', 'restore')))
  AND r.id >= (SELECT coalesce(max(b.id), 0) FROM change_row AS b JOIN change_set AS bs ON bs.id = b.set_id
               WHERE b.tbl = r.tbl AND b.row_id = r.row_id AND b.op = 'I' AND bs.kind NOT IN ('undo', 'redo', 'restore'));

CREATE TEMP VIEW assessment_survey_history AS
SELECT r.id AS id, c.assessment_id AS assessment_id,
       coalesce(json_extract(r.after, '$.member_satisfied'), (SELECT json_extract(p.after, '$.member_satisfied') FROM change_row AS p
                WHERE p.tbl = r.tbl AND p.row_id = r.row_id AND p.id < r.id AND json_type(p.after, '$.member_satisfied') IS NOT NULL
                ORDER BY p.id DESC LIMIT 1)) AS member_satisfied,
       coalesce(json_extract(r.after, '$.member_basic'), (SELECT json_extract(p.after, '$.member_basic') FROM change_row AS p
                WHERE p.tbl = r.tbl AND p.row_id = r.row_id AND p.id < r.id AND json_type(p.after, '$.member_basic') IS NOT NULL
                ORDER BY p.id DESC LIMIT 1)) AS member_basic,
       coalesce(json_extract(r.after, '$.member_dissatisfied'), (SELECT json_extract(p.after, '$.member_dissatisfied') FROM change_row AS p
                WHERE p.tbl = r.tbl AND p.row_id = r.row_id AND p.id < r.id AND json_type(p.after, '$.member_dissatisfied') IS NOT NULL
                ORDER BY p.id DESC LIMIT 1)) AS member_dissatisfied,
       coalesce(json_extract(r.after, '$.public_satisfied'), (SELECT json_extract(p.after, '$.public_satisfied') FROM change_row AS p
                WHERE p.tbl = r.tbl AND p.row_id = r.row_id AND p.id < r.id AND json_type(p.after, '$.public_satisfied') IS NOT NULL
                ORDER BY p.id DESC LIMIT 1)) AS public_satisfied,
       coalesce(json_extract(r.after, '$.public_basic'), (SELECT json_extract(p.after, '$.public_basic') FROM change_row AS p
                WHERE p.tbl = r.tbl AND p.row_id = r.row_id AND p.id < r.id AND json_type(p.after, '$.public_basic') IS NOT NULL
                ORDER BY p.id DESC LIMIT 1)) AS public_basic,
       coalesce(json_extract(r.after, '$.public_dissatisfied'), (SELECT json_extract(p.after, '$.public_dissatisfied') FROM change_row AS p
                WHERE p.tbl = r.tbl AND p.row_id = r.row_id AND p.id < r.id AND json_type(p.after, '$.public_dissatisfied') IS NOT NULL
                ORDER BY p.id DESC LIMIT 1)) AS public_dissatisfied,
       coalesce(json_extract(r.after, '$.rate'), (SELECT json_extract(p.after, '$.rate') FROM change_row AS p
                WHERE p.tbl = r.tbl AND p.row_id = r.row_id AND p.id < r.id AND json_type(p.after, '$.rate') IS NOT NULL
                ORDER BY p.id DESC LIMIT 1)) AS rate,
       coalesce(json_extract(r.after, '$.points'), (SELECT json_extract(p.after, '$.points') FROM change_row AS p
                WHERE p.tbl = r.tbl AND p.row_id = r.row_id AND p.id < r.id AND json_type(p.after, '$.points') IS NOT NULL
                ORDER BY p.id DESC LIMIT 1)) AS points,
       CASE WHEN s.kind IN ('undo', 'redo') THEN s.by_name
            ELSE coalesce(json_extract(r.after, '$.recorded_by'), (SELECT json_extract(p.after, '$.recorded_by') FROM change_row AS p
                 WHERE p.tbl = r.tbl AND p.row_id = r.row_id AND p.id < r.id AND json_type(p.after, '$.recorded_by') IS NOT NULL
                 ORDER BY p.id DESC LIMIT 1)) END AS recorded_by,
       CASE WHEN s.kind IN ('undo', 'redo') THEN s.at
            ELSE coalesce(json_extract(r.after, '$.recorded_at'), (SELECT json_extract(p.after, '$.recorded_at') FROM change_row AS p
                 WHERE p.tbl = r.tbl AND p.row_id = r.row_id AND p.id < r.id AND json_type(p.after, '$.recorded_at') IS NOT NULL
                 ORDER BY p.id DESC LIMIT 1)) END AS recorded_at,
       json_extract(r.after, '$.seq') AS seq
FROM assessment_survey AS c CROSS JOIN change_row AS r ON r.tbl = 'assessment_survey' AND r.row_id = c.id JOIN change_set AS s ON s.id = r.set_id
WHERE r.tbl = 'assessment_survey' AND json_type(r.after, '$.seq') IS NOT NULL
  AND (r.op = 'U' OR (r.op = 'I' AND s.kind NOT IN ('undo', 'redo', 'restore')))
  AND r.id >= (SELECT coalesce(max(b.id), 0) FROM change_row AS b JOIN change_set AS bs ON bs.id = b.set_id
               WHERE b.tbl = r.tbl AND b.row_id = r.row_id AND b.op = 'I' AND bs.kind NOT IN ('undo', 'redo', 'restore'));

CREATE TEMP VIEW assessment_veto_history AS
SELECT r.id AS id, c.assessment_id AS assessment_id, c.veto_id AS veto_id,
       coalesce(json_extract(r.after, '$.active'), (SELECT json_extract(p.after, '$.active') FROM change_row AS p
                WHERE p.tbl = r.tbl AND p.row_id = r.row_id AND p.id < r.id AND json_type(p.after, '$.active') IS NOT NULL
                ORDER BY p.id DESC LIMIT 1)) AS active,
       CASE s.kind WHEN 'undo' THEN '撤销：' WHEN 'redo' THEN '重做：' ELSE '' END ||
       coalesce(json_extract(r.after, '$.reason'), (SELECT json_extract(p.after, '$.reason') FROM change_row AS p
                WHERE p.tbl = r.tbl AND p.row_id = r.row_id AND p.id < r.id AND json_type(p.after, '$.reason') IS NOT NULL
                ORDER BY p.id DESC LIMIT 1)) AS reason,
       CASE WHEN s.kind IN ('undo', 'redo') THEN s.by_name
            ELSE coalesce(json_extract(r.after, '$.flagged_by'), (SELECT json_extract(p.after, '$.flagged_by') FROM change_row AS p
                 WHERE p.tbl = r.tbl AND p.row_id = r.row_id AND p.id < r.id AND json_type(p.after, '$.flagged_by') IS NOT NULL
                 ORDER BY p.id DESC LIMIT 1)) END AS flagged_by,
       CASE WHEN s.kind IN ('undo', 'redo') THEN s.at
            ELSE coalesce(json_extract(r.after, '$.flagged_at'), (SELECT json_extract(p.after, '$.flagged_at') FROM change_row AS p
                 WHERE p.tbl = r.tbl AND p.row_id = r.row_id AND p.id < r.id AND json_type(p.after, '$.flagged_at') IS NOT NULL
                 ORDER BY p.id DESC LIMIT 1)) END AS flagged_at,
       json_extract(r.after, '$.seq') AS seq
FROM assessment_veto AS c CROSS JOIN change_row AS r ON r.tbl = 'assessment_veto' AND r.row_id = c.id JOIN change_set AS s ON s.id = r.set_id
WHERE r.tbl = 'assessment_veto' AND json_type(r.after, '$.seq') IS NOT NULL
  AND (r.op = 'U' OR (r.op = 'I' AND s.kind NOT IN ('undo', 'redo', 'restore')))
  AND r.id >= (SELECT coalesce(max(b.id), 0) FROM change_row AS b JOIN change_set AS bs ON bs.id = b.set_id
               WHERE b.tbl = r.tbl AND b.row_id = r.row_id AND b.op = 'I' AND bs.kind NOT IN ('undo', 'redo', 'restore'));
