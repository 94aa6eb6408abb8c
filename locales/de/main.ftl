# Die Worte des Bots auf Deutsch. Jede Nachricht hier hat eine englische
# Entsprechung in locales/en/main.ftl; ein Test hält beide gleich.

## Anführungszeichen

quoted = „{ $text }“

## Fehler

error-internal = Bei mir ist etwas schiefgegangen (Fehler { $id }). Bitte versuch es noch einmal.
error-unknown-show = Die Serie „{ $show }“ gibt es im Katalog nicht. Serien: { $shows }.
error-choose-show = Im Katalog sind mehrere Serien: Gib show:{ $example } an (Serien: { $shows }).
error-no-shows = Der Katalog ist leer: Importiere zuerst Zusammenfassungen.
error-bad-episode = „{ $input }“ kenne ich nicht als Folge: Schreib einen Code wie S01E12 oder 1x12 oder einen Titel.
error-no-permission-channel = Nur wer diesen Kanal verwalten darf, kann seinen Spoiler-Horizont ändern.
error-no-permission-server = Nur wer diesen Server verwalten darf, kann seinen Standard-Spoiler-Horizont ändern.
error-empty-query = Wonach soll ich suchen? Gib ein paar Wörter an, z. B. suchbegriff:Kleid.
error-empty-name = Wen soll ich nachschlagen? Gib einen Namen an, z. B. name:Karen.
error-empty-episode = Welche Folge? Gib einen Code oder Titel an, z. B. folge:S01E12.
error-unknown-command = { $command } kenne ich nicht. Versuch /help.
error-unknown-option = { $command } hat keine Option „{ $option }“. Optionen: { $options }.
error-bad-choice = { $option } ist eins von { $choices }, nicht „{ $value }“.
error-bad-flag = { $option } nimmt true oder false, nicht „{ $value }“.
error-too-long = { $option } nimmt höchstens { $max } Zeichen.
error-bad-subcommand = { $command } braucht eins von: { $choices }.

## Spoiler-Schranke

gate-nothing-set = Noch kann ich nichts zeigen: Sag mir mit /fortschritt setzen (z. B. folge:S01E12), wie weit du geschaut hast, oder bitte die Moderation, mit /spoiler setzen einen Spoiler-Horizont für diesen Kanal zu setzen.
gate-later = Spätere Folgen erzählen vielleicht mehr: Mit aufdecken:true siehst du sie nur für dich.
gate-look-further = Mit aufdecken:true schaust du über { $episode } hinaus, nur für dich.
gate-revealed = Nur für dich sichtbar: nach { $episode }, in Spoiler-Markierung.
gate-revealed-all = Nur für dich sichtbar, in Spoiler-Markierung.
gate-up-to = bis { $episode }
gate-cut = { $count ->
    [0] Gekürzt, damit es in Discords Grenzen passt.
    [one] Gekürzt, damit es in Discords Grenzen passt: 1 weitere Zeile ausgelassen.
   *[other] Gekürzt, damit es in Discords Grenzen passt: { $count } weitere Zeilen ausgelassen.
}

## /episode

episode-not-found = Keine Folge von { $show } passt zu „{ $input }“ ({ $upto }).
episode-not-found-any = Keine Folge von { $show } passt zu „{ $input }“.
episode-past-progress = { $episode } liegt nach deinem Stand ({ $watched }).
episode-aired = Ausgestrahlt am { $date }
episode-source = Quelle: { $source }
episode-heading = Folge
episode-characters = Figuren: { $names }
episode-no-characters = Keine benannten Figuren.
episode-other-language = Zusammenfassung auf { $language }
episode-did-you-mean = Meintest du: { $choices }?

## /character

character-nothing = Nichts über „{ $name }“ { $upto }.
character-not-found = Keine Figur aus { $show } passt zu „{ $name }“.
character-ambiguous = „{ $name }“ könnte sein: { $choices }. Sag, wen du meinst.
character-kind-person = Figur
character-kind-role = Rolle in { $production }
character-kind-role-plain = Rolle
character-kind-production = Produktion
character-played-by = Gespielt von { $actor }
character-roles = Rollen: { $names }
character-appears-in = Kommt vor in: { $episodes }
character-timeline = Verlauf
character-no-facts = Keine Fakten über sie { $upto }.

## /search

search-title = Suche: { $query }
search-no-hits = Kein Fakt passt zu „{ $query }“ ({ $upto }).
search-no-hits-any = Kein Fakt passt zu „{ $query }“.
search-no-plain-hits = Nichts, worüber dieser Kanal sprechen darf, passt zu „{ $query }“{ $upto }.

## /progress

progress-set = Du hast { $show } bis { $episode }{ $title } geschaut.
progress-show = Du hast { $show } bis { $episode }{ $title } geschaut.
progress-none = Du hast für { $show } keinen Stand gesetzt. Nutze /fortschritt setzen folge:S01E12.
progress-cleared = Dein Stand für { $show } ist gelöscht.

## /spoilers

spoilers-set-channel = In diesem Kanal darf jetzt über { $show } bis { $episode } gesprochen werden.
spoilers-set-server = In den Kanälen dieses Servers darf jetzt über { $show } bis { $episode } gesprochen werden, sofern ein Kanal nichts anderes sagt.
spoilers-show-channel = In diesem Kanal darf über { $show } bis { $episode } gesprochen werden.
spoilers-show-server = Dieser Kanal folgt dem Server-Standard: { $show } bis { $episode }.
spoilers-none = Hier ist für { $show } kein Spoiler-Horizont gesetzt: Antworten stehen ganz in Spoiler-Markierung.
spoilers-cleared-channel = Der Spoiler-Horizont dieses Kanals für { $show } ist gelöscht.
spoilers-cleared-server = Der Standard-Spoiler-Horizont dieses Servers für { $show } ist gelöscht.

## Konsole

console-welcome = cliffhanger-Konsole: Du bist { $user } in #{ $channel }. /help zeigt die Befehle, /quit beendet.
console-as = Du bist jetzt { $user }{ $manage }.
console-as-no-manage = , ohne Recht, Kanäle zu verwalten
console-channel = Du bist jetzt in #{ $channel }.
console-locale = Antworten jetzt auf Deutsch.
console-not-utf8 = Diese Zeile ist kein gültiger UTF-8-Text und wurde übersprungen.
console-private = [nur für dich sichtbar]
console-no-suggestions = (keine Vorschläge)
console-help-heading = Befehle wie in Discord: Optionen als name:wert, ein Wert darf auch direkt folgen; [optional]. Die englischen Namen gehen auch.
console-do-report = /quiz melden
console-do-review = /quiz prüfen frage:{ $question } aktion:{ $action }
console-cmd-suggest-desc = Was die Autovervollständigung für eine Figur oder Folge anböte
console-cmd-wait-desc = Die Uhr vorstellen (beim Lesen eines Skripts)
console-cmd-as-desc = Als anderes Mitglied handeln (manage:false: eines, das Kanäle nicht verwalten darf)
console-cmd-channel-desc = In einen anderen Kanal wechseln
console-cmd-locale-desc = Sprache der Antworten wechseln
console-cmd-help-desc = Diese Liste
console-cmd-quit-desc = Die Konsole verlassen
console-cmd-exit-desc = Die Konsole verlassen

## Sprachen

language-en = Englisch
language-de = Deutsch

## Quizfragen (in der Sprache der Zusammenfassung, aus der sie stammen)

quiz-who = Wer fehlt? { $sentence }
quiz-number = Welche Zahl fehlt? { $sentence }
quiz-which-episode = In welcher Folge passiert das? „{ $sentence }“
quiz-which-episode-quoted = In welcher Folge passiert das? { $sentence }
quiz-who-said-it = Wer sagt das? „{ $line }“

## /trivia

