//! Text in Latin letters for ASCII slugs: Chinese characters as Hanyu Pinyin (without
//! tones), every other script as `deunicode` spells it.
//!
//! A character's most common reading comes from the Unihan data of the `pinyin` crate. A
//! few characters take another reading in the names and words careers pages use most
//! (长沙, 成都), and a few place names read a character in a way of their own (重庆, 厦门):
//! those are listed here.

use pinyin::ToPinyin;

/// Words, mostly place names, whose characters read otherwise than alone. Text is not cut
/// into words first, so a word listed here is matched wherever its characters stand side by
/// side: only words that hardly ever arise across two others are listed (行业 is not: 执行 +
/// 业务 would read as hang ye).
const WORDS: &[(&str, &str)] = &[
    ("重庆", "chong qing"),
    ("厦门", "xia men"),
    ("蚌埠", "beng bu"),
    ("六安", "lu an"),
    ("番禺", "pan yu"),
    ("乐清", "yue qing"),
    ("喀什", "ka shi"),
    ("单县", "shan xian"),
    ("台州", "tai zhou"),
    ("银行", "yin hang"),
    ("组长", "zu zhang"),
    ("队长", "dui zhang"),
    ("部长", "bu zhang"),
];

/// Characters whose most common reading is not the one names and titles use most.
const CHARACTERS: &[(char, &str)] = &[('长', "chang"), ('都', "du"), ('似', "si")];

/// `text` in Latin letters, each Chinese syllable a word of its own.
pub fn romanize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some((word, reading)) = WORDS.iter().find(|(w, _)| rest.starts_with(w)) {
            push_word(&mut out, reading);
            rest = &rest[word.len()..];
            continue;
        }
        if let Some((_, reading)) = CHARACTERS.iter().find(|(ch, _)| *ch == c) {
            push_word(&mut out, reading);
        } else if let Some(p) = c.to_pinyin() {
            push_word(&mut out, &p.plain().replace('ü', "u"));
        } else {
            let mut buffer = [0u8; 4];
            out.push_str(&deunicode::deunicode(c.encode_utf8(&mut buffer)));
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn push_word(out: &mut String, word: &str) {
    out.push(' ');
    out.push_str(word);
    out.push(' ');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_and_titles_read_as_people_say_them() {
        for (text, expected) in [
            ("广州市", "guang zhou shi"),
            ("武汉", "wu han"),
            ("沈阳", "shen yang"),
            ("南宁", "nan ning"),
            ("东莞", "dong guan"),
            ("长沙", "chang sha"),
            ("成都", "cheng du"),
            ("重庆市", "chong qing shi"),
            ("厦门", "xia men"),
            ("蚌埠", "beng bu"),
            ("朝阳区", "chao yang qu"),
            ("高级工程师", "gao ji gong cheng shi"),
            ("技术组长", "ji shu zu zhang"),
            ("招商银行", "zhao shang yin hang"),
            ("执行业务经理", "zhi xing ye wu jing li"),
            ("绿色", "lu se"),
            ("Café 工程师", "Cafe gong cheng shi"),
        ] {
            let romanized = romanize(text);
            let words: Vec<&str> = romanized.split_whitespace().collect();
            assert_eq!(words.join(" "), expected, "{text}");
        }
    }
}
