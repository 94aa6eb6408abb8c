//! What every page shares: its frame, its language, the stylesheet, dates
//! and members as pages show them, and error pages.

use crate::i18n::{Locale, t};
use crate::trivia::pages::Shown;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, html};

/// The language of a request: `?lang=de` or `?lang=en` when given, else the
/// first of the browser's languages the bot speaks, else English.
pub(crate) fn locale_of(headers: &HeaderMap, query: Option<&str>) -> Locale {
    let asked = query
        .into_iter()
        .flat_map(|q| q.split('&'))
        .find_map(|pair| match pair.split_once('=') {
            Some(("lang", "de")) => Some(Locale::De),
            Some(("lang", "en")) => Some(Locale::En),
            _ => None,
        });
    if let Some(l) = asked {
        return l;
    }
    let accepted = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    // The language the reader weighs highest (q, 1 when not given; 0 is
    // "not this one"), the earlier of two weighed alike.
    let mut best: Option<(f32, Locale)> = None;
    for item in accepted.split(',') {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let locale = if tag == "de" || tag.starts_with("de-") {
            Locale::De
        } else if tag == "en" || tag.starts_with("en-") {
            Locale::En
        } else {
            continue;
        };
        let q = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
            .filter(|q| q.is_finite() && *q > 0.0);
        if let Some(q) = q
            && best.is_none_or(|(b, _)| q > b)
        {
            best = Some((q, locale));
        }
    }
    if let Some((_, locale)) = best {
        return locale;
    }
    Locale::En
}

/// A value for a query or a form, percent-encoded.
pub(crate) fn encode(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `?lang=` for links that keep the page's language.
pub(crate) fn lang(l: Locale) -> &'static str {
    match l {
        Locale::De => "de",
        Locale::En => "en",
    }
}

/// A page: its title, the way back to where it belongs, and its body.
/// `text` without control characters (but line breaks and tabs): names
/// and season names are members' own, and a control character in HTML is
/// a parse error even where everything else is escaped.
fn printable(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t' | '\r'))
        .collect()
}

pub(crate) fn page(l: Locale, title: &str, here: &str, body: Markup) -> Markup {
    let title = printable(title);
    let body = maud::PreEscaped(printable(&body.into_string()));
    let other = match l {
        Locale::De => Locale::En,
        Locale::En => Locale::De,
    };
    let switch = format!(
        "{here}{}lang={}",
        if here.contains('?') { '&' } else { '?' },
        lang(other)
    );
    html! {
        (DOCTYPE)
        html lang=(lang(l)) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · cliffhanger" }
                link rel="stylesheet" href="/site.css";
                script src="/site.js" defer {}
            }
            body {
                header {
                    a.brand href={ "/?lang=" (lang(l)) } { "cliffhanger" }
                    a.lang href=(switch) hreflang=(lang(other)) { (t(l, "web-other-language", &[])) }
                }
                main { (body) }
                footer { p { (t(l, "web-footer", &[])) } }
            }
        }
    }
}

/// An error page with its status.
pub(crate) fn error_page(l: Locale, status: StatusCode, key: &str) -> Response {
    let title = t(l, key, &[]);
    let body =
        html! { h1 { (title) } p { a href={ "/?lang=" (lang(l)) } { (t(l, "web-home", &[])) } } };
    (status, page(l, &title, "/", body)).into_response()
}

/// A moment as a page shows it, in UTC.
pub(crate) fn when(l: Locale, ms: i64) -> String {
    let Some(at) = chrono::DateTime::from_timestamp_millis(ms) else {
        return String::new();
    };
    match l {
        Locale::De => at.format("%-d.%-m.%Y, %H:%M UTC").to_string(),
        Locale::En => at.format("%-d %b %Y, %H:%M UTC").to_string(),
    }
}

/// A member on a page: their name, linked to their page, marked when they
/// left; the end of their id when no name was stored; a hidden member
/// unnamed.
pub(crate) fn who(l: Locale, guild: u64, shown: &Shown) -> Markup {
    match shown {
        Shown::Named {
            name,
            user,
            departed,
        } => html! {
            a href={ "/s/" (guild) "/players/" (user) "?lang=" (lang(l)) } { (name) }
            @if *departed { " " span.departed { (t(l, "web-departed", &[])) } }
        },
        Shown::Unnamed { user } => html! {
            a href={ "/s/" (guild) "/players/" (user) "?lang=" (lang(l)) } {
                (t(l, "web-unnamed", &[])) " …" (user % 10_000)
            }
        },
        Shown::Hidden => html! { span.hidden { (t(l, "web-hidden-player", &[])) } },
    }
}

const STYLESHEET: &str = "\
:root{color-scheme:light dark;--fg:#1d1d1f;--bg:#fbfbfd;--muted:#6b6b73;--line:#d8d8de;--accent:#7b2cbf}\
@media(prefers-color-scheme:dark){:root{--fg:#ececf1;--bg:#17171c;--muted:#a0a0aa;--line:#33333b;--accent:#c39bff}}\
*{box-sizing:border-box}\
body{margin:0 auto;max-width:60rem;padding:1rem;font:16px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg)}\
header{display:flex;justify-content:space-between;align-items:center;border-bottom:1px solid var(--line);padding-bottom:.5rem}\
a{color:var(--accent)}.brand{font-weight:700;text-decoration:none;font-size:1.2rem}\
nav{margin:.5rem 0 1rem}nav a,nav strong{margin-right:.8rem}\
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line)}\
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\
.departed,.hidden,.muted{color:var(--muted);font-size:.9em}\
.spoiler{background:var(--fg);color:var(--fg)}.spoiler:hover,.spoiler:focus{background:none}\
form.inline{display:inline}button{font:inherit;padding:.2rem .7rem;margin:.1rem}\
section{margin:1.5rem 0}form[aria-busy=true]{opacity:.6}footer{margin-top:2rem;border-top:1px solid var(--line);color:var(--muted);font-size:.85rem}\
.card{max-width:100%;height:auto}\
";

/// The pages' one script: the desk's forms answer in place (the page
/// works without it).
const SCRIPT: &str = include_str!("site.js");

/// The script, from this address only (the policy forbids inline script).
pub(crate) async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        SCRIPT,
    )
        .into_response()
}

/// The stylesheet (the only style a page has: the policy forbids inline
/// style).
pub(crate) async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLESHEET,
    )
        .into_response()
}