trivia-bank-building = Die Quizfragen zu { $show } werden gerade noch erstellt (der Bot ist eben gestartet oder der Katalog hat sich geändert). Versuch es gleich noch einmal.
trivia-question = Frage { $number }/{ $of } · { $episode }
trivia-seconds = { $seconds } Sekunden Zeit.
trivia-typed = Tippe deine Antwort.
trivia-answer-is = Antwort: { $answer }
trivia-from = Aus { $episode }: { $fact }
trivia-got-it = Richtig: { $players }
trivia-nobody = Niemand wusste es.
trivia-skipped = Übersprungen: keine Punkte für diese Frage.
trivia-hint-removed = Tipp: nicht { $choices }.
trivia-hint-letter = Tipp: Es beginnt mit „{ $letter }“.
trivia-hint-cost = Der Tipp kostet { $player } { $points } Punkte bei dieser Frage.
trivia-taken = Deine Antwort ist angekommen.
trivia-ignored = Das nennt mehrere Antworten und zählt deshalb nicht.
trivia-refused-already = Du hast diese Frage schon beantwortet.
trivia-refused-choice = Antworte mit einem der Buchstaben { $letters }.
trivia-refused-not-allowed = Das darf nur, wer das Spiel gestartet hat, oder wer Nachrichten verwalten darf.
trivia-refused-hint = Den Tipp zu dieser Frage gab es schon.
trivia-refused-over = Das Spiel ist vorbei.
trivia-no-game = In diesem Kanal läuft kein Spiel. Starte eins mit /quiz starten.
trivia-already-running = In diesem Kanal läuft schon ein Spiel.
trivia-started = { $count ->
    [one] Quiz: eine Frage zu { $show } bis { $episode }, { $seconds } Sekunden.
   *[other] Quiz: { $count } Fragen zu { $show } bis { $episode }, je { $seconds } Sekunden.
}
trivia-finished = Spiel vorbei!
trivia-stopped = { $player } hat das Spiel beendet. Alle Punkte bleiben.
trivia-winner = { $player } gewinnt mit { $points } Punkten!
trivia-no-winner = Niemand hat gepunktet.
trivia-rank = { $rank }. { $player } · { $points } Punkte ({ $correct }/{ $answered } richtig)
trivia-your-rank = Dein Platz: { $rank } von { $of }.
trivia-no-questions = Keine passenden Fragen: nichts im Fragenpool von { $show } bis { $episode }{ $language }.
trivia-past-horizon = { $episode } liegt nach dem, was dieses Quiz offen zeigen darf (bis { $horizon }: der Spoiler-Horizont dieses Kanals oder dein Fortschritt, je nachdem, was früher liegt). Mit spoiler:true spielt ihr darüber hinaus: Was danach kommt, steht in Spoiler-Markierung.
trivia-try-again = Deine Antwort konnte gerade nicht gespeichert werden und zählt deshalb noch nicht: Bitte versuch es noch einmal.
trivia-no-horizon = Dieser Kanal hat keinen Spoiler-Horizont. Setze einen mit /spoiler setzen, oder nenne bis und füge spoiler:true hinzu.
trivia-bad-number = { $option } muss eine ganze Zahl von { $min } bis { $max } sein.
trivia-bad-mode = mode ist choices oder typed.
trivia-leaderboard = Bestenliste · { $show } · { $period }
trivia-period-all = insgesamt
trivia-period-30d = letzte 30 Tage
trivia-leader = { $rank }. { $player } · { $points ->
    [one] 1 Punkt
   *[other] { $points } Punkte
} · { $games ->
    [one] 1 Spiel
   *[other] { $games } Spiele
} · { $wins ->
    [one] 1 Sieg
   *[other] { $wins } Siege
} · { $accuracy } % richtig
trivia-no-leaders = Hier hat noch niemand { $show } gespielt ({ $period }).

## /about

about-title = cliffhanger { $version }
about-show = { $title }: { $episodes ->
    [one] 1 Folge
   *[other] { $episodes } Folgen
}, { $facts ->
    [one] 1 Fakt
   *[other] { $facts } Fakten
} aus { $recaps ->
    [one] 1 Zusammenfassung
   *[other] { $recaps } Zusammenfassungen
} ({ $languages }), { $questions ->
    [building] Quizfragen noch in Arbeit
    [one] 1 Quizfrage
   *[other] { $questions } Quizfragen
}
about-show-unwatched = { $title }: Du hast noch nicht gesagt, wie weit du geschaut hast, darum zähle ich noch nichts davon. Nutze /fortschritt setzen folge:S01E12.
about-empty = Der Katalog ist leer: Importiere Zusammenfassungen.
about-credits = Daten zu { $title }: { $credits }
about-languages = Antworten auf Deutsch und Englisch, nach der Discord-Sprache jedes Mitglieds.

## /trivia stats

trivia-stats-title = Dein Quiz · { $show }
trivia-stats = { $points } Punkte in { $games ->
    [one] 1 Spiel
   *[other] { $games } Spielen
}, { $wins ->
    [one] 1 Sieg
   *[other] { $wins } Siege
}, { $correct } von { $answered } richtig beantwortet ({ $accuracy } %). Platz { $rank } von { $of } auf diesem Server.
trivia-stats-none = Du hast auf diesem Server noch kein { $show }-Quiz gespielt.
trivia-shutdown = Der Bot fährt herunter: Das Spiel endet hier, alle Punkte bleiben.
trivia-interrupted = Das Quiz hier wurde abgebrochen: Der Bot, der es führte, wurde beendet. Alle Punkte bleiben.
trivia-interrupted-rank = { $rank }. { $player } · { $points } Punkte
trivia-report-button = Melden
trivia-reported = Danke: Frage { $number } ist gemeldet, die Moderation dieses Servers sieht sie sich an.
trivia-reported-already = Du hast diese Frage schon gemeldet.
trivia-report-none = Hier gibt es noch keine aufgelöste Frage, die du melden könntest.
trivia-review-not-allowed = Nur Mitglieder, die diesen Server verwalten dürfen, können seine Quizfragen prüfen.
trivia-review-unknown = Keine Frage hat die Kennung „{ $question }“: /quiz prüfen listet sie auf.
trivia-review-both = Gib question und action an, oder keins von beiden für die Liste.
trivia-review-title = Quizfragen prüfen · { $count ->
    [one] 1 Frage
   *[other] { $count } Fragen
}
trivia-review-empty = Nichts zu prüfen: Keine Frage wurde hier gemeldet oder wird von fast allen oder fast niemandem richtig beantwortet.
trivia-review-approved = { $question } bleibt: Sie steht erst wieder auf der Liste, wenn jemand sie erneut meldet.
trivia-review-retired = { $question } ist aussortiert: Sie wird auf diesem Server nicht mehr gestellt.
trivia-review-id = Kennung: { $question }
trivia-review-reported = Gemeldet von { $count ->
    [one] einem Mitglied
   *[other] { $count } Mitgliedern
}.
trivia-review-answered = { $correct } von { $players } lagen richtig.
trivia-review-easy = Zu leicht: { $correct } von { $players } lagen richtig ({ $rate } %).
trivia-review-hard = Zu schwer: { $correct } von { $players } lagen richtig ({ $rate } %).
trivia-review-approve = Behalten
trivia-review-retire = Aussortieren

## /catalog (die Betreiber des Bots)

