//! Behind a shared rate-limit proxy (`DISCORD_PROXY_URL`), serenity's own
//! rate limiter is off: the proxy limits for every process of the bot.
//! A 429 from the proxy would then be an error. This relay, on loopback,
//! passes every request on to the proxy and retries a 429 a few times,
//! after the `retry_after` it asks for (bounded), before giving up.

use std::time::Duration;

use anyhow::Context as _;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// Tries per request: the first and this many minus one retries.
const TRIES: u32 = 4;

/// The longest wait honoured; a longer `retry_after` is passed back.
const LONGEST_WAIT: Duration = Duration::from_secs(10);

/// Headers not passed on: they describe one connection, not the request.
const HOP_BY_HOP: &[&str] = &[
    "connection",
    "keep-alive",
    "transfer-encoding",
    "content-length",
    "host",
    "upgrade",
    "proxy-connection",
];

/// Starts the relay to `upstream` on a free loopback port; returns its
/// base URL.
pub async fn start(upstream: &str) -> anyhow::Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .context("opening the relay to the rate-limit proxy")?;
    let url = format!("http://{}", listener.local_addr()?);
    let client = reqwest::Client::builder()
        .no_proxy()
        .tcp_nodelay(true)
        .build()
        .context("building the relay's HTTP client")?;
    let upstream = upstream.trim_end_matches('/').to_string();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let _ = stream.set_nodelay(true);
            tokio::spawn(serve(stream, client.clone(), upstream.clone()));
        }
    });
    Ok(url)
}

/// One request as read from the connection.
struct Incoming {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

async fn read_request(reader: &mut BufReader<tokio::net::tcp::OwnedReadHalf>) -> Option<Incoming> {
    let mut line = String::new();
    if reader.read_line(&mut line).await.ok()? == 0 {
        return None;
    }
    let mut words = line.split_whitespace();
    let method = words.next()?.to_string();
    let target = words.next()?.to_string();
    let mut headers = Vec::new();
    let mut length = 0usize;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).await.ok()? == 0 {
            return None;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        let (name, value) = (name.trim().to_string(), value.trim().to_string());
        if name.eq_ignore_ascii_case("content-length") {
            length = value.parse().ok()?;
        }
        headers.push((name, value));
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).await.ok()?;
    Some(Incoming {
        method,
        target,
        headers,
        body,
    })
}

async fn serve(stream: TcpStream, client: reqwest::Client, upstream: String) {
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    while let Some(request) = read_request(&mut reader).await {
        let response = forward(&client, &upstream, &request).await;
        if write.write_all(&response).await.is_err() {
            return;
        }
    }
}

/// How long a 429 asks to wait: its `Retry-After` header, or the
/// `retry_after` of its JSON body (Discord gives seconds, with fractions).
fn retry_after(headers: &reqwest::header::HeaderMap, body: &[u8]) -> Option<Duration> {
    let seconds = headers
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<f64>().ok())
        .or_else(|| {
            serde_json::from_slice::<serde_json::Value>(body)
                .ok()?
                .get("retry_after")?
                .as_f64()
        })?;
    (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds))
}

/// Passes a request on, retrying a 429 that asks for a bearable wait; the
/// response as bytes to send back.
async fn forward(client: &reqwest::Client, upstream: &str, r: &Incoming) -> Vec<u8> {
    let method = reqwest::Method::from_bytes(r.method.as_bytes()).unwrap_or(reqwest::Method::GET);
    let url = format!("{upstream}{}", r.target);
    let mut attempt = 1;
    loop {
        let mut request = client.request(method.clone(), &url).body(r.body.clone());
        for (name, value) in &r.headers {
            if !HOP_BY_HOP.contains(&name.to_ascii_lowercase().as_str()) {
                request = request.header(name, value);
            }
        }
        let response = match request.send().await {
            Ok(response) => response,
            Err(e) => {
                tracing::warn!(url, error = %e, "the rate-limit proxy cannot be reached");
                let body = format!(
                    "{{\"message\": \"the rate-limit proxy cannot be reached: {e}\", \"code\": 0}}"
                );
                return raw(502, "Bad Gateway", &[], body.as_bytes());
            }
        };
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .bytes()
            .await
            .map(|b| b.to_vec())
            .unwrap_or_default();
        if status == reqwest::StatusCode::TOO_MANY_REQUESTS
            && attempt < TRIES
            && let Some(wait) = retry_after(&headers, &body).filter(|w| *w <= LONGEST_WAIT)
        {
            tracing::info!(
                url,
                attempt,
                wait_ms = wait.as_millis() as u64,
                "rate limited by the proxy: waiting, then trying again"
            );
            tokio::time::sleep(wait).await;
            attempt += 1;
            continue;
        }
        let kept: Vec<(String, String)> = headers
            .iter()
            .filter(|(name, _)| !HOP_BY_HOP.contains(&name.as_str()))
            .filter_map(|(name, value)| Some((name.to_string(), value.to_str().ok()?.to_string())))
            .collect();
        return raw(
            status.as_u16(),
            status.canonical_reason().unwrap_or(""),
            &kept,
            &body,
        );
    }
}

fn raw(status: u16, reason: &str, headers: &[(String, String)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} {reason}\r\n");
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_comes_from_the_header_or_the_body() {
        let mut headers = reqwest::header::HeaderMap::new();
        assert_eq!(
            retry_after(&headers, br#"{"retry_after": 0.25, "global": false}"#),
            Some(Duration::from_millis(250))
        );
        headers.insert(reqwest::header::RETRY_AFTER, "2".parse().unwrap());
        assert_eq!(retry_after(&headers, b"{}"), Some(Duration::from_secs(2)));
        assert_eq!(
            retry_after(&reqwest::header::HeaderMap::new(), b"not json"),
            None
        );
    }
}
