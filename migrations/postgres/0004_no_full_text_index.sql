-- Search runs in memory over the catalog, so the full-text index over
-- facts (a generated tsvector column, its GIN index and the text-search
-- configuration it read) is no longer kept: every import wrote it and
-- nothing read it.

DROP INDEX IF EXISTS facts_search;
ALTER TABLE facts DROP COLUMN IF EXISTS search;
DROP TEXT SEARCH CONFIGURATION IF EXISTS cliffhanger;
DROP TEXT SEARCH DICTIONARY IF EXISTS cliffhanger_stem;