catalog-title = Katalog
catalog-loaded = Geladen (bis zu deinem Stand): { $shows ->
    [one] 1 Serie
   *[other] { $shows } Serien
}, { $episodes ->
    [one] 1 Folge
   *[other] { $episodes } Folgen
}, { $facts ->
    [one] 1 Fakt
   *[other] { $facts } Fakten
}.
catalog-seeds = Seeds: { $dir }
catalog-trigger-start = Letzter Import: beim Start, { $at }.
catalog-trigger-watch = Letzter Import: Die Seed-Dateien haben sich geändert, { $at }.
catalog-trigger-command = Letzter Import: mit /katalog neu-laden angefordert, { $at }.
catalog-imported = Importiert.
catalog-refused = Die Seeds lassen sich nicht laden, der Katalog bleibt, wie er ist{ $problems ->
    [0] .
    [one] . 1 Problem bis zu deinem Stand:
   *[other] . { $problems } Probleme bis zu deinem Stand:
}
catalog-more-problems = … und { $more } weitere (alle stehen im Log).
catalog-problems-elsewhere = Probleme in den Dateien von Folgen nach deinem Stand, und in show.toml, solange du nicht die ganze Serie gesehen hast, stehen hier nicht: `cliffhanger check` am Terminal des Bots listet sie alle.
catalog-failed = Der Import ist gescheitert ({ $why }), der Katalog bleibt, wie er ist.
catalog-no-import = Seit dem Start des Bots gab es keinen Import.
catalog-owners-only = Das können nur die Betreiber des Bots.
catalog-owner-alert = Die Seed-Dateien haben sich geändert, lassen sich aber nicht laden; der Katalog bleibt, wie er ist. /katalog status zeigt die Probleme.

## Discord

error-bad-argument = Ich konnte „{ $input }“ für diese Option nicht lesen. Bitte wähle einen Wert aus der Liste oder versuche es noch einmal.
error-outdated-command = Dieser Befehl hat sich geändert, seit dein Discord ihn geladen hat. Bitte versuche es gleich noch einmal.
trivia-round-over = Diese Runde ist vorbei: warte auf die nächste Frage.
trivia-bad-button = Dieser Knopf gehört zu keinem laufenden Spiel mehr.
answered-privately = Die Antwort ging privat an dich.
trivia-answer-noted = Notiert.
trivia-typed-needs-command = Getippte Antworten im Kanal kann ich hier nicht lesen (der Message-Content-Intent ist aus): antworte mit /quiz antworten.

## Slash-Befehle: Namen und Beschreibungen

