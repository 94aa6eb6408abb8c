//! A compact binary form for what a start would otherwise make again from
//! the database's rows (the facts laid out for lookups): little-endian
//! numbers, each list after its length, the whole closed by a checksum.
//! Reading checks every length against what is left, and the checksum
//! against the bytes, so a form cut short or damaged is refused (and the
//! caller makes the thing anew) rather than read as something else.

use std::fmt;

/// The build of the bot making kept forms (the facts, banks, how a seeds
/// folder looked when imported): its version and its executable's
/// size and time. A bank kept by another build (another way of making
/// questions) is never read; where the executable cannot be seen, the
/// process is a maker of its own and reads no kept bank.
pub(crate) fn maker() -> &'static str {
    static MAKER: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    MAKER.get_or_init(|| {
        let exe = std::env::current_exe().and_then(std::fs::metadata);
        let stamp = exe.ok().and_then(|m| {
            let made = m
                .modified()
                .ok()?
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?;
            Some(format!("{} {}", m.len(), made.as_nanos()))
        });
        let stamp = stamp.unwrap_or_else(|| format!("process {}", rand::random::<u64>()));
        format!("{} {stamp}", env!("CARGO_PKG_VERSION"))
    })
}

/// Appends `n` as a variable-length integer: seven bits a byte, the
/// lowest first, every byte but the last with its high bit set.
pub(crate) fn push_number(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The variable-length integer ([`push_number`]) at the start of `bytes`,
/// and how many bytes it took; `None` when it runs past their end.
pub(crate) fn number(bytes: &[u8]) -> Option<(u64, usize)> {
    let mut n = 0u64;
    for (i, &b) in bytes.iter().enumerate().take(10) {
        n |= u64::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some((n, i + 1));
        }
    }
    None
}

/// Why kept bytes were refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the kept form is refused: {}", self.0)
    }
}

impl std::error::Error for Refused {}

/// What a reading step gives back.
pub type Read<T> = Result<T, Refused>;

/// A checksum: two running sums over 64-bit words (Fletcher's way), fast
/// enough to run over a few hundred megabytes at a start, and changed by
/// any one damaged or moved word. Fed in pieces of whole words, the last
/// piece any length.
#[derive(Debug, Clone, Copy)]
struct Sum {
    a: u64,
    b: u64,
}

impl Sum {
    fn new() -> Sum {
        Sum {
            a: 0x9e37_79b9_7f4a_7c15,
            b: 0,
        }
    }

    /// Adds whole words.
    fn feed(&mut self, bytes: &[u8]) {
        debug_assert_eq!(bytes.len() % 8, 0);
        for w in bytes.chunks_exact(8) {
            self.a = self
                .a
                .wrapping_add(u64::from_le_bytes(w.try_into().unwrap_or_default()));
            self.b = self.b.wrapping_add(self.a);
        }
    }

    /// Adds the last piece and gives the checksum.
    fn finish(mut self, last: &[u8]) -> u64 {
        let whole = last.len() - last.len() % 8;
        self.feed(&last[..whole]);
        let tail = &last[whole..];
        let mut word = [0u8; 8];
        word[..tail.len()].copy_from_slice(tail);
        self.a = self
            .a
            .wrapping_add(u64::from_le_bytes(word) ^ tail.len() as u64);
        self.b = self.b.wrapping_add(self.a);
        self.a ^ self.b.rotate_left(32)
    }
}

/// The checksum of `bytes` in one piece.
pub fn checksum(bytes: &[u8]) -> u64 {
    Sum::new().finish(bytes)
}

/// Writes the kept form, beginning with its magic, and hands it on in
/// parts of `part` bytes (a multiple of 8) as it grows, the last closed by
/// the checksum of all after the magic: the whole form is never held.
pub struct Writer<F: FnMut(Vec<u8>)> {
    buf: Vec<u8>,
    part: usize,
    sum: Sum,
    /// Whether the first part (whose magic the checksum leaves out) was
    /// handed on.
    past_magic: bool,
    out: F,
}

