-- The journal's four history views leave the file. SQLite parses every object the file keeps on
-- each connection's first statement, and these (10 KB of SQL, json_extract and correlated
-- subqueries) were a third of that cost for every command, though most never read a history. They
-- are now TEMP views made on a connection the first time a statement names one
-- (core/sql/connection/history.sql), which a read-only connection can do too: the history reads
-- the same. No table changes: a package of this schema is read as one of schema 19.
-- (Qualified: a TEMP view of the same name would be dropped first.)
-- onebook: tables unchanged

DROP VIEW IF EXISTS main.rectification_history;
DROP VIEW IF EXISTS main.assessment_score_history;
DROP VIEW IF EXISTS main.assessment_survey_history;
DROP VIEW IF EXISTS main.assessment_veto_history;
