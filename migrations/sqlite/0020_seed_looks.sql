-- How each seeds folder looked (a hash of every file's name, size, times
-- of change and inode) when the catalog last imported it, and the
-- catalog's version that import left. A start over the same catalog
-- version whose folder looks the same reads no seed file: finding that
-- ten thousand recaps did not change takes seconds, looking at them
-- takes milliseconds.
CREATE TABLE seed_looks (
    folder          TEXT PRIMARY KEY,
    print           TEXT NOT NULL,
    catalog_version INTEGER NOT NULL,
    looked_at       INTEGER NOT NULL
) STRICT;
