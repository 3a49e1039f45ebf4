-- The rectification ledger's history becomes a view of the journal (全程纪实): one mechanism.
--
-- A status change is now one UPDATE of the item: its status, the date and note of the change
-- (status_on, status_note) and a counter (status_seq) that every change moves on, so that the
-- journal's row for that UPDATE is the history line. The history rows kept so far become one
-- change set of kind 'migration' (their dates and notes as they were), and rectification_history
-- is from now on a view over the journal with the same columns, which packages still carry.

ALTER TABLE rectification_item ADD COLUMN status_on TEXT;                       -- date of the last status change
ALTER TABLE rectification_item ADD COLUMN status_note TEXT;                     -- its note (销号 note, …)
ALTER TABLE rectification_item ADD COLUMN status_seq INTEGER NOT NULL DEFAULT 0; -- changes so far (1: created)

-- The old history, line by line and in its order, as the journal's rows of one migration set.
INSERT INTO change_set(by_name, kind, summary)
SELECT '', 'migration', '整改进展并入全程纪实' WHERE EXISTS (SELECT 1 FROM rectification_history);

INSERT INTO change_row(set_id, tbl, op, row_id, before, after)
SELECT (SELECT max(id) FROM change_set), 'rectification_item',
       CASE WHEN h.from_status IS NULL THEN 'I' ELSE 'U' END, h.item_id,
       CASE WHEN h.from_status IS NULL THEN NULL ELSE json_object('status', h.from_status, 'status_seq', h.n - 1) END,
       json_object('status', h.to_status, 'status_on', h.changed_on, 'status_note', coalesce(h.note, ''), 'status_seq', h.n)
FROM (SELECT *, row_number() OVER (PARTITION BY item_id ORDER BY id) AS n FROM rectification_history) AS h
ORDER BY h.id;

UPDATE rectification_item SET
  status_seq  = (SELECT count(*) FROM rectification_history AS h WHERE h.item_id = rectification_item.id),
  status_on   = coalesce((SELECT h.changed_on FROM rectification_history AS h WHERE h.item_id = rectification_item.id
                          ORDER BY h.id DESC LIMIT 1), created_on),
  status_note = (SELECT h.note FROM rectification_history AS h WHERE h.item_id = rectification_item.id
                 ORDER BY h.id DESC LIMIT 1);

-- Imports remembered rows of the old table by their keys: the lines now come with the items.
DELETE FROM package_row WHERE tbl = 'rectification_history';

-- (ALTER TABLE checks the whole schema: the views go only after it.)
DROP TRIGGER IF EXISTS search_rectification_history_ai;
DROP TRIGGER IF EXISTS search_rectification_history_au;
DROP TRIGGER IF EXISTS search_rectification_history_ad;
DROP VIEW IF EXISTS search_src_rectification;

DROP TABLE rectification_history;

-- The history of an item: the journal's rows that moved its status_seq, since it was created
-- (an id freed by a deletion and taken again starts afresh; coming back from the recycle bin or
-- by an undo is not a new creation). An undo or redo is a line of its own, dated when it was made.
CREATE VIEW rectification_history AS
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

-- Search: the notes of the status changes, the latest one from the item itself (the journal's row
-- of the same UPDATE may be written after the search index's).
CREATE VIEW search_src_rectification AS
SELECT 'rectification' AS kind, CAST(i.id AS TEXT) AS ref, i.id AS src_id, i.organisation_id AS organisation_id,
       i.issue AS title,
       coalesce(i.measures, '') || char(10) || coalesce(i.owner_name, '') || char(10) ||
       coalesce(i.target, '') || char(10) || coalesce(i.progress, '') || char(10) ||
       coalesce((SELECT group_concat(h.note, char(10)) FROM rectification_history AS h WHERE h.item_id = i.id), '') ||
       char(10) || coalesce(i.status_note, '') AS body,
       '整改台账 · 完成时限 ' || i.deadline AS location,
       i.created_on AS item_date
FROM rectification_item AS i;
