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
    fn skips_only_blocks_without_the_bytes() {
        let text = b"0123456789abcdef<hijklmnopqrstuvwxyz";
        assert_eq!(skip_blocks(text, 0, |w| has(w, b'<')), 16);
        assert_eq!(skip_blocks(text, 17, |w| has(w, b'<')), 33);
        assert_eq!(skip_blocks(b"short", 0, |_| false), 0);
        assert_eq!(skip_blocks(b"", 0, |_| true), 0);
    }
}
