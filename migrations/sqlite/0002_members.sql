-- What members have watched and what channels may discuss. Episodes are
-- kept as (season, episode) numbers, not row ids, so that progress and
-- horizons survive any re-import, and a member may be further along than
-- the catalog's recaps reach. Discord ids are stored as integers.

CREATE TABLE progress (
    user_id    INTEGER NOT NULL,
    show_id    INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
    season     INTEGER NOT NULL,
    episode    INTEGER NOT NULL,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (user_id, show_id)
) STRICT;

-- "Safe to discuss up to ..." for one channel.
CREATE TABLE channel_horizons (
    channel_id INTEGER NOT NULL,
    show_id    INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
    season     INTEGER NOT NULL,
    episode    INTEGER NOT NULL,
    set_by     INTEGER NOT NULL,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (channel_id, show_id)
) STRICT;

-- The default for every channel of a server that sets none of its own.
CREATE TABLE guild_horizons (
    guild_id   INTEGER NOT NULL,
    show_id    INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
    season     INTEGER NOT NULL,
    episode    INTEGER NOT NULL,
    set_by     INTEGER NOT NULL,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (guild_id, show_id)
) STRICT;
