//! A term's postings, held compactly while the index is built: each `(doc, frequency)` as
//! two variable-length numbers (the doc as a gap from the one before, the frequency doubled),
//! some three bytes a posting where a `(u32, f32)` pair takes eight. At 100,000 postings the
//! index holds tens of millions of them.

/// The postings of one term, docs ascending. Frequencies are sums of field weights, all
/// multiples of one half, so twice a frequency is a whole number and nothing is rounded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Postings {
    /// Finished postings: doc gap, then doubled frequency, each as a LEB128 number.
    bytes: Vec<u8>,
    /// The last doc in `bytes` (0 when empty: the first gap is the doc itself).
    previous: u32,
    /// The doc being counted, and its doubled frequency so far (0: none).
    doc: u32,
    twice: u32,
    /// How many docs the term is in.
    len: u32,
}

fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The number at the start of `bytes`, and how many bytes it took.
fn read_varint(bytes: &[u8]) -> (u32, usize) {
    let mut n = 0u32;
    for (i, &b) in bytes.iter().enumerate() {
        n |= u32::from(b & 0x7f) << (7 * i);
        if b < 0x80 {
            return (n, i + 1);
        }
    }
    (n, bytes.len())
}

impl Postings {
    /// A term first seen in `doc`, counting `twice` (twice its field weight).
    pub fn first(doc: u32, twice: u32) -> Postings {
        Postings {
            doc,
            twice,
            len: 1,
            ..Postings::default()
        }
    }

    /// One more occurrence in `doc`, counting `twice`: docs come in order, so `doc` is either
    /// the one being counted or a later one.
    pub fn add(&mut self, doc: u32, twice: u32) {
        if self.twice > 0 && self.doc == doc {
            self.twice += twice;
            return;
        }
        self.flush();
        self.doc = doc;
        self.twice = twice;
        self.len += 1;
    }

    #[inline]
    fn flush(&mut self) {
        if self.twice > 0 {
            push_varint(&mut self.bytes, self.doc - self.previous);
            push_varint(&mut self.bytes, self.twice);
            self.previous = self.doc;
            self.twice = 0;
        }
    }

    /// `other`, whose docs all come after these, appended.
    pub fn append(&mut self, mut other: Postings) {
        self.flush();
        other.flush();
        if !other.bytes.is_empty() {
            // The first gap of `other` counts from 0: count it from this list's last doc.
            let (first, used) = read_varint(&other.bytes);
            push_varint(&mut self.bytes, first - self.previous);
            self.bytes.extend_from_slice(&other.bytes[used..]);
            self.previous = other.previous;
        }
        self.len += other.len;
    }

    /// Counting done: the memory the list does not use is given back.
    pub fn finish(&mut self) {
        self.flush();
        self.bytes.shrink_to_fit();
    }

    /// How many docs the term is in.
    pub fn docs(&self) -> usize {
        self.len as usize
    }

    /// Every `(doc, frequency)`, docs ascending.
    pub fn iter(&self) -> impl Iterator<Item = (u32, f32)> + '_ {
        let mut at = 0;
        let mut doc = 0;
        let pending = (self.twice > 0).then_some((self.doc, self.twice as f32 / 2.0));
        std::iter::from_fn(move || {
            if at >= self.bytes.len() {
                return None;
            }
            let (gap, used) = read_varint(&self.bytes[at..]);
            let (twice, more) = read_varint(&self.bytes[at + used..]);
            at += used + more;
            doc += gap;
            Some((doc, twice as f32 / 2.0))
        })
        .chain(pending)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_round_trip_and_append() {
        let mut a = Postings::first(3, 8);
        a.add(3, 2);
        a.add(200, 3);
        a.add(70_000, 2);
        assert_eq!(a.docs(), 3);
        assert_eq!(
            a.iter().collect::<Vec<_>>(),
            [(3, 5.0), (200, 1.5), (70_000, 1.0)]
        );
        let mut b = Postings::first(70_001, 2);
        b.add(1_000_000, 300);
        a.append(b);
        a.finish();
        assert_eq!(a.docs(), 5);
        assert_eq!(
            a.iter().collect::<Vec<_>>(),
            [
                (3, 5.0),
                (200, 1.5),
                (70_000, 1.0),
                (70_001, 1.0),
                (1_000_000, 150.0)
            ]
        );
        // Appended to an empty list.
        let mut empty = Postings::default();
        empty.append(Postings::first(9, 2));
        assert_eq!(empty.iter().collect::<Vec<_>>(), [(9, 1.0)]);
        // About three bytes a posting, not eight.
        let mut many = Postings::first(0, 2);
        for doc in (1..10_000).step_by(3) {
            many.add(doc, 2);
        }
        many.finish();
        assert!(many.bytes.len() <= 2 * many.docs(), "{}", many.bytes.len());
    }
}
