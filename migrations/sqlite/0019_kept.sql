-- What a start would otherwise make again from rows, kept for the next
-- start: each show's question bank (making it reads and weighs every
-- sampled fact: seconds on a long show), and every fact laid out for
-- lookups (reading and indexing a million facts' rows: seconds). Each is
-- read only by the build that made it (its version and its executable)
-- at the catalog version it was made at; any other is made anew and
-- replaces it.

CREATE TABLE kept_banks (
    show_id         INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
    catalog_version INTEGER NOT NULL,
    maker           TEXT NOT NULL,
    made_at         INTEGER NOT NULL,
    -- The questions, as JSON.
    questions       TEXT NOT NULL,
    PRIMARY KEY (show_id, catalog_version, maker)
) STRICT;

-- The facts in their kept binary form (checked by a checksum when read),
-- in parts of a few megabytes, in order.
CREATE TABLE kept_facts (
    catalog_version INTEGER NOT NULL,
    maker           TEXT NOT NULL,
    part            INTEGER NOT NULL,
    made_at         INTEGER NOT NULL,
    bytes           BLOB NOT NULL,
    PRIMARY KEY (catalog_version, maker, part)
) STRICT;
