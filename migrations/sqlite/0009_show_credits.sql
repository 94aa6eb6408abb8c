-- Whom a show's data is credited to, as show.toml says (an episode guide's
-- licence asks to be named with a link); /about shows it.

ALTER TABLE shows ADD COLUMN credits TEXT;
