-- Search runs in memory over the catalog, so the full-text index over
-- facts (FTS5, and the triggers that kept it in step) is no longer kept:
-- every import wrote it and nothing read it.

DROP TRIGGER IF EXISTS facts_fts_delete;
DROP TRIGGER IF EXISTS facts_fts_update;
DROP TABLE IF EXISTS facts_fts;
