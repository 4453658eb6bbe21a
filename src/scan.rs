//! Scanning text eight bytes at a time for the few ASCII bytes an escaper replaces: a block
//! of eight is read as one little-endian word and tested for them all at once, so the plain
//! runs between them (most of any text) cost a few instructions per eight bytes.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of `w` is zero.
fn has_zero(w: u64) -> bool {
    w.wrapping_sub(ONES) & !w & HIGHS != 0
}

/// Whether any byte of `w` is `b`.
pub fn has(w: u64, b: u8) -> bool {
    has_zero(w ^ (ONES * u64::from(b)))
}

/// Whether any byte of `w` is below `n` (at most 128).
pub fn has_less_than(w: u64, n: u8) -> bool {
    w.wrapping_sub(ONES * u64::from(n)) & !w & HIGHS != 0
}

/// From `from`, the start of the first whole block of eight bytes that `may_hold` says may
/// hold a byte sought, or of the last bytes, fewer than eight: the bytes skipped hold none.
pub fn skip_blocks(bytes: &[u8], mut from: usize, may_hold: impl Fn(u64) -> bool) -> usize {
    while let Some(block) = bytes.get(from..from + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(block);
        if may_hold(u64::from_le_bytes(word)) {
            break;
        }
        from += 8;
    }
    from
}

/// The high bit of each byte of `w` that is zero, and no other bit: exact, unlike
/// [`has`], whose borrows may mark bytes above a zero byte.
fn zero_bytes(w: u64) -> u64 {
    !(((w & !HIGHS).wrapping_add(!HIGHS)) | w) & HIGHS
}

/// The high bit of each byte of `w` that is `b`, and no other bit.
pub fn bytes_eq(w: u64, b: u8) -> u64 {
    zero_bytes(w ^ (ONES * u64::from(b)))
}

/// The high bit of each byte of `w` below `n` (at most 128), and no other bit.
pub fn bytes_less_than(w: u64, n: u8) -> u64 {
    !(((w & !HIGHS).wrapping_add(ONES * u64::from(0x80 - n))) | w) & HIGHS
}

/// The `n` bytes (at most eight) from `i` as a little-endian word, padded with zeros.
fn word_at(bytes: &[u8], i: usize, n: usize) -> u64 {
    if let Some(block) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(block);
        u64::from_le_bytes(word)
    } else if let Some(last) = bytes.len().checked_sub(8).and_then(|at| bytes.get(at..)) {
        // The last eight bytes, shifted so that those before `i` fall off.
        let mut word = [0u8; 8];
        word.copy_from_slice(last);
        u64::from_le_bytes(word) >> (8 * (8 - n))
    } else {
        bytes[i..]
            .iter()
            .rev()
            .fold(0, |word, &b| (word << 8) | u64::from(b))
    }
}

/// Gives `found` the position of every byte of `bytes` that `marks` marks (with its high
/// bit, as [`bytes_eq`] does), in order. Blocks of eight bytes that `may_hold` rules out
/// are skipped unread; in the others, only the marked bytes are visited.
pub fn for_each_marked(
    bytes: &[u8],
    may_hold: impl Fn(u64) -> bool,
    marks: impl Fn(u64) -> u64,
    mut found: impl FnMut(usize),
) {
    let mut i = 0;
    while i < bytes.len() {
        i = skip_blocks(bytes, i, &may_hold);
        let n = (bytes.len() - i).min(8);
        if n == 0 {
            break;
        }
        let mut marked = marks(word_at(bytes, i, n));
        if n < 8 {
            // The zeros the last bytes were padded with are not in the text.
            marked &= (1u64 << (8 * n)) - 1;
        }
        while marked != 0 {
            found(i + (marked.trailing_zeros() / 8) as usize);
            marked &= marked - 1;
        }
        i += n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(bytes: [u8; 8]) -> u64 {
        u64::from_le_bytes(bytes)
    }

    #[test]
    fn finds_each_byte_in_every_position() {
        for position in 0..8 {
            for b in 0..=255u8 {
                let mut bytes = [b'a'; 8];
                bytes[position] = b;
                let w = word(bytes);
                assert_eq!(has(w, b'<'), b == b'<', "{b} at {position}");
                assert_eq!(has(w, 0), b == 0, "{b} at {position}");
                assert_eq!(has_less_than(w, 0x20), b < 0x20, "{b} at {position}");
            }
        }
        // Next to bytes that borrow: 0x00 and 0x01, 0xff.
        assert!(has(word([0, 1, 0xff, 0x80, 0, 0, 0, b'"']), b'"'));
        assert!(!has(
            word([0x21, 0x23, 0xa2, 0x22 ^ 0x80, 0, 1, 2, 3]),
            b'"'
        ));
        assert!(!has_less_than(
            word([0x20, 0xff, 0x80, 0x9f, 0x20, 0x7f, b'a', 0xa0]),
            0x20
        ));
    }

    #[test]
    fn marks_exactly_the_bytes_sought() {
        for position in 0..8 {
            for b in 0..=255u8 {
                // Every other byte, including those next to it that make `has` borrow.
                for other in [0u8, 1, b'a', 0x7f, 0x80, 0xff] {
                    let mut bytes = [other; 8];
                    bytes[position] = b;
                    let w = word(bytes);
                    let expect = |f: &dyn Fn(u8) -> bool| -> u64 {
                        (0..8)
                            .filter(|&i| f(bytes[i]))
                            .map(|i| 0x80u64 << (8 * i))
                            .sum()
                    };
                    assert_eq!(bytes_eq(w, b'<'), expect(&|x| x == b'<'), "{bytes:?}");
                    assert_eq!(bytes_eq(w, 0), expect(&|x| x == 0), "{bytes:?}");
                    assert_eq!(bytes_less_than(w, 0x20), expect(&|x| x < 0x20), "{bytes:?}");
                }
            }
        }
    }

    #[test]
    fn visits_every_marked_byte_once_in_order() {
        let text = b"<a>0123456789<bcdefgh<<<<<<<<ij<";
        for len in 0..=text.len() {
            let bytes = &text[..len];
            let mut seen = Vec::new();
            for_each_marked(
                bytes,
                |w| has(w, b'<'),
                |w| bytes_eq(w, b'<'),
                |i| seen.push(i),
            );
            let expected: Vec<usize> = (0..len).filter(|&i| bytes[i] == b'<').collect();
            assert_eq!(seen, expected, "{len}");
        }
        // Zeros in the text are found; those padding its last bytes are not.
        let mut seen = Vec::new();
        for_each_marked(b"ab\0", |_| true, |w| bytes_eq(w, 0), |i| seen.push(i));
        assert_eq!(seen, [2]);
    }

    #[test]
    fn skips_only_blocks_without_the_bytes() {
        let text = b"0123456789abcdef<hijklmnopqrstuvwxyz";
        assert_eq!(skip_blocks(text, 0, |w| has(w, b'<')), 16);
        assert_eq!(skip_blocks(text, 17, |w| has(w, b'<')), 33);
        assert_eq!(skip_blocks(b"short", 0, |_| false), 0);
        assert_eq!(skip_blocks(b"", 0, |_| true), 0);
    }
}
