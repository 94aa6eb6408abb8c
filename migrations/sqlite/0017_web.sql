-- The server's web pages: whether its boards are public, the server's name
-- as the bot last saw it, its channels as the bot saw them used, and each
-- player as they appear there: the display name stored when they played,
-- whether they hid themselves, and whether they have left the server. A
-- server's revision counts every change to its settings and players, so a
-- page made before one is never served after it.

CREATE TABLE web_servers (
    guild_id   INTEGER PRIMARY KEY,
    name       TEXT,
    public     INTEGER NOT NULL DEFAULT 0,
    set_by     INTEGER,
    changed_at INTEGER NOT NULL,
    revision   INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE server_channels (
    guild_id   INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    name       TEXT,
    changed_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, channel_id)
) STRICT;

CREATE TABLE players (
    guild_id   INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    name       TEXT NOT NULL,
    hidden     INTEGER NOT NULL DEFAULT 0,
    departed   INTEGER NOT NULL DEFAULT 0,
    changed_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, user_id)
) STRICT;

-- A server's last ended game, found without reading its games: what a
-- remembered board is checked against.
CREATE INDEX games_ended_by_guild ON games (guild_id, ended_at);
