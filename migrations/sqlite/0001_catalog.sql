-- The catalog: shows, their episodes and recaps, the roster, and the facts
-- (one per recap sentence) with the characters and numbers found in them.
--
-- Identities that outlive a re-import: a show by its slug, an episode by
-- (show, season, episode), a recap by (episode, language), a character by
-- (show, slug). Member data added later refers to these, never to facts.

CREATE TABLE shows (
    id            INTEGER PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL,
    network       TEXT,
    years         TEXT,
    -- Hash of show.toml: when it changes, the roster is synced and every
    -- fact of the show is tagged again.
    manifest_hash TEXT NOT NULL
) STRICT;

CREATE TABLE episodes (
    id      INTEGER PRIMARY KEY,
    show_id INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
    season  INTEGER NOT NULL CHECK (season >= 0),
    episode INTEGER NOT NULL CHECK (episode >= 1),
    title   TEXT NOT NULL,
    aired   TEXT,
    UNIQUE (show_id, season, episode)
) STRICT;

CREATE TABLE recaps (
    id           INTEGER PRIMARY KEY,
    episode_id   INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
    language     TEXT NOT NULL CHECK (language IN ('en', 'de')),
    title        TEXT NOT NULL,
    headline     TEXT,
    source       TEXT,
    path         TEXT NOT NULL,
    -- Hash of the file: an unchanged file is never imported twice.
    content_hash TEXT NOT NULL,
    UNIQUE (episode_id, language)
) STRICT;

CREATE TABLE characters (
    id            INTEGER PRIMARY KEY,
    show_id       INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
    slug          TEXT NOT NULL,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('person', 'role', 'production')),
    played_by     TEXT,
    in_production TEXT,
    about         TEXT,
    -- Order in show.toml.
    position      INTEGER NOT NULL,
    UNIQUE (show_id, slug)
) STRICT;

CREATE TABLE aliases (
    character_id INTEGER NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    alias        TEXT NOT NULL,
    PRIMARY KEY (character_id, alias)
) STRICT;

-- One sentence of a recap. show, episode and language repeat the recap's
-- so that spoiler-gated queries need no joins; episode_order is the
-- episode's place in its show (season * 10000 + episode).
CREATE TABLE facts (
    id         INTEGER PRIMARY KEY,
    recap_id   INTEGER NOT NULL REFERENCES recaps (id) ON DELETE CASCADE,
    episode_id INTEGER NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
    show_id    INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
    episode_order INTEGER NOT NULL,
    language   TEXT NOT NULL,
    section    TEXT,
    paragraph  INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    UNIQUE (recap_id, position)
) STRICT;
CREATE INDEX facts_by_episode ON facts (episode_id, position);
CREATE INDEX facts_by_show ON facts (show_id, episode_order);

-- A character named in a fact; start and end are byte offsets of the name in
-- the fact's text, suffix the possessive or genitive ending after it. The
-- fact's episode_order is repeated so a character's timeline is one index
-- range, already in episode order.
CREATE TABLE mentions (
    fact_id      INTEGER NOT NULL REFERENCES facts (id) ON DELETE CASCADE,
    character_id INTEGER NOT NULL REFERENCES characters (id) ON DELETE CASCADE,
    episode_order INTEGER NOT NULL,
    start_byte   INTEGER NOT NULL,
    end_byte     INTEGER NOT NULL,
    suffix       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (fact_id, start_byte)
) STRICT, WITHOUT ROWID;
CREATE INDEX mentions_by_character ON mentions (character_id, episode_order, fact_id);

-- A number in a fact, read with the recap's decimal convention.
CREATE TABLE numbers (
    fact_id    INTEGER NOT NULL REFERENCES facts (id) ON DELETE CASCADE,
    start_byte INTEGER NOT NULL,
    end_byte   INTEGER NOT NULL,
    surface    TEXT NOT NULL,
    value      REAL NOT NULL,
    decimals   INTEGER NOT NULL,
    PRIMARY KEY (fact_id, start_byte)
) STRICT, WITHOUT ROWID;

-- Full-text search over facts. Diacritics are folded ("Buhne" finds
-- "Bühne") and English words are stemmed ("shakes" finds "shake").
-- New facts are indexed by the code that inserts them, one statement per
-- batch (an insert trigger makes FTS5 flush at every row and is ten times
-- slower); deletes and text updates keep the index in step by trigger.
CREATE VIRTUAL TABLE facts_fts USING fts5 (
    text,
    content = 'facts',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER facts_fts_delete AFTER DELETE ON facts BEGIN
    INSERT INTO facts_fts (facts_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TRIGGER facts_fts_update AFTER UPDATE OF text ON facts BEGIN
    INSERT INTO facts_fts (facts_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO facts_fts (rowid, text) VALUES (new.id, new.text);
END;
