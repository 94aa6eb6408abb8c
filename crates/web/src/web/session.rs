//! Who is logged in: sessions kept in this process's memory, known to the
//! browser only by a random id signed with the server's key (an HttpOnly,
//! SameSite cookie, Secure behind TLS), each with its own token that every
//! form must carry back (CSRF). A session holds the member's Discord
//! token, used only to ask Discord again, on every request, which servers
//! they may manage; it never reaches the page or the log.

use std::num::NonZeroUsize;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, header};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The session cookie's name.
pub(crate) const COOKIE: &str = "cliffhanger_session";
/// The cookie that carries a login's state through Discord and back.
pub(crate) const STATE_COOKIE: &str = "cliffhanger_login";

/// How long a session lasts.
const LIFETIME: Duration = Duration::from_secs(12 * 3600);
/// How many sessions are kept at once (the oldest go first).
const SESSIONS: usize = 10_000;

/// A member logged in.
#[derive(Clone)]
pub(crate) struct Session {
    /// Their Discord id.
    pub(crate) user: u64,
    /// Their name on Discord.
    pub(crate) name: String,
    /// Their OAuth2 token (scopes identify and guilds).
    pub(crate) token: String,
    /// What every form of theirs carries back.
    pub(crate) csrf: String,
    ends: Instant,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the token or the CSRF token.
        f.debug_struct("Session").field("user", &self.user).finish()
    }
}

/// The sessions of this process, and the key that signs their cookies.
pub struct Sessions {
    key: Vec<u8>,
    secure: bool,
    live: Mutex<lru::LruCache<String, Session>>,
}

impl std::fmt::Debug for Sessions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sessions")
            .field("secure", &self.secure)
            .finish()
    }
}

/// 32 random bytes, as URL-safe text.
pub(crate) fn random_token() -> String {
    let bytes: [u8; 32] = rand::random();
    URL_SAFE_NO_PAD.encode(bytes)
}

impl Sessions {
    /// Sessions signed with `secret` (random for this process when none is
    /// given: sessions then end when it does); cookies `Secure` when the
    /// pages are reached over TLS.
    pub fn new(secret: Option<&str>, secure: bool) -> Sessions {
        let key = match secret {
            Some(s) => s.as_bytes().to_vec(),
            None => rand::random::<[u8; 32]>().to_vec(),
        };
        Sessions {
            key,
            secure,
            live: Mutex::new(lru::LruCache::new(
                NonZeroUsize::new(SESSIONS).expect("not zero"),
            )),
        }
    }

    fn mac(&self) -> Hmac<Sha256> {
        Hmac::<Sha256>::new_from_slice(&self.key).expect("any key length")
    }

    /// `value` with its signature.
    pub(crate) fn sign(&self, value: &str) -> String {
        let mut mac = self.mac();
        mac.update(value.as_bytes());
        let tag = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("{value}.{tag}")
    }

    /// The value of a signed text, when its signature holds.
    pub(crate) fn verify<'a>(&self, signed: &'a str) -> Option<&'a str> {
        let (value, tag) = signed.rsplit_once('.')?;
        let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
        let mut mac = self.mac();
        mac.update(value.as_bytes());
        mac.verify_slice(&tag).ok()?;
        Some(value)
    }

    /// A cookie's header value: `name=value`, HttpOnly, SameSite=Lax (it
    /// must come along when Discord sends the member back), Secure behind
    /// TLS.
    pub(crate) fn cookie(&self, name: &str, value: &str, max_age: Duration) -> String {
        format!(
            "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
            max_age.as_secs(),
            if self.secure { "; Secure" } else { "" }
        )
    }

    /// A header value that removes a cookie.
    pub(crate) fn removal(&self, name: &str) -> String {
        self.cookie(name, "", Duration::ZERO)
    }

    /// Starts a session; the cookie that carries it.
    pub(crate) fn begin(&self, user: u64, name: String, token: String) -> String {
        let id = random_token();
        let session = Session {
            user,
            name,
            token,
            csrf: random_token(),
            ends: Instant::now() + LIFETIME,
        };
        self.live.lock().expect("sessions").put(id.clone(), session);
        self.cookie(COOKIE, &self.sign(&id), LIFETIME)
    }

    /// The session a request carries, while it lasts.
    pub(crate) fn of(&self, headers: &HeaderMap) -> Option<Session> {
        let signed = cookie_value(headers, COOKIE)?;
        let id = self.verify(&signed)?;
        let mut live = self.live.lock().expect("sessions");
        let session = live.get(id)?.clone();
        if session.ends <= Instant::now() {
            live.pop(id);
            return None;
        }
        Some(session)
    }

    /// Ends the session a request carries.
    pub(crate) fn end(&self, headers: &HeaderMap) {
        if let Some(signed) = cookie_value(headers, COOKIE)
            && let Some(id) = self.verify(&signed)
        {
            self.live.lock().expect("sessions").pop(id);
        }
    }
}

/// A cookie's value from a request.
pub(crate) fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.to_string())
}

/// Whether two secrets are equal, in time that does not say where they
/// differ.
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_value_is_read_back_and_a_changed_one_or_another_keys_is_not() {
        let sessions = Sessions::new(Some("one key of the server"), false);
        let signed = sessions.sign("abc");
        assert_eq!(sessions.verify(&signed), Some("abc"));
        let forged = signed.replacen("abc", "abd", 1);
        assert_eq!(sessions.verify(&forged), None);
        assert_eq!(sessions.verify("abc"), None);
        let other = Sessions::new(Some("another key"), false);
        assert_eq!(other.verify(&signed), None);
    }

    #[test]
    fn cookies_are_http_only_and_secure_only_behind_tls() {
        let plain = Sessions::new(None, false).cookie("c", "v", LIFETIME);
        assert!(plain.contains("HttpOnly") && plain.contains("SameSite=Lax"));
        assert!(!plain.contains("Secure"));
        assert!(
            Sessions::new(None, true)
                .cookie("c", "v", LIFETIME)
                .ends_with("; Secure")
        );
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "abcd"));
    }
}