impl<F: FnMut(Vec<u8>)> Writer<F> {
    /// A form beginning with `magic`, handed to `out` in parts of `part`
    /// bytes (rounded up to a multiple of 8).
    pub fn new(magic: &[u8; 8], part: usize, out: F) -> Writer<F> {
        let part = part.max(16).next_multiple_of(8);
        let mut buf = Vec::with_capacity(part + 16);
        buf.extend_from_slice(magic);
        Writer {
            buf,
            part,
            sum: Sum::new(),
            past_magic: false,
            out,
        }
    }

    fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
        while self.buf.len() >= self.part {
            let rest = self.buf.split_off(self.part);
            let full = std::mem::replace(&mut self.buf, rest);
            let skip = if self.past_magic { 0 } else { 8 };
            self.sum.feed(&full[skip..]);
            self.past_magic = true;
            (self.out)(full);
        }
    }

    /// A count or length.
    pub fn len(&mut self, n: usize) {
        self.push(&(n as u64).to_le_bytes());
    }

    /// One number.
    pub fn i64(&mut self, v: i64) {
        self.push(&v.to_le_bytes());
    }

    /// One number.
    pub fn u32(&mut self, v: u32) {
        self.push(&v.to_le_bytes());
    }

    /// A text.
    pub fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    /// Bytes, after their length.
    pub fn bytes(&mut self, b: &[u8]) {
        self.len(b.len());
        for piece in b.chunks(self.part) {
            self.push(piece);
        }
    }

    /// Numbers, each as its little-endian bytes, after their count.
    fn numbers<const N: usize>(&mut self, count: usize, each: impl Iterator<Item = [u8; N]>) {
        self.len(count);
        each.for_each(|x| self.push(&x));
    }

    /// Numbers, after their count.
    pub fn i64s(&mut self, v: &[i64]) {
        self.numbers(v.len(), v.iter().map(|x| x.to_le_bytes()));
    }

    /// Numbers, after their count.
    pub fn u64s(&mut self, v: &[u64]) {
        self.numbers(v.len(), v.iter().map(|x| x.to_le_bytes()));
    }

    /// Numbers, after their count.
    pub fn u32s(&mut self, v: &[u32]) {
        self.numbers(v.len(), v.iter().map(|x| x.to_le_bytes()));
    }

    /// Numbers, after their count.
    pub fn u16s(&mut self, v: &[u16]) {
        self.numbers(v.len(), v.iter().map(|x| x.to_le_bytes()));
    }

    /// Hands on the last part, closed by the checksum.
    pub fn finish(mut self) {
        let skip = if self.past_magic { 0 } else { 8 };
        let sum = self.sum.finish(&self.buf[skip..]);
        self.buf.extend_from_slice(&sum.to_le_bytes());
        (self.out)(self.buf);
    }
}

/// A form [`Writer`] writes, in one piece.
#[cfg(test)]
pub fn whole(write: impl FnOnce(&mut dyn FnMut(Vec<u8>))) -> Vec<u8> {
    let mut out = Vec::new();
    write(&mut |part: Vec<u8>| out.extend_from_slice(&part));
    out
}

