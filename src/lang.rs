//! The two languages a site or a posting can be written in.

use serde::{Deserialize, Serialize};

/// Chinese or English: the interface language of a site, or the language of one posting.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub enum Lang {
    #[default]
    #[serde(rename = "zh", alias = "zh-CN", alias = "zh-Hans", alias = "cn")]
    Zh,
    #[serde(rename = "en", alias = "en-US", alias = "en-GB")]
    En,
}

impl Lang {
    /// The code used in `lang` attributes and file names.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The language a name (a team's, a place's) is written in: Chinese when it holds Chinese
    /// characters, English when it holds letters and no Chinese, else `otherwise` (a name
    /// of digits and signs takes its surroundings' language).
    pub fn of_name(name: &str, otherwise: Lang) -> Lang {
        if name.chars().any(is_cjk_letter) {
            Lang::Zh
        } else if name.chars().any(char::is_alphabetic) {
            Lang::En
        } else {
            otherwise
        }
    }

    /// The BCP 47 tag used in `<html lang>`, feeds and structured data.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

/// Whether `c` is a letter of a CJK script (Han, kana, Hangul), not punctuation or a symbol:
/// a name holding one is Chinese ([`Lang::of_name`]), the search index matches such text by
/// character bigrams (`search::tokens`), and lowercasing leaves it as it is. Hangul counts,
/// though Korean puts spaces between words; punctuation does not, so `，` alone does not make
/// a name Chinese. (Joining Markdown lines asks another question, with other ranges:
/// `markdown::joins_without_space`.)
pub fn is_cjk_letter(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF       // Hiragana, Katakana
        | 0x3400..=0x4DBF     // CJK Extension A
        | 0x4E00..=0x9FFF     // CJK Unified Ideographs
        | 0xAC00..=0xD7AF     // Hangul syllables
        | 0xF900..=0xFAFF     // CJK Compatibility Ideographs
        | 0x20000..=0x3134F // CJK Extensions B–G
    )
}

/// `text` lower-cased exactly as `str::to_lowercase` does it, faster on Chinese and Japanese
/// text, whose characters have no case to look up.
pub fn lowercase(text: &str) -> String {
    if text.contains('Σ') {
        // Sigma lowers by its place in a word: the standard library knows how.
        return text.to_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if is_cjk_letter(c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_has_the_language_of_its_script() {
        assert_eq!(Lang::of_name("基础架构", Lang::En), Lang::Zh);
        assert_eq!(Lang::of_name("SRE 团队", Lang::En), Lang::Zh);
        assert_eq!(Lang::of_name("Architecture Office", Lang::Zh), Lang::En);
        assert_eq!(Lang::of_name("42", Lang::Zh), Lang::Zh);
        assert_eq!(Lang::of_name("42", Lang::En), Lang::En);
        assert_eq!(
            Lang::of_name("（，）", Lang::En),
            Lang::En,
            "punctuation only"
        );
    }

    #[test]
    fn cjk_letters_are_han_kana_and_hangul_not_punctuation() {
        for c in ['中', '㐀', '𠀀', 'か', 'カ', '한'] {
            assert!(is_cjk_letter(c), "{c}");
        }
        for c in ['，', '。', '「', 'Ａ', 'ㄅ', 'a', 'é'] {
            assert!(!is_cjk_letter(c), "{c}");
        }
    }

    #[test]
    fn lowercase_is_the_standard_one() {
        for text in [
            "Senior Go Engineer 高级工程师 · 北京市",
            "ΟΔΟΣ Σ ΣΑ İstanbul ǅ Ａｂｃ カタカナ 한국어 ẞ",
            "",
            "RUST",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text}");
        }
    }
}
