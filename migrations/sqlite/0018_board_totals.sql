-- Each server's boards kept as running totals: one row per player, show
-- and bucket (every game, the season the game began in, the day it began
-- on), added to in the transaction that ends a game. A board then reads a
-- row per player and show instead of every answer ever given; the last 30
-- days read thirty day buckets.

CREATE TABLE board_totals (
    guild_id INTEGER NOT NULL,
    -- 'all': every game (bucket 0); 'season': the season the game began
    -- in (bucket: when the season began, ms); 'day': the day it began on
    -- (bucket: days since the epoch, UTC).
    kind     TEXT NOT NULL CHECK (kind IN ('all', 'season', 'day')),
    bucket   INTEGER NOT NULL,
    show_id  INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL,
    points   INTEGER NOT NULL,
    games    INTEGER NOT NULL,
    answered INTEGER NOT NULL,
    correct  INTEGER NOT NULL,
    wins     INTEGER NOT NULL,
    PRIMARY KEY (guild_id, kind, bucket, show_id, user_id)
) STRICT;
-- A player's days, for the card's chart.
CREATE INDEX board_totals_by_user ON board_totals (guild_id, user_id, kind, bucket);

-- The games that ended before this table, counted once.
WITH s AS (
    SELECT g.id, g.guild_id, g.show_id, g.started_at, a.user_id,
           SUM(a.points) AS points,
           COUNT(DISTINCT a.number) AS answered,
           COUNT(DISTINCT CASE WHEN a.correct = 1 THEN a.number END) AS correct,
           CASE WHEN g.status = 'finished' AND g.winner = a.user_id THEN 1 ELSE 0 END AS won
    FROM games g JOIN answers a ON a.game_id = g.id
    WHERE g.guild_id IS NOT NULL AND g.ended_at IS NOT NULL
    GROUP BY g.id, a.user_id),
k AS (
    SELECT s.*, 'all' AS kind, 0 AS bucket FROM s
    UNION ALL
    SELECT s.*, 'day', s.started_at / 86400000 FROM s
    UNION ALL
    SELECT s.*, 'season', t.started_at FROM s
    JOIN trivia_seasons t ON t.guild_id = s.guild_id AND t.started_at <= s.started_at
                         AND (t.ended_at IS NULL OR t.ended_at > s.started_at))
INSERT INTO board_totals (guild_id, kind, bucket, show_id, user_id, points, games, answered,
                          correct, wins)
SELECT guild_id, kind, bucket, show_id, user_id, SUM(points), COUNT(*), SUM(answered),
       SUM(correct), SUM(won)
FROM k
GROUP BY guild_id, kind, bucket, show_id, user_id;
