//! The two real seed recaps: how they split into facts, who each fact
//! mentions, what full-text search finds.

mod support;

use std::collections::BTreeSet;

use cliffhanger::app::{App, Ctx, HorizonScope, ProgressAction, SpoilersAction};
use cliffhanger::import::import_dir;
use cliffhanger::seeds::analyze;
use cliffhanger::seeds::mentions::Roster;
use cliffhanger::seeds::seed::load_seeds;
use cliffhanger::store::Db;

/// The English recap of S01E12, split by hand: (section, sentence).
const PUBLICITY: &[(&str, &str)] = &[
    (
        "",
        "Ever wondered what it looks like when a PG TV show tries to depict the wild and raunchy world of celebrity clubbing in New York City?",
    ),
    (
        "",
        "This week, Smash did just that and the results were interesting in terms of character development, but not very satisfying in terms of realism.",
    ),
    ("", "Let's see how it played out."),
    (
        "Club Song",
        "Derek, in a moment of deep intimacy, tells Karen that he sees her as Marilyn in his head whenever Rebecca Duvall is performing.",
    ),
    (
        "Club Song",
        "First, she can't believe it, but then the big movie star asks her to come out with her to party.",
    ),
    (
        "Club Song",
        "So they pull up in a stretch limousine in front of a club and, upon arrival, Duvall coerces her into getting up on stage and sing.",
    ),
    (
        "Club Song",
        "Which Karen does and then accepts a standing ovation from the clubbers.",
    ),
    (
        "New Song",
        "The next day, Duvall suggests that Karen sing a new song that is the writer's answer to so much of the star's complaints.",
    ),
    (
        "New Song",
        "Later, she gives her expensive clothing that has been given to her by virtue of simply being famous.",
    ),
    (
        "New Song",
        "Then ensues an escapade of Tequila shots, disco dancing and giving the finger to the paparazzi.",
    ),
    (
        "New Song",
        "Dev, waiting at home for Karen, discovers her pictures online and is not amused.",
    ),
    (
        "New Song",
        "Then again, Duvall had warned Karen earlier that a boyfriend \"might be a problem\" going forward.",
    ),
    (
        "Kale Shakes",
        "Meanwhile, Derek loses control over rehearsals.",
    ),
    (
        "Kale Shakes",
        "Not only is Rebecca demanding changes to the script (i.e. more scenes, less singing), she is also constantly late, doesn't want to rehearse in the order planned by the director and she enlists production people to make kale shakes for her.",
    ),
    (
        "Kale Shakes",
        "After some complaining to Eileen, she puts Ellis on kale shake duty.",
    ),
    ("Runaway Son", "Leo, Julia's annoying son, has run away."),
    (
        "Runaway Son",
        "\"I'm not gonna lie to you,\" grumbles the cop who comes to take her statement.",
    ),
    (
        "Runaway Son",
        "\"Running away in New York City is the most dangerous thing a kid could do.\"",
    ),
    (
        "Runaway Son",
        "New York being home to so many criminals, and all.",
    ),
    (
        "Runaway Son",
        "After some digging around, Julia finds out that her beloved son sleeps on the floor of some friend's room.",
    ),
    (
        "Runaway Son",
        "And because said friend lectures Julia that she shouldn't freak out because this situation is not Leo's fault, nor his.",
    ),
    (
        "Runaway Son",
        "So the concerned parent that she is, she just lets him stay there until he comes crawling back home.",
    ),
    (
        "Back in the Race",
        "With Duvall taking Karen under her wing and stealing the spotlight away from Ivy, the shunned former-Marilyn devises an ingenious plan to get back under Derek's good graces in rehearsals.",
    ),
    (
        "Back in the Race",
        "The director being uber-annoyed with Duvall, sneaky Ivy texts Karen (who, remember, appears as Marilyn to Derek in visions) that she doesn't need to come to rehearsal anymore.",
    ),
    (
        "Back in the Race",
        "When the time comes for the new song to be performed by Karen, Ivy can readily jump in.",
    ),
    ("Back in the Race", "And she impresses everyone."),
    ("Back in the Race", "Is she back in the race?"),
];

