//! Many short texts (a catalog's sentences) held as numbered pieces: a
//! piece is a word with the spaces and marks after it ("Karen ", "Ivy, ",
//! "Derek."), every distinct piece is stored once, and a text is the
//! numbers of its pieces as variable-length integers, the most used
//! pieces numbered first so that they take one byte. A sentence of a
//! hundred characters is some seventeen pieces, twenty-odd bytes; any one
//! text reads back on its own, in a fraction of a microsecond, with no
//! block around it to unpack.

use std::collections::HashMap;

use crate::kept::{self, Reader, Writer, number, push_number};

/// Texts as numbered pieces.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Texts {
    /// Every distinct piece, one after another: piece `i` ends at `ends[i]`.
    pieces: String,
    ends: Vec<u32>,
    /// The pieces' numbers, text after text: text `i` is
    /// `codes[starts[i]..starts[i + 1]]`.
    codes: Vec<u8>,
    starts: Vec<u32>,
}

/// Calls `f` with each piece of `text` in order: a run of letters and
/// digits with the run of anything else after it (a text that begins
/// with anything else begins with a piece of that alone).
fn each_piece<'t>(text: &'t str, mut f: impl FnMut(&'t str)) {
    let mut start = 0;
    let mut in_tail = false;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if in_tail {
                f(&text[start..i]);
                start = i;
                in_tail = false;
            }
        } else {
            in_tail = true;
        }
    }
    if start < text.len() {
        f(&text[start..]);
    }
}

/// Calls `f` with each number of `codes`; `false` if a number runs past
/// the end or past 32 bits.
fn each_number(mut codes: &[u8], mut f: impl FnMut(u32)) -> bool {
    while !codes.is_empty() {
        let Some((n, used)) = number(codes) else {
            return false;
        };
        let Ok(n) = u32::try_from(n) else {
            return false;
        };
        f(n);
        codes = &codes[used..];
    }
    true
}

impl Texts {
    /// How many texts are held.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    fn piece(&self, n: u32) -> &str {
        let n = n as usize;
        let start = if n == 0 { 0 } else { self.ends[n - 1] as usize };
        &self.pieces[start..self.ends[n] as usize]
    }

    /// Text `i`, put back together.
    pub(crate) fn get(&self, i: u32) -> String {
        let i = i as usize;
        let codes = &self.codes[self.starts[i] as usize..self.starts[i + 1] as usize];
        let mut out = String::with_capacity(codes.len() * 6);
        each_number(codes, |n| out.push_str(self.piece(n)));
        out
    }

    /// Bytes held: the pieces and the texts' numbers.
    pub(crate) fn heap_bytes(&self) -> (usize, usize) {
        (
            self.pieces.capacity() + self.ends.capacity() * 4,
            self.codes.capacity() + self.starts.capacity() * 4,
        )
    }

    /// Writes the texts into a kept form.
    pub(crate) fn to_kept<F: FnMut(Vec<u8>)>(&self, w: &mut Writer<F>) {
        w.str(&self.pieces);
        w.u32s(&self.ends);
        w.bytes(&self.codes);
        w.u32s(&self.starts);
    }

    /// Texts from a kept form, checked whole: every piece on a
    /// character's boundary, every text's numbers whole and naming a
    /// piece there is, so that no text read can fail.
    pub(crate) fn from_kept(r: &mut Reader<'_>, count: usize) -> kept::Read<Texts> {
        let refused = |what: &str| kept::Refused(format!("{what} does not fit the texts"));
        let pieces = r.str("pieces")?.to_string();
        let ends = r.u32s("pieces' ends")?;
        let codes = r.bytes("texts")?.to_vec();
        let starts = r.u32s("texts' starts")?;
        if !ends.is_sorted()
            || ends.last().map_or(0, |e| *e as usize) != pieces.len()
            || !ends.iter().all(|e| pieces.is_char_boundary(*e as usize))
        {
            return Err(refused("a piece"));
        }
        if starts.len() != count + 1
            || starts.first() != Some(&0)
            || starts.last().map(|s| *s as usize) != Some(codes.len())
            || !starts.is_sorted()
        {
            return Err(refused("a text's start"));
        }
        let known = ends.len() as u32;
        for w in starts.windows(2) {
            let mut fits = true;
            let whole = each_number(&codes[w[0] as usize..w[1] as usize], |n| {
                fits &= n < known;
            });
            if !whole || !fits {
                return Err(refused("a text"));
            }
        }
        Ok(Texts {
            pieces,
            ends,
            codes,
            starts,
        })
    }
}

/// Numbers texts' pieces as they come (in the order each is first met),
/// then at [`TextsBuilder::finish`] numbers them again, most used first:
/// the texts are never held whole.
#[derive(Debug, Default)]
pub(crate) struct TextsBuilder {
    numbers: HashMap<Box<str>, u32>,
    /// How often each piece is used, by its number as first met.
    uses: Vec<u32>,
    codes: Vec<u8>,
    starts: Vec<u32>,
}