cmd-episode = folge
cmd-episode-desc = Die Zusammenfassung einer Folge, so weit du geschaut hast
cmd-episode-opt-episode = folge
cmd-episode-opt-episode-desc = Folgen-Code (S01E12) oder Titel
cmd-episode-opt-show = serie
cmd-episode-opt-show-desc = Die Serie, wenn mehrere geladen sind
cmd-episode-opt-reveal = aufdecken
cmd-episode-opt-reveal-desc = Auch Späteres zeigen: nur dir, in Spoiler-Markierung
cmd-character = figur
cmd-character-desc = Wer jemand ist und was ihm oder ihr passiert ist
cmd-character-opt-name = name
cmd-character-opt-name-desc = Der Name der Figur
cmd-character-opt-show = serie
cmd-character-opt-show-desc = Die Serie, wenn mehrere geladen sind
cmd-character-opt-reveal = aufdecken
cmd-character-opt-reveal-desc = Auch Späteres zeigen: nur dir, in Spoiler-Markierung
cmd-search = suche
cmd-search-desc = In den Zusammenfassungen suchen, so weit du geschaut hast
cmd-search-opt-query = suchbegriff
cmd-search-opt-query-desc = Wörter, nach denen gesucht wird
cmd-search-opt-show = serie
cmd-search-opt-show-desc = Die Serie, wenn mehrere geladen sind
cmd-search-opt-reveal = aufdecken
cmd-search-opt-reveal-desc = Auch Späteres zeigen: nur dir, in Spoiler-Markierung
cmd-progress = fortschritt
cmd-progress-desc = Wie weit du geschaut hast (nur du siehst es)
cmd-progress-set = setzen
cmd-progress-set-desc = Festlegen, wie weit du geschaut hast
cmd-progress-set-opt-episode = folge
cmd-progress-set-opt-episode-desc = Die letzte Folge, die du gesehen hast
cmd-progress-set-opt-show = serie
cmd-progress-set-opt-show-desc = Die Serie, wenn mehrere geladen sind
cmd-progress-show = zeigen
cmd-progress-show-desc = Zeigen, wie weit du geschaut hast
cmd-progress-show-opt-show = serie
cmd-progress-show-opt-show-desc = Die Serie, wenn mehrere geladen sind
cmd-progress-clear = löschen
cmd-progress-clear-desc = Vergessen, wie weit du geschaut hast
cmd-progress-clear-opt-show = serie
cmd-progress-clear-opt-show-desc = Die Serie, wenn mehrere geladen sind
cmd-progress-follow = folgen
cmd-progress-follow-desc = Deinen Fortschritt dem Rewatch dieses Kanals folgen lassen
cmd-spoilers = spoiler
cmd-spoilers-desc = Was hier ohne Spoiler-Markierung besprochen werden darf
cmd-spoilers-set = setzen
cmd-spoilers-set-desc = Den Spoiler-Horizont festlegen
cmd-spoilers-set-opt-episode = folge
cmd-spoilers-set-opt-episode-desc = Die letzte Folge, die besprochen werden darf
cmd-spoilers-set-opt-scope = bereich
cmd-spoilers-set-opt-scope-desc = Dieser Kanal (Vorgabe) oder die Vorgabe des Servers
cmd-spoilers-set-opt-show = serie
cmd-spoilers-set-opt-show-desc = Die Serie, wenn mehrere geladen sind
cmd-spoilers-show = zeigen
cmd-spoilers-show-desc = Den Spoiler-Horizont zeigen
cmd-spoilers-show-opt-scope = bereich
cmd-spoilers-show-opt-scope-desc = Dieser Kanal (Vorgabe) oder die Vorgabe des Servers
cmd-spoilers-show-opt-show = serie
cmd-spoilers-show-opt-show-desc = Die Serie, wenn mehrere geladen sind
cmd-spoilers-clear = löschen
cmd-spoilers-clear-desc = Den Spoiler-Horizont entfernen
cmd-spoilers-clear-opt-scope = bereich
cmd-spoilers-clear-opt-scope-desc = Dieser Kanal (Vorgabe) oder die Vorgabe des Servers
cmd-spoilers-clear-opt-show = serie
cmd-spoilers-clear-opt-show-desc = Die Serie, wenn mehrere geladen sind
cmd-trivia = quiz
cmd-trivia-desc = Quiz zur Serie
cmd-trivia-start = starten
cmd-trivia-start-desc = Ein Spiel in diesem Kanal starten
cmd-trivia-start-opt-show = serie
cmd-trivia-start-opt-show-desc = Die Serie, wenn mehrere geladen sind
cmd-trivia-start-opt-up_to = bis
cmd-trivia-start-opt-up_to-desc = Letzte Folge im Spiel (Vorgabe: der Horizont des Kanals)
cmd-trivia-start-opt-questions = fragen
cmd-trivia-start-opt-questions-desc = Wie viele Fragen (1 bis 50, Vorgabe 10)
cmd-trivia-start-opt-seconds = sekunden
cmd-trivia-start-opt-seconds-desc = Sekunden pro Frage (5 bis 120, Vorgabe 20)
cmd-trivia-start-opt-mode = modus
cmd-trivia-start-opt-mode-desc = Mit Knöpfen oder getippt antworten
cmd-trivia-start-opt-language = sprache
cmd-trivia-start-opt-language-desc = Nur Fragen aus Zusammenfassungen in dieser Sprache
cmd-trivia-start-opt-spoilers = spoiler
cmd-trivia-start-opt-spoilers-desc = Folgen nach dem Horizont des Kanals erlauben, mit Spoiler-Markierung
cmd-trivia-start-opt-pack = paket
cmd-trivia-start-opt-pack-desc = Nur die Fragen dieses eigenen Pakets des Servers (/quiz paket liste)
cmd-trivia-answer = antworten
cmd-trivia-answer-desc = Die aktuelle Frage beantworten (getippte Spiele)
cmd-trivia-answer-opt-text = text
cmd-trivia-answer-opt-text-desc = Deine Antwort
cmd-trivia-hint = tipp
cmd-trivia-hint-desc = Einen Tipp nehmen (kostet 50 Punkte)
cmd-trivia-skip = überspringen
cmd-trivia-skip-desc = Die aktuelle Frage überspringen
cmd-trivia-stop = beenden
cmd-trivia-stop-desc = Das Spiel beenden
cmd-trivia-leaderboard = bestenliste
cmd-trivia-leaderboard-desc = Die besten Spieler dieses Servers
cmd-trivia-leaderboard-opt-show = serie
cmd-trivia-leaderboard-opt-show-desc = Die Serie, wenn mehrere geladen sind
cmd-trivia-leaderboard-opt-period = zeitraum
cmd-trivia-leaderboard-opt-period-desc = Insgesamt oder die letzten 30 Tage
cmd-trivia-leaderboard-opt-season = saison
cmd-trivia-leaderboard-opt-season-desc = Die Bestenliste einer Saison, nach ihrem Namen (vergangen oder laufend)
cmd-trivia-leaderboard-opt-picture = bild
cmd-trivia-leaderboard-opt-picture-desc = true: mit einem Bild der Rangliste und der Punkte der Besten Tag für Tag
cmd-trivia-season = saison
cmd-trivia-season-desc = Quiz-Saisons, jede mit eigener Bestenliste
cmd-trivia-season-start = beginnen
cmd-trivia-season-start-desc = Eine Saison beginnen und die laufende beenden (Server-Verwaltung)
cmd-trivia-season-end = beenden
cmd-trivia-season-end-desc = Die laufende Saison beenden (Server-Verwaltung)
cmd-trivia-season-list = liste
cmd-trivia-season-list-desc = Die Saisons des Servers
cmd-trivia-season-start-opt-name = name
cmd-trivia-season-start-opt-name-desc = Der Name der neuen Saison
cmd-trivia-pack = paket
cmd-trivia-pack-desc = Die eigenen Quiz-Pakete des Servers
cmd-trivia-pack-upload = hochladen
cmd-trivia-pack-upload-desc = Ein Paket: eine Red-Quizliste (.yaml) oder eine Fragendatei (.toml) (Server-Verwaltung)
cmd-trivia-pack-upload-opt-file = datei
cmd-trivia-pack-upload-opt-file-desc = Die Datei; eine gleichnamige ersetzt das Paket dieses Namens
cmd-trivia-pack-upload-opt-show = serie
cmd-trivia-pack-upload-opt-show-desc = Die Serie, um die es geht, wenn mehrere geladen sind
cmd-trivia-pack-upload-opt-episode = folge
cmd-trivia-pack-upload-opt-episode-desc = Die Folge jeder Frage ohne eigenes S1E12:-Präfix
cmd-trivia-pack-upload-opt-season = staffel
cmd-trivia-pack-upload-opt-season-desc = Oder die Staffel (ihre letzte Folge)
cmd-trivia-pack-upload-opt-language = sprache
cmd-trivia-pack-upload-opt-language-desc = Die Sprache der Fragen einer Red-Liste (Vorgabe: deine)
cmd-trivia-pack-list = liste
cmd-trivia-pack-list-desc = Die Pakete des Servers
cmd-trivia-pack-remove = entfernen
cmd-trivia-pack-remove-desc = Ein Paket mit seinen Fragen entfernen (Server-Verwaltung)
cmd-trivia-pack-remove-opt-name = name
cmd-trivia-pack-remove-opt-name-desc = Sein Name, wie /quiz paket liste ihn zeigt
cmd-trivia-stats = statistik
cmd-trivia-stats-desc = Deine eigenen Quiz-Zahlen, nur für dich
cmd-trivia-stats-opt-show = serie
cmd-trivia-stats-opt-show-desc = Die Serie, wenn mehrere geladen sind
cmd-trivia-privacy = privatsphäre
cmd-trivia-privacy-desc = Ob die Webseiten dieses Servers dich mit Namen zeigen
cmd-trivia-privacy-opt-hidden = verbergen
cmd-trivia-privacy-opt-hidden-desc = true: dich von Ranglisten und Seiten nehmen; false: dich wieder zeigen
cmd-trivia-report = melden
cmd-trivia-report-desc = Die eben aufgelöste Frage als unfair oder falsch melden
cmd-trivia-review = prüfen
cmd-trivia-review-desc = Gemeldete und schiefe Fragen: behalten oder aussortieren
cmd-trivia-review-opt-question = frage
cmd-trivia-review-opt-question-desc = Die Kennung einer Frage, aus der Liste
cmd-trivia-review-opt-action = aktion
cmd-trivia-review-opt-action-desc = Behalten (approve) oder aussortieren (retire: hier nie mehr gestellt)
cmd-catalog = katalog
cmd-catalog-desc = Der Katalog des Bots (nur für die Betreiber)
cmd-catalog-reload = neu-laden
cmd-catalog-reload-desc = Die Seed-Dateien erneut importieren
cmd-catalog-status = status
cmd-catalog-status-desc = Was geladen ist, und der letzte Import mit seinen Problemen
cmd-trivia-schedule = planen
cmd-trivia-schedule-desc = Spiele für später: ansetzen, auflisten, absagen
cmd-trivia-schedule-add = neu
cmd-trivia-schedule-add-desc = Ein Spiel für später in diesem Kanal ansetzen, mit Server-Event (Kanal-Verwaltung)
cmd-trivia-schedule-list = liste
cmd-trivia-schedule-list-desc = Die für später angesetzten Spiele dieses Servers
cmd-trivia-schedule-cancel = absagen
cmd-trivia-schedule-cancel-desc = Ein angesetztes Spiel absagen (Kanal-Verwaltung)
cmd-trivia-schedule-cancel-opt-id = nummer
cmd-trivia-schedule-cancel-opt-id-desc = Seine Nummer, wie /quiz planen liste sie zeigt
cmd-trivia-schedule-add-opt-at = um
cmd-trivia-schedule-add-opt-at-desc = Wann: 2026-12-10 20:00, oder 20:00 für das nächste Mal, dass die Uhr es zeigt
cmd-trivia-schedule-add-opt-timezone = zeitzone
cmd-trivia-schedule-add-opt-timezone-desc = Zeitzone, etwa Europe/Berlin oder America/New_York
cmd-trivia-schedule-add-opt-show = serie
cmd-trivia-schedule-add-opt-show-desc = Die Serie, wenn mehrere geladen sind
cmd-trivia-schedule-add-opt-up_to = bis
cmd-trivia-schedule-add-opt-up_to-desc = Letzte Folge im Spiel (Vorgabe: der Horizont des Kanals)
cmd-trivia-schedule-add-opt-questions = fragen
cmd-trivia-schedule-add-opt-questions-desc = Wie viele Fragen (1 bis 50, Vorgabe 10)
cmd-trivia-schedule-add-opt-seconds = sekunden
cmd-trivia-schedule-add-opt-seconds-desc = Sekunden pro Frage (5 bis 120, Vorgabe 20)
cmd-trivia-schedule-add-opt-mode = modus
cmd-trivia-schedule-add-opt-mode-desc = Antworten per Knopf (choices) oder getippt (typed)
cmd-trivia-schedule-add-opt-language = sprache
cmd-trivia-schedule-add-opt-language-desc = Nur Fragen in dieser Sprache
cmd-trivia-schedule-add-opt-spoilers = spoiler
cmd-trivia-schedule-add-opt-spoilers-desc = Folgen nach dem Horizont des Kanals erlauben, in Spoiler-Markierung
cmd-trivia-schedule-add-opt-pack = paket
cmd-trivia-schedule-add-opt-pack-desc = Nur die Fragen dieses eigenen Pakets des Servers (/quiz paket liste)
cmd-daily = tagesfrage
cmd-daily-desc = Die Frage des Tages
cmd-daily-set = einrichten
cmd-daily-set-desc = Jeden Tag zu dieser Ortszeit eine Frage posten (Server-Verwaltung)
cmd-daily-set-opt-time = uhrzeit
cmd-daily-set-opt-time-desc = Ortszeit, 24 Stunden: 09:00, 18:30
cmd-daily-set-opt-timezone = zeitzone
cmd-daily-set-opt-timezone-desc = Zeitzone, etwa Europe/Berlin oder America/New_York
cmd-daily-set-opt-channel = kanal
cmd-daily-set-opt-channel-desc = Wo gepostet wird (Vorgabe: hier)
cmd-daily-set-opt-show = serie
cmd-daily-set-opt-show-desc = Die Serie, wenn mehrere geladen sind
cmd-daily-set-opt-mode = modus
cmd-daily-set-opt-mode-desc = Antworten per Knopf (choices, Vorgabe) oder getippt (typed)
cmd-daily-show = zeigen
cmd-daily-show-desc = Wo und wann die Frage des Tages kommt
cmd-daily-off = aus
cmd-daily-off-desc = Keine Fragen des Tages mehr (Server-Verwaltung)
cmd-daily-answer = antworten
cmd-daily-answer-desc = Die heutige Frage beantworten: ein Buchstabe oder die Antwort
cmd-daily-answer-opt-text = text
cmd-daily-answer-opt-text-desc = Deine Antwort
cmd-daily-leaderboard = rangliste
cmd-daily-leaderboard-desc = Wer die Frage des Tages richtig hat, und Serien richtiger Tage
cmd-daily-queue = reihe
cmd-daily-queue-desc = Die eigenen Tagesfragen des Servers (Server-Verwaltung)
cmd-daily-queue-add = neu
cmd-daily-queue-add-desc = Eine eigene Frage einreihen: sie kommt vor denen aus den Folgen (Server-Verwaltung)
cmd-daily-queue-list = liste
cmd-daily-queue-list-desc = Die eingereihten Fragen, die älteste zuerst (Server-Verwaltung)
cmd-daily-queue-remove = entfernen
cmd-daily-queue-remove-desc = Eine eingereihte Frage wieder herausnehmen (Server-Verwaltung)
cmd-daily-queue-remove-opt-id = nummer
cmd-daily-queue-remove-opt-id-desc = Ihre Nummer, wie /tagesfrage reihe liste sie zeigt
cmd-daily-queue-add-opt-question = frage
cmd-daily-queue-add-opt-question-desc = Die Frage
cmd-daily-queue-add-opt-answer = antwort
cmd-daily-queue-add-opt-answer-desc = Ihre Antwort
cmd-daily-queue-add-opt-wrong = falsch
cmd-daily-queue-add-opt-wrong-desc = Eine bis drei falsche Antworten, durch ; getrennt
cmd-daily-queue-add-opt-episode = folge
cmd-daily-queue-add-opt-episode-desc = Die Folge, um die es geht: gefragt, sobald der Horizont des Kanals sie erreicht
cmd-daily-suggest = vorschlagen
cmd-daily-suggest-desc = Eine Frage des Tages vorschlagen: die Server-Verwaltung prüft sie
cmd-daily-suggest-opt-question = frage
cmd-daily-suggest-opt-question-desc = Die Frage
cmd-daily-suggest-opt-answer = antwort
cmd-daily-suggest-opt-answer-desc = Ihre Antwort
cmd-daily-suggest-opt-wrong = falsch
cmd-daily-suggest-opt-wrong-desc = Eine bis drei falsche Antworten, durch ; getrennt
cmd-daily-suggest-opt-episode = folge
cmd-daily-suggest-opt-episode-desc = Die Folge, um die es geht
cmd-rewatch = rewatch
cmd-rewatch-desc = Eine Serie gemeinsam noch einmal schauen, ein paar Folgen auf einmal
cmd-rewatch-start = starten
cmd-rewatch-start-desc = Hier einen Rewatch starten: der Horizont des Kanals geht mit (Kanal-Verwaltung)
cmd-rewatch-start-opt-first = erste
cmd-rewatch-start-opt-first-desc = Die erste Folge (Code oder Titel)
cmd-rewatch-start-opt-at = um
cmd-rewatch-start-opt-at-desc = Ortszeit jedes Schritts, 24 Stunden: 20:00
cmd-rewatch-start-opt-timezone = zeitzone
cmd-rewatch-start-opt-timezone-desc = Zeitzone, etwa Europe/Berlin oder America/New_York
cmd-rewatch-start-opt-show = serie
cmd-rewatch-start-opt-show-desc = Die Serie, wenn mehrere geladen sind
cmd-rewatch-start-opt-per = folgen
cmd-rewatch-start-opt-per-desc = Folgen pro Schritt (1 bis 10, Vorgabe 1)
cmd-rewatch-start-opt-every = alle
cmd-rewatch-start-opt-every-desc = Tage zwischen den Schritten (1 bis 28, Vorgabe 7)
cmd-rewatch-start-opt-channel = kanal
cmd-rewatch-start-opt-channel-desc = Wo (Vorgabe: hier)
cmd-rewatch-start-opt-trivia = quiz
cmd-rewatch-start-opt-trivia-desc = Bei jedem Schritt eine kurze Quizrunde
cmd-rewatch-status = stand
cmd-rewatch-status-desc = Wo der Rewatch dieses Kanals steht
cmd-rewatch-pause = pause
cmd-rewatch-pause-desc = Den Rewatch anhalten (Kanal-Verwaltung)
cmd-rewatch-resume = weiter
cmd-rewatch-resume-desc = Mit dem Rewatch weitermachen (Kanal-Verwaltung)
cmd-rewatch-skip = aussetzen
cmd-rewatch-skip-desc = Den nächsten Schritt um eine Runde verschieben (Kanal-Verwaltung)
cmd-rewatch-stop = beenden
cmd-rewatch-stop-desc = Den Rewatch beenden; der Horizont bleibt (Kanal-Verwaltung)
cmd-announce = ankündigen
cmd-announce-desc = Neue Folgen am Tag ihrer Ausstrahlung in einem Kanal ankündigen
cmd-announce-set = einrichten
cmd-announce-set-desc = Jede neue Folge am Tag ihrer Ausstrahlung ankündigen, mit Thread (Server-Verwaltung)
cmd-announce-set-opt-timezone = zeitzone
cmd-announce-set-opt-timezone-desc = Zeitzone, etwa Europe/Berlin oder America/New_York
cmd-announce-set-opt-time = uhrzeit
cmd-announce-set-opt-time-desc = Ortszeit am Tag der Ausstrahlung, etwa 20:00 (Vorgabe)
cmd-announce-set-opt-channel = kanal
cmd-announce-set-opt-channel-desc = Der Kanal für die Ankündigungen (Vorgabe: dieser)
cmd-announce-set-opt-show = serie
cmd-announce-set-opt-show-desc = Die Serie, wenn mehrere geladen sind
cmd-announce-show = zeigen
cmd-announce-show-desc = Wo und wann dieser Server von neuen Folgen erfährt
cmd-announce-off = aus
cmd-announce-off-desc = Keine Ankündigungen neuer Folgen mehr (Server-Verwaltung)
cmd-about = info
cmd-about-desc = Was geladen ist: Serien, Folgen, Fakten, Fragen, Sprachen
cmd-web = web
cmd-web-desc = Die Quiz-Seiten dieses Servers im Web: wo sie sind und ob sie öffentlich sind
cmd-web-opt-public = öffentlich
cmd-web-opt-public-desc = true: alle mit dem Link sehen Ranglisten und letzte Spiele (Server-Verwaltung)