/// The German recap of S02E11, split by hand (it has no sections).
const DRESS_REHEARSAL: &[&str] = &[
    "Tom Levitt steht einsam auf der Bühne und der Vorhang öffnet sich.",
    "Als er den gesamten Cast des Musicals Bombshell im Publikum erblickt, stellt er fest, dass er splitterfasernackt ist.",
    "Tom wacht auf.",
    "Die ersten Vorpremieren zu Bombshell laufen und Julia und Tom haben mit einigen Problemen zu kämpfen.",
    "Die Nebelmaschine hat einige Aussetzter, das Deko-Flugzeug kommt nicht schnell genug auf die Bühne und dann rutscht auch noch Ivys Kleid in ihrer Szene mit John F. Kennedy vollständig herunter.",
    "Doch dieses Missgeschick wirft eine neue Frage auf: Ist es für die Show besser, wenn sich Ivy am Ende der Szene entblättert, um die Verletzlichkeit Marilyn Monroes intensiver darzustellen?",
    "Tom und Eileen überlassen ihrer Hauptdarstellerin die Entscheidung, ob sie ihre Kleidung lieber anbehalten will oder nicht.",
    "Bei Hit List herrscht währenddessen eine angespannte Situation.",
    "Jimmy und Karen werfen Derek vor, dass er die Rolle der Diva nur größer macht, da er den beiden einen auswischen will.",
    "Außerdem sorgt sich Karen um Jimmy und hinterfragt seine Vergangenheit.",
    "Als Richard Francis seine Kritik zu den beiden Shows in der New York Times veröffentlicht, kommt es zu einem Schockzustand.",
    "Die Premieren von Bombshell und Hit List rücken immer näher und die Probleme nehmen rasant zu.",
    "Eine Kleiderpanne ist dabei noch die kleinste Schwierigkeit.",
    "Abermals steht die Freundschaft zwischen Tom und Julia auf dem Prüfstand.",
    "Aber auch das Verhältnis zwischen Derek, Jimmy und Karen nimmt eine negative Wende.",
    "Während es in Smash an allen Ecken und Enden Probleme gibt, hat die Serie in der Realität mit stetig schrumpfenden Quoten zu kämpfen.",
    "Nur noch 1,80 Millionen Zuschauer verfolgten diese Episode.",
    "Zu Beginn der Staffel waren es immerhin noch 4,48.",
    "Der größte Tiefpunkt der ersten Staffel lag bei stolzen 5,34 Millionen Zuschauern – ein Wert, der zurzeit nicht annähernd mehr erreicht wird.",
    "Eine dritte Staffel auf dem Sender NBC scheint unwahrscheinlich.",
    "Produzent Joshua Safran ließ bereits verlauten, dass das Staffelfinale ebenfalls als Serienende funktionieren würde, sofern es keine Verlängerung gibt.",
];

#[test]
fn english_recap_splits_into_the_hand_checked_sentences() {
    let seeds = load_seeds(&support::real_seeds()).unwrap();
    let show = &seeds.shows[0];
    let recap = show
        .recaps
        .iter()
        .find(|r| r.language.code() == "en")
        .unwrap();
    assert_eq!(
        (recap.season, recap.episode, recap.title.as_str()),
        (1, 12, "Publicity")
    );
    assert_eq!(
        recap.headline.as_deref(),
        Some("'Smash' Recap: Stealing the Limelight")
    );
    let facts = analyze(recap, &Roster::new(&show.characters));
    let got: Vec<(&str, &str)> = facts
        .iter()
        .map(|f| (f.section.as_deref().unwrap_or(""), f.text.as_str()))
        .collect();
    assert_eq!(got, PUBLICITY);
    let positions: Vec<usize> = facts.iter().map(|f| f.position).collect();
    assert_eq!(positions, (0..PUBLICITY.len()).collect::<Vec<_>>());
}

