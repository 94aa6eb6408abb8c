-- What the bot does on a rhythm: a server's question of the day (where,
-- when, in which time zone), the questions asked and who answered them,
-- games set to start later, rewatches that move a channel's horizon (and
-- their followers' progress) step by step, trivia seasons, and the
-- schedule every timed action lives in (`ref_id` names what an action is
-- for, such as a scheduled game's row). An action is claimed and done in
-- one transaction with what it stores and posts, so it runs once
-- whichever process finds it due; its outcome stays for the record.

CREATE TABLE daily_settings (
    guild_id    INTEGER PRIMARY KEY,
    channel_id  INTEGER NOT NULL,
    at_minute   INTEGER NOT NULL,
    timezone    TEXT NOT NULL,
    show_id     INTEGER,
    mode        TEXT NOT NULL,
    locale      TEXT NOT NULL,
    set_by      INTEGER NOT NULL,
    set_at      INTEGER NOT NULL
);

CREATE TABLE schedule (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL,
    guild_id    INTEGER NOT NULL,
    ref_id      INTEGER NOT NULL DEFAULT 0,
    due_at      INTEGER NOT NULL,
    ran_at      INTEGER,
    outcome     TEXT,
    UNIQUE (kind, guild_id, ref_id, due_at)
);
CREATE INDEX schedule_by_due ON schedule (outcome, due_at);

CREATE TABLE daily_questions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id     INTEGER NOT NULL,
    channel_id   INTEGER NOT NULL,
    show_id      INTEGER NOT NULL,
    question_key TEXT NOT NULL,
    lap          INTEGER NOT NULL,
    asked_at     INTEGER NOT NULL,
    question     TEXT NOT NULL,
    revealed     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX daily_questions_by_guild ON daily_questions (guild_id, id);

CREATE TABLE scheduled_games (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id    INTEGER NOT NULL,
    channel_id  INTEGER NOT NULL,
    starter     INTEGER NOT NULL,
    locale      TEXT NOT NULL,
    options     TEXT NOT NULL,
    starts_at   INTEGER NOT NULL,
    event_id    INTEGER,
    created_at  INTEGER NOT NULL
);
CREATE INDEX scheduled_games_by_guild ON scheduled_games (guild_id, starts_at);

CREATE TABLE rewatches (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id    INTEGER NOT NULL,
    channel_id  INTEGER NOT NULL,
    show_id     INTEGER NOT NULL,
    next_order  INTEGER NOT NULL,
    per_step    INTEGER NOT NULL,
    every_days  INTEGER NOT NULL,
    at_minute   INTEGER NOT NULL,
    timezone    TEXT NOT NULL,
    trivia      INTEGER NOT NULL,
    locale      TEXT NOT NULL,
    started_by  INTEGER NOT NULL,
    status      TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX rewatches_by_channel ON rewatches (channel_id, status);

CREATE TABLE rewatch_followers (
    rewatch_id  INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    PRIMARY KEY (rewatch_id, user_id)
);

-- Questions of the day written by the server: queued by its managers, or
-- suggested by members and queued once a manager approves them. Asked
-- before the bank, oldest first, once the channel's horizon reaches their
-- episode.
CREATE TABLE daily_queue (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id      INTEGER NOT NULL,
    question_key  TEXT NOT NULL,
    question      TEXT NOT NULL,
    episode_order INTEGER NOT NULL,
    status        TEXT NOT NULL,
    by_user       INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    decided_by    INTEGER,
    decided_at    INTEGER
);
CREATE INDEX daily_queue_by_guild ON daily_queue (guild_id, status, id);

CREATE TABLE daily_answers (
    question_id INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    answer      TEXT NOT NULL,
    correct     INTEGER NOT NULL,
    answered_at INTEGER NOT NULL,
    PRIMARY KEY (question_id, user_id)
);

-- A post that belongs to no game (a question of the day) has no game.
CREATE TABLE outbox_posts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id  INTEGER NOT NULL,
    game_id     INTEGER,
    reply       TEXT NOT NULL,
    owner       INTEGER NOT NULL,
    lease_until INTEGER NOT NULL
);
INSERT INTO outbox_posts (id, channel_id, game_id, reply, owner, lease_until)
    SELECT id, channel_id, game_id, reply, owner, lease_until FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_posts RENAME TO outbox;
CREATE INDEX outbox_by_channel ON outbox (channel_id, id);
CREATE INDEX outbox_by_lease ON outbox (lease_until);

-- A server's trivia seasons: boards over the games of a season, beside the
-- board of all time (nothing is deleted when a season ends).
CREATE TABLE trivia_seasons (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    started_at  INTEGER NOT NULL,
    ended_at    INTEGER,
    started_by  INTEGER NOT NULL
);
CREATE INDEX trivia_seasons_by_guild ON trivia_seasons (guild_id, started_at);
