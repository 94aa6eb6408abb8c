//! A board as a picture: a PNG card of its top ten and a chart of the
//! leaders' points day by day, drawn in this process (an SVG, rasterised
//! with resvg, in a font carried in the binary, so it looks the same on
//! every host). Its words come in as plain text and are escaped here.

use std::sync::{Arc, LazyLock};

/// The width of a card, in pixels.
pub const WIDTH: u32 = 800;
/// How many lines of the board a card shows.
pub const LINES: usize = 10;
/// How many of the leaders the chart follows.
pub const FOLLOWED: usize = 5;

/// What a card shows, in the member's words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Card {
    /// The heading (the server's name).
    pub title: String,
    /// Under it: the period and the show.
    pub subtitle: String,
    /// The board's top: place, name, points.
    pub lines: Vec<(usize, String, i64)>,
    /// The chart's heading.
    pub chart_title: String,
    /// For each leader followed: their name and their points so far at the
    /// end of each day they scored (day number since the epoch, total).
    pub series: Vec<(String, Vec<(i64, i64)>)>,
    /// What the card says when the board is empty.
    pub empty: String,
}

/// The font every card is set in, and the options that find it.
static OPTIONS: LazyLock<resvg::usvg::Options<'static>> = LazyLock::new(|| {
    let mut options = resvg::usvg::Options::default();
    let fonts = options.fontdb_mut();
    fonts.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    let family = fonts
        .faces()
        .next()
        .and_then(|f| f.families.first().map(|(name, _)| name.clone()))
        .unwrap_or_else(|| "sans-serif".into());
    options.font_family = family;
    options
});

const COLOURS: [&str; FOLLOWED] = ["#7b2cbf", "#e85d04", "#2a9d8f", "#d62828", "#457b9d"];

/// Text for SVG, escaped.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A name cut to `max` characters, with an ellipsis when cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// `text` with its first letter made capital (a heading's start).
fn capital(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The card as SVG.
pub fn svg(card: &Card) -> String {
    let rows = card.lines.len().clamp(1, LINES);
    let chart_top = 110 + rows as u32 * 34 + 30;
    let chart_height = 220;
    let height = chart_top + chart_height + 60;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" \
         viewBox=\"0 0 {WIDTH} {height}\">\
         <rect width=\"100%\" height=\"100%\" fill=\"#fbfbfd\"/>\
         <rect width=\"100%\" height=\"8\" fill=\"#7b2cbf\"/>\
         <text x=\"32\" y=\"58\" font-size=\"32\" fill=\"#1d1d1f\">{}</text>\
         <text x=\"32\" y=\"88\" font-size=\"18\" fill=\"#6b6b73\">{}</text>",
        esc(&cut(&card.title, 40)),
        esc(&cut(&capital(&card.subtitle), 70))
    );
    if card.lines.is_empty() {
        s.push_str(&format!(
            "<text x=\"32\" y=\"136\" font-size=\"20\" fill=\"#6b6b73\">{}</text>",
            esc(&cut(&card.empty, 70))
        ));
    }
    for (i, (rank, name, points)) in card.lines.iter().take(LINES).enumerate() {
        let y = 136 + i as u32 * 34;
        if i % 2 == 0 {
            s.push_str(&format!(
                "<rect x=\"24\" y=\"{}\" width=\"{}\" height=\"34\" rx=\"6\" fill=\"#efeff4\"/>",
                y - 24,
                WIDTH - 48
            ));
        }
        s.push_str(&format!(
            "<text x=\"40\" y=\"{y}\" font-size=\"20\" fill=\"#6b6b73\">{rank}</text>\
             <text x=\"90\" y=\"{y}\" font-size=\"20\" fill=\"#1d1d1f\">{}</text>\
             <text x=\"{}\" y=\"{y}\" font-size=\"20\" fill=\"#1d1d1f\" text-anchor=\"end\">{points}</text>",
            esc(&cut(name, 36)),
            WIDTH - 40
        ));
    }
    s.push_str(&chart(card, chart_top, chart_height));
    s.push_str("</svg>");
    s
}

