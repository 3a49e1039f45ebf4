-- The 入党积极分子 and 发展对象 rosters are views of the 发展党员 pipeline (`recruit`). Archives kept
-- before the pipeline existed hold the older activist list (`activist`): each of its entries becomes
-- a person in the pipeline at the same stage (重点培养对象 is the pipeline's 发展对象), with the
-- application date, the date of the stage, the 培养联系人 and the notes it had, and the stage moves
-- those dates stand for. A person the pipeline already holds under the same name keeps the
-- pipeline's entry; the old entry's notes and contacts are added where the pipeline has none.
-- The old rows are then removed: nothing writes the old list any more (the table stays so that
-- packages from branches on an older version still read). The whole move is one change set of kind
-- 'migration' in the journal (全程纪实), so the history shows it and undo does not reach past it.

CREATE TEMP TABLE activist_move AS
SELECT a.id AS old_id,
       (SELECT coalesce(max(id), 0) FROM recruit) + a.id AS new_id,
       a.organisation_id, a.name, a.gender, a.birth_date,
       CASE a.stage WHEN '重点培养对象' THEN '发展对象' ELSE a.stage END AS stage,
       coalesce(a.applied_on, a.stage_since, date('now', 'localtime')) AS applied_on,
       coalesce(a.stage_since, a.applied_on, date('now', 'localtime')) AS stage_since,
       nullif(trim(coalesce(a.sponsor_names, '')), '') AS contacts,
       ltrim(coalesce(a.notes, '') ||
             CASE WHEN a.applied_on IS NULL THEN '；原入党积极分子名单未记递交入党申请书日期' ELSE '' END ||
             CASE WHEN a.stage_since IS NULL AND a.stage <> '入党申请人'
                  THEN '；原入党积极分子名单未记确定为' || a.stage || '的日期' ELSE '' END, '；') AS notes,
       a.applied_on IS NULL AS no_application_date,
       a.stage_since IS NULL AS no_stage_date
FROM activist a
WHERE NOT EXISTS (SELECT 1 FROM recruit r WHERE r.organisation_id = a.organisation_id AND r.name = a.name);

INSERT INTO change_set(by_name, kind, summary)
SELECT '', 'migration', '原入党积极分子名单并入发展党员' WHERE EXISTS (SELECT 1 FROM activist);
CREATE TEMP TABLE activist_set AS SELECT max(id) AS id FROM change_set WHERE kind = 'migration';

INSERT INTO recruit(id, organisation_id, name, gender, birth_date, applied_on, stage, stage_since, contacts, notes)
SELECT new_id, organisation_id, name, gender, birth_date, applied_on, stage,
       max(applied_on, stage_since), contacts, nullif(notes, '')
FROM activist_move ORDER BY old_id;

-- The steps the old dates stand for: the application, then the stage reached (when its date was
-- recorded).
INSERT INTO recruit_event(recruit_id, kind, stage, on_date, note)
SELECT new_id, '阶段', '入党申请人', applied_on, '递交入党申请书'
FROM activist_move ORDER BY old_id;

INSERT INTO recruit_event(recruit_id, kind, stage, on_date, note)
SELECT new_id, '阶段', stage, max(applied_on, stage_since),
       CASE stage WHEN '发展对象' THEN '由原入党积极分子名单（重点培养对象）转入' ELSE '由原入党积极分子名单转入' END
FROM activist_move WHERE stage <> '入党申请人' AND NOT no_stage_date ORDER BY old_id;

INSERT INTO change_row(set_id, tbl, op, row_id, after)
SELECT (SELECT id FROM activist_set), 'recruit', 'I', r.id,
       json_object('id', r.id, 'organisation_id', r.organisation_id, 'name', r.name, 'gender', r.gender,
                   'birth_date', r.birth_date, 'applied_on', r.applied_on, 'stage', r.stage, 'stage_since', r.stage_since,
                   'contacts', r.contacts, 'member_id', r.member_id, 'notes', r.notes)
FROM recruit AS r WHERE r.id IN (SELECT new_id FROM activist_move) ORDER BY r.id;

INSERT INTO change_row(set_id, tbl, op, row_id, after)
SELECT (SELECT id FROM activist_set), 'recruit_event', 'I', e.id,
       json_object('id', e.id, 'recruit_id', e.recruit_id, 'kind', e.kind, 'stage', e.stage, 'on_date', e.on_date,
                   'record_id', e.record_id, 'days', e.days, 'hours', e.hours, 'note', e.note)
FROM recruit_event AS e WHERE e.recruit_id IN (SELECT new_id FROM activist_move) ORDER BY e.id;

-- Same person already in the pipeline: keep the pipeline's entry, add what only the old list had.
CREATE TEMP TABLE activist_same AS
SELECT r.id, r.contacts AS contacts_before, r.notes AS notes_before,
       coalesce(nullif(r.contacts, ''),
                (SELECT nullif(trim(coalesce(a.sponsor_names, '')), '') FROM activist a
                 WHERE a.organisation_id = r.organisation_id AND a.name = r.name ORDER BY a.id LIMIT 1)) AS contacts_after,
       (SELECT group_concat(a.notes, '；') FROM activist a
        WHERE a.organisation_id = r.organisation_id AND a.name = r.name AND coalesce(a.notes, '') <> '') AS old_notes
FROM recruit AS r
WHERE r.id NOT IN (SELECT new_id FROM activist_move)
  AND EXISTS (SELECT 1 FROM activist a WHERE a.organisation_id = r.organisation_id AND a.name = r.name);
ALTER TABLE activist_same ADD COLUMN notes_after TEXT;
UPDATE activist_same SET notes_after = CASE
  WHEN old_notes IS NULL OR instr(coalesce(notes_before, ''), old_notes) > 0 THEN notes_before
  WHEN coalesce(notes_before, '') = '' THEN old_notes
  ELSE notes_before || '；' || old_notes END;
DELETE FROM activist_same WHERE contacts_after IS contacts_before AND notes_after IS notes_before;

INSERT INTO change_row(set_id, tbl, op, row_id, before, after)
SELECT (SELECT id FROM activist_set), 'recruit', 'U', id,
       json_object('contacts', contacts_before, 'notes', notes_before),
       json_object('contacts', contacts_after, 'notes', notes_after)
FROM activist_same ORDER BY id;
UPDATE recruit SET contacts = (SELECT contacts_after FROM activist_same s WHERE s.id = recruit.id),
                   notes = (SELECT notes_after FROM activist_same s WHERE s.id = recruit.id)
WHERE id IN (SELECT id FROM activist_same);

INSERT INTO change_row(set_id, tbl, op, row_id, before)
SELECT (SELECT id FROM activist_set), 'activist', 'D', a.id,
       json_object('id', a.id, 'organisation_id', a.organisation_id, 'name', a.name, 'gender', a.gender,
                   'birth_date', a.birth_date, 'stage', a.stage, 'applied_on', a.applied_on, 'stage_since', a.stage_since,
                   'sponsor_names', a.sponsor_names, 'notes', a.notes)
FROM activist AS a ORDER BY a.id;
DELETE FROM activist;

DROP TABLE activist_move;
DROP TABLE activist_same;
DROP TABLE activist_set;