#[test]
fn german_recap_splits_into_the_hand_checked_sentences() {
    let seeds = load_seeds(&support::real_seeds()).unwrap();
    let show = &seeds.shows[0];
    let recap = show
        .recaps
        .iter()
        .find(|r| r.language.code() == "de")
        .unwrap();
    assert_eq!((recap.season, recap.episode), (2, 11));
    assert_eq!(recap.headline, None);
    let facts = analyze(recap, &Roster::new(&show.characters));
    assert!(facts.iter().all(|f| f.section.is_none()));
    let got: Vec<&str> = facts.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(got, DRESS_REHEARSAL);
}

async fn imported() -> (tempfile::TempDir, Db) {
    let tmp = tempfile::tempdir().unwrap();
    let db = support::open(tmp.path()).await;
    import_dir(&db, &support::real_seeds()).await.unwrap();
    (tmp, db)
}

/// The characters a fact (found by a piece of its text) mentions.
async fn mentioned(db: &Db, needle: &str) -> BTreeSet<String> {
    let ids: Vec<i64> = support::on_db!(db, |pool| sqlx::query_scalar(
        "SELECT id FROM facts WHERE text LIKE '%' || $1 || '%'"
    )
    .bind(needle)
    .fetch_all(pool)
    .await)
    .unwrap();
    assert_eq!(ids.len(), 1, "exactly one fact contains {needle:?}");
    support::on_db!(db, |pool| sqlx::query_scalar(
        "SELECT c.name FROM mentions m JOIN characters c ON c.id = m.character_id WHERE m.fact_id = $1",
    )
    .bind(ids[0])
    .fetch_all(pool).await)
    .unwrap()
    .into_iter()
    .collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[tokio::test]
async fn chosen_sentences_mention_exactly_the_right_characters() {
    let (_tmp, db) = imported().await;
    let cases: &[(&str, &[&str])] = &[
        ("Ivys Kleid", &["Ivy Lynn", "John F. Kennedy"]),
        (
            "Leo, Julia's annoying son",
            &["Leo Houston", "Julia Houston"],
        ),
        ("grumbles the cop", &[]),
        ("Running away in New York City", &[]),
        ("Marilyn Monroes", &["Ivy Lynn", "Marilyn Monroe"]),
        (
            "der Diva",
            &[
                "Jimmy Collins",
                "Karen Cartwright",
                "Derek Wills",
                "The Diva",
            ],
        ),
        ("Richard Francis", &["Richard Francis"]),
        ("Bei Hit List", &["Hit List"]),
        ("Tom Levitt steht", &["Tom Levitt"]),
        (
            "former-Marilyn",
            &[
                "Rebecca Duvall",
                "Karen Cartwright",
                "Ivy Lynn",
                "Marilyn Monroe",
                "Derek Wills",
            ],
        ),
        ("kale shake duty", &["Eileen Rand", "Ellis Boyd"]),
        ("Dev, waiting", &["Dev Sundaram", "Karen Cartwright"]),
        ("Joshua Safran", &[]),
    ];
    for (needle, names) in cases {
        assert_eq!(
            mentioned(&db, needle).await,
            set(names),
            "mentions in {needle:?}"
        );
    }
}

#[tokio::test]
async fn mentions_keep_their_span_and_possessive() {
    let (_tmp, db) = imported().await;
    let rows: Vec<(String, i64, i64, String, String)> = support::on_db!(db, |pool| sqlx::query_as(
        "SELECT f.text, m.start_byte, m.end_byte, c.name, m.suffix
         FROM mentions m JOIN facts f ON f.id = m.fact_id JOIN characters c ON c.id = m.character_id
         WHERE f.text LIKE '%Julia''s annoying%' OR f.text LIKE '%Ivys Kleid%'
         ORDER BY f.id, m.start_byte",
    )
    .fetch_all(pool)
    .await)
    .unwrap();
    let spans: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|(text, s, e, name, suffix)| {
            (
                &text[*s as usize..*e as usize],
                name.as_str(),
                suffix.as_str(),
            )
        })
        .collect();
    assert_eq!(
        spans,
        vec![
            ("Leo", "Leo Houston", ""),
            ("Julia", "Julia Houston", "'s"),
            ("Ivy", "Ivy Lynn", "s"),
            ("John F. Kennedy", "John F. Kennedy", ""),
        ]
    );
    // Byte offsets: "Leo" opens the sentence, "Julia" follows "Leo, ".
    assert_eq!((rows[0].1, rows[0].2, rows[1].1, rows[1].2), (0, 3, 5, 10));
}

