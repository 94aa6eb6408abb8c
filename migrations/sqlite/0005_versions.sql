-- What replies and caches depend on, as versions every process can read
-- with one indexed look-up: a process that remembers replies, gates or the
-- catalog compares the versions it saw with these before it answers, so a
-- change made by another process (the console, `cliffhanger import`, a
-- second bot) is honoured at its next request.
--
-- 'gates': progress and horizons, bumped by the triggers below, whoever
-- writes. 'catalog': shows, episodes, recaps, roster, facts and questions,
-- bumped by every import in the transaction that writes them.

CREATE TABLE versions (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO versions (name, value) VALUES ('gates', 0), ('catalog', 0);

CREATE TRIGGER progress_inserted AFTER INSERT ON progress
BEGIN UPDATE versions SET value = value + 1 WHERE name = 'gates'; END;
CREATE TRIGGER progress_updated AFTER UPDATE ON progress
BEGIN UPDATE versions SET value = value + 1 WHERE name = 'gates'; END;
CREATE TRIGGER progress_deleted AFTER DELETE ON progress
BEGIN UPDATE versions SET value = value + 1 WHERE name = 'gates'; END;

CREATE TRIGGER channel_horizons_inserted AFTER INSERT ON channel_horizons
BEGIN UPDATE versions SET value = value + 1 WHERE name = 'gates'; END;
CREATE TRIGGER channel_horizons_updated AFTER UPDATE ON channel_horizons
BEGIN UPDATE versions SET value = value + 1 WHERE name = 'gates'; END;
CREATE TRIGGER channel_horizons_deleted AFTER DELETE ON channel_horizons
BEGIN UPDATE versions SET value = value + 1 WHERE name = 'gates'; END;

CREATE TRIGGER guild_horizons_inserted AFTER INSERT ON guild_horizons
BEGIN UPDATE versions SET value = value + 1 WHERE name = 'gates'; END;
CREATE TRIGGER guild_horizons_updated AFTER UPDATE ON guild_horizons
BEGIN UPDATE versions SET value = value + 1 WHERE name = 'gates'; END;
CREATE TRIGGER guild_horizons_deleted AFTER DELETE ON guild_horizons
BEGIN UPDATE versions SET value = value + 1 WHERE name = 'gates'; END;
