-- Each server's boards kept as running totals: one row per player, show
-- and bucket (every game, the season the game began in, the day it began
-- on), added to in the transaction that ends a game. A board then reads a
-- row per player and show instead of every answer ever given; the last 30
-- days read thirty day buckets.

CREATE TABLE board_totals (
    guild_id BIGINT NOT NULL,
    -- 'all': every game (bucket 0); 'season': the season the game began
    -- in (bucket: when the season began, ms); 'day': the day it began on
    -- (bucket: days since the epoch, UTC).
    kind     TEXT NOT NULL CHECK (kind IN ('all', 'season', 'day')),
    bucket   BIGINT NOT NULL,
    -- For a day: the season the games began in (when it began, ms), or
    -- 0 outside a season, so a season's chart keeps to its own games on
    -- the days it began and ended; 0 for the other kinds.
    season   BIGINT NOT NULL,
    show_id  BIGINT NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
    user_id  BIGINT NOT NULL,
    points   BIGINT NOT NULL,
    games    BIGINT NOT NULL,
    answered BIGINT NOT NULL,
    correct  BIGINT NOT NULL,
    wins     BIGINT NOT NULL,
    PRIMARY KEY (guild_id, kind, bucket, season, show_id, user_id)
);
-- A player's days, for the card's chart.
CREATE INDEX board_totals_by_user ON board_totals (guild_id, user_id, kind, season, bucket);

-- The games that ended before this table, counted once (as
-- store::web's add_to_totals! counts a game as it ends).
WITH s AS (
    SELECT g.id, g.guild_id, g.show_id, g.started_at, a.user_id,
           CAST(SUM(a.points) AS BIGINT) AS points,
           COUNT(DISTINCT a.number) AS answered,
           COUNT(DISTINCT CASE WHEN a.correct = TRUE THEN a.number END) AS correct,
           CASE WHEN g.status = 'finished' AND g.winner = a.user_id THEN 1 ELSE 0 END AS won,
           COALESCE((SELECT MAX(t.started_at) FROM trivia_seasons t
                     WHERE t.guild_id = g.guild_id AND t.started_at <= g.started_at
                       AND (t.ended_at IS NULL OR t.ended_at > g.started_at)), 0) AS season
    FROM games g JOIN answers a ON a.game_id = g.id
    WHERE g.guild_id IS NOT NULL AND g.ended_at IS NOT NULL
    GROUP BY g.id, a.user_id),
k AS (
    SELECT s.*, 'all' AS kind, CAST(0 AS BIGINT) AS bucket, CAST(0 AS BIGINT) AS in_season FROM s
    UNION ALL
    SELECT s.*, 'day', s.started_at / 86400000, s.season FROM s
    UNION ALL
    SELECT s.*, 'season', s.season, 0 FROM s WHERE s.season <> 0)
INSERT INTO board_totals (guild_id, kind, bucket, season, show_id, user_id, points, games,
                          answered, correct, wins)
SELECT guild_id, kind, bucket, in_season, show_id, user_id, CAST(SUM(points) AS BIGINT),
       COUNT(*), CAST(SUM(answered) AS BIGINT), CAST(SUM(correct) AS BIGINT),
       CAST(SUM(won) AS BIGINT)
FROM k
WHERE TRUE
GROUP BY guild_id, kind, bucket, in_season, show_id, user_id;
