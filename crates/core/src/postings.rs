//! The search index's postings, packed: for each term, the positions of
//! the facts that have it (ascending) and how often each has it. They are
//! held in blocks of [`BLOCK`]; a block keeps its first position whole,
//! then each position as its distance from the one before, doubled, plus
//! one when the fact has the term more than once (a byte of how often
//! then follows), each as a variable-length integer. A common word's
//! facts lie close together and take a byte each, where a position and a
//! count took five. Every term's blocks sit in the same three arrays,
//! so a term costs no allocation of its own.

use crate::kept::{self, Reader, Writer, number, push_number};

/// Postings per block: enough that a block's whole first position costs
/// little beside them, few enough that finding one posting unpacks few.
pub(crate) const BLOCK: usize = 128;

/// Where a term's postings are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Term {
    /// Its first block.
    first_block: u32,
    /// How many postings it has.
    len: u32,
}

impl Term {
    fn blocks(self) -> std::ops::Range<usize> {
        let first = self.first_block as usize;
        first..first + (self.len as usize).div_ceil(BLOCK)
    }
}

/// Every term's postings.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Postings {
    /// Each block's first position.
    firsts: Vec<u32>,
    /// Where each block's bytes begin (one more than there are blocks).
    offsets: Vec<u32>,
    bytes: Vec<u8>,
}

/// A term's postings as an index is built, one fact after another: each
/// as its distance from the one before, packed as in a block, so what is
/// gathered takes about what it will take once laid out in blocks.
#[derive(Debug, Default)]
pub(crate) struct Gathering {
    bytes: Vec<u8>,
    last: u32,
    len: u32,
}

impl Gathering {
    /// Adds the next fact (after every one added before) and how often it
    /// has the term (at least 1).
    pub(crate) fn push(&mut self, position: u32, count: u8) {
        let gap = if self.len == 0 {
            position
        } else {
            position - self.last
        };
        let many = count > 1;
        push_number(&mut self.bytes, (u64::from(gap) << 1) | u64::from(many));
        if many {
            self.bytes.push(count);
        }
        self.last = position;
        self.len += 1;
    }
}

impl Postings {
    /// Adds a term's postings (positions ascending, counts of at least 1).
    #[cfg(test)]
    pub(crate) fn add(&mut self, facts: &[u32], counts: &[u8]) -> Term {
        let mut gathering = Gathering::default();
        for (&f, &count) in facts.iter().zip(counts) {
            gathering.push(f, count);
        }
        self.add_gathered(&gathering)
    }

    /// Adds a term's postings as they were gathered.
    pub(crate) fn add_gathered(&mut self, gathered: &Gathering) -> Term {
        if self.offsets.is_empty() {
            self.offsets.push(0);
        }
        let term = Term {
            first_block: self.firsts.len() as u32,
            len: gathered.len,
        };
        let mut bytes = &gathered.bytes[..];
        let mut at = 0u32;
        let mut before = 0u32;
        for i in 0..gathered.len as usize {
            let Some((n, used)) = number(bytes) else {
                break;
            };
            bytes = &bytes[used..];
            at += (n >> 1) as u32;
            let count = if n & 1 == 1 {
                let c = bytes[0];
                bytes = &bytes[1..];
                c
            } else {
                1
            };
            if i % BLOCK == 0 {
                if i > 0 {
                    self.offsets.push(self.bytes.len() as u32);
                }
                self.firsts.push(at);
                before = at;
            }
            let many = count > 1;
            push_number(
                &mut self.bytes,
                (u64::from(at - before) << 1) | u64::from(many),
            );
            if many {
                self.bytes.push(count);
            }
            before = at;
        }
        if gathered.len > 0 {
            self.offsets.push(self.bytes.len() as u32);
        }
        term
    }

