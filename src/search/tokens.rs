//! What the search index and the browser's query both split text into. `search.js` in the
//! default theme follows the same rules; the two must agree, or a query misses what the
//! index holds.
//!
//! - Text is folded: full-width ASCII (`Ｊａｖａ`) becomes ASCII, then everything is
//!   lower-cased.
//! - A run of letters and digits outside the CJK scripts is one token (`golang`, `p6`,
//!   `web3`), with a trailing `+` or `#` kept (`c++`, `c#`). `Go` is the token `go`, which
//!   `governance` is not.
//! - A run of CJK characters (Han, kana, Hangul) gives its character bigrams (`分布式` →
//!   `分布`, `布式`), so Chinese is matched without word spaces or a dictionary; a run of one
//!   character is a token of its own.

use crate::lang::is_cjk_letter;

/// Full-width ASCII to ASCII (`Ｊ` → `J`, `＋` → `+`).
fn unwiden(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Longest token kept, in characters: longer runs are hashes, URLs or base64, not words.
pub const MAX_TOKEN_CHARS: usize = 40;

/// A token, as [`tokens`] gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// Letters and digits (`java`, `c++`), folded.
    Word(&'a str),
    /// Two CJK characters.
    Pair(char, char),
    /// A CJK character standing alone.
    Single(char),
}

impl Token<'_> {
    /// The token as the index writes it.
    pub fn text(&self) -> String {
        match *self {
            Token::Word(w) => w.to_string(),
            Token::Pair(a, b) => [a, b].iter().collect(),
            Token::Single(a) => a.to_string(),
        }
    }
}

/// The character at byte `i` of `text` (a char boundary), full-width ASCII made ASCII, and
/// the byte after it. Decoded by hand: ASCII and the three-byte characters of Chinese text are
/// most of any posting.
#[inline(always)]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let bytes = text.as_bytes();
    let b = *bytes.get(i)?;
    if b < 0x80 {
        return Some((char::from(b), i + 1));
    }
    if (0xE0..0xF0).contains(&b) && i + 2 < bytes.len() {
        if let Some(c) = char::from_u32(three_bytes(bytes, i)) {
            return Some((unwiden(c), i + 3));
        }
    }
    let c = text.get(i..)?.chars().next()?;
    Some((unwiden(c), i + c.len_utf8()))
}

/// CJK Unified Ideographs: most characters of Chinese text.
const HAN: std::ops::RangeInclusive<u32> = 0x4E00..=0x9FFF;

/// The character at byte `i` of `bytes` (a char boundary of a `str`) when it is one of [`HAN`].
#[inline(always)]
fn han_at(bytes: &[u8], i: usize) -> Option<char> {
    let lead = *bytes.get(i)?;
    // HAN's characters are three bytes long, led by 0xE4 to 0xE9.
    if !(0xE4..=0xE9).contains(&lead) || i + 2 >= bytes.len() {
        return None;
    }
    let c = three_bytes(bytes, i);
    HAN.contains(&c).then(|| char::from_u32(c)).flatten()
}

/// The code point of the three-byte UTF-8 character at byte `i` of `bytes`.
#[inline(always)]
fn three_bytes(bytes: &[u8], i: usize) -> u32 {
    (u32::from(bytes[i] & 0x0F) << 12)
        | (u32::from(bytes[i + 1] & 0x3F) << 6)
        | u32::from(bytes[i + 2] & 0x3F)
}