#[tokio::test]
async fn numbers_are_read_with_the_recaps_decimal_comma() {
    let (_tmp, db) = imported().await;
    let numbers: Vec<(String, f64, i64)> = support::on_db!(db, |pool| sqlx::query_as(
        "SELECT surface, value, decimals FROM numbers ORDER BY fact_id, start_byte"
    )
    .fetch_all(pool)
    .await)
    .unwrap();
    assert_eq!(
        numbers,
        vec![
            ("1,80".to_string(), 1.8, 2),
            ("4,48".to_string(), 4.48, 2),
            ("5,34".to_string(), 5.34, 2)
        ]
    );
}

/// A member who has watched everything, in a channel that may discuss
/// everything, and the app that answers them.
async fn searcher(db: Db) -> (App, Ctx) {
    let app = App::with_seed(db, 1).await.unwrap();
    let ctx = support::moderator(1);
    let last = || "S02E11".to_string();
    app.progress(&ctx, ProgressAction::Set(last()), None)
        .await
        .unwrap();
    app.spoilers(
        &ctx,
        SpoilersAction::Set(last()),
        HorizonScope::Channel,
        None,
    )
    .await
    .unwrap();
    (app, ctx)
}

/// The facts a search finds, each as its episode code and text without
/// the bold the reply puts on matched words.
async fn found(app: &App, ctx: &Ctx, query: &str) -> Vec<String> {
    let reply = app.search(ctx, query, None, false).await.unwrap();
    reply
        .lines
        .iter()
        .filter(|l| l.starts_with("**S"))
        .map(|l| l.replace("**", ""))
        .collect()
}

#[tokio::test]
async fn search_finds_kale_folds_umlauts_and_stems() {
    let (_tmp, db) = imported().await;
    let (app, ctx) = searcher(db).await;
    let mut kale = found(&app, &ctx, "kale").await;
    kale.sort();
    let expected = |texts: &[&str], code: &str| -> Vec<String> {
        let mut v: Vec<String> = texts.iter().map(|t| format!("{code} {t}")).collect();
        v.sort();
        v
    };
    assert_eq!(
        kale,
        expected(&[PUBLICITY[14].1, PUBLICITY[13].1], "S01E12")
    );
    let mut buhne = found(&app, &ctx, "Buhne").await;
    buhne.sort();
    assert_eq!(
        buhne,
        expected(&[DRESS_REHEARSAL[4], DRESS_REHEARSAL[0]], "S02E11")
    );
    // Stemming: "shakes" also finds "kale shake duty"; query syntax in the
    // input is just text.
    assert_eq!(found(&app, &ctx, "shakes").await.len(), 2);
    assert!(found(&app, &ctx, "\"kale* OR (").await.len() >= 2);
    assert!(found(&app, &ctx, "zzzz").await.is_empty());
}

/// Search follows the facts: a recap edited and imported again, the old
/// sentence is no longer found and the new one is, with its umlauts
/// folded.
#[tokio::test]
async fn search_follows_an_edited_recap() {
    let (tmp, seeds) = support::scratch();
    let db = support::open(tmp.path()).await;
    import_dir(&db, &seeds).await.unwrap();
    support::edit(
        &seeds.join("smash/episodes/s02e11.de.md"),
        "Tom wacht auf.",
        "Tom träumt von Zauberkürbissen.",
    );
    let (app, ctx) = searcher(db.clone()).await;
    assert!(found(&app, &ctx, "Zauberkurbissen").await.is_empty());
    assert_eq!(found(&app, &ctx, "wacht").await.len(), 1);
    import_dir(&db, &seeds).await.unwrap();
    assert_eq!(found(&app, &ctx, "Zauberkurbissen").await.len(), 1);
    assert!(found(&app, &ctx, "wacht").await.is_empty());
}
