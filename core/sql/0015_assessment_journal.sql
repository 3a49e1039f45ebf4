-- The assessment's scores, survey counts and vetoes keep one row each, changed in place, and their
-- history becomes a view of the journal (全程纪实): one mechanism, as for the rectification ledger.
--
-- assessment_score holds one row per assessment, round and item; assessment_survey one per
-- assessment; assessment_veto one per assessment and veto. A change is one UPDATE of that row, and
-- a counter (seq) that every change moves on makes the journal's row for that UPDATE the history
-- line. The rows kept so far become one change set of kind 'migration' (every line with its values,
-- who and when), the latest row of each key stays with its id and the others go.
-- assessment_score_history, assessment_survey_history and assessment_veto_history list the lines
-- with the columns the tables had (id: the journal row), oldest first; packages carry them.

ALTER TABLE assessment_score ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;  -- changes so far (1: first scored)
ALTER TABLE assessment_survey ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE assessment_veto ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;

INSERT INTO change_set(by_name, kind, summary)
SELECT '', 'migration', '考核评分、测评票数和否决项的记录并入全程纪实'
WHERE EXISTS (SELECT 1 FROM assessment_score) OR EXISTS (SELECT 1 FROM assessment_survey)
   OR EXISTS (SELECT 1 FROM assessment_veto);

-- Every old row, in its order, as a line of the row that stays for its key: the first one created
-- it, each later one changed it (all its values, so that each line reads alone).
INSERT INTO change_row(set_id, tbl, op, row_id, before, after)
SELECT (SELECT max(id) FROM change_set), 'assessment_score', CASE WHEN h.n = 1 THEN 'I' ELSE 'U' END, h.keep,
       CASE WHEN h.n = 1 THEN NULL ELSE json_object('seq', h.n - 1) END,
       CASE WHEN h.n = 1 THEN json_object('id', h.keep, 'assessment_id', h.assessment_id, 'round', h.round, 'item_id', h.item_id,
                                          'points', h.points, 'reason', h.reason, 'note', h.note, 'checks', h.checks,
                                          'proposal', h.proposal, 'scored_by', h.scored_by, 'scored_at', h.scored_at, 'seq', 1)
            ELSE json_object('points', h.points, 'reason', h.reason, 'note', h.note, 'checks', h.checks, 'proposal', h.proposal,
                             'scored_by', h.scored_by, 'scored_at', h.scored_at, 'seq', h.n) END
FROM (SELECT s.*, row_number() OVER (PARTITION BY assessment_id, round, item_id ORDER BY id) AS n,
             max(id) OVER (PARTITION BY assessment_id, round, item_id) AS keep
      FROM assessment_score AS s) AS h
ORDER BY h.id;

INSERT INTO change_row(set_id, tbl, op, row_id, before, after)
SELECT (SELECT max(id) FROM change_set), 'assessment_survey', CASE WHEN h.n = 1 THEN 'I' ELSE 'U' END, h.keep,
       CASE WHEN h.n = 1 THEN NULL ELSE json_object('seq', h.n - 1) END,
       json_patch(CASE WHEN h.n = 1 THEN json_object('id', h.keep, 'assessment_id', h.assessment_id) ELSE '{}' END,
                  json_object('member_satisfied', h.member_satisfied, 'member_basic', h.member_basic,
                              'member_dissatisfied', h.member_dissatisfied, 'public_satisfied', h.public_satisfied,
                              'public_basic', h.public_basic, 'public_dissatisfied', h.public_dissatisfied, 'rate', h.rate,
                              'points', h.points, 'recorded_by', h.recorded_by, 'recorded_at', h.recorded_at, 'seq', h.n))
FROM (SELECT s.*, row_number() OVER (PARTITION BY assessment_id ORDER BY id) AS n,
             max(id) OVER (PARTITION BY assessment_id) AS keep
      FROM assessment_survey AS s) AS h
ORDER BY h.id;