/// Splits `text` into tokens, calling `emit` with each, in order.
pub fn tokens(text: &str, mut emit: impl FnMut(Token<'_>)) {
    let bytes = text.as_bytes();
    // A word that is not plain ASCII letters and digits, folded as it is read.
    let mut word = String::new();
    let mut word_chars = 0usize;
    // The CJK run: its previous character, and how many characters it has had.
    let mut prev_cjk: Option<char> = None;
    let mut cjk_run = 0usize;
    let mut at = 0;
    macro_rules! flush_word {
        () => {
            if !word.is_empty() && word_chars <= MAX_TOKEN_CHARS {
                emit(Token::Word(&word));
            }
            word.clear();
            word_chars = 0;
        };
    }
    macro_rules! end_cjk_run {
        () => {
            if cjk_run == 1 {
                if let Some(p) = prev_cjk {
                    emit(Token::Single(p));
                }
            }
            prev_cjk = None;
            cjk_run = 0;
        };
    }
    while at < bytes.len() {
        // Most words: ASCII letters and digits up to a space or an ASCII sign, emitted from
        // the text itself.
        if word.is_empty() && bytes[at].is_ascii_alphanumeric() {
            end_cjk_run!();
            let start = at;
            let mut upper = false;
            while at < bytes.len() && bytes[at].is_ascii_alphanumeric() {
                upper |= bytes[at].is_ascii_uppercase();
                at += 1;
            }
            let goes_on = bytes
                .get(at)
                .is_some_and(|&b| !b.is_ascii() || b == b'+' || b == b'#');
            if !goes_on && !upper {
                if at - start <= MAX_TOKEN_CHARS {
                    emit(Token::Word(&text[start..at]));
                }
                continue;
            }
            word.push_str(&text[start..at]);
            word.make_ascii_lowercase();
            word_chars = at - start;
            if !goes_on {
                flush_word!();
            }
            continue;
        }
        let Some((c, next)) = char_at(text, at) else {
            break;
        };
        at = next;
        if !c.is_ascii() && (HAN.contains(&(c as u32)) || is_cjk_letter(c)) {
            flush_word!();
            if let Some(p) = prev_cjk {
                emit(Token::Pair(p, c));
            }
            cjk_run += 1;
            // The rest of a run of common Han characters, read in one go.
            let mut prev = c;
            while let Some(next) = han_at(bytes, at) {
                emit(Token::Pair(prev, next));
                prev = next;
                cjk_run += 1;
                at += 3;
            }
            prev_cjk = Some(prev);
            continue;
        }
        end_cjk_run!();
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
            word_chars += 1;
        } else if c.is_ascii() {
            if !word.is_empty() && (c == '+' || c == '#') {
                word.push(c);
                while let Some((next, after)) = char_at(text, at) {
                    if next == '+' || next == '#' {
                        word.push(next);
                        at = after;
                    } else {
                        break;
                    }
                }
            }
            flush_word!();
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
            word_chars += 1;
        } else {
            flush_word!();
        }
    }
    // What is left at the end of the text.
    if !word.is_empty() && word_chars <= MAX_TOKEN_CHARS {
        emit(Token::Word(&word));
    }
    if let (1, Some(p)) = (cjk_run, prev_cjk) {
        emit(Token::Single(p));
    }
}