    /// Frees what adding left spare.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.firsts.shrink_to_fit();
        self.offsets.shrink_to_fit();
        self.bytes.shrink_to_fit();
    }

    /// Unpacks block `b` into `out`: (position, count) each. `None` when
    /// its bytes do not make whole postings.
    fn unpack(&self, b: usize, out: &mut Vec<(u32, u8)>) -> Option<()> {
        out.clear();
        let mut bytes = &self.bytes[self.offsets[b] as usize..self.offsets[b + 1] as usize];
        let mut at = self.firsts[b];
        while !bytes.is_empty() {
            let (n, used) = number(bytes)?;
            bytes = &bytes[used..];
            at = at.checked_add(u32::try_from(n >> 1).ok()?)?;
            let count = if n & 1 == 1 {
                let (&c, rest) = bytes.split_first()?;
                bytes = rest;
                c
            } else {
                1
            };
            out.push((at, count));
        }
        Some(())
    }

    /// How many of `term`'s postings come before position `position`.
    fn below(&self, term: Term, position: u32, buf: &mut Vec<(u32, u8)>) -> usize {
        let blocks = term.blocks();
        let firsts = &self.firsts[blocks.clone()];
        let k = firsts.partition_point(|f| *f < position);
        if k == 0 {
            return 0;
        }
        self.unpack(blocks.start + k - 1, buf);
        (k - 1) * BLOCK + buf.partition_point(|(f, _)| *f < position)
    }

    /// `term`'s postings within positions `range`, read from the last.
    pub(crate) fn within(&self, term: Term, range: std::ops::Range<u32>) -> Cursor<'_> {
        let mut buf = Vec::with_capacity(BLOCK);
        let stop = self.below(term, range.start, &mut buf);
        let next = self.below(term, range.end, &mut buf);
        Cursor {
            postings: self,
            term,
            stop,
            next,
            block: usize::MAX,
            buf,
        }
    }

    /// Bytes held.
    pub(crate) fn heap_bytes(&self) -> usize {
        (self.firsts.capacity() + self.offsets.capacity()) * 4 + self.bytes.capacity()
    }

    /// Writes the postings into a kept form.
    pub(crate) fn to_kept<F: FnMut(Vec<u8>)>(&self, w: &mut Writer<F>) {
        w.u32s(&self.firsts);
        w.u32s(&self.offsets);
        w.bytes(&self.bytes);
    }

    /// Postings from a kept form, their blocks in order; each term's are
    /// checked by [`Postings::fits`].
    pub(crate) fn from_kept(r: &mut Reader<'_>) -> kept::Read<Postings> {
        let firsts = r.u32s("blocks of postings")?;
        let offsets = r.u32s("blocks' bytes")?;
        let bytes = r.bytes("postings")?.to_vec();
        let p = Postings {
            firsts,
            offsets,
            bytes,
        };
        // No term at all leaves no offsets either.
        let blocks_fit =
            p.offsets.len() == p.firsts.len() + 1 || (p.offsets.is_empty() && p.firsts.is_empty());
        let whole = blocks_fit
            && p.offsets.first().is_none_or(|o| *o == 0)
            && p.offsets
                .last()
                .is_none_or(|o| *o as usize == p.bytes.len())
            && p.offsets.is_sorted();
        if !whole {
            return Err(kept::Refused("the blocks of postings do not fit".into()));
        }
        Ok(p)
    }

    /// Whether `term`'s postings unpack whole, each position ascending and
    /// below `facts`, each count at least 1.
    pub(crate) fn fits(&self, term: Term, facts: usize) -> bool {
        let blocks = term.blocks();
        if blocks.end > self.firsts.len() {
            return false;
        }
        let mut buf = Vec::with_capacity(BLOCK);
        let mut seen = 0;
        let mut before: Option<u32> = None;
        for b in blocks.clone() {
            // A block begins at its first position, as `below` reads it.
            if self.unpack(b, &mut buf).is_none()
                || (b + 1 < blocks.end && buf.len() != BLOCK)
                || buf.first().is_none_or(|(f, _)| *f != self.firsts[b])
            {
                return false;
            }
            for &(f, count) in &buf {
                if before.is_some_and(|p| p >= f) || f as usize >= facts || count == 0 {
                    return false;
                }
                before = Some(f);
            }
            seen += buf.len();
        }
        seen == term.len as usize
    }
}

impl Term {
    /// A term as a kept form tells it.
    pub(crate) fn to_kept<F: FnMut(Vec<u8>)>(self, w: &mut Writer<F>) {
        w.u32(self.first_block);
        w.u32(self.len);
    }

    /// See [`Term::to_kept`]; checked against the postings by
    /// [`Postings::fits`].
    pub(crate) fn from_kept(r: &mut Reader<'_>) -> kept::Read<Term> {
        Ok(Term {
            first_block: r.u32("a term's first block")?,
            len: r.u32("a term's postings")?,
        })
    }
}

/// A term's postings within a range of positions, read from the last
/// back: each block unpacked once, as it is reached.
pub(crate) struct Cursor<'a> {
    postings: &'a Postings,
    term: Term,
    /// The first posting (by its index in the term's) within the range.
    stop: usize,
    /// One past the next posting to read.
    next: usize,
    /// The block unpacked into `buf` (by its index in the term's).
    block: usize,
    buf: Vec<(u32, u8)>,
}

