-- Trivia games, written as they happen: the game, each question asked,
-- and every answer with its time. Leaderboards are computed from these.
-- Times are milliseconds since the Unix epoch.

CREATE TABLE games (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER,
    channel_id  INTEGER NOT NULL,
    show_id     INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
    starter     INTEGER NOT NULL,
    mode        TEXT NOT NULL CHECK (mode IN ('choices', 'typed')),
    questions   INTEGER NOT NULL,
    seconds     INTEGER NOT NULL,
    -- The last episode in scope (season * 10000 + episode), and whether the
    -- game went past the channel's horizon.
    up_to       INTEGER NOT NULL,
    spoilers    INTEGER NOT NULL DEFAULT 0,
    language    TEXT,
    status      TEXT NOT NULL CHECK (status IN ('running', 'finished', 'stopped', 'interrupted')),
    started_at  INTEGER NOT NULL,
    ended_at    INTEGER,
    winner      INTEGER
) STRICT;
CREATE INDEX games_by_channel ON games (channel_id, started_at);
CREATE INDEX games_by_guild ON games (guild_id, show_id, started_at);

CREATE TABLE rounds (
    game_id      INTEGER NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    number       INTEGER NOT NULL,
    question_key TEXT NOT NULL,
    asked_at     INTEGER NOT NULL,
    revealed_at  INTEGER,
    skipped      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (game_id, number)
) STRICT;

CREATE TABLE answers (
    id          INTEGER PRIMARY KEY,
    game_id     INTEGER NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    answer      TEXT NOT NULL,
    correct     INTEGER NOT NULL,
    -- Points it earned, set when the question is revealed.
    points      INTEGER NOT NULL DEFAULT 0,
    -- Milliseconds after the question was asked.
    after_ms    INTEGER NOT NULL,
    answered_at INTEGER NOT NULL
) STRICT;
CREATE INDEX answers_by_game ON answers (game_id, number, user_id);
CREATE INDEX answers_by_user ON answers (user_id, answered_at);
