-- A name several characters share is now read, in each episode's recap,
-- as the one of them known by then. Tags stored under the old reading
-- (such a name tagged nobody) are read again: forgetting each show's
-- manifest hash makes the next import treat its roster as changed, which
-- tags every kept fact anew.
UPDATE shows SET manifest_hash = '';
