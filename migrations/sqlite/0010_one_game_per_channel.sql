-- One running game per channel, whichever process started it: a second
-- process serving the same server (a restart overlap, a re-shard) cannot
-- start a game where the first one still runs one. Should a database
-- already hold two, the older ones end as interrupted first.

UPDATE games SET status = 'interrupted', ended_at = COALESCE(ended_at, started_at)
WHERE status = 'running'
  AND id NOT IN (SELECT MAX(id) FROM games WHERE status = 'running' GROUP BY channel_id);

CREATE UNIQUE INDEX games_one_running_per_channel ON games (channel_id) WHERE status = 'running';
