//! The board's picture: a card of the top ten and the leaders' points day
//! by day, drawn the same on every host (the font is carried in the
//! binary), compared with the picture it should be within a small
//! tolerance. `UPDATE_GOLDEN=1 cargo test --test card` writes that picture
//! anew after a change meant to alter it (look at it before committing).

use cliffhanger::card::{self, Card};

/// A board as a server might have it: a long name, umlauts, markup-like
/// characters, a tie, a late starter.
fn board() -> Card {
    let names = [
        "Karen <3 Broadway",
        "Ivy Lynn",
        "Derek Wills & Co",
        "Jürgen Größe",
        "Tom",
        "a name far longer than any card could ever show in one line",
        "Julia",
        "Eileen",
        "Jimmy",
        "Kyle",
        "Ana",
    ];
    let lines = names
        .iter()
        .enumerate()
        .map(|(i, n)| (i + 1, n.to_string(), 1_000 - 80 * i as i64))
        .collect();
    let day0 = 20_400;
    let series = names
        .iter()
        .take(5)
        .enumerate()
        .map(|(i, n)| {
            let mut total = 0;
            let days = (i as i64..12)
                .step_by(2)
                .map(|d| {
                    total += 90 - 10 * i as i64 + d * 3;
                    (day0 + d, total)
                })
                .collect();
            (n.to_string(), days)
        })
        .collect();
    Card {
        title: "Smash fans · Trivia".into(),
        subtitle: "All time · Smash".into(),
        lines,
        chart_title: "Points of the top five, day by day".into(),
        series,
        empty: "No games yet.".into(),
    }
}

fn pixels(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

#[test]
fn the_board_card_looks_as_it_should() {
    let made = card::png(&board()).unwrap();
    let golden =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/board-card.png");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &made).unwrap();
    }
    let want = std::fs::read(&golden).expect("the golden picture (UPDATE_GOLDEN=1 writes it)");
    let (w1, h1, a) = pixels(&made);
    let (w2, h2, b) = pixels(&want);
    assert_eq!((w1, h1), (w2, h2), "the card's size");
    // Pixels that differ visibly (any channel by more than 24 of 255).
    let differ = a
        .chunks(4)
        .zip(b.chunks(4))
        .filter(|(p, q)| p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > 24))
        .count();
    let share = differ as f64 / f64::from(w1 * h1);
    assert!(
        share < 0.002,
        "{differ} pixels ({:.3}%) differ from the golden picture",
        share * 100.0
    );
}

#[test]
fn a_card_with_nothing_on_it_says_so_and_is_still_a_picture() {
    let empty = Card {
        title: "Smash fans".into(),
        subtitle: "Last 30 days".into(),
        empty: "No games have ended here in this period yet.".into(),
        ..Card::default()
    };
    let made = card::png(&empty).unwrap();
    assert!(made.starts_with(b"\x89PNG"));
    let (w, _, _) = pixels(&made);
    assert_eq!(w, cliffhanger::card::WIDTH);
    assert!(cliffhanger::card::svg(&empty).contains("No games have ended here"));
}
