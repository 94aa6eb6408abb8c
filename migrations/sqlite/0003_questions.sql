-- Trivia questions that are not generated from facts: hand-written ones
-- from seeds/<show>/questions/*.toml and imported Red trivia lists. The
-- generated bank is computed from the facts and needs no table.

ALTER TABLE shows ADD COLUMN questions_hash TEXT NOT NULL DEFAULT '';

CREATE TABLE questions (
    id            INTEGER PRIMARY KEY,
    -- Stable identity (origin file, prompt, answer).
    key           TEXT NOT NULL UNIQUE,
    show_id       INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
    origin        TEXT NOT NULL CHECK (origin IN ('seed', 'red')),
    -- The file it came from, and the line of the question in it.
    path          TEXT NOT NULL,
    line          INTEGER NOT NULL,
    -- Its spoiler level: season * 10000 + episode, or NULL when its list
    -- named no episode, so that it counts as spoiling the whole show.
    episode_order INTEGER,
    language      TEXT NOT NULL CHECK (language IN ('en', 'de')),
    prompt        TEXT NOT NULL,
    answer        TEXT NOT NULL,
    -- JSON arrays of strings.
    accepted      TEXT NOT NULL DEFAULT '[]',
    wrong         TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE INDEX questions_by_show ON questions (show_id, episode_order);