/// The chart of the leaders' points, from `top`, `height` pixels high.
fn chart(card: &Card, top: u32, height: u32) -> String {
    let mut s = format!(
        "<text x=\"32\" y=\"{}\" font-size=\"18\" fill=\"#6b6b73\">{}</text>",
        top,
        esc(&cut(&card.chart_title, 70))
    );
    let points: Vec<(i64, i64)> = card
        .series
        .iter()
        .flat_map(|(_, p)| p.iter().copied())
        .collect();
    let (Some(first), Some(last)) = (
        points.iter().map(|p| p.0).min(),
        points.iter().map(|p| p.0).max(),
    ) else {
        return s;
    };
    // A chart of one day starts the day before: a rise, not a wall.
    let first = first.min(last - 1);
    let most = points.iter().map(|p| p.1).max().unwrap_or(0).max(1);
    let (left, right) = (60.0, f64::from(WIDTH) - 40.0);
    let (bottom, roof) = (f64::from(top + height), f64::from(top) + 20.0);
    let span = (last - first).max(1) as f64;
    let x = |day: i64| left + (day - first) as f64 / span * (right - left);
    let y = |total: i64| bottom - total as f64 / most as f64 * (bottom - roof);
    s.push_str(&format!(
        "<line x1=\"{left}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\" stroke=\"#d8d8de\"/>\
         <text x=\"{}\" y=\"{}\" font-size=\"14\" fill=\"#6b6b73\" text-anchor=\"end\">{most}</text>\
         <text x=\"{}\" y=\"{bottom}\" font-size=\"14\" fill=\"#6b6b73\" text-anchor=\"end\">0</text>",
        left - 8.0,
        roof + 5.0,
        left - 8.0,
    ));
    for (i, (name, series)) in card.series.iter().take(FOLLOWED).enumerate() {
        let colour = COLOURS[i];
        // From nothing before its first day, flat after its last.
        let mut path = String::new();
        let mut total = 0;
        let start = series.first().map_or(first, |p| p.0);
        path.push_str(&format!("{:.1},{:.1}", x(start.min(first)), y(0)));
        for (day, sum) in series {
            path.push_str(&format!(
                " {:.1},{:.1} {:.1},{:.1}",
                x(*day),
                y(total),
                x(*day),
                y(*sum)
            ));
            total = *sum;
        }
        path.push_str(&format!(" {:.1},{:.1}", x(last), y(total)));
        s.push_str(&format!(
            "<polyline points=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"3\" \
             stroke-linejoin=\"round\"/>"
        ));
        let lx = 32 + (i as u32 % FOLLOWED as u32) * 150;
        let ly = top + height + 36;
        s.push_str(&format!(
            "<rect x=\"{lx}\" y=\"{}\" width=\"14\" height=\"14\" rx=\"3\" fill=\"{colour}\"/>\
             <text x=\"{}\" y=\"{ly}\" font-size=\"15\" fill=\"#1d1d1f\">{}</text>",
            ly - 12,
            lx + 20,
            esc(&cut(name, 14))
        ));
    }
    s
}

/// The card as a PNG.
pub fn png(card: &Card) -> anyhow::Result<Vec<u8>> {
    let tree = resvg::usvg::Tree::from_str(&svg(card), &OPTIONS)?;
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| anyhow::anyhow!("a card of no size"))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap.encode_png()?)
}

/// A PNG card, shared.
pub type Picture = Arc<Vec<u8>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_escaped_and_long_names_cut() {
        let card = Card {
            title: "<Smash> & \"fans\"".into(),
            lines: vec![(1, "a".repeat(60), 10)],
            ..Card::default()
        };
        let svg = svg(&card);
        assert!(
            svg.contains("&lt;Smash&gt; &amp; &quot;fans&quot;"),
            "{svg}"
        );
        assert!(svg.contains(&format!("{}…", "a".repeat(35))), "{svg}");
        assert!(!svg.contains(&"a".repeat(37)));
    }
}
