-- The server's web pages: whether its boards are public, the server's name
-- as the bot last saw it, and each player as they appear there: the display
-- name stored when they played, whether they hid themselves, and whether
-- they have left the server.

CREATE TABLE web_servers (
    guild_id   INTEGER PRIMARY KEY,
    name       TEXT,
    public     INTEGER NOT NULL DEFAULT 0,
    set_by     INTEGER,
    changed_at INTEGER NOT NULL
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
