//! Text from outside the catalog's gates (a show's title, credits, what a
//! member typed) and catalog text alike reach replies through one escape,
//! `spoiler::escape_markdown`. Read as Discord reads a message, escaped
//! text is inert: it opens no markup, closes none, links nothing and pings
//! nobody, wherever it stands (inside a spoiler, beside one, at the start
//! of a line), so a `||` in a title cannot turn the wraps after it inside
//! out.

mod support;

use cliffhanger::spoiler::escape_markdown;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use support::markup::{Node, read};

/// Pieces random text is made of: markup of every kind, and plain words.
const PIECES: [&str; 40] = [
    "|",
    "||",
    "*",
    "**",
    "_",
    "__",
    "~",
    "~~",
    "`",
    "```",
    ">",
    "> ",
    "#",
    "# ",
    "-",
    "- ",
    "+ ",
    "[",
    "]",
    "(",
    ")",
    "[x](https://a.example)",
    "<",
    ">",
    "<@123>",
    "<#45>",
    "<t:1700000000>",
    "@",
    "@everyone",
    "@here",
    ":",
    "https://b.example/c",
    "\\",
    "\n",
    " ",
    "Karen",
    "Ivy's",
    "é",
    "S01E12",
    "Cursed || Show",
];

fn random_text(rng: &mut StdRng) -> String {
    (0..rng.random_range(0..12))
        .map(|_| PIECES[rng.random_range(0..PIECES.len())])
        .collect()
}

/// The text a reader sees in `nodes`, when they are all text.
fn only_text(nodes: &[Node]) -> Option<String> {
    match nodes {
        [] => Some(String::new()),
        [Node::Text(t)] => Some(t.clone()),
        _ => None,
    }
}

const CASES: usize = 5_000;

#[test]
fn escaped_text_reads_as_exactly_its_words() {
    let mut rng = StdRng::seed_from_u64(0x0e5c);
    for _ in 0..CASES {
        let text = random_text(&mut rng);
        let read_back = read(&escape_markdown(&text));
        assert_eq!(
            only_text(&read_back).as_deref(),
            Some(text.as_str()),
            "{text:?} escaped as {:?} reads as {read_back:?}",
            escape_markdown(&text)
        );
    }
}

#[test]
fn escaped_text_cannot_move_the_spoiler_wraps_around_it() {
    let mut rng = StdRng::seed_from_u64(0x5b01);
    for _ in 0..CASES {
        // Catalog text is never empty (a fact is a sentence).
        let (title, hidden, after) = (
            random_text(&mut rng),
            format!("{}.", random_text(&mut rng)),
            random_text(&mut rng),
        );
        // A multi-show search line: the title plain, the fact wrapped; the
        // next line wrapped again.
        let message = format!(
            "**{} S01E12** ||{}||\n{} ||S01E15||",
            escape_markdown(&title),
            escape_markdown(&hidden),
            escape_markdown(&after)
        );
        let nodes = read(&message);
        let spoilers: Vec<&Node> = nodes
            .iter()
            .filter(|n| matches!(n, Node::Spoiler(_)))
            .collect();
        assert_eq!(
            spoilers.len(),
            2,
            "{message:?} reads as {nodes:?}: every wrap stays a wrap"
        );
        if let Node::Spoiler(inner) = spoilers[0] {
            assert_eq!(
                only_text(inner).as_deref(),
                Some(hidden.as_str()),
                "{message:?}"
            );
        }
        assert_eq!(
            nodes.first(),
            Some(&Node::Styled(
                "**",
                vec![Node::Text(format!("{title} S01E12"))]
            )),
            "{message:?}"
        );
    }
}

#[test]
fn the_reader_reads_markup_as_discord_does() {
    // The reader itself: a stray bar shifts the pairs after it.
    let nodes = read("Cursed || Show ||a|| b ||c||");
    assert_eq!(
        nodes,
        vec![
            Node::Text("Cursed ".into()),
            Node::Spoiler(vec![Node::Text(" Show ".into())]),
            Node::Text("a".into()),
            Node::Spoiler(vec![Node::Text(" b ".into())]),
            Node::Text("c||".into()),
        ]
    );
    assert_eq!(
        read("||a\nb||"),
        vec![Node::Spoiler(vec![Node::Text("a\nb".into())])]
    );
    assert_eq!(
        read("\\|\\|a ||b||"),
        vec![
            Node::Text("||a ".into()),
            Node::Spoiler(vec![Node::Text("b".into())])
        ]
    );
    assert_eq!(read("- x")[0], Node::Block("-"));
    assert_eq!(read("hi @everyone")[1], Node::Mention("@everyone".into()));
    assert_eq!(
        read("[a](https://x)")[0],
        Node::Link("[a](https://x)".into())
    );
    // Unescaped outside text is not inert, which is what the escape is for:
    // the fact after the title reads plain.
    assert_eq!(
        read("Cursed || Show ||fact||")[1],
        Node::Spoiler(vec![Node::Text(" Show ".into())])
    );
    assert_eq!(
        read("Cursed || Show ||fact||")[2],
        Node::Text("fact||".into())
    );
}