/// Reads a form [`Writer`] wrote.
pub struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    /// The form in `bytes`, once its magic and its checksum are right.
    pub fn open(bytes: &'a [u8], magic: &[u8; 8]) -> Read<Reader<'a>> {
        if bytes.len() < 16 || &bytes[..8] != magic {
            return Err(Refused("not of this kind or this build's layout".into()));
        }
        let (body, sum) = bytes[8..].split_at(bytes.len() - 16);
        let sum = u64::from_le_bytes(sum.try_into().unwrap_or_default());
        if checksum(body) != sum {
            return Err(Refused(
                "its checksum does not match: it was damaged".into(),
            ));
        }
        Ok(Reader { rest: body })
    }

    fn take(&mut self, n: usize, what: &str) -> Read<&'a [u8]> {
        if n > self.rest.len() {
            return Err(Refused(format!("{what} runs past the end")));
        }
        let (taken, rest) = self.rest.split_at(n);
        self.rest = rest;
        Ok(taken)
    }

    /// A count or length, no larger than what is left in `size`-byte items.
    pub fn len(&mut self, size: usize, what: &str) -> Read<usize> {
        let n = u64::from_le_bytes(self.take(8, what)?.try_into().unwrap_or_default());
        let n = usize::try_from(n).map_err(|_| Refused(format!("{what}: too long")))?;
        if n.saturating_mul(size.max(1)) > self.rest.len() {
            return Err(Refused(format!("{what} runs past the end")));
        }
        Ok(n)
    }

    /// One number.
    pub fn i64(&mut self, what: &str) -> Read<i64> {
        Ok(i64::from_le_bytes(
            self.take(8, what)?.try_into().unwrap_or_default(),
        ))
    }

    /// One number.
    pub fn u32(&mut self, what: &str) -> Read<u32> {
        Ok(u32::from_le_bytes(
            self.take(4, what)?.try_into().unwrap_or_default(),
        ))
    }

    /// A text.
    pub fn str(&mut self, what: &str) -> Read<&'a str> {
        let bytes = self.bytes(what)?;
        std::str::from_utf8(bytes).map_err(|_| Refused(format!("{what} is not UTF-8")))
    }

    /// Bytes.
    pub fn bytes(&mut self, what: &str) -> Read<&'a [u8]> {
        let n = self.len(1, what)?;
        self.take(n, what)
    }

    /// Numbers of `N` bytes each, after their count, each made by `from`
    /// from its little-endian bytes.
    fn numbers<T, const N: usize>(
        &mut self,
        what: &str,
        from: impl Fn([u8; N]) -> T,
    ) -> Read<Vec<T>> {
        let n = self.len(N, what)?;
        let b = self.take(n * N, what)?;
        Ok(b.chunks_exact(N)
            .map(|c| from(c.try_into().unwrap_or([0; N])))
            .collect())
    }

    /// Numbers.
    pub fn i64s(&mut self, what: &str) -> Read<Vec<i64>> {
        self.numbers(what, i64::from_le_bytes)
    }

    /// Numbers.
    pub fn u64s(&mut self, what: &str) -> Read<Vec<u64>> {
        self.numbers(what, u64::from_le_bytes)
    }

    /// Numbers.
    pub fn u32s(&mut self, what: &str) -> Read<Vec<u32>> {
        self.numbers(what, u32::from_le_bytes)
    }

    /// Numbers.
    pub fn u16s(&mut self, what: &str) -> Read<Vec<u16>> {
        self.numbers(what, u16::from_le_bytes)
    }

    /// That nothing is left.
    pub fn end(self) -> Read<()> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(Refused(format!("{} bytes left over", self.rest.len())))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back_and_any_damage_is_refused() {
        let write = |part: usize| {
            whole(|out| {
                let mut w = Writer::new(b"testkept", part, out);
                w.i64s(&[1, -2, i64::MAX]);
                w.str("Größe");
                w.u16s(&[7, 8]);
                w.u32(9);
                w.finish();
            })
        };
        let bytes = write(1 << 20);
        // Handed on in parts of any size, the form is the same.
        for part in [16, 24, 40] {
            assert_eq!(write(part), bytes, "parts of {part}");
        }
        let mut r = Reader::open(&bytes, b"testkept").unwrap();
        assert_eq!(r.i64s("ids").unwrap(), vec![1, -2, i64::MAX]);
        assert_eq!(r.str("text").unwrap(), "Größe");
        assert_eq!(r.u16s("lengths").unwrap(), vec![7, 8]);
        assert_eq!(r.u32("one").unwrap(), 9);
        r.end().unwrap();

        assert!(Reader::open(&bytes, b"otherkpt").is_err(), "another magic");
        for at in [8, 20, bytes.len() - 9, bytes.len() - 1] {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x10;
            assert!(Reader::open(&damaged, b"testkept").is_err(), "byte {at}");
        }
        assert!(Reader::open(&bytes[..bytes.len() - 3], b"testkept").is_err());
        // A length that claims more than there is is refused, not read.
        let bytes = whole(|out| {
            let mut w = Writer::new(b"testkept", 64, out);
            w.len(1 << 40);
            w.finish();
        });
        let mut r = Reader::open(&bytes, b"testkept").unwrap();
        assert!(r.u32s("postings").is_err());
    }
}