## Auswahlen

choice-channel = Dieser Kanal
choice-server = Server-Vorgabe
choice-choices = Knöpfe (A bis D)
choice-typed = Getippte Antworten
choice-en = Englische Zusammenfassungen
choice-de = Deutsche Zusammenfassungen
choice-all = Insgesamt
choice-recent = Letzte 30 Tage
choice-season = Die laufende Saison
choice-start = Eine Saison beginnen
choice-end = Die laufende Saison beenden
choice-list = Die Saisons auflisten
choice-approve = Behalten
choice-retire = Aussortieren: hier nie mehr stellen

## /daily

daily-needs-server = Die Frage des Tages gehört zu einem Server: frag in einem seiner Kanäle.
daily-not-allowed = Nur wer den Server verwalten darf, richtet die Frage des Tages ein.
daily-bad-time = „{ $time }“ ist keine Uhrzeit: schreib sie als 09:00 oder 18:30 (24 Stunden).
daily-bad-timezone = „{ $timezone }“ ist keine Zeitzone, die ich kenne: schreib sie als Europe/Berlin, America/New_York oder UTC.
error-bad-channel = { $option } nimmt einen Kanal, nicht „{ $value }“.
error-no-file = { $option } nimmt eine Datei.
error-file-unreadable = { $file } lässt sich nicht lesen: { $reason }.
error-not-a-file = das ist keine Datei
error-missing-option = { $command } braucht { $option }: gib es als { $option }:… an
error-file-unfetched = { $file } ließ sich nicht von Discord holen: lade sie bitte noch einmal hoch.
daily-no-horizon = { $channel } hat keinen Spoiler-Horizont, also kann dort keine Frage gestellt werden: setz zuerst einen mit /spoiler setzen.
daily-set-within = Die Fragen kommen aus den Folgen bis { $episode }, dem Horizont des Kanals, und gehen mit, wenn er sich bewegt.
daily-described = Frage des Tages: in { $channel } jeden Tag um { $time } ({ $timezone }), zu { $show }, { $mode }.
daily-mode-choices = per Knopf beantwortet
daily-mode-typed = getippt beantwortet
daily-next = Nächste: { $next }.
daily-none = Dieser Server hat keine Frage des Tages. Wer den Server verwaltet, richtet sie mit /tagesfrage einrichten ein.
daily-off = Die Frage des Tages ist aus. Antworten und Rangliste bleiben.
daily-nothing-open = Gerade ist keine Frage des Tages offen.
daily-closed = Diese Frage ist geschlossen: ihre Antwort ist heraus.
daily-answer-unclear = Das passt zu mehr als einer Auswahl: gib einen Buchstaben oder die ganze Antwort.
daily-already = Du hast diese Frage schon beantwortet.
daily-answered = Deine Antwort ist angekommen: { $answer }. Die Lösung kommt mit der nächsten Frage.
daily-board-title = Frage des Tages
daily-board-empty = Noch hat niemand eine Frage des Tages richtig beantwortet.
daily-board-line = { $place }. { $player }: { $right } richtig · Serie { $streak } (beste { $best })
daily-board-days = { $days ->
    [one] Bisher eine Frage aufgelöst.
   *[other] Bisher { $days } Fragen aufgelöst.
}
daily-skipped = Die Frage des Tages für { $due } fiel aus: ich war { $late } weg. Die nächste kommt { $next }.
daily-last-heading = Die Frage von gestern:
daily-no-horizon-now = Heute keine Frage: { $channel } hat keinen Spoiler-Horizont mehr, also darf dort nichts gefragt werden. Setz einen mit /spoiler setzen.
daily-no-question = Heute keine Frage: innerhalb des Spoiler-Horizonts von { $channel } ist nichts mehr zu fragen.
daily-thread = Frage des Tages { $date }
daily-late = { $late } zu spät gepostet: ich war weg.
daily-until = Offen bis zur nächsten Frage, { $next }.
daily-own-empty = Eine Frage braucht ihren Wortlaut und ihre Antwort.
daily-own-wrong = Gib eine bis drei falsche Antworten, durch ; getrennt, keine gleich der Antwort.
daily-queued = Eingereiht: sie kommt vor den Fragen aus den Folgen, sobald der Horizont des Kanals { $episode } erreicht.
daily-suggested = Danke: deine Frage steht auf der Prüfliste des Servers (/quiz prüfen), bis die Verwaltung sie annimmt.
daily-suggestions-unseen = { $count ->
    [one] Eine vorgeschlagene Frage betrifft eine Folge nach deinem Stand: setze deinen Fortschritt weiter, um sie zu prüfen.
   *[other] { $count } vorgeschlagene Fragen betreffen Folgen nach deinem Stand: setze deinen Fortschritt weiter, um sie zu prüfen.
}
daily-queue-title = { $count ->
    [0] Keine eigene Frage des Servers ist eingereiht.
    [one] Eine eigene Frage des Servers ist eingereiht.
   *[other] { $count } eigene Fragen des Servers sind eingereiht.
}
daily-queue-line = #{ $id } · { $episode } · { $question }
daily-queue-unseen = { $count ->
    [one] Eine davon betrifft eine Folge nach deinem Stand.
   *[other] { $count } davon betreffen Folgen nach deinem Stand.
}
daily-queue-empty = Mit /tagesfrage reihe neu reihst du eine ein; Mitglieder schlagen mit /tagesfrage vorschlagen vor.
daily-queue-removed = Frage #{ $id } ist aus der Reihe genommen: sie wird nicht gestellt.
daily-queue-no-such = Auf diesem Server ist keine Frage #{ $id } eingereiht (/tagesfrage reihe liste zeigt sie).

