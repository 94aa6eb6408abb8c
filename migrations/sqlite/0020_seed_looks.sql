-- How each seeds folder looked (a hash of every file's name, size, times
-- of change and inode) when the catalog last imported it, the catalog's
-- version that import left and the build that imported it. A start of
-- the same build over the same catalog version whose folder looks the
-- same reads no seed file: finding that ten thousand recaps did not
-- change takes seconds, looking at them takes milliseconds. Another
-- build reads the folder whole (it may import differently, or come with
-- a migration that asks for the next import to redo its work).
CREATE TABLE seed_looks (
    folder          TEXT PRIMARY KEY,
    print           TEXT NOT NULL,
    maker           TEXT NOT NULL,
    catalog_version INTEGER NOT NULL,
    looked_at       INTEGER NOT NULL
) STRICT;