/// The tokens of `text`, as owned strings (for tests and small texts).
pub fn token_list(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    tokens(text, |t| out.push(t.text()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_words_are_whole_lower_cased_tokens() {
        assert_eq!(
            token_list("Java/Golang, GO and governance"),
            ["java", "golang", "go", "and", "governance"]
        );
        assert_eq!(token_list("P6~P7 web3"), ["p6", "p7", "web3"]);
        assert_eq!(token_list("Ｊａｖａ"), ["java"], "full-width letters");
        assert_eq!(token_list("Éléphant"), ["éléphant"]);
    }

    #[test]
    fn plus_and_hash_stay_on_their_word() {
        assert_eq!(
            token_list("C/C++、C#，F# 和 ++x"),
            ["c", "c++", "c#", "f#", "和", "x"]
        );
        assert_eq!(
            token_list("Ｃ＋＋ c+＃"),
            ["c++", "c+#"],
            "full-width signs"
        );
    }

    #[test]
    fn cjk_runs_give_bigrams_and_lone_characters_stand_alone() {
        assert_eq!(token_list("分布式存储"), ["分布", "布式", "式存", "存储"]);
        assert_eq!(
            token_list("熟悉Java或者Go语言"),
            ["熟悉", "java", "或者", "go", "语言"]
        );
        assert_eq!(token_list("懂 Kafka 者"), ["懂", "kafka", "者"]);
        assert_eq!(token_list("JAVA一种"), ["java", "一种"]);
        assert_eq!(
            token_list("日本語とカタカナ"),
            ["日本", "本語", "語と", "とカ", "カタ", "タカ", "カナ"]
        );
    }

    #[test]
    fn overlong_runs_are_dropped() {
        let long = "a".repeat(MAX_TOKEN_CHARS + 1);
        assert_eq!(token_list(&format!("x {long} y")), ["x", "y"]);
        assert_eq!(token_list(&"a".repeat(MAX_TOKEN_CHARS)).len(), 1);
    }

    /// The rules read character by character, as `search.js` applies them: the tokenizer's
    /// fast paths must give the same tokens.
    fn reference(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let (mut word, mut n) = (String::new(), 0);
        let (mut prev, mut run): (Option<char>, usize) = (None, 0);
        let chars: Vec<char> = text.chars().map(unwiden).collect();
        let flush = |word: &mut String, n: &mut usize, out: &mut Vec<String>| {
            if !word.is_empty() && *n <= MAX_TOKEN_CHARS {
                out.push(word.clone());
            }
            word.clear();
            *n = 0;
        };
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            i += 1;
            if is_cjk_letter(c) {
                flush(&mut word, &mut n, &mut out);
                out.extend(prev.map(|p| format!("{p}{c}")));
                prev = Some(c);
                run += 1;
                continue;
            }
            if run == 1 {
                out.extend(prev.map(String::from));
            }
            (prev, run) = (None, 0);
            if c.is_alphanumeric() {
                word.extend(c.to_lowercase());
                n += 1;
            } else {
                if !word.is_empty() && (c == '+' || c == '#') {
                    word.push(c);
                    while i < chars.len() && (chars[i] == '+' || chars[i] == '#') {
                        word.push(chars[i]);
                        i += 1;
                    }
                }
                flush(&mut word, &mut n, &mut out);
            }
        }
        flush(&mut word, &mut n, &mut out);
        if run == 1 {
            out.extend(prev.map(String::from));
        }
        out
    }

    #[test]
    fn fast_paths_agree_with_the_rules_on_mixed_text() {
        let pieces = [
            "Java",
            "GO",
            "go",
            "c",
            "+",
            "#",
            "++",
            " ",
            ",",
            "、",
            "。",
            "分",
            "布式",
            "者",
            "Ｊａｖａ",
            "＋",
            "ｃ",
            "Élan",
            "é",
            "ß",
            "İ",
            "web3",
            "P6~P7",
            "\n",
            "カタ",
            "한국",
            "𠀀",
            "١٢",
            "-",
            "x",
            "AbC",
            "\u{3000}",
            "〇",
            "Ⅻ",
            "ǅ",
        ];
        // A fixed pseudo-random walk over the pieces: thousands of joins of 1 to 12 pieces.
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for k in 0..=(seed % 12) {
                let pick = (seed >> (k * 5 % 59)) as usize % pieces.len();
                text.push_str(pieces[pick]);
            }
            assert_eq!(token_list(&text), reference(&text), "{text:?}");
        }
        let long = format!("x{} y", "A".repeat(MAX_TOKEN_CHARS));
        assert_eq!(token_list(&long), reference(&long));
    }

    #[test]
    fn kinds_are_reported() {
        let mut kinds = Vec::new();
        tokens("Go 分布式 者", |t| kinds.push(format!("{t:?}")));
        assert_eq!(
            kinds,
            [
                "Word(\"go\")",
                "Pair('分', '布')",
                "Pair('布', '式')",
                "Single('者')"
            ]
        );
    }
}