## /trivia pack
pack-needs-server = Pakete gehören zu einem Server: frag in einem seiner Kanäle.
pack-not-allowed = Nur wer den Server verwalten darf, fügt Pakete hinzu oder entfernt sie.
pack-refused = { $count ->
    [one] { $file } wurde nicht hinzugefügt: es gibt ein Problem. Nichts wurde gespeichert.
   *[other] { $file } wurde nicht hinzugefügt: es gibt { $count } Probleme. Nichts wurde gespeichert.
}
pack-more-problems = …und { $count } weitere.
pack-bad-name = „{ $file }“ ergibt keinen Paketnamen: benenne die Datei mit Buchstaben oder Ziffern.
pack-bad-kind = { $file } ist weder eine Red-Quizliste (.yaml) noch eine Fragendatei (.toml).
pack-too-big = { $file } ist größer, als ein Paket sein darf ({ $max } KB).
pack-not-text = { $file } ist kein UTF-8-Text.
pack-too-many = { $count ->
    [one] { $file } hat eine Frage; ein Paket fasst höchstens { $max }.
   *[other] { $file } hat { $count } Fragen; ein Paket fasst höchstens { $max }.
}
pack-full = Dieser Server hat schon { $max } Pakete: entferne erst eins (/quiz paket entfernen).
pack-no-season = { $show } hat im Katalog keine Folgen der Staffel { $season }.
pack-uploaded = { $count ->
    [one] Paket „{ $pack }“ ist bereit: eine Frage zu { $show } ({ $episodes } mit Folge, { $whole } verraten die ganze Serie).
   *[other] Paket „{ $pack }“ ist bereit: { $count } Fragen zu { $show } ({ $episodes } mit Folge, { $whole } verraten die ganze Serie).
}
pack-replaced = { $count ->
    [one] Es ersetzt das frühere Paket dieses Namens (eine Frage).
   *[other] Es ersetzt das frühere Paket dieses Namens ({ $count } Fragen).
}
pack-listed-twice = „{ $question }“ steht in Zeile { $earlier } und Zeile { $later }: die Antworten aus Zeile { $later } gelten, wie bei Red.
pack-how-to-play = Seine Fragen kommen jetzt in den Spielen dieses Servers zur Serie vor, jede sobald ihre Folge gesehen ist; /quiz starten paket:{ $pack } spielt nur dieses Paket.
pack-list-title = { $count ->
    [0] Dieser Server hat keine Pakete.
    [one] Dieser Server hat ein Paket.
   *[other] Dieser Server hat { $count } Pakete.
}
pack-list-line = { $count ->
    [one] **{ $pack }** · eine Frage · { $show } · von { $player }
   *[other] **{ $pack }** · { $count } Fragen · { $show } · von { $player }
}
pack-list-empty = Wer den Server verwaltet, fügt mit /quiz paket hochladen und einer Datei eins hinzu.
pack-removed = Paket „{ $pack }“ ist mit seinen Fragen entfernt.
pack-unknown = Dieser Server hat kein Paket „{ $pack }“ (/quiz paket liste zeigt sie).
pack-unknown-for-show = Dieser Server hat kein Paket „{ $pack }“ zu { $show } (/quiz paket liste zeigt sie).
pack-typed-only = Paket „{ $pack }“ hat keine falschen Antworten, also werden seine Fragen getippt beantwortet: starte es ohne modus oder mit modus:typed.
planned-pack = Nur die Fragen aus Paket „{ $pack }“.

