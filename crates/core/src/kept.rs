//! A compact binary form for what a start would otherwise make again from
//! the database's rows (the facts laid out for lookups): little-endian
//! numbers, each list after its length, the whole closed by a checksum.
//! Reading checks every length against what is left, and the checksum
//! against the bytes, so a form cut short or damaged is refused (and the
//! caller makes the thing anew) rather than read as something else.

use std::fmt;

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

/// A checksum of `bytes`: two running sums over 64-bit words (Fletcher's
/// way), fast enough to run over a few hundred megabytes at a start, and
/// changed by any one damaged or moved word.
pub fn checksum(bytes: &[u8]) -> u64 {
    let (mut a, mut b) = (0x9e37_79b9_7f4a_7c15_u64, 0_u64);
    let words = bytes.chunks_exact(8);
    let tail = words.remainder();
    for w in words {
        a = a.wrapping_add(u64::from_le_bytes(w.try_into().unwrap_or_default()));
        b = b.wrapping_add(a);
    }
    let mut last = [0u8; 8];
    last[..tail.len()].copy_from_slice(tail);
    a = a.wrapping_add(u64::from_le_bytes(last) ^ tail.len() as u64);
    b = b.wrapping_add(a);
    a ^ b.rotate_left(32)
}

/// Writes the kept form, beginning with `magic`.
pub struct Writer(Vec<u8>);

impl Writer {
    /// A form of about `capacity` bytes, beginning with `magic`.
    pub fn new(magic: &[u8; 8], capacity: usize) -> Writer {
        let mut out = Vec::with_capacity(capacity + 16);
        out.extend_from_slice(magic);
        Writer(out)
    }

    /// A count or length.
    pub fn len(&mut self, n: usize) {
        self.0.extend_from_slice(&(n as u64).to_le_bytes());
    }

    /// One number.
    pub fn i64(&mut self, v: i64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    /// One number.
    pub fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    /// A text.
    pub fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    /// Bytes, after their length.
    pub fn bytes(&mut self, b: &[u8]) {
        self.len(b.len());
        self.0.extend_from_slice(b);
    }

    /// Numbers, after their count.
    pub fn i64s(&mut self, v: &[i64]) {
        self.len(v.len());
        v.iter()
            .for_each(|x| self.0.extend_from_slice(&x.to_le_bytes()));
    }

    /// Numbers, after their count.
    pub fn u64s(&mut self, v: &[u64]) {
        self.len(v.len());
        v.iter()
            .for_each(|x| self.0.extend_from_slice(&x.to_le_bytes()));
    }

    /// Numbers, after their count.
    pub fn u32s(&mut self, v: &[u32]) {
        self.len(v.len());
        v.iter()
            .for_each(|x| self.0.extend_from_slice(&x.to_le_bytes()));
    }

    /// Numbers, after their count.
    pub fn u16s(&mut self, v: &[u16]) {
        self.len(v.len());
        v.iter()
            .for_each(|x| self.0.extend_from_slice(&x.to_le_bytes()));
    }

    /// The form, closed by the checksum of all that came after the magic.
    pub fn finish(mut self) -> Vec<u8> {
        let sum = checksum(&self.0[8..]);
        self.0.extend_from_slice(&sum.to_le_bytes());
        self.0
    }
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

    /// Numbers.
    pub fn i64s(&mut self, what: &str) -> Read<Vec<i64>> {
        let n = self.len(8, what)?;
        let b = self.take(n * 8, what)?;
        Ok(b.chunks_exact(8)
            .map(|c| i64::from_le_bytes(c.try_into().unwrap_or_default()))
            .collect())
    }

    /// Numbers.
    pub fn u64s(&mut self, what: &str) -> Read<Vec<u64>> {
        let n = self.len(8, what)?;
        let b = self.take(n * 8, what)?;
        Ok(b.chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default()))
            .collect())
    }

    /// Numbers.
    pub fn u32s(&mut self, what: &str) -> Read<Vec<u32>> {
        let n = self.len(4, what)?;
        let b = self.take(n * 4, what)?;
        Ok(b.chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().unwrap_or_default()))
            .collect())
    }

    /// Numbers.
    pub fn u16s(&mut self, what: &str) -> Read<Vec<u16>> {
        let n = self.len(2, what)?;
        let b = self.take(n * 2, what)?;
        Ok(b.chunks_exact(2)
            .map(|c| u16::from_le_bytes(c.try_into().unwrap_or_default()))
            .collect())
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
        let mut w = Writer::new(b"testkept", 64);
        w.i64s(&[1, -2, i64::MAX]);
        w.str("Größe");
        w.u16s(&[7, 8]);
        w.u32(9);
        let bytes = w.finish();
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
        let mut w = Writer::new(b"testkept", 16);
        w.len(1 << 40);
        let bytes = w.finish();
        let mut r = Reader::open(&bytes, b"testkept").unwrap();
        assert!(r.u32s("postings").is_err());
    }
}
