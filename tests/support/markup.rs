//! A reader of Discord's message markup, as the client renders it, for
//! tests: spoiler bars, emphasis, strike-through, code, masked and bare
//! links, mentions, quotes, headings and list items. Backslash escapes any
//! punctuation. A marker with no closing partner later in the message
//! reads as text, and spoiler pairs are matched left to right across
//! lines, so one stray `||` shifts every pair after it.

#![allow(dead_code)]

/// What a reader sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Text(String),
    Spoiler(Vec<Node>),
    /// Bold, italics, underline or strike-through, by its marker.
    Styled(&'static str, Vec<Node>),
    Code(String),
    Link(String),
    Mention(String),
    /// A quote, heading or list item, by its marker.
    Block(&'static str),
}

const PAIRED: [&str; 7] = ["||", "**", "__", "~~", "*", "_", "`"];

/// Where the next unescaped `marker` starts in `text` at or after `from`.
fn closing(text: &str, from: usize, marker: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        if bytes[i] == b'\\' && i + 1 < bytes.len() && bytes[i + 1].is_ascii_punctuation() {
            i += 2;
            continue;
        }
        if text[i..].starts_with(marker) {
            return Some(i);
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

fn push_text(out: &mut Vec<Node>, s: &str) {
    if let Some(Node::Text(t)) = out.last_mut() {
        t.push_str(s);
    } else {
        out.push(Node::Text(s.to_string()));
    }
}

/// Reads `text` as Discord renders it.
pub fn read(text: &str) -> Vec<Node> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut line_start = true;
    while i < text.len() {
        let rest = &text[i..];
        let c = rest.chars().next().expect("not at the end");
        if c == '\\' && rest[1..].starts_with(|n: char| n.is_ascii_punctuation()) {
            push_text(&mut out, &rest[1..2]);
            i += 2;
            line_start = false;
            continue;
        }
        if line_start {
            let trimmed = rest.trim_start_matches(' ');
            let block = [
                ("> ", ">"),
                ("# ", "#"),
                ("## ", "#"),
                ("- ", "-"),
                ("* ", "-"),
                ("+ ", "-"),
            ]
            .iter()
            .find(|(m, _)| trimmed.starts_with(m));
            if let Some((m, name)) = block {
                out.push(Node::Block(name));
                i += rest.len() - trimmed.len() + m.len();
                line_start = false;
                continue;
            }
        }
        line_start = c == '\n' || (line_start && c == ' ');
        if let Some(marker) = PAIRED.iter().find(|m| rest.starts_with(**m))
            && let Some(end) = closing(text, i + marker.len(), marker)
            && end > i + marker.len()
        {
            let inner = &text[i + marker.len()..end];
            out.push(match *marker {
                "||" => Node::Spoiler(read(inner)),
                "`" => Node::Code(inner.to_string()),
                m => Node::Styled(m, read(inner)),
            });
            i = end + marker.len();
            continue;
        }
        if c == '['
            && let Some(close) = closing(text, i + 1, "](")
            && let Some(end) = closing(text, close + 2, ")")
            && text[close + 2..end].starts_with("http")
        {
            out.push(Node::Link(text[i..=end].to_string()));
            i = end + 1;
            continue;
        }
        if c == '<'
            && ["<@", "<#", "<:", "<a:", "<t:", "<http"]
                .iter()
                .any(|p| rest.starts_with(p))
            && let Some(end) = rest.find('>')
        {
            out.push(Node::Mention(rest[..=end].to_string()));
            i += end + 1;
            continue;
        }
        if let Some(m) = ["@everyone", "@here"]
            .iter()
            .find(|m| rest.starts_with(**m))
        {
            out.push(Node::Mention(m.to_string()));
            i += m.len();
            continue;
        }
        if rest.starts_with("http://") || rest.starts_with("https://") {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            out.push(Node::Link(rest[..end].to_string()));
            i += end;
            continue;
        }
        push_text(&mut out, &rest[..c.len_utf8()]);
        i += c.len_utf8();
    }
    out
}

/// The message as one reading it without opening any spoiler sees it:
/// every spoiler, whatever it holds, one `▒`; the rest as read (markup
/// kept as the reader found it, so a difference in it shows).
pub fn plain_projection(text: &str) -> String {
    fn walk(nodes: &[Node], out: &mut String) {
        for n in nodes {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Spoiler(_) => {
                    // Spoilers with nothing but spaces between read as one.
                    let trimmed = out.trim_end_matches([' ', ',']);
                    if !trimmed.ends_with('▒') {
                        out.push('▒');
                    } else {
                        out.truncate(trimmed.len());
                    }
                }
                Node::Styled(m, inner) => {
                    out.push_str(m);
                    walk(inner, out);
                    out.push_str(m);
                }
                Node::Code(c) => {
                    out.push('`');
                    out.push_str(c);
                    out.push('`');
                }
                Node::Link(l) | Node::Mention(l) => out.push_str(l),
                Node::Block(b) => {
                    out.push_str(b);
                    out.push(' ');
                }
            }
        }
    }
    let mut out = String::new();
    walk(&read(text), &mut out);
    out
}
