-- Games are owned by the process that runs them. A process renews the
-- lease of its games while it runs; at start-up, and now and then while
-- running, a process marks interrupted only games whose lease has expired,
-- so a second process (a restart overlap, the console, a second shard)
-- never touches live games.

ALTER TABLE games ADD COLUMN owner INTEGER;
ALTER TABLE games ADD COLUMN lease_until INTEGER;
CREATE INDEX games_running ON games (status, lease_until);
