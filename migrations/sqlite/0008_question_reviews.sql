-- The review loop of trivia questions, per server (`scope` is the
-- server's id, or the channel's for a game in a direct message): members
-- report questions from the reveal, and members who may manage the
-- server approve or retire them. A retired question is never asked again
-- there. Correct rates are read from `rounds` and `answers`.

CREATE TABLE question_reports (
    scope        INTEGER NOT NULL,
    question_key TEXT NOT NULL,
    user_id      INTEGER NOT NULL,
    -- The round it was reported from.
    game_id      INTEGER REFERENCES games (id) ON DELETE SET NULL,
    number       INTEGER,
    reported_at  INTEGER NOT NULL,
    -- One report per member per question.
    PRIMARY KEY (scope, question_key, user_id)
) STRICT;

CREATE TABLE question_verdicts (
    scope        INTEGER NOT NULL,
    question_key TEXT NOT NULL,
    verdict      TEXT NOT NULL CHECK (verdict IN ('approved', 'retired')),
    by_user      INTEGER NOT NULL,
    decided_at   INTEGER NOT NULL,
    PRIMARY KEY (scope, question_key)
) STRICT;

CREATE INDEX rounds_by_question ON rounds (question_key);
