-- What a game step posts to its channel is stored with the step, in the
-- same transaction, and deleted once it is posted: a post whose process
-- died before posting it (or whose post failed) is still here, in order,
-- for the process that owns it or, once its lease has run out, for any
-- other to post.

CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id  INTEGER NOT NULL,
    game_id     INTEGER NOT NULL,
    reply       TEXT NOT NULL,
    owner       INTEGER NOT NULL,
    lease_until INTEGER NOT NULL
);
CREATE INDEX outbox_by_channel ON outbox (channel_id, id);
CREATE INDEX outbox_by_lease ON outbox (lease_until);
