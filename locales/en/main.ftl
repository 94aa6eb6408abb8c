# The bot's own words, in English. Every message here has a German twin in
# locales/de/main.ftl; a test keeps the two sets of ids equal.

## Quoting

quoted = “{ $text }”

## Errors

error-internal = Something went wrong on my side (error { $id }). Please try again.
error-unknown-show = There is no show “{ $show }” in the catalog. Shows: { $shows }.
error-choose-show = Several shows are in the catalog: add show:{ $example } (shows: { $shows }).
error-no-shows = The catalog is empty: import some seed recaps first.
error-bad-episode = “{ $input }” is not an episode I know of: write a code such as S01E12 or 1x12, or a title.
error-no-permission-channel = Only members who may manage this channel can change its spoiler horizon.
error-no-permission-server = Only members who may manage this server can change its default spoiler horizon.
error-empty-query = What should I look for? Add a few words, e.g. query:kale.
error-empty-name = Whom should I look up? Add a name, e.g. name:Karen.
error-empty-episode = Which episode? Add a code or a title, e.g. episode:S01E12.
error-unknown-command = I don't know { $command }. Try /help.
error-unknown-option = { $command } has no option “{ $option }”. Options: { $options }.
error-bad-choice = { $option } is one of { $choices }, not “{ $value }”.
error-bad-flag = { $option } takes true or false, not “{ $value }”.
error-too-long = { $option } takes at most { $max } characters.
error-bad-subcommand = { $command } needs one of: { $choices }.

## Spoiler gate

gate-nothing-set = Nothing can be shown yet: tell me how far you have watched with /progress set (e.g. episode:S01E12), or ask a moderator to set this channel's spoiler horizon with /spoilers set.
gate-later = Later episodes may tell more: add reveal:true to see them privately.
gate-look-further = Add reveal:true to look past { $episode }, privately.
gate-revealed = Revealed only to you: past { $episode }, in spoiler tags.
gate-revealed-all = Revealed only to you, in spoiler tags.
gate-up-to = up to { $episode }
gate-cut = { $count ->
    [0] Shortened to fit Discord's limits.
    [one] Shortened to fit Discord's limits: 1 more line left out.
   *[other] Shortened to fit Discord's limits: { $count } more lines left out.
}

## /episode

episode-not-found = No episode of { $show } matches “{ $input }” { $upto }.
episode-not-found-any = No episode of { $show } matches “{ $input }”.
episode-past-progress = { $episode } is past where you are ({ $watched }).
episode-aired = Aired { $date }
episode-source = Source: { $source }
episode-heading = Episode
episode-characters = Characters: { $names }
episode-no-characters = No named characters.
episode-other-language = { $language } recap
episode-did-you-mean = Did you mean: { $choices }?

## /character

character-nothing = Nothing about “{ $name }” { $upto }.
character-not-found = No character of { $show } matches “{ $name }”.
character-ambiguous = “{ $name }” could be: { $choices }. Say which.
character-kind-person = Character
character-kind-role = Role in { $production }
character-kind-role-plain = Role
character-kind-production = Production
character-played-by = Played by { $actor }
character-roles = Roles: { $names }
character-appears-in = Appears in: { $episodes }
character-timeline = Timeline
character-no-facts = No facts about them { $upto }.

## /search

search-title = Search: { $query }
search-no-hits = No fact matches “{ $query }” { $upto }.
search-no-hits-any = No fact matches “{ $query }”.
search-no-plain-hits = Nothing this channel may discuss matches “{ $query }”{ $upto }.

## /progress

progress-set = You have watched { $show } up to { $episode }{ $title }.
progress-show = You have watched { $show } up to { $episode }{ $title }.
progress-none = You have not set your progress for { $show }. Use /progress set episode:S01E12.
progress-cleared = Your progress for { $show } is cleared.

## /spoilers

spoilers-set-channel = This channel may now discuss { $show } up to { $episode }.
spoilers-set-server = This server's channels may now discuss { $show } up to { $episode }, unless a channel says otherwise.
spoilers-show-channel = This channel may discuss { $show } up to { $episode }.
spoilers-show-server = This channel follows the server default: { $show } up to { $episode }.
spoilers-none = No spoiler horizon is set here for { $show }: replies wrap everything in spoiler tags.
spoilers-cleared-channel = This channel's spoiler horizon for { $show } is cleared.
spoilers-cleared-server = This server's default spoiler horizon for { $show } is cleared.

## Console

console-welcome = cliffhanger console: acting as { $user } in #{ $channel }. Type /help for commands, /quit to leave.
console-as = Now acting as { $user }{ $manage }.
console-as-no-manage = , who may not manage channels
console-channel = Now in #{ $channel }.
console-locale = Replies now in English.
console-not-utf8 = That line is not valid UTF-8 text, so it was skipped.
console-private = [only you can see this]
console-no-suggestions = (no suggestions)
console-help-heading = Commands, as on Discord: options as name:value, a value may also follow the command; [optional]. German names work too.
console-do-report = /trivia report
console-do-review = /trivia review question:{ $question } action:{ $action }
console-cmd-suggest-desc = What autocomplete would offer for a character or an episode
console-cmd-wait-desc = Move the clock on (reading a script)
console-cmd-as-desc = Act as another member (manage:false: one who may not manage channels)
console-cmd-channel-desc = Move to another channel
console-cmd-locale-desc = Change the reply language
console-cmd-help-desc = This list
console-cmd-quit-desc = Leave the console
console-cmd-exit-desc = Leave the console

## Languages

language-en = English
language-de = German

## Quiz prompts (in the language of the recap they come from)

quiz-who = Who is missing? { $sentence }
quiz-number = Which number is missing? { $sentence }
quiz-which-episode = In which episode does this happen? “{ $sentence }”
quiz-which-episode-quoted = In which episode does this happen? { $sentence }
quiz-who-said-it = Who says it? “{ $line }”

## /trivia