impl Cursor<'_> {
    /// How many postings the range holds.
    pub(crate) fn within(&self) -> usize {
        self.next - self.stop
    }

    /// The next posting, from the last back: (position, count).
    pub(crate) fn peek(&mut self) -> Option<(u32, u8)> {
        if self.next <= self.stop {
            return None;
        }
        let i = self.next - 1;
        let block = i / BLOCK;
        if block != self.block {
            let b = self.term.blocks().start + block;
            self.postings.unpack(b, &mut self.buf)?;
            self.block = block;
        }
        self.buf.get(i % BLOCK).copied()
    }

    /// Moves past the posting [`Cursor::peek`] gave.
    pub(crate) fn advance(&mut self) {
        self.next = self.next.saturating_sub(1).max(self.stop);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(c: &mut Cursor<'_>) -> Vec<(u32, u8)> {
        let mut out = Vec::new();
        while let Some(p) = c.peek() {
            out.push(p);
            c.advance();
        }
        out
    }

    #[test]
    fn postings_read_back_within_any_range_from_the_last() {
        let mut p = Postings::default();
        // A common term over several blocks, with counts above one here
        // and there and gaps of every width; a rare one; an empty one.
        let common: Vec<u32> = (0..1000u32).map(|i| i * 3 + (i % 7) * 100_000).collect();
        let mut common = common;
        common.sort_unstable();
        common.dedup();
        let counts: Vec<u8> = (0..common.len()).map(|i| (i % 5) as u8 + 1).collect();
        let rare = [5u32, 1 << 20, u32::MAX - 1];
        let a = p.add(&common, &counts);
        let b = p.add(&rare, &[1, 255, 2]);
        let e = p.add(&[], &[]);
        for (term, facts, counts) in [
            (a, &common[..], &counts[..]),
            (b, &rare[..], &[1u8, 255, 2][..]),
            (e, &[][..], &[][..]),
        ] {
            assert!(p.fits(term, u32::MAX as usize));
            for range in [
                0..u32::MAX,
                0..0,
                7..300_001,
                1..(1 << 20),
                600_000..600_100,
            ] {
                let mut want: Vec<(u32, u8)> = facts
                    .iter()
                    .zip(counts)
                    .filter(|(f, _)| range.contains(f))
                    .map(|(f, c)| (*f, *c))
                    .collect();
                want.reverse();
                let mut cursor = p.within(term, range.clone());
                assert_eq!(cursor.within(), want.len(), "{range:?}");
                assert_eq!(all(&mut cursor), want, "{range:?}");
            }
        }
        // A common term's fact takes a byte or two where it took five.
        assert!(p.bytes.len() < common.len() * 2 + 16, "{}", p.bytes.len());
    }

    #[test]
    fn no_postings_at_all_read_back_as_none() {
        let p = Postings::default();
        let bytes = kept::whole(|out| {
            let mut w = Writer::new(b"posting\x01", 1 << 20, out);
            p.to_kept(&mut w);
            w.finish();
        });
        let mut r = Reader::open(&bytes, b"posting\x01").unwrap();
        assert_eq!(Postings::from_kept(&mut r).unwrap(), p);
    }

    #[test]
    fn a_kept_form_reads_back_and_postings_that_do_not_fit_are_refused() {
        let mut p = Postings::default();
        let facts: Vec<u32> = (0..300).map(|i| i * 2).collect();
        let term = p.add(&facts, &vec![1; 300]);
        let bytes = kept::whole(|out| {
            let mut w = Writer::new(b"posting\x01", 1 << 20, out);
            p.to_kept(&mut w);
            term.to_kept(&mut w);
            w.finish();
        });
        let mut r = Reader::open(&bytes, b"posting\x01").unwrap();
        let read = Postings::from_kept(&mut r).unwrap();
        let term_read = Term::from_kept(&mut r).unwrap();
        assert_eq!((&read, term_read), (&p, term));
        assert!(read.fits(term, 600));
        assert!(!read.fits(term, 598), "a position past the facts");
        let longer = Term {
            len: term.len + 1,
            ..term
        };
        assert!(!read.fits(longer, 600), "more postings than are packed");
        let mut moved = Postings {
            firsts: read.firsts.clone(),
            offsets: read.offsets.clone(),
            bytes: read.bytes.clone(),
        };
        // Block 1's first posting a step past where the block says it
        // begins.
        moved.bytes[moved.offsets[1] as usize] = 2;
        assert!(
            !moved.fits(term, 600),
            "a block's first position that is not its own"
        );
        let mut damaged = read;
        let last = damaged.bytes.len() - 1;
        damaged.bytes[last] |= 0x80;
        assert!(!damaged.fits(term, 600), "a number left unfinished");
    }
}
