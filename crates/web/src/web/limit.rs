//! Requests per client address: each address may make so many a minute;
//! past that it is told when to come back. Addresses are remembered in a
//! bounded table, so a flood of addresses cannot grow it without end.

use std::net::IpAddr;
use std::num::NonZeroUsize;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How many addresses are remembered at once.
const ADDRESSES: usize = 65_536;

/// The window requests are counted over.
const WINDOW: Duration = Duration::from_secs(60);

/// Counts requests per address.
#[derive(Debug)]
pub struct Limiter {
    per_window: u32,
    seen: Mutex<lru::LruCache<IpAddr, (Instant, u32)>>,
}

impl Limiter {
    /// A limiter letting each address make `per_minute` requests a minute
    /// (0: no limit).
    pub fn new(per_minute: u32) -> Limiter {
        Limiter {
            per_window: per_minute,
            seen: Mutex::new(lru::LruCache::new(
                NonZeroUsize::new(ADDRESSES).expect("not zero"),
            )),
        }
    }

    /// Lets a request from `address` through at `now`, or says how long
    /// until its window opens again. A request whose address is unknown
    /// (no connection information) is let through.
    pub fn admit(&self, address: Option<IpAddr>, now: Instant) -> Result<(), Duration> {
        let Some(address) = address.map(block) else {
            return Ok(());
        };
        if self.per_window == 0 {
            return Ok(());
        }
        let mut seen = self.seen.lock().expect("limiter");
        let entry = seen.get_or_insert_mut(address, || (now, 0));
        if now.duration_since(entry.0) >= WINDOW {
            *entry = (now, 0);
        }
        if entry.1 >= self.per_window {
            return Err(WINDOW.saturating_sub(now.duration_since(entry.0)));
        }
        entry.1 += 1;
        Ok(())
    }
}

/// The block one client holds: its IPv4 address, or its IPv6 /64 (a
/// single host is often given a whole /64, and could step through it).
fn block(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => {
            let bits = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(bits.into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_past_its_limit_waits_for_the_next_window_and_others_do_not() {
        let limiter = Limiter::new(3);
        let (a, b) = (
            Some("10.0.0.1".parse().unwrap()),
            Some("10.0.0.2".parse().unwrap()),
        );
        let start = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.admit(a, start), Ok(()));
        }
        let wait = limiter
            .admit(a, start + Duration::from_secs(20))
            .unwrap_err();
        assert_eq!(wait, Duration::from_secs(40));
        assert_eq!(
            limiter.admit(b, start),
            Ok(()),
            "another address is not held"
        );
        assert_eq!(limiter.admit(a, start + WINDOW), Ok(()), "a new window");
        assert_eq!(Limiter::new(0).admit(a, start), Ok(()), "0 is no limit");
        // One IPv6 /64 is one client.
        let limiter = Limiter::new(1);
        assert_eq!(
            limiter.admit(Some("2001:db8::1".parse().unwrap()), start),
            Ok(())
        );
        assert!(
            limiter
                .admit(Some("2001:db8::ffff:2".parse().unwrap()), start)
                .is_err()
        );
        assert_eq!(
            limiter.admit(Some("2001:db8:0:1::1".parse().unwrap()), start),
            Ok(())
        );
    }
}