trivia-bank-building = The trivia questions of { $show } are still being made (the bot has just started or the catalog changed). Try again in a moment.
trivia-question = Question { $number }/{ $of } · { $episode }
trivia-seconds = { $seconds } seconds to answer.
trivia-typed = Type your answer.
trivia-answer-is = Answer: { $answer }
trivia-from = From { $episode }: { $fact }
trivia-got-it = Got it: { $players }
trivia-nobody = Nobody got it.
trivia-skipped = Skipped: no points for this one.
trivia-hint-removed = Hint: not { $choices }.
trivia-hint-letter = Hint: it starts with “{ $letter }”.
trivia-hint-cost = The hint costs { $player } { $points } points on this question.
trivia-taken = Your answer is in.
trivia-ignored = That names several answers, so it counts as no guess.
trivia-refused-already = You have answered this question already.
trivia-refused-choice = Answer with one of the letters { $letters }.
trivia-refused-not-allowed = Only the member who started the game, or members who may manage messages, can do that.
trivia-refused-hint = This question's hint has been given already.
trivia-refused-over = The game is over.
trivia-no-game = No game is running in this channel. Start one with /trivia start.
trivia-already-running = A game is already running in this channel.
trivia-started = { $count ->
    [one] Trivia: one question from { $show } up to { $episode }, { $seconds } seconds.
   *[other] Trivia: { $count } questions from { $show } up to { $episode }, { $seconds } seconds each.
}
trivia-finished = Game over!
trivia-stopped = { $player } stopped the game. Every point stands.
trivia-winner = { $player } wins with { $points } points!
trivia-no-winner = Nobody scored.
trivia-rank = { $rank }. { $player } · { $points } points ({ $correct }/{ $answered } right)
trivia-your-rank = Your place: { $rank } of { $of }.
trivia-no-questions = No questions fit: nothing in the bank of { $show } up to { $episode }{ $language }.
trivia-past-horizon = { $episode } is past what this game may show plainly (up to { $horizon }: this channel's spoiler horizon or your progress, whichever is earlier). Add spoilers:true to play past it: what lies beyond comes in spoiler tags.
trivia-try-again = Your answer could not be saved just now, so it does not count yet: please try again.
trivia-no-horizon = This channel has no spoiler horizon. Set one with /spoilers set, or name up_to and add spoilers:true.
trivia-bad-number = { $option } must be a whole number from { $min } to { $max }.
trivia-bad-mode = mode is choices or typed.
trivia-leaderboard = Leaderboard · { $show } · { $period }
trivia-period-all = all time
trivia-period-30d = last 30 days
trivia-leader = { $rank }. { $player } · { $points ->
    [one] 1 point
   *[other] { $points } points
} · { $games ->
    [one] 1 game
   *[other] { $games } games
} · { $wins ->
    [one] 1 win
   *[other] { $wins } wins
} · { $accuracy }% right
trivia-no-leaders = Nobody has played { $show } trivia here yet ({ $period }).

## /about

about-title = cliffhanger { $version }
about-show = { $title }: { $episodes ->
    [one] 1 episode
   *[other] { $episodes } episodes
}, { $facts ->
    [one] 1 fact
   *[other] { $facts } facts
} from { $recaps ->
    [one] 1 recap
   *[other] { $recaps } recaps
} ({ $languages }), { $questions ->
    [building] trivia questions still being made
    [one] 1 trivia question
   *[other] { $questions } trivia questions
}
about-show-unwatched = { $title }: you have not said how far you have watched, so I count nothing of it yet. Use /progress set episode:S01E12.
about-empty = The catalog is empty: import some seed recaps.
about-credits = { $title } data: { $credits }
about-languages = Replies in English and German, after each member's Discord language.

## /trivia stats

trivia-stats-title = Your trivia · { $show }
trivia-stats = { $points } points in { $games ->
    [one] 1 game
   *[other] { $games } games
}, { $wins ->
    [one] 1 win
   *[other] { $wins } wins
}, { $correct } of { $answered } answered right ({ $accuracy }%). Place { $rank } of { $of } on this server.
trivia-stats-none = You have not played { $show } trivia on this server yet.
trivia-shutdown = The bot is shutting down: this game ends here, and every point stands.
trivia-interrupted = The trivia game here was cut off: the bot running it stopped. Every point stands.
trivia-interrupted-rank = { $rank }. { $player } · { $points } points
trivia-report-button = Report
trivia-reported = Thanks: question { $number } is reported, and this server's moderators will look at it.
trivia-reported-already = You have reported this question already.
trivia-report-none = There is no revealed question here to report.
trivia-review-not-allowed = Only members who may manage this server can review its trivia questions.
trivia-review-unknown = No question in the bank has the id “{ $question }”: /trivia review lists them.
trivia-review-both = Give both question and action, or neither to see the list.
trivia-review-title = Trivia review · { $count ->
    [one] 1 question
   *[other] { $count } questions
}
trivia-review-empty = Nothing to review: no question here has been reported, or is answered right by nearly everyone or nearly nobody.
trivia-review-approved = Approved { $question }: it stays, off the list until someone reports it again.
trivia-review-retired = Retired { $question }: it will not be asked on this server again.
trivia-review-id = Question id: { $question }
trivia-review-reported = Reported by { $count ->
    [one] one member
   *[other] { $count } members
}.
trivia-review-answered = { $correct } of { $players } got it right.
trivia-review-easy = Too easy: { $correct } of { $players } got it right ({ $rate }%).
trivia-review-hard = Too hard: { $correct } of { $players } got it right ({ $rate }%).
trivia-review-approve = Approve
trivia-review-retire = Retire

## /catalog (the bot's owners)

catalog-title = Catalog
catalog-loaded = Loaded (as far as you have watched): { $shows ->
    [one] 1 show
   *[other] { $shows } shows
}, { $episodes ->
    [one] 1 episode
   *[other] { $episodes } episodes
}, { $facts ->
    [one] 1 fact
   *[other] { $facts } facts
}.
catalog-seeds = Seeds: { $dir }
catalog-trigger-start = Last import: at start-up, { $at }.
catalog-trigger-watch = Last import: the seed files changed, { $at }.
catalog-trigger-command = Last import: asked for with /catalog reload, { $at }.
catalog-imported = Imported.
catalog-refused = The seeds do not load, so the catalog in use is unchanged{ $problems ->
    [0] .
    [one] . 1 problem within your progress:
   *[other] . { $problems } problems within your progress:
}
catalog-more-problems = … and { $more } more (all are in the log).
catalog-problems-elsewhere = Problems in the files of episodes past your progress, and in show.toml unless you have watched the whole show, are not shown here: `cliffhanger check` at the bot's terminal lists them all.
catalog-failed = The import failed ({ $why }), so the catalog in use is unchanged.
catalog-no-import = No import since the bot started.
catalog-owners-only = Only the bot's owners can do that.
catalog-owner-alert = The seed files changed, but they do not load; the catalog in use is unchanged. /catalog status shows the problems.

## Discord

error-bad-argument = I could not read “{ $input }” for that option. Please pick a value from the list or try again.
error-outdated-command = This command has changed since your Discord loaded it. Please try again in a moment.
trivia-round-over = This round is over: wait for the next question.
trivia-bad-button = That button is not one of mine any more.
answered-privately = The answer was sent to you privately.
trivia-answer-noted = Noted.
trivia-typed-needs-command = Typed answers in the channel cannot be read here (the Message Content intent is off): answer with /trivia answer.

## Slash commands: names (German in the German file) and descriptions

cmd-episode = episode
cmd-episode-desc = An episode's recap, as far as you have watched
cmd-episode-opt-episode = episode
cmd-episode-opt-episode-desc = Episode code (S01E12) or title
cmd-episode-opt-show = show
cmd-episode-opt-show-desc = The show, when several are loaded
cmd-episode-opt-reveal = reveal
cmd-episode-opt-reveal-desc = Also show what lies past your progress: only to you, in spoiler tags
cmd-character = character
cmd-character-desc = Who someone is and what happened to them
cmd-character-opt-name = name
cmd-character-opt-name-desc = The character's name
cmd-character-opt-show = show
cmd-character-opt-show-desc = The show, when several are loaded
cmd-character-opt-reveal = reveal
cmd-character-opt-reveal-desc = Also show what lies past your progress: only to you, in spoiler tags
cmd-search = search
cmd-search-desc = Search the recaps, as far as you have watched
cmd-search-opt-query = query
cmd-search-opt-query-desc = Words to look for
cmd-search-opt-show = show
cmd-search-opt-show-desc = The show, when several are loaded
cmd-search-opt-reveal = reveal
cmd-search-opt-reveal-desc = Also show what lies past your progress: only to you, in spoiler tags
cmd-progress = progress
cmd-progress-desc = How far you have watched (only you see it)
cmd-progress-set = set
cmd-progress-set-desc = Set how far you have watched
cmd-progress-set-opt-episode = episode
cmd-progress-set-opt-episode-desc = The last episode you have seen
cmd-progress-set-opt-show = show
cmd-progress-set-opt-show-desc = The show, when several are loaded
cmd-progress-show = show
cmd-progress-show-desc = Show how far you have watched
cmd-progress-show-opt-show = show
cmd-progress-show-opt-show-desc = The show, when several are loaded
cmd-progress-clear = clear
cmd-progress-clear-desc = Forget how far you have watched
cmd-progress-clear-opt-show = show
cmd-progress-clear-opt-show-desc = The show, when several are loaded
cmd-progress-follow = follow
cmd-progress-follow-desc = Let your progress follow this channel's rewatch
cmd-spoilers = spoilers
cmd-spoilers-desc = What may be discussed here without spoiler tags
cmd-spoilers-set = set
cmd-spoilers-set-desc = Set the spoiler horizon
cmd-spoilers-set-opt-episode = episode
cmd-spoilers-set-opt-episode-desc = The last episode that may be discussed
cmd-spoilers-set-opt-scope = scope
cmd-spoilers-set-opt-scope-desc = This channel (default) or the server's default
cmd-spoilers-set-opt-show = show
cmd-spoilers-set-opt-show-desc = The show, when several are loaded
cmd-spoilers-show = show
cmd-spoilers-show-desc = Show the spoiler horizon
cmd-spoilers-show-opt-scope = scope
cmd-spoilers-show-opt-scope-desc = This channel (default) or the server's default
cmd-spoilers-show-opt-show = show
cmd-spoilers-show-opt-show-desc = The show, when several are loaded
cmd-spoilers-clear = clear
cmd-spoilers-clear-desc = Remove the spoiler horizon
cmd-spoilers-clear-opt-scope = scope
cmd-spoilers-clear-opt-scope-desc = This channel (default) or the server's default
cmd-spoilers-clear-opt-show = show
cmd-spoilers-clear-opt-show-desc = The show, when several are loaded
cmd-trivia = trivia
cmd-trivia-desc = Trivia about the show
cmd-trivia-start = start
cmd-trivia-start-desc = Start a game in this channel
cmd-trivia-start-opt-show = show
cmd-trivia-start-opt-show-desc = The show, when several are loaded
cmd-trivia-start-opt-up_to = up_to
cmd-trivia-start-opt-up_to-desc = Last episode in play (default: the channel's horizon)
cmd-trivia-start-opt-questions = questions
cmd-trivia-start-opt-questions-desc = How many questions (1 to 50, default 10)
cmd-trivia-start-opt-seconds = seconds
cmd-trivia-start-opt-seconds-desc = Seconds per question (5 to 120, default 20)
cmd-trivia-start-opt-mode = mode
cmd-trivia-start-opt-mode-desc = Answer with buttons or by typing
cmd-trivia-start-opt-language = language
cmd-trivia-start-opt-language-desc = Only questions from recaps in this language
cmd-trivia-start-opt-spoilers = spoilers
cmd-trivia-start-opt-spoilers-desc = Allow episodes past the channel's horizon, in spoiler tags
cmd-trivia-start-opt-pack = pack
cmd-trivia-start-opt-pack-desc = Only the questions of this pack of the server's own (/trivia pack list)
cmd-trivia-answer = answer
cmd-trivia-answer-desc = Answer the current question (typed games)
cmd-trivia-answer-opt-text = text
cmd-trivia-answer-opt-text-desc = Your answer
cmd-trivia-hint = hint
cmd-trivia-hint-desc = Take a hint (costs 50 points)
cmd-trivia-skip = skip
cmd-trivia-skip-desc = Skip the current question
cmd-trivia-stop = stop
cmd-trivia-stop-desc = Stop the game
cmd-trivia-leaderboard = leaderboard
cmd-trivia-leaderboard-desc = This server's best players
cmd-trivia-leaderboard-opt-show = show
cmd-trivia-leaderboard-opt-show-desc = The show, when several are loaded
cmd-trivia-leaderboard-opt-period = period
cmd-trivia-leaderboard-opt-period-desc = All time or the last 30 days
cmd-trivia-leaderboard-opt-season = season
cmd-trivia-leaderboard-opt-season-desc = A season's board, by its name (past or running)
cmd-trivia-leaderboard-opt-picture = picture
cmd-trivia-leaderboard-opt-picture-desc = true: with a picture of the board and its leaders' points day by day
cmd-trivia-season = season
cmd-trivia-season-desc = Trivia seasons, each with a board of its own
cmd-trivia-season-start = start
cmd-trivia-season-start-desc = Begin a season, ending the one running (server managers)
cmd-trivia-season-end = end
cmd-trivia-season-end-desc = End the season running (server managers)
cmd-trivia-season-list = list
cmd-trivia-season-list-desc = The server's seasons
cmd-trivia-season-start-opt-name = name
cmd-trivia-season-start-opt-name-desc = The new season's name
cmd-trivia-pack = pack
cmd-trivia-pack-desc = The server's own trivia packs
cmd-trivia-pack-upload = upload
cmd-trivia-pack-upload-desc = Add a pack: a Red trivia list (.yaml) or a question file (.toml) (server managers)
cmd-trivia-pack-upload-opt-file = file
cmd-trivia-pack-upload-opt-file-desc = The file; one of the same name replaces the server's pack of that name
cmd-trivia-pack-upload-opt-show = show
cmd-trivia-pack-upload-opt-show-desc = The show its questions are about, when several are loaded
cmd-trivia-pack-upload-opt-episode = episode
cmd-trivia-pack-upload-opt-episode-desc = The episode every question without its own S1E12: prefix is about
cmd-trivia-pack-upload-opt-season = season
cmd-trivia-pack-upload-opt-season-desc = Or the season (its last episode) they are about
cmd-trivia-pack-upload-opt-language = language
cmd-trivia-pack-upload-opt-language-desc = The language of a Red list's questions (default: yours)
cmd-trivia-pack-list = list
cmd-trivia-pack-list-desc = The server's packs
cmd-trivia-pack-remove = remove
cmd-trivia-pack-remove-desc = Remove a pack and its questions (server managers)
cmd-trivia-pack-remove-opt-name = name
cmd-trivia-pack-remove-opt-name-desc = Its name, as /trivia pack list shows it
cmd-trivia-stats = stats
cmd-trivia-stats-desc = Your own trivia figures, only to you
cmd-trivia-stats-opt-show = show
cmd-trivia-stats-opt-show-desc = The show, when several are loaded
cmd-trivia-privacy = privacy
cmd-trivia-privacy-desc = Whether this server's web pages show you by name
cmd-trivia-privacy-opt-hidden = hidden
cmd-trivia-privacy-opt-hidden-desc = true: leave you off its boards and pages; false: show you again
cmd-trivia-report = report
cmd-trivia-report-desc = Report the question just revealed as unfair or wrong
cmd-trivia-review = review
cmd-trivia-review-desc = Reported and lopsided questions: approve or retire them
cmd-trivia-review-opt-question = question
cmd-trivia-review-opt-question-desc = A question's id, from the review list
cmd-trivia-review-opt-action = action
cmd-trivia-review-opt-action-desc = Approve (keep) or retire (never ask again here)
cmd-catalog = catalog
cmd-catalog-desc = The bot's catalog (owners only)
cmd-catalog-reload = reload
cmd-catalog-reload-desc = Import the seed files again
cmd-catalog-status = status
cmd-catalog-status-desc = What is loaded, and the last import and its problems
cmd-trivia-schedule = schedule
cmd-trivia-schedule-desc = Games set to start later: set one, list them, call one off
cmd-trivia-schedule-add = add
cmd-trivia-schedule-add-desc = Set a game to start later in this channel, with a server event (channel managers)
cmd-trivia-schedule-list = list
cmd-trivia-schedule-list-desc = The games set to start later on this server
cmd-trivia-schedule-cancel = cancel
cmd-trivia-schedule-cancel-desc = Call off a game set to start later (channel managers)
cmd-trivia-schedule-cancel-opt-id = id
cmd-trivia-schedule-cancel-opt-id-desc = Its number, as /trivia schedule list shows it
cmd-trivia-schedule-add-opt-at = at
cmd-trivia-schedule-add-opt-at-desc = When: 2026-12-10 20:00, or 20:00 for the next time the clocks show it
cmd-trivia-schedule-add-opt-timezone = timezone
cmd-trivia-schedule-add-opt-timezone-desc = Time zone, as Europe/Berlin or America/New_York
cmd-trivia-schedule-add-opt-show = show
cmd-trivia-schedule-add-opt-show-desc = The show, when several are loaded
cmd-trivia-schedule-add-opt-up_to = up_to
cmd-trivia-schedule-add-opt-up_to-desc = Last episode in play (default: the channel's horizon)
cmd-trivia-schedule-add-opt-questions = questions
cmd-trivia-schedule-add-opt-questions-desc = How many questions (1 to 50, default 10)
cmd-trivia-schedule-add-opt-seconds = seconds
cmd-trivia-schedule-add-opt-seconds-desc = Seconds per question (5 to 120, default 20)
cmd-trivia-schedule-add-opt-mode = mode
cmd-trivia-schedule-add-opt-mode-desc = Answer by buttons (choices) or by typing (typed)
cmd-trivia-schedule-add-opt-language = language
cmd-trivia-schedule-add-opt-language-desc = Only questions in this language
cmd-trivia-schedule-add-opt-spoilers = spoilers
cmd-trivia-schedule-add-opt-spoilers-desc = Allow episodes past the channel's horizon, in spoiler tags
cmd-trivia-schedule-add-opt-pack = pack
cmd-trivia-schedule-add-opt-pack-desc = Only the questions of this pack of the server's own (/trivia pack list)
cmd-daily = daily
cmd-daily-desc = The question of the day
cmd-daily-set = set
cmd-daily-set-desc = Post a question every day at this local time (server managers)
cmd-daily-set-opt-time = time
cmd-daily-set-opt-time-desc = Local time of day, 24-hour: 09:00, 18:30
cmd-daily-set-opt-timezone = timezone
cmd-daily-set-opt-timezone-desc = Time zone, as Europe/Berlin or America/New_York
cmd-daily-set-opt-channel = channel
cmd-daily-set-opt-channel-desc = Where to post (default: here)
cmd-daily-set-opt-show = show
cmd-daily-set-opt-show-desc = The show, when several are loaded
cmd-daily-set-opt-mode = mode
cmd-daily-set-opt-mode-desc = Answer by buttons (choices, default) or by typing (typed)
cmd-daily-show = show
cmd-daily-show-desc = Where and when the question of the day is posted
cmd-daily-off = off
cmd-daily-off-desc = No more questions of the day (server managers)
cmd-daily-answer = answer
cmd-daily-answer-desc = Answer today's question: a letter, or the answer typed
cmd-daily-answer-opt-text = text
cmd-daily-answer-opt-text-desc = Your answer
cmd-daily-leaderboard = leaderboard
cmd-daily-leaderboard-desc = Who gets the question of the day right, and their streaks
cmd-daily-queue = queue
cmd-daily-queue-desc = The server's own questions of the day (server managers)
cmd-daily-queue-add = add
cmd-daily-queue-add-desc = Queue a question of your own: asked before the bank (server managers)
cmd-daily-queue-list = list
cmd-daily-queue-list-desc = The questions queued, oldest first (server managers)
cmd-daily-queue-remove = remove
cmd-daily-queue-remove-desc = Take a queued question off the queue (server managers)
cmd-daily-queue-remove-opt-id = id
cmd-daily-queue-remove-opt-id-desc = Its number, as /daily queue list shows it
cmd-daily-queue-add-opt-question = question
cmd-daily-queue-add-opt-question-desc = The question
cmd-daily-queue-add-opt-answer = answer
cmd-daily-queue-add-opt-answer-desc = Its answer
cmd-daily-queue-add-opt-wrong = wrong
cmd-daily-queue-add-opt-wrong-desc = One to three wrong answers, separated by ;
cmd-daily-queue-add-opt-episode = episode
cmd-daily-queue-add-opt-episode-desc = The episode it is about: asked once the channel's horizon reaches it
cmd-daily-suggest = suggest
cmd-daily-suggest-desc = Suggest a question of the day: the server's managers review it
cmd-daily-suggest-opt-question = question
cmd-daily-suggest-opt-question-desc = The question
cmd-daily-suggest-opt-answer = answer
cmd-daily-suggest-opt-answer-desc = Its answer
cmd-daily-suggest-opt-wrong = wrong
cmd-daily-suggest-opt-wrong-desc = One to three wrong answers, separated by ;
cmd-daily-suggest-opt-episode = episode
cmd-daily-suggest-opt-episode-desc = The episode it is about
cmd-rewatch = rewatch
cmd-rewatch-desc = Watch a show again together, a few episodes at a time
cmd-rewatch-start = start
cmd-rewatch-start-desc = Start a rewatch here: the channel's horizon moves on with it (channel managers)
cmd-rewatch-start-opt-first = first
cmd-rewatch-start-opt-first-desc = The first episode (code or title)
cmd-rewatch-start-opt-at = at
cmd-rewatch-start-opt-at-desc = Local time of each step, 24-hour: 20:00
cmd-rewatch-start-opt-timezone = timezone
cmd-rewatch-start-opt-timezone-desc = Time zone, as Europe/Berlin or America/New_York
cmd-rewatch-start-opt-show = show
cmd-rewatch-start-opt-show-desc = The show, when several are loaded
cmd-rewatch-start-opt-per = per
cmd-rewatch-start-opt-per-desc = Episodes a step (1 to 10, default 1)
cmd-rewatch-start-opt-every = every
cmd-rewatch-start-opt-every-desc = Days between steps (1 to 28, default 7)
cmd-rewatch-start-opt-channel = channel
cmd-rewatch-start-opt-channel-desc = Where (default: here)
cmd-rewatch-start-opt-trivia = trivia
cmd-rewatch-start-opt-trivia-desc = A short trivia round at each step
cmd-rewatch-status = status
cmd-rewatch-status-desc = Where this channel's rewatch stands
cmd-rewatch-pause = pause
cmd-rewatch-pause-desc = Hold the rewatch (channel managers)
cmd-rewatch-resume = resume
cmd-rewatch-resume-desc = Go on with the rewatch (channel managers)
cmd-rewatch-skip = skip
cmd-rewatch-skip-desc = Put the next step off by one period (channel managers)
cmd-rewatch-stop = stop
cmd-rewatch-stop-desc = End the rewatch; the horizon stays (channel managers)
cmd-announce = announce
cmd-announce-desc = New episodes told to a channel on the day they air
cmd-announce-set = set
cmd-announce-set-desc = Tell a channel of each new episode on the day it airs, with a thread (server managers)
cmd-announce-set-opt-timezone = timezone
cmd-announce-set-opt-timezone-desc = Time zone, as Europe/Berlin or America/New_York
cmd-announce-set-opt-time = time
cmd-announce-set-opt-time-desc = Local time on the day it airs, as 20:00 (the default)
cmd-announce-set-opt-channel = channel
cmd-announce-set-opt-channel-desc = The channel told (default: this one)
cmd-announce-set-opt-show = show
cmd-announce-set-opt-show-desc = The show, when several are loaded
cmd-announce-show = show
cmd-announce-show-desc = Where and when this server hears of new episodes
cmd-announce-off = off
cmd-announce-off-desc = No more announcements of new episodes (server managers)
cmd-about = about
cmd-about-desc = What is loaded: shows, episodes, facts, questions, languages
cmd-web = web
cmd-web-desc = This server's trivia pages on the web: where they are, and whether they are public
cmd-web-opt-public = public
cmd-web-opt-public-desc = true: anyone with the link sees the boards and recent games (server managers)

## Choices

choice-channel = This channel
choice-server = Server default
choice-choices = Buttons (A to D)
choice-typed = Typed answers
choice-en = English recaps
choice-de = German recaps
choice-all = All time
choice-recent = Last 30 days
choice-season = The running season
choice-start = Begin a season
choice-end = End the running season
choice-list = List the seasons
choice-approve = Approve: keep it
choice-retire = Retire: never ask it here again

## /daily

daily-needs-server = The question of the day belongs to a server: ask in one of its channels.
daily-not-allowed = Only members who may manage the server set the question of the day.
daily-bad-time = “{ $time }” is not a time of day: write it as 09:00 or 18:30 (24-hour).
daily-bad-timezone = “{ $timezone }” is not a time zone I know: write it as Europe/Berlin, America/New_York or UTC.
error-bad-channel = { $option } takes a channel, not “{ $value }”.
error-no-file = { $option } takes a file.
error-file-unreadable = Cannot read { $file }: { $reason }.
error-not-a-file = it is not a file
error-missing-option = { $command } needs { $option }: give it as { $option }:…
error-file-unfetched = Could not fetch { $file } from Discord: try uploading it again.
daily-no-horizon = { $channel } has no spoiler horizon, so no question can be asked there: set one first with /spoilers set.
daily-set-within = Questions come from episodes up to { $episode }, the channel's horizon, and follow it when it moves.
daily-described = Question of the day: in { $channel } every day at { $time } ({ $timezone }), about { $show }, { $mode }.
daily-mode-choices = answered by buttons
daily-mode-typed = answered by typing
daily-next = Next: { $next }.
daily-none = This server has no question of the day. Server managers set one with /daily set.
daily-off = The question of the day is off. Answers and the board are kept.
daily-nothing-open = There is no question of the day open to answer.
daily-closed = That question is closed: its answer is out.
daily-answer-unclear = That fits more than one choice: give a letter or the whole answer.
daily-already = You have answered this question already.
daily-answered = Your answer is in: { $answer }. The answer comes with the next question.
daily-board-title = Question of the day
daily-board-empty = Nobody has got a question of the day right yet.
daily-board-line = { $place }. { $player }: { $right } right · streak { $streak } (best { $best })
daily-board-days = { $days ->
    [one] One question revealed so far.
   *[other] { $days } questions revealed so far.
}
daily-skipped = The question of the day due { $due } was skipped: I was away for { $late }. The next comes { $next }.
daily-last-heading = Yesterday's question:
daily-no-horizon-now = No question today: { $channel } has no spoiler horizon any more, so nothing may be asked there. Set one with /spoilers set.
daily-no-question = No question today: there is nothing left to ask within { $channel }'s spoiler horizon.
daily-thread = Question of the day { $date }
daily-late = Posted { $late } late: I was away.
daily-until = Open until the next question, { $next }.
daily-own-empty = A question needs its words and its answer.
daily-own-wrong = Give one to three wrong answers, separated by ; and none the same as the answer.
daily-queued = Queued: it is asked before the questions from the episodes, once the channel's horizon reaches { $episode }.
daily-suggested = Thanks: your question is on the server's review list (/trivia review) until a manager approves it.
daily-suggestions-unseen = { $count ->
    [one] One suggested question is about an episode past where you have watched: set your progress further to review it.
   *[other] { $count } suggested questions are about episodes past where you have watched: set your progress further to review them.
}
daily-queue-title = { $count ->
    [0] No question of the server's own is queued.
    [one] One question of the server's own is queued.
   *[other] { $count } questions of the server's own are queued.
}
daily-queue-line = #{ $id } · { $episode } · { $question }
daily-queue-unseen = { $count ->
    [one] One of them is about an episode past where you have watched.
   *[other] { $count } of them are about episodes past where you have watched.
}
daily-queue-empty = Queue one with /daily queue add; members suggest with /daily suggest.
daily-queue-removed = Question #{ $id } is off the queue: it will not be asked.
daily-queue-no-such = No question #{ $id } is queued on this server (/daily queue list shows them).

## /trivia pack
pack-needs-server = Packs belong to a server: ask in one of its channels.
pack-not-allowed = Only members who may manage the server add or remove packs.
pack-refused = { $count ->
    [one] { $file } was not added: it has a problem. Nothing was stored.
   *[other] { $file } was not added: it has { $count } problems. Nothing was stored.
}
pack-more-problems = …and { $count } more.
pack-bad-name = “{ $file }” does not make a pack's name: name the file with letters or digits.
pack-bad-kind = { $file } is neither a Red trivia list (.yaml) nor a question file (.toml).
pack-too-big = { $file } is larger than a pack may be ({ $max } KB).
pack-not-text = { $file } is not UTF-8 text.
pack-too-many = { $count ->
    [one] { $file } has one question; a pack holds at most { $max }.
   *[other] { $file } has { $count } questions; a pack holds at most { $max }.
}
pack-full = This server has { $max } packs already: remove one first (/trivia pack remove).
pack-no-season = { $show } has no episodes of season { $season } in the catalog.
pack-uploaded = { $count ->
    [one] Pack “{ $pack }” is ready: one question about { $show } ({ $episodes } tied to an episode, { $whole } spoiling the whole show).
   *[other] Pack “{ $pack }” is ready: { $count } questions about { $show } ({ $episodes } tied to an episode, { $whole } spoiling the whole show).
}
pack-replaced = { $count ->
    [one] It replaces the earlier pack of that name (one question).
   *[other] It replaces the earlier pack of that name ({ $count } questions).
}
pack-listed-twice = “{ $question }” is listed on line { $earlier } and line { $later }: the answers of line { $later } are kept, as Red keeps them.
pack-how-to-play = Its questions now come up in this server's games about the show, each once its episode is watched; /trivia start pack:{ $pack } plays it alone.
pack-list-title = { $count ->
    [0] This server has no packs.
    [one] This server has one pack.
   *[other] This server has { $count } packs.
}
pack-list-line = { $count ->
    [one] **{ $pack }** · one question · { $show } · by { $player }
   *[other] **{ $pack }** · { $count } questions · { $show } · by { $player }
}
pack-list-empty = Server managers add one with /trivia pack upload and a file.
pack-removed = Pack “{ $pack }” is removed with its questions.
pack-unknown = This server has no pack “{ $pack }” (/trivia pack list shows them).
pack-unknown-for-show = This server has no pack “{ $pack }” about { $show } (/trivia pack list shows them).
pack-typed-only = Pack “{ $pack }” has no wrong answers written, so its questions are asked typed: start it without mode, or with mode:typed.
planned-pack = Only the questions of pack “{ $pack }”.

## /announce
announce-needs-server = Announcements belong to a server: ask in one of its channels.
announce-not-allowed = Only members who may manage the server set announcements.
announce-set = New episodes of { $show } are told in { $channel } at { $time } ({ $timezone }) on the day they air, each with a thread. The channel's horizon stays where its moderators put it.
announce-next-look = Next look: { $at }.
announce-next-episode = Next to air: { $code } on { $day }.
announce-no-dates = No episode of { $show } has an air date ahead in the catalog; a show made from an episode guide gets them with `show new --update`.
announce-none = This server is not told of new episodes. Server managers set it with /announce set.
announce-off = New episodes are no longer told here.
announce-aired-today = New episode of { $show } today: **{ $code }** “{ $title }”.
announce-aired = New episode of { $show }: **{ $code }** “{ $title }”, aired { $day }.
daily-suggestions-title = Suggested questions of the day · { $count }
daily-suggested-by = Suggested by { $player }, about { $episode }.
daily-suggestion-approved = Approved: it joins the queue of questions of the day.
daily-suggestion-rejected = Retired: it is not asked.
daily-own-unknown-episode = { $show } has no episode { $episode } in the catalog: a question belongs to one of its episodes.
daily-suggestion-decided = Suggestion { $question } was decided already.
daily-suggestions-then = Then the review list: { $count ->
    [one] one question.
   *[other] { $count } questions.
}
daily-heading = Question of the day · { $episode }
daily-how-choices = Answer with the buttons, or /daily answer. Only you see your answer.
daily-how-typed = Answer with /daily answer. Only you see your answer.

## /trivia schedule

planned-not-allowed = Only members who may manage this channel set games for later or call them off.
planned-bad-time = “{ $at }” is not a time: write 2026-12-10 20:00, or 20:00 for the next time the clocks show it.
planned-past = { $at } has passed: give a time still to come.
planned-too-far = A game can be set at most { $days } days ahead.
planned-set = { $count ->
    [one] Trivia game #{ $id } is set: one question about { $show } in { $channel }, starting { $when }.
   *[other] Trivia game #{ $id } is set: { $count } questions about { $show } in { $channel }, starting { $when }.
}
planned-remind-note = The channel is reminded a quarter of an hour before.
planned-event-name = Trivia: { $show }
planned-event-description = { $count ->
    [one] One question about { $show }, as far as the channel may discuss. Answer with the buttons in the channel.
   *[other] { $count } questions about { $show }, as far as the channel may discuss. Answer with the buttons in the channel.
}
planned-event-location = In the channel the game was set for
planned-list-title = Games set to start later
planned-none = No game is set to start later. Channel managers set one with /trivia schedule add.
planned-line = #{ $id } · { $when } · { $channel } · { $show } · set by { $player }
planned-unknown = No game #{ $id } is set on this server: /trivia schedule list shows them.
planned-not-pending = Game #{ $id } has started or was called off already.
planned-called-off = Game #{ $id } in { $channel } is called off.
planned-reminder = Trivia starts here in { $left } ({ $when }). Get ready!
planned-too-late = Game #{ $id }, set for { $when }, did not start: I was away for { $late }.
planned-could-not-start = Game #{ $id } could not start:
planned-started-by = Set up by { $player }.

## /rewatch

rewatch-episode-name = { $code } “{ $title }”
rewatch-already = { $channel } has a rewatch already: /rewatch stop ends it.
rewatch-started = Rewatch of { $show } in { $channel }: { $per ->
    [one] one episode
   *[other] { $per } episodes
} every { $every ->
    [one] day
   *[other] { $every } days
} at { $time } ({ $timezone }), from { $first }. The first step comes { $when }; the channel's horizon moves on with each.
rewatch-not-allowed = Only members who may manage this channel run its rewatch.
rewatch-unknown-episode = { $show } has no episode { $episode } in the catalog: a rewatch begins at one of its episodes.
rewatch-following-from = Your progress in { $show } now follows this channel's rewatch, which begins with { $episode }: until its first step, the channel's horizon counts for you. Setting your progress yourself with /progress set ends following.
rewatch-last-step = That is the last episode: the rewatch of { $show } is complete.
rewatch-none = This channel has no rewatch. Channel managers start one with /rewatch start.
rewatch-status = Rewatch in { $channel }: next { $per ->
    [one] episode
   *[other] { $per } episodes
} from { $from }, { $when }. { $followers ->
    [one] One member follows it.
   *[other] { $followers } members follow it.
}
rewatch-paused-now = paused
rewatch-paused = The rewatch is paused: no step until /rewatch resume.
rewatch-resumed = The rewatch goes on: the next step comes { $when }.
rewatch-skipped = The next step is put off: it comes { $when }.
rewatch-stopped = The rewatch has ended. The channel's horizon stays where it is.
rewatch-is-paused = The rewatch is paused: /rewatch resume first.
rewatch-is-running = The rewatch is running already.
rewatch-following = Your progress in { $show } now follows this channel's rewatch: { $episode } for now. Setting it yourself with /progress set ends that.
rewatch-step = Rewatch: { $count ->
    [one] this time
   *[other] this time, { $count } episodes
}: { $episodes }. The channel may talk about { $count ->
    [one] it
   *[other] them
} now.
rewatch-thread-post = Talk about { $episode } in its thread.
rewatch-done = The rewatch of { $show } is complete: that was the last episode.
rewatch-no-round = No trivia round this time:

## /trivia season

trivia-period-season = season “{ $season }”
season-not-allowed = Only members who may manage the server begin and end seasons.
season-needs-name = A new season needs a name: /trivia season start name:Winter 2026
season-already = Season “{ $season }” is running: end it first with /trivia season end.
season-started = Season “{ $season }” has begun: /trivia leaderboard period:season shows its board. The board of all time goes on beside it.
season-ended = Season “{ $season }” has ended. Its board stays: /trivia leaderboard season:{ $season }.
season-none-running = No season is running on this server.
season-unknown = There is no season “{ $season }” here. Seasons: { $seasons }
season-name-taken = This server has had a season “{ $season }” already: give the new one a name of its own.
season-unknown-none = There is no season “{ $season }” here: this server has had no seasons yet.
season-list-title = Seasons
season-list-empty = This server has had no seasons yet.
season-line-running = { $season } (running)
season-line-ended = { $season }

## /web and /trivia privacy
web-needs-server = Web pages belong to a server: ask in one of its channels.
web-not-allowed = Only members who may manage the server turn its web pages on or off.
web-public-on = This server's trivia pages are public: { $url } (boards, recent games and players, with no episode text). Members can leave themselves off with /trivia privacy hidden:true.
web-public-on-unserved = This server's trivia pages are public, but this bot serves no web pages (its operator sets WEB_ADDR and WEB_URL).
web-public-off = This server's trivia pages are not public. Server managers turn them on with /web public:true.
web-desk = Moderators manage the bot for this server at { $url } (log in with Discord).
privacy-hidden = You are left off this server's web pages: its boards skip you and its games list does not name you. /trivia privacy hidden:false shows you again.
privacy-shown = This server's web pages show you by the display name you had when you last played. /trivia privacy hidden:true leaves you off them.

## The web pages
web-other-language = Deutsch
web-footer = Boards and games of this server's trivia. No episode text is shown here, so nothing on these pages spoils a show.
web-home = Home
web-home-title = Trivia boards and the moderators' desk
web-home-text = Each server that turned its pages on (/web public:true) has its boards, recent games and players here, at the address the bot gives in /web. Moderators manage the bot for their servers at the desk.
web-desk-link = To the moderators' desk
web-departed = (left the server)
web-unnamed = player
web-hidden-player = a hidden player
web-too-many = Too many requests from your address: wait a minute and try again.
web-not-found = No such page (or this server's pages are not public).
web-bad-request = This address asks for something the page cannot show.
web-failed = Something went wrong making this page; it is in the bot's log.
web-server-unnamed = This server's trivia
web-boards = Boards
web-recent-games = Recent games
web-period = Period
web-period-all = All time
web-period-30d = Last 30 days
web-show = Show
web-all-shows = All shows
web-board-empty = No games have ended here in this period yet.
web-player = Player
web-points = Points
web-games = Games
web-wins = Wins
web-correct = Right
web-games-empty = No games have ended here yet.
web-ended = Ended
web-players = Players
web-winner = Winner
web-cut-short = stopped before the end
web-no-winner = no winner
web-player-rank = Place { $rank } of { $of } on this server's board of all time.
web-player-totals = { $points ->
    [one] 1 point
   *[other] { $points } points
} in { $games ->
    [one] 1 game
   *[other] { $games } games
}, { $wins ->
    [one] 1 win
   *[other] { $wins } wins
}, { $correct } of { $answered } answered right.
web-their-games = Their latest games
web-desk-title = Moderators' desk
web-desk-login-text = Log in with Discord to manage the bot for the servers you may manage: reported questions, spoiler horizons, the question of the day, rewatches, scheduled games, packs and these pages. The bot asks Discord only who you are and which servers you are in.
web-desk-login = Log in with Discord
web-desk-hello = Logged in as
web-desk-no-servers = None of your servers that you may manage has used the bot yet.
web-desk-logout = Log out
web-desk-unconfigured = The desk is not set up: the bot's operator sets DISCORD_CLIENT_ID, DISCORD_CLIENT_SECRET and WEB_URL.
web-desk-discord-busy = Discord asks us to wait a moment; try again shortly.
web-desk-discord-failed = Discord could not say which servers you manage; try again shortly.
web-desk-login-failed = The login did not go through (it was not started here, or it took too long). Log in again from the desk.
web-desk-forged = This form did not come from your desk page (its token does not match). Reload the desk and try again.
web-desk-not-yours = You may not manage this server (Discord says so now), so its desk is not yours.
web-desk-all-servers = All your servers
web-desk-done = Done
web-desk-review = Reported questions
web-desk-horizons = The server's default spoiler horizon
web-desk-channel-horizons = Each channel's spoiler horizon
web-desk-no-channel = The bot has not been used in a channel of this server yet.
web-desk-daily = Question of the day
web-desk-rewatch = Rewatch
web-desk-schedule = Scheduled games
web-desk-packs = The server's own packs
web-desk-pages = Public pages
web-desk-channel = Channel
web-desk-bad-channel = That is not a channel the bot has seen used in this server: pick one from the list.
web-desk-needs-channel = Pick the channel (for a horizon, or choose scope server for the server's default).
web-desk-not-done = Not done
web-board-more = { $count ->
    [one] and one more player
   *[other] and { $count } more players
}
web-desk-no-rewatch = No rewatch is running or paused in this server. Channel managers start one with /rewatch start in its channel.
web-card-chart = Points of the leaders, day by day
web-card-alt = The board as a picture, with the leaders' points day by day
console-picture = [picture: { $path }]
console-picture-unsaved = [the picture could not be saved: { $error }]