## /announce
announce-needs-server = Ankündigungen gehören zu einem Server: frag in einem seiner Kanäle.
announce-not-allowed = Nur wer den Server verwalten darf, richtet Ankündigungen ein.
announce-set = Neue Folgen von { $show } werden in { $channel } um { $time } ({ $timezone }) am Tag ihrer Ausstrahlung angekündigt, jede mit Thread. Der Horizont des Kanals bleibt, wo die Moderation ihn gesetzt hat.
announce-next-look = Nächster Blick: { $at }.
announce-next-episode = Als Nächstes: { $code } am { $day }.
announce-no-dates = Keine Folge von { $show } hat im Katalog ein kommendes Ausstrahlungsdatum; eine Serie aus einem Episodenführer bekommt sie mit `show new --update`.
announce-none = Dieser Server erfährt nicht von neuen Folgen. Wer den Server verwaltet, richtet es mit /ankündigen einrichten ein.
announce-off = Neue Folgen werden hier nicht mehr angekündigt.
announce-aired-today = Neue Folge von { $show } heute: **{ $code }** „{ $title }“.
announce-aired = Neue Folge von { $show }: **{ $code }** „{ $title }“, ausgestrahlt am { $day }.
daily-suggestions-title = Vorgeschlagene Fragen des Tages · { $count }
daily-suggested-by = Vorgeschlagen von { $player }, zu { $episode }.
daily-suggestion-approved = Angenommen: sie reiht sich in die Fragen des Tages ein.
daily-suggestion-rejected = Aussortiert: sie wird nicht gestellt.
daily-own-unknown-episode = { $show } hat keine Folge { $episode } im Katalog: eine Frage gehört zu einer ihrer Folgen.
daily-suggestion-decided = Über den Vorschlag { $question } ist schon entschieden.
daily-suggestions-then = Danach die Prüfliste: { $count ->
    [one] eine Frage.
   *[other] { $count } Fragen.
}
daily-heading = Frage des Tages · { $episode }
daily-how-choices = Antworte mit den Knöpfen oder /tagesfrage antworten. Nur du siehst deine Antwort.
daily-how-typed = Antworte mit /tagesfrage antworten. Nur du siehst deine Antwort.

## /trivia schedule

planned-not-allowed = Nur wer diesen Kanal verwalten darf, setzt Spiele für später an oder sagt sie ab.
planned-bad-time = „{ $at }“ ist keine Zeit: schreib 2026-12-10 20:00, oder 20:00 für das nächste Mal, dass die Uhr es zeigt.
planned-past = { $at } ist vorbei: gib eine Zeit, die noch kommt.
planned-too-far = Ein Spiel lässt sich höchstens { $days } Tage im Voraus ansetzen.
planned-set = { $count ->
    [one] Quiz #{ $id } ist angesetzt: eine Frage zu { $show } in { $channel }, Beginn { $when }.
   *[other] Quiz #{ $id } ist angesetzt: { $count } Fragen zu { $show } in { $channel }, Beginn { $when }.
}
planned-remind-note = Eine Viertelstunde vorher erinnere ich den Kanal.
planned-event-name = Quiz: { $show }
planned-event-description = { $count ->
    [one] Eine Frage zu { $show }, so weit der Kanal darüber sprechen darf. Geantwortet wird mit den Knöpfen im Kanal.
   *[other] { $count } Fragen zu { $show }, so weit der Kanal darüber sprechen darf. Geantwortet wird mit den Knöpfen im Kanal.
}
planned-event-location = Im Kanal, für den das Spiel angesetzt ist
planned-list-title = Angesetzte Spiele
planned-none = Kein Spiel ist angesetzt. Wer Kanäle verwaltet, setzt eins mit /quiz planen neu an.
planned-line = #{ $id } · { $when } · { $channel } · { $show } · angesetzt von { $player }
planned-unknown = Auf diesem Server ist kein Spiel #{ $id } angesetzt: /quiz planen liste zeigt sie.
planned-not-pending = Spiel #{ $id } hat schon begonnen oder wurde abgesagt.
planned-called-off = Spiel #{ $id } in { $channel } ist abgesagt.
planned-reminder = Hier beginnt in { $left } ein Quiz ({ $when }). Macht euch bereit!
planned-too-late = Spiel #{ $id } für { $when } hat nicht begonnen: ich war { $late } weg.
planned-could-not-start = Spiel #{ $id } konnte nicht beginnen:
planned-started-by = Angesetzt von { $player }.

## /rewatch

rewatch-episode-name = { $code } „{ $title }“
rewatch-already = { $channel } hat schon einen Rewatch: /rewatch beenden beendet ihn.
rewatch-started = Rewatch von { $show } in { $channel }: { $per ->
    [one] eine Folge
   *[other] { $per } Folgen
} { $every ->
    [one] jeden Tag
   *[other] alle { $every } Tage
} um { $time } ({ $timezone }), ab { $first }. Der erste Schritt kommt { $when }; der Horizont des Kanals geht mit jedem Schritt mit.
rewatch-not-allowed = Nur wer diesen Kanal verwalten darf, lenkt seinen Rewatch.
rewatch-unknown-episode = { $show } hat keine Folge { $episode } im Katalog: ein Rewatch beginnt mit einer seiner Folgen.
rewatch-following-from = Dein Fortschritt bei { $show } folgt jetzt dem Rewatch dieses Kanals, der mit { $episode } beginnt: bis zum ersten Schritt gilt für dich der Horizont des Kanals. Setzt du deinen Fortschritt selbst mit /fortschritt setzen, endet das.
rewatch-last-step = Das ist die letzte Folge: der Rewatch von { $show } ist durch.
rewatch-none = Dieser Kanal hat keinen Rewatch. Wer Kanäle verwaltet, startet einen mit /rewatch starten.
rewatch-status = Rewatch in { $channel }: als Nächstes { $per ->
    [one] eine Folge
   *[other] { $per } Folgen
} ab { $from }, { $when }. { $followers ->
    [one] Ein Mitglied folgt ihm.
   *[other] { $followers } Mitglieder folgen ihm.
}
rewatch-paused-now = angehalten
rewatch-paused = Der Rewatch ist angehalten: kein Schritt bis /rewatch weiter.
rewatch-resumed = Der Rewatch geht weiter: der nächste Schritt kommt { $when }.
rewatch-skipped = Der nächste Schritt ist verschoben: er kommt { $when }.
rewatch-stopped = Der Rewatch ist beendet. Der Horizont des Kanals bleibt, wo er ist.
rewatch-is-paused = Der Rewatch ist angehalten: erst /rewatch weiter.
rewatch-is-running = Der Rewatch läuft schon.
rewatch-following = Dein Fortschritt bei { $show } folgt jetzt dem Rewatch dieses Kanals: vorerst { $episode }. Setzt du ihn selbst mit /fortschritt setzen, endet das.
rewatch-step = Rewatch: { $count ->
    [one] diesmal
   *[other] diesmal { $count } Folgen
}: { $episodes }. Der Kanal darf jetzt darüber sprechen.
rewatch-thread-post = Sprecht über { $episode } in seinem Thread.
rewatch-done = Der Rewatch von { $show } ist durch: das war die letzte Folge.
rewatch-no-round = Diesmal keine Quizrunde:

## /trivia season

