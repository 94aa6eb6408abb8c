-- What show.toml may say of a character for the quiz: how the recaps
-- refer to them ('he', 'she', 'they') and the part of the story they
-- belong to ('stage', 'creative'...). Wrong choices share both.

ALTER TABLE characters ADD COLUMN pronouns TEXT CHECK (pronouns IN ('he', 'she', 'they'));
ALTER TABLE characters ADD COLUMN cast_group TEXT;
