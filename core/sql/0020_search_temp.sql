-- Search: the index's 27 triggers and 7 views leave the file. SQLite parses every object the file
-- keeps on each connection's first statement, so a process that only reads (info, board make,
-- check…) paid for them; they are now TEMP objects made before a connection's first write
-- (core/sql/connection/search.sql). No table changes: a package of this schema is read as one of
-- schema 19 (see docs/package-format.md). A later migration that writes searchable rows runs
-- without these triggers and must rebuild the rows it touches.
-- onebook: tables unchanged

DROP TRIGGER IF EXISTS search_item_ai;
DROP TRIGGER IF EXISTS search_item_au;
DROP TRIGGER IF EXISTS search_item_ad;
DROP TRIGGER IF EXISTS search_record_ai;
DROP TRIGGER IF EXISTS search_record_au;
DROP TRIGGER IF EXISTS search_record_ad;
DROP TRIGGER IF EXISTS search_rectification_ai;
DROP TRIGGER IF EXISTS search_rectification_au;
DROP TRIGGER IF EXISTS search_rectification_ad;
DROP TRIGGER IF EXISTS search_document_ai;
DROP TRIGGER IF EXISTS search_document_au;
DROP TRIGGER IF EXISTS search_document_ad;
DROP TRIGGER IF EXISTS search_entry_ai;
DROP TRIGGER IF EXISTS search_entry_au;
DROP TRIGGER IF EXISTS search_entry_ad;
DROP TRIGGER IF EXISTS search_ruletext_ai;
DROP TRIGGER IF EXISTS search_ruletext_au;
DROP TRIGGER IF EXISTS search_ruletext_ad;
DROP TRIGGER IF EXISTS search_assessment_ai;
DROP TRIGGER IF EXISTS search_assessment_au;
DROP TRIGGER IF EXISTS search_assessment_ad;
DROP TRIGGER IF EXISTS search_assessment_score_ai;
DROP TRIGGER IF EXISTS search_assessment_score_au;
DROP TRIGGER IF EXISTS search_assessment_score_ad;
DROP TRIGGER IF EXISTS search_assessment_veto_ai;
DROP TRIGGER IF EXISTS search_assessment_veto_au;
DROP TRIGGER IF EXISTS search_assessment_veto_ad;
DROP VIEW IF EXISTS search_source;
DROP VIEW IF EXISTS search_src_assessment;
DROP VIEW IF EXISTS search_src_ruletext;
DROP VIEW IF EXISTS search_src_entry;
DROP VIEW IF EXISTS search_src_document;
DROP VIEW IF EXISTS search_src_rectification;
DROP VIEW IF EXISTS search_src_record;
