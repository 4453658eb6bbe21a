//! Slugs: the URL segment of a posting, team, location or resume.

use serde::Deserialize;

/// How slugs are made from titles and names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SlugMode {
    /// Keep CJK and other letters; URLs are percent-encoded.
    #[default]
    Unicode,
    /// ASCII only: transliterated, or a stable ID when nothing is left.
    Ascii,
}

/// A slug made from `text`: lowercase, runs of anything but letters and digits become `-`.
/// Unicode mode keeps CJK and other scripts; ASCII mode transliterates first. May be empty.
/// At most [`MAX_MADE`] bytes, cut at a character: a slug is a folder name, and file systems
/// hold names of 255 bytes at most.
pub fn slugify(text: &str, mode: SlugMode) -> String {
    let mut slug = slugify_whole(text, mode);
    if slug.len() > MAX_MADE {
        let mut end = MAX_MADE;
        while !slug.is_char_boundary(end) {
            end -= 1;
        }
        slug.truncate(end);
        slug.truncate(slug.trim_end_matches('-').len());
    }
    slug
}

/// [`slugify`] without the length limit: for anchors within a page (heading ids), which name
/// no folder.
pub fn slugify_whole(text: &str, mode: SlugMode) -> String {
    match mode {
        SlugMode::Unicode => collapse(text, |c| c.is_alphanumeric()),
        SlugMode::Ascii => collapse(&super::romanize::romanize(text), |c| {
            c.is_ascii_alphanumeric()
        }),
    }
}

/// The longest slug made from a title or name, in bytes (40 Chinese characters): room is
/// left for the team's slug and a number that a clash adds.
pub const MAX_MADE: usize = 120;

/// The longest `slug` written by hand, in bytes.
pub const MAX_WRITTEN: usize = 200;

fn collapse(text: &str, keep: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if keep(c) {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// A short, stable ID from `seed`, for when a slug would be empty.
pub fn stable_id(seed: &str) -> String {
    format!("{:08x}", fnv1a64(seed.as_bytes()) >> 32)
}

/// 64-bit FNV-1a: a hash with a fixed definition, so names made from it (IDs in pages and
/// feeds, the output folder's bookkeeping file) stay the same across Rust releases.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Whether a slug written by hand is usable as one URL segment.
pub fn check_slug(slug: &str) -> Result<(), String> {
    if slug.is_empty() {
        return Err("`slug` must not be empty".into());
    }
    if let Some(c) = slug
        .chars()
        .find(|c| c.is_whitespace() || matches!(c, '/' | '\\' | '?' | '#' | '%' | '"' | '<' | '>'))
    {
        return Err(format!("`slug` must be one URL segment; it contains `{c}`"));
    }
    if slug == "." || slug == ".." {
        return Err("`slug` must not be `.` or `..`".into());
    }
    if slug.len() > MAX_WRITTEN {
        return Err(format!(
            "`slug` is {} bytes long; it names a folder, and must be at most {MAX_WRITTEN}",
            slug.len()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_give_slugs_that_fit_a_folder_name() {
        let title = "高级分布式存储与计算平台研发工程师".repeat(6);
        let slug = slugify(&title, SlugMode::Unicode);
        assert_eq!(slug, title.chars().take(40).collect::<String>());
        let words = "distributed storage engineer ".repeat(8);
        let slug = slugify(&words, SlugMode::Ascii);
        assert!(slug.len() <= MAX_MADE && !slug.ends_with('-'), "{slug}");
        assert!(words.replace(' ', "-").starts_with(&slug), "{slug}");
        assert_eq!(
            check_slug(&"a".repeat(201)).unwrap_err(),
            "`slug` is 201 bytes long; it names a folder, and must be at most 200"
        );
        assert!(check_slug(&"a".repeat(200)).is_ok());
    }

    #[test]
    fn unicode_keeps_cjk() {
        assert_eq!(
            slugify("PaaS 云平台研发专家", SlugMode::Unicode),
            "paas-云平台研发专家"
        );
        assert_eq!(
            slugify("研发工程师/专家", SlugMode::Unicode),
            "研发工程师-专家"
        );
        assert_eq!(
            slugify("  C++ Engineer (Remote) ", SlugMode::Unicode),
            "c-engineer-remote"
        );
        assert_eq!(slugify("杭州市", SlugMode::Unicode), "杭州市");
        assert_eq!(
            slugify("中间件 SRE（高级）", SlugMode::Unicode),
            "中间件-sre-高级"
        );
    }

    #[test]
    fn ascii_transliterates() {
        assert_eq!(slugify("杭州市", SlugMode::Ascii), "hang-zhou-shi");
        assert_eq!(slugify("Café Engineer", SlugMode::Ascii), "cafe-engineer");
        assert_eq!(slugify("!!!", SlugMode::Ascii), "");
    }

    #[test]
    fn stable_ids_are_stable() {
        assert_eq!(
            stable_id("content/jobs/a.md"),
            stable_id("content/jobs/a.md")
        );
        assert_ne!(stable_id("a"), stable_id("b"));
        assert_eq!(stable_id("a").len(), 8);
        // FNV-1a's published test vectors, and the ID they give: names made from them are
        // written to pages, feeds and disk, so they must never change.
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(stable_id("a"), "af63dc4c");
    }

    #[test]
    fn hand_written_slugs_are_checked() {
        assert!(check_slug("backend-engineer").is_ok());
        assert!(check_slug("后端").is_ok());
        assert!(check_slug("a/b").is_err());
        assert!(check_slug("a b").is_err());
        assert!(check_slug("..").is_err());
    }
}
