-- Search: an assessment's items are cleared with two deletes that each use the (kind, ref) index.
-- The single delete of 0006 (ref = 'assessment:N' OR ref in the range 'score:N:…') could not use
-- it and read every assessment item of the archive for each score row written: importing a
-- branch's 分类定级 into a superior holding 1,000 branches read 8,000 items about 50 times.
-- Same triggers otherwise.
DROP TRIGGER IF EXISTS search_assessment_ai;
DROP TRIGGER IF EXISTS search_assessment_au;
DROP TRIGGER IF EXISTS search_assessment_ad;
DROP TRIGGER IF EXISTS search_assessment_score_ai;
DROP TRIGGER IF EXISTS search_assessment_score_au;
DROP TRIGGER IF EXISTS search_assessment_score_ad;
DROP TRIGGER IF EXISTS search_assessment_veto_ai;
DROP TRIGGER IF EXISTS search_assessment_veto_au;
DROP TRIGGER IF EXISTS search_assessment_veto_ad;
CREATE TRIGGER search_assessment_ai AFTER INSERT ON assessment BEGIN
  DELETE FROM search_item WHERE kind = 'assessment' AND ref = 'assessment:' || NEW.id;
  DELETE FROM search_item WHERE kind = 'assessment' AND ref >= 'score:' || NEW.id || ':' AND ref < 'score:' || NEW.id || ';';
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = NEW.id;
END;
CREATE TRIGGER search_assessment_au AFTER UPDATE ON assessment BEGIN
  DELETE FROM search_item WHERE kind = 'assessment' AND ref = 'assessment:' || NEW.id;
  DELETE FROM search_item WHERE kind = 'assessment' AND ref >= 'score:' || NEW.id || ':' AND ref < 'score:' || NEW.id || ';';
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = NEW.id;
END;
CREATE TRIGGER search_assessment_ad AFTER DELETE ON assessment BEGIN
  DELETE FROM search_item WHERE kind = 'assessment' AND ref = 'assessment:' || OLD.id;
  DELETE FROM search_item WHERE kind = 'assessment' AND ref >= 'score:' || OLD.id || ':' AND ref < 'score:' || OLD.id || ';';
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = OLD.id;
END;
CREATE TRIGGER search_assessment_score_ai AFTER INSERT ON assessment_score BEGIN
  DELETE FROM search_item WHERE kind = 'assessment' AND ref = 'assessment:' || NEW.assessment_id;
  DELETE FROM search_item WHERE kind = 'assessment' AND ref >= 'score:' || NEW.assessment_id || ':' AND ref < 'score:' || NEW.assessment_id || ';';
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = NEW.assessment_id;
END;
CREATE TRIGGER search_assessment_score_au AFTER UPDATE ON assessment_score BEGIN
  DELETE FROM search_item WHERE kind = 'assessment' AND ref = 'assessment:' || NEW.assessment_id;
  DELETE FROM search_item WHERE kind = 'assessment' AND ref >= 'score:' || NEW.assessment_id || ':' AND ref < 'score:' || NEW.assessment_id || ';';
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = NEW.assessment_id;
END;
CREATE TRIGGER search_assessment_score_ad AFTER DELETE ON assessment_score BEGIN
  DELETE FROM search_item WHERE kind = 'assessment' AND ref = 'assessment:' || OLD.assessment_id;
  DELETE FROM search_item WHERE kind = 'assessment' AND ref >= 'score:' || OLD.assessment_id || ':' AND ref < 'score:' || OLD.assessment_id || ';';
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = OLD.assessment_id;
END;
CREATE TRIGGER search_assessment_veto_ai AFTER INSERT ON assessment_veto BEGIN
  DELETE FROM search_item WHERE kind = 'assessment' AND ref = 'assessment:' || NEW.assessment_id;
  DELETE FROM search_item WHERE kind = 'assessment' AND ref >= 'score:' || NEW.assessment_id || ':' AND ref < 'score:' || NEW.assessment_id || ';';
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = NEW.assessment_id;
END;
CREATE TRIGGER search_assessment_veto_au AFTER UPDATE ON assessment_veto BEGIN
  DELETE FROM search_item WHERE kind = 'assessment' AND ref = 'assessment:' || NEW.assessment_id;
  DELETE FROM search_item WHERE kind = 'assessment' AND ref >= 'score:' || NEW.assessment_id || ':' AND ref < 'score:' || NEW.assessment_id || ';';
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = NEW.assessment_id;
END;
CREATE TRIGGER search_assessment_veto_ad AFTER DELETE ON assessment_veto BEGIN
  DELETE FROM search_item WHERE kind = 'assessment' AND ref = 'assessment:' || OLD.assessment_id;
  DELETE FROM search_item WHERE kind = 'assessment' AND ref >= 'score:' || OLD.assessment_id || ':' AND ref < 'score:' || OLD.assessment_id || ';';
  INSERT INTO search_item(kind, ref, organisation_id, title, body, location, item_date)
  SELECT kind, ref, organisation_id, title, body, location, item_date FROM search_src_assessment WHERE src_id = OLD.assessment_id;
END;
