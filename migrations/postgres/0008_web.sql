-- The server's web pages: whether its boards are public, the server's name
-- as the bot last saw it, its channels as the bot saw them used, and each
-- player as they appear there: the display name stored when they played,
-- whether they hid themselves, and whether they have left the server. A
-- server's revision counts every change to its settings and players, so a
-- page made before one is never served after it.

CREATE TABLE web_servers (
    guild_id   BIGINT PRIMARY KEY,
    name       TEXT,
    public     BOOLEAN NOT NULL DEFAULT FALSE,
    set_by     BIGINT,
    changed_at BIGINT NOT NULL,
    revision   BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE server_channels (
    guild_id   BIGINT NOT NULL,
    channel_id BIGINT NOT NULL,
    name       TEXT,
    changed_at BIGINT NOT NULL,
    PRIMARY KEY (guild_id, channel_id)
);

CREATE TABLE players (
    guild_id   BIGINT NOT NULL,
    user_id    BIGINT NOT NULL,
    name       TEXT NOT NULL,
    hidden     BOOLEAN NOT NULL DEFAULT FALSE,
    departed   BOOLEAN NOT NULL DEFAULT FALSE,
    changed_at BIGINT NOT NULL,
    PRIMARY KEY (guild_id, user_id)
);

-- A server's last ended game, found without reading its games: what a
-- remembered board is checked against.
CREATE INDEX games_ended_by_guild ON games (guild_id, ended_at);
