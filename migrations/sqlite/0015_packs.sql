-- A server's own trivia packs: a file a manager uploaded (a Red trivia
-- list or a question file), its questions each tied to an episode of one
-- show, played in that server only. A pack uploaded again under its name
-- replaces the earlier one in one transaction.

CREATE TABLE packs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    show_id     INTEGER NOT NULL,
    file        TEXT NOT NULL,
    questions   INTEGER NOT NULL,
    by_user     INTEGER NOT NULL,
    uploaded_at INTEGER NOT NULL,
    UNIQUE (guild_id, name)
);

CREATE TABLE pack_questions (
    pack_id       INTEGER NOT NULL,
    line          INTEGER NOT NULL,
    episode_order INTEGER,
    language      TEXT NOT NULL,
    prompt        TEXT NOT NULL,
    answer        TEXT NOT NULL,
    accepted      TEXT NOT NULL,
    wrong         TEXT NOT NULL
);
CREATE INDEX pack_questions_by_pack ON pack_questions (pack_id, line);
