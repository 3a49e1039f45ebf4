-- The documents of a member's life, filed in the one book with their 档号: what each step of
-- 发展党员 produced (入党申请书, 培养考察材料, 政审材料, 入党志愿书, 转正申请 …) and each transfer's
-- 介绍信 or status change's decision. The document itself (its 档号, file and catalogue entry) is
-- an ordinary archived document; these rows only say which step or movement it belongs to.

CREATE TABLE recruit_event_document (
  recruit_event_id INTEGER NOT NULL REFERENCES recruit_event(id) ON DELETE CASCADE,
  document_id      INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  PRIMARY KEY (recruit_event_id, document_id)
);
CREATE INDEX recruit_event_document_doc ON recruit_event_document(document_id);

CREATE TABLE member_movement_document (
  movement_id INTEGER NOT NULL REFERENCES member_movement(id) ON DELETE CASCADE,
  document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
  PRIMARY KEY (movement_id, document_id)
);
CREATE INDEX member_movement_document_doc ON member_movement_document(document_id);