INSERT INTO change_row(set_id, tbl, op, row_id, before, after)
SELECT (SELECT max(id) FROM change_set), 'assessment_veto', CASE WHEN h.n = 1 THEN 'I' ELSE 'U' END, h.keep,
       CASE WHEN h.n = 1 THEN NULL ELSE json_object('seq', h.n - 1) END,
       json_patch(CASE WHEN h.n = 1 THEN json_object('id', h.keep, 'assessment_id', h.assessment_id, 'veto_id', h.veto_id)
                       ELSE '{}' END,
                  json_object('active', h.active, 'reason', h.reason, 'flagged_by', h.flagged_by, 'flagged_at', h.flagged_at,
                              'seq', h.n))
FROM (SELECT s.*, row_number() OVER (PARTITION BY assessment_id, veto_id ORDER BY id) AS n,
             max(id) OVER (PARTITION BY assessment_id, veto_id) AS keep
      FROM assessment_veto AS s) AS h
ORDER BY h.id;

UPDATE assessment_score SET seq = (SELECT count(*) FROM assessment_score AS o WHERE o.assessment_id = assessment_score.assessment_id
                                   AND o.round = assessment_score.round AND o.item_id = assessment_score.item_id);
DELETE FROM assessment_score WHERE id <> (SELECT max(o.id) FROM assessment_score AS o WHERE o.assessment_id = assessment_score.assessment_id
                                          AND o.round = assessment_score.round AND o.item_id = assessment_score.item_id);
UPDATE assessment_survey SET seq = (SELECT count(*) FROM assessment_survey AS o WHERE o.assessment_id = assessment_survey.assessment_id);
DELETE FROM assessment_survey WHERE id <> (SELECT max(o.id) FROM assessment_survey AS o
                                           WHERE o.assessment_id = assessment_survey.assessment_id);
UPDATE assessment_veto SET seq = (SELECT count(*) FROM assessment_veto AS o WHERE o.assessment_id = assessment_veto.assessment_id
                                  AND o.veto_id = assessment_veto.veto_id);
DELETE FROM assessment_veto WHERE id <> (SELECT max(o.id) FROM assessment_veto AS o WHERE o.assessment_id = assessment_veto.assessment_id
                                         AND o.veto_id = assessment_veto.veto_id);

-- Imports remembered the old rows by their keys: the lines are now replayed by their order.
DELETE FROM package_row WHERE tbl IN ('assessment_score', 'assessment_survey', 'assessment_veto');

-- The lines of a row: the journal's rows that moved its seq since it was created (an id freed by
-- a deletion and taken again starts afresh; coming back by an undo is not a new creation). An
-- update keeps only the columns it changed: the others are the row's as the line before left
-- them. An undo or redo is a line of its own, dated when and by whom it was made.
-- The row comes first (CROSS JOIN keeps that order): the lines of one assessment, or of one key,
-- are found through the row's index and the journal's (tbl, row_id) index, never by reading every
-- journal row of the table, so a package import costs the same in a superior of 1,000 branches.
CREATE VIEW assessment_score_history AS
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

CREATE VIEW assessment_survey_history AS
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

CREATE VIEW assessment_veto_history AS
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

-- Search: the reasons of every veto flagged or withdrawn (they were all searchable before), the
-- current ones from the rows themselves (the journal's row of the same change may come after).
DROP VIEW search_src_assessment;
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
        coalesce((SELECT group_concat(h.reason, char(10)) FROM assessment_veto_history AS h WHERE h.assessment_id = a.id), '') ||
        char(10) || coalesce((SELECT group_concat(v.reason, char(10)) FROM assessment_veto AS v WHERE v.assessment_id = a.id), '')),
       '工作记录 · ' || a.year || ' 年度考核',
       coalesce(substr(a.finalised_at, 1, 10), '')
FROM assessment AS a
WHERE a.final_grade IS NOT NULL OR EXISTS (SELECT 1 FROM assessment_veto AS v WHERE v.assessment_id = a.id);