impl TextsBuilder {
    /// Adds the next text.
    pub(crate) fn push(&mut self, text: &str) {
        self.starts.push(self.codes.len() as u32);
        each_piece(text, |p| {
            let n = match self.numbers.get(p) {
                Some(&n) => n,
                None => {
                    let n = self.uses.len() as u32;
                    self.numbers.insert(p.into(), n);
                    self.uses.push(0);
                    n
                }
            };
            self.uses[n as usize] += 1;
            push_number(&mut self.codes, u64::from(n));
        });
    }

    /// The texts as numbered pieces, the most used first.
    pub(crate) fn finish(self) -> Texts {
        let TextsBuilder {
            numbers,
            uses,
            codes,
            mut starts,
        } = self;
        starts.push(codes.len() as u32);
        let mut by_use: Vec<(u32, Box<str>)> = numbers.into_iter().map(|(p, n)| (n, p)).collect();
        by_use.sort_unstable_by(|a, b| {
            uses[b.0 as usize]
                .cmp(&uses[a.0 as usize])
                .then_with(|| a.1.cmp(&b.1))
        });
        let mut out = Texts::default();
        let mut renumbered = vec![0u32; uses.len()];
        out.ends.reserve_exact(by_use.len());
        for (new, (old, piece)) in by_use.into_iter().enumerate() {
            out.pieces.push_str(&piece);
            out.ends.push(out.pieces.len() as u32);
            renumbered[old as usize] = new as u32;
        }
        out.codes.reserve(codes.len());
        out.starts.reserve_exact(starts.len());
        for w in starts.windows(2) {
            out.starts.push(out.codes.len() as u32);
            each_number(&codes[w[0] as usize..w[1] as usize], |n| {
                push_number(&mut out.codes, u64::from(renumbered[n as usize]));
            });
        }
        out.starts.push(out.codes.len() as u32);
        out.pieces.shrink_to_fit();
        out.codes.shrink_to_fit();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(texts: &[&str]) -> Texts {
        let mut b = TextsBuilder::default();
        texts.iter().for_each(|t| b.push(t));
        b.finish()
    }

    #[test]
    fn every_text_reads_back_as_it_was_given() {
        let texts = [
            "Karen sings \"Let Me Be Your Star\" — and Ivy, of course, watches.",
            "",
            "   leading spaces, and trailing ones   ",
            "…und dann: Überraschung! Größer als 1.000 Zuschauer.",
            "Derek.",
            "Karen sings again",
            "日本語のテキスト、句読点。",
            "a",
            ".",
        ];
        let t = built(&texts);
        assert_eq!(t.len(), texts.len());
        for (i, text) in texts.iter().enumerate() {
            assert_eq!(t.get(i as u32), *text);
        }
        let mut pieces = Vec::new();
        each_piece("Ivy, of course. ", |p| pieces.push(p.to_string()));
        assert_eq!(pieces, ["Ivy, ", "of ", "course. "]);
        pieces.clear();
        each_piece("— Karen", |p| pieces.push(p.to_string()));
        assert_eq!(pieces, ["— ", "Karen"]);
    }

    #[test]
    fn the_most_used_pieces_take_one_byte_and_many_pieces_take_more() {
        // 300 distinct pieces, one used far more than the rest.
        let mut texts: Vec<String> = (0..300).map(|i| format!("w{i} ")).collect();
        texts.extend(std::iter::repeat_n("the ".to_string(), 50));
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let t = built(&refs);
        assert_eq!(t.piece(0), "the ");
        let last = t.starts.len() - 2;
        assert_eq!(
            t.starts[last + 1] - t.starts[last],
            1,
            "\"the \" takes a byte"
        );
        assert!(
            t.starts.windows(2).any(|w| w[1] - w[0] == 2),
            "past 128 pieces, numbers take two bytes"
        );
        for (i, text) in refs.iter().enumerate() {
            assert_eq!(t.get(i as u32), *text);
        }
    }

    /// `t` written in a kept form and read back, as `count` texts.
    fn round_trip(t: &Texts, count: usize) -> kept::Read<Texts> {
        let bytes = kept::whole(|out| {
            let mut w = Writer::new(b"texts\0\0\x01", 1 << 20, out);
            t.to_kept(&mut w);
            w.finish();
        });
        let mut r = Reader::open(&bytes, b"texts\0\0\x01")?;
        Texts::from_kept(&mut r, count)
    }

    #[test]
    fn a_kept_form_reads_back_and_a_damaged_one_is_refused() {
        let t = built(&["Karen sings.", "Ivy watches Karen.", ""]);
        assert_eq!(round_trip(&t, 3).unwrap(), t);
        assert!(round_trip(&t, 2).is_err(), "a count that differs");

        // A number naming a piece there is not, with a checksum that fits.
        let mut bad = Texts {
            pieces: t.pieces.clone(),
            ends: t.ends.clone(),
            codes: t.codes.clone(),
            starts: t.starts.clone(),
        };
        bad.codes[0] = 0x7f;
        assert!(round_trip(&bad, 3).is_err());
        // A number left unfinished at its text's end.
        bad.codes[0] = t.codes[0];
        bad.codes[t.starts[1] as usize - 1] = 0x80;
        assert!(round_trip(&bad, 3).is_err());
    }
}