trivia-period-season = Saison „{ $season }“
season-not-allowed = Nur wer den Server verwalten darf, beginnt und beendet Saisons.
season-needs-name = Eine neue Saison braucht einen Namen: /quiz saison beginnen name:Winter 2026
season-already = Die Saison „{ $season }“ läuft: beende sie zuerst mit /quiz saison beenden.
season-started = Die Saison „{ $season }“ hat begonnen: /quiz bestenliste zeitraum:season zeigt ihre Bestenliste. Die ewige Bestenliste läuft daneben weiter.
season-ended = Die Saison „{ $season }“ ist beendet. Ihre Bestenliste bleibt: /quiz bestenliste saison:{ $season }.
season-none-running = Auf diesem Server läuft keine Saison.
season-unknown = Hier gibt es keine Saison „{ $season }“. Saisons: { $seasons }
season-name-taken = Dieser Server hatte schon eine Saison „{ $season }“: gib der neuen einen eigenen Namen.
season-unknown-none = Hier gibt es keine Saison „{ $season }“: dieser Server hatte noch keine Saison.
season-list-title = Saisons
season-list-empty = Dieser Server hatte noch keine Saison.
season-line-running = { $season } (läuft)
season-line-ended = { $season }

## /web und /quiz privatsphäre
web-needs-server = Webseiten gehören zu einem Server: frag in einem seiner Kanäle.
web-not-allowed = Nur wer den Server verwalten darf, schaltet seine Webseiten ein oder aus.
web-public-on = Die Quiz-Seiten dieses Servers sind öffentlich: { $url } (Ranglisten, letzte Spiele und Spieler, ohne Text aus Folgen). Wer nicht erscheinen will, nutzt /quiz privatsphäre verbergen:true.
web-public-on-unserved = Die Quiz-Seiten dieses Servers sind öffentlich, aber dieser Bot stellt keine Webseiten bereit (sein Betreiber setzt WEB_ADDR und WEB_URL).
web-public-off = Die Quiz-Seiten dieses Servers sind nicht öffentlich. Die Server-Verwaltung schaltet sie mit /web öffentlich:true ein.
web-desk = Moderatoren verwalten den Bot für diesen Server unter { $url } (Anmeldung mit Discord).
privacy-hidden = Du erscheinst nicht auf den Webseiten dieses Servers: Ranglisten überspringen dich, die Liste der Spiele nennt dich nicht. /quiz privatsphäre verbergen:false zeigt dich wieder.
privacy-shown = Die Webseiten dieses Servers zeigen dich mit dem Anzeigenamen, den du beim letzten Spiel hattest. /quiz privatsphäre verbergen:true nimmt dich heraus.

## Die Webseiten
web-other-language = English
web-footer = Ranglisten und Spiele des Quiz auf diesem Server. Hier steht kein Text aus Folgen, also verrät nichts auf diesen Seiten etwas über eine Serie.
web-home = Startseite
web-home-title = Quiz-Ranglisten und der Schreibtisch der Moderation
web-home-text = Jeder Server, der seine Seiten eingeschaltet hat (/web öffentlich:true), hat hier seine Ranglisten, letzten Spiele und Spieler, unter der Adresse, die der Bot bei /web nennt. Die Moderation verwaltet den Bot für ihre Server am Schreibtisch.
web-desk-link = Zum Schreibtisch der Moderation
web-departed = (hat den Server verlassen)
web-unnamed = Spieler
web-hidden-player = ein verborgener Spieler
web-too-many = Zu viele Anfragen von deiner Adresse: warte eine Minute und versuch es noch einmal.
web-not-found = Diese Seite gibt es nicht (oder die Seiten dieses Servers sind nicht öffentlich).
web-bad-request = Diese Adresse fragt nach etwas, das die Seite nicht zeigen kann.
web-failed = Beim Erstellen dieser Seite ging etwas schief; es steht im Protokoll des Bots.
web-server-unnamed = Das Quiz dieses Servers
web-boards = Ranglisten
web-recent-games = Letzte Spiele
web-period = Zeitraum
web-period-all = Gesamt
web-period-30d = Letzte 30 Tage
web-show = Serie
web-all-shows = Alle Serien
web-board-empty = In diesem Zeitraum ist hier noch kein Spiel zu Ende gegangen.
web-player = Spieler
web-points = Punkte
web-games = Spiele
web-wins = Siege
web-correct = Richtig
web-games-empty = Hier ist noch kein Spiel zu Ende gegangen.
web-ended = Beendet
web-players = Spieler
web-winner = Sieger
web-cut-short = vor dem Ende gestoppt
web-no-winner = kein Sieger
web-player-rank = Platz { $rank } von { $of } in der Gesamtrangliste dieses Servers.
web-player-totals = { $points ->
    [one] 1 Punkt
   *[other] { $points } Punkte
} in { $games ->
    [one] 1 Spiel
   *[other] { $games } Spielen
}, { $wins ->
    [one] 1 Sieg
   *[other] { $wins } Siege
}, { $correct } von { $answered } richtig beantwortet.
web-their-games = Die letzten Spiele
web-desk-title = Schreibtisch der Moderation
web-desk-login-text = Melde dich mit Discord an, um den Bot für die Server zu verwalten, die du verwalten darfst: gemeldete Fragen, Spoiler-Horizonte, die Frage des Tages, Rewatches, geplante Spiele, Pakete und diese Seiten. Der Bot fragt Discord nur, wer du bist und auf welchen Servern du bist.
web-desk-login = Mit Discord anmelden
web-desk-hello = Angemeldet als
web-desk-no-servers = Keiner der Server, die du verwalten darfst, hat den Bot bisher benutzt.
web-desk-logout = Abmelden
web-desk-unconfigured = Der Schreibtisch ist nicht eingerichtet: Der Betreiber des Bots setzt DISCORD_CLIENT_ID, DISCORD_CLIENT_SECRET und WEB_URL.
web-desk-discord-busy = Discord bittet um einen Moment Geduld; versuch es gleich noch einmal.
web-desk-discord-failed = Discord konnte nicht sagen, welche Server du verwaltest; versuch es gleich noch einmal.
web-desk-login-failed = Die Anmeldung hat nicht geklappt (sie begann nicht hier, oder sie dauerte zu lange). Melde dich vom Schreibtisch aus neu an.
web-desk-forged = Dieses Formular kam nicht von deiner Schreibtisch-Seite (sein Schlüssel passt nicht). Lade den Schreibtisch neu und versuch es noch einmal.
web-desk-not-yours = Du darfst diesen Server nicht verwalten (sagt Discord gerade), also ist sein Schreibtisch nicht deiner.
web-desk-all-servers = Alle deine Server
web-desk-done = Erledigt
web-desk-review = Gemeldete Fragen
web-desk-horizons = Spoiler-Horizont des Servers
web-desk-channel-horizons = Spoiler-Horizont jedes Kanals
web-desk-no-channel = Der Bot wurde noch in keinem Kanal dieses Servers benutzt.
web-desk-daily = Frage des Tages
web-desk-rewatch = Rewatch
web-desk-schedule = Geplante Spiele
web-desk-packs = Eigene Pakete des Servers
web-desk-pages = Öffentliche Seiten
web-desk-channel = Kanal
web-desk-bad-channel = Das ist kein Kanal, in dem der Bot auf diesem Server benutzt wurde: wähle einen aus der Liste.
web-desk-needs-channel = Wähle den Kanal (für einen Horizont, oder wähle Bereich server für die Vorgabe des Servers).
web-desk-not-done = Nicht erledigt
web-board-more = { $count ->
    [one] und ein weiterer Spieler
   *[other] und { $count } weitere Spieler
}
web-desk-no-rewatch = Auf diesem Server läuft kein Rewatch und keiner ist angehalten. Kanal-Verwaltende starten einen mit /rewatch start in seinem Kanal.
web-card-chart = Punkte der Besten, Tag für Tag
web-card-alt = Die Rangliste als Bild, mit den Punkten der Besten Tag für Tag
console-picture = [Bild: { $path }]
console-picture-unsaved = [das Bild konnte nicht gespeichert werden: { $error }]
