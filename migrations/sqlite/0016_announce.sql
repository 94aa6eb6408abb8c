-- New episodes told to a channel: where a server wants to hear of them,
-- at what local time on the day an episode airs, and which episodes it
-- has been told of (each once, whichever process tells it).

CREATE TABLE announce_settings (
    guild_id    INTEGER PRIMARY KEY,
    channel_id  INTEGER NOT NULL,
    show_id     INTEGER NOT NULL,
    at_minute   INTEGER NOT NULL,
    timezone    TEXT NOT NULL,
    locale      TEXT NOT NULL,
    since_day   TEXT NOT NULL,
    set_by      INTEGER NOT NULL,
    set_at      INTEGER NOT NULL
);

CREATE TABLE announced (
    guild_id      INTEGER NOT NULL,
    show_id       INTEGER NOT NULL,
    episode_order INTEGER NOT NULL,
    announced_at  INTEGER NOT NULL,
    PRIMARY KEY (guild_id, show_id, episode_order)
);
