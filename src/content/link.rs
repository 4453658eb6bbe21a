//! Links written in content (a resume's `url`, `image`, profile and project URLs): only
//! addresses a reader can follow safely reach an `href` or `src`.

/// Whether `value` is safe in an `href` or `src`: an `http(s)`, `mailto:` or `tel:` address,
/// or a path on the site. Schemes that run code or carry a document (`javascript:`, `data:`,
/// `vbscript:`, …) are refused in any case and with the spaces, tabs and line breaks browsers
/// ignore. The message names `field`.
pub fn check(field: &str, value: &str) -> Result<(), String> {
    match scheme(value) {
        Some(s) if !["http", "https", "mailto", "tel"].contains(&s.as_str()) => Err(format!(
            "`{field}` `{}` is not a safe link (`{s}:`): use an http(s) address, a mailto: or tel: address, or a path on the site",
            crate::diagnostic::shown(value.trim())
        )),
        _ => Ok(()),
    }
}

/// The scheme of `value` as a browser reads it, lowercase: leading and trailing control
/// characters and spaces are dropped, and tabs and line breaks anywhere are ignored.
pub fn scheme(value: &str) -> Option<String> {
    let cleaned: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| scheme.to_ascii_lowercase())
}

/// The links of one list of entries, each named as messages name it: `KEY[i].url`.
pub fn indexed<'r>(
    key: &'r str,
    urls: impl IntoIterator<Item = Option<&'r String>>,
) -> impl Iterator<Item = (String, &'r str)> {
    urls.into_iter()
        .enumerate()
        .filter_map(move |(i, url)| url.map(|v| (format!("{key}[{i}].url"), v.as_str())))
}

/// An entry of a resume's lists that may link somewhere: a profile, a job, a school, a project.
pub trait Linked {
    fn url(&self) -> Option<&String>;
}

/// Implements [`Linked`] for entry types with a field `url: Option<String>`.
macro_rules! linked {
    ($($t:ident $(<$($g:ident),+>)?),*) => {
        $(impl$(<$($g),+>)? crate::content::link::Linked for $t$(<$($g),+>)? {
            fn url(&self) -> Option<&String> {
                self.url.as_ref()
            }
        })*
    };
}
pub(crate) use linked;

fn urls<T: Linked>(items: &[T]) -> Vec<Option<&String>> {
    items.iter().map(Linked::url).collect()
}

/// Every link of a resume's lists, as `(list key, field as messages name it, value)`:
/// profiles (listed under `profiles_key`), work, education and projects.
pub fn entry_links<'r>(
    profiles_key: &'static str,
    profiles: &'r [impl Linked],
    work: &'r [impl Linked],
    education: &'r [impl Linked],
    projects: &'r [impl Linked],
) -> Vec<(&'static str, String, &'r str)> {
    let lists = [
        (profiles_key, urls(profiles)),
        ("work", urls(work)),
        ("education", urls(education)),
        ("projects", urls(projects)),
    ];
    lists
        .into_iter()
        .flat_map(|(key, urls)| indexed(key, urls).map(move |(field, v)| (key, field, v)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_script_and_data_schemes_however_written() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
        ] {
            let e = check("url", bad).unwrap_err();
            assert!(e.starts_with("`url` `"), "{e}");
            assert!(!e.contains(['\n', '\t', '\u{1}']), "one line: {e:?}");
        }
        assert_eq!(
            check("url", "java\nscript:alert(1)").unwrap_err(),
            "`url` `java\\nscript:alert(1)` is not a safe link (`javascript:`): use an http(s) \
             address, a mailto: or tel: address, or a path on the site"
        );
        for good in [
            "https://example.com/a:b",
            "http://example.com",
            "mailto:a@example.com",
            "tel:+86-10-1234",
            "/images/me.jpg",
            "me.jpg",
            "./a:b",
            "#top",
        ] {
            assert!(check("url", good).is_ok(), "{good}");
        }
    }
}
