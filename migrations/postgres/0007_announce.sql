-- New episodes told to a channel: where a server wants to hear of them,
-- at what local time on the day an episode airs, and which episodes it
-- has been told of (each once, whichever process tells it).

CREATE TABLE announce_settings (
    guild_id    BIGINT PRIMARY KEY,
    channel_id  BIGINT NOT NULL,
    show_id     BIGINT NOT NULL,
    at_minute   BIGINT NOT NULL,
    timezone    TEXT NOT NULL,
    locale      TEXT NOT NULL,
    since_day   TEXT NOT NULL,
    set_by      BIGINT NOT NULL,
    set_at      BIGINT NOT NULL
);

CREATE TABLE announced (
    guild_id      BIGINT NOT NULL,
    show_id       BIGINT NOT NULL,
    episode_order BIGINT NOT NULL,
    announced_at  BIGINT NOT NULL,
    PRIMARY KEY (guild_id, show_id, episode_order)
);
