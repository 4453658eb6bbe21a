//! The site's base URL and the URLs of its pages, correct under a sub-path.

use std::fmt;

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// `base_url` split into origin (`https://example.github.io`) and path (`/careers/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    origin: String,
    path: String,
}

impl BaseUrl {
    /// Parses an `http(s)://host[:port][/path]` URL; the path always ends up with a trailing `/`.
    pub fn parse(url: &str) -> Result<BaseUrl, String> {
        let url = url.trim();
        let scheme_end = url
            .find("://")
            .filter(|&i| matches!(&url[..i], "http" | "https"))
            .ok_or_else(|| format!("`{url}` is not an http:// or https:// URL"))?;
        let after = &url[scheme_end + 3..];
        let (host, path) = match after.find('/') {
            Some(i) => (&after[..i], &after[i..]),
            None => (after, "/"),
        };
        if host.is_empty() || host.contains(char::is_whitespace) {
            return Err(format!("`{url}` has no host name"));
        }
        if path.contains(['?', '#']) {
            return Err(format!("`{url}` must not carry a query or fragment"));
        }
        let mut path = path.to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl {
            origin: format!("{}{}", &url[..scheme_end + 3], host),
            path,
        })
    }

    /// `https://host` without a trailing slash.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The sub-path the site lives under, always starting and ending with `/`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Root-relative href of a site-relative path (`jobs/x/` → `/careers/jobs/x/`), percent-encoded.
    pub fn href(&self, relative: &str) -> String {
        let relative = relative.trim_start_matches('/');
        let mut out = String::with_capacity(self.path.len() + relative.len());
        out.push_str(&self.path);
        push_encoded(&mut out, relative, true);
        out
    }

    /// Absolute URL of a site-relative path, percent-encoded.
    pub fn absolute(&self, relative: &str) -> String {
        let relative = relative.trim_start_matches('/');
        let mut out = String::with_capacity(self.origin.len() + self.path.len() + relative.len());
        out.push_str(&self.origin);
        out.push_str(&self.path);
        push_encoded(&mut out, relative, true);
        out
    }

    /// The same site served from another origin and path, as the dev server does.
    pub fn with_origin(&self, origin: &str) -> BaseUrl {
        BaseUrl {
            origin: origin.trim_end_matches('/').to_string(),
            path: self.path.clone(),
        }
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.origin, self.path)
    }
}

/// Every byte but the unreserved characters of RFC 3986 (letters, digits, `-._~`).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The same, and `/` too.
const PATH: &AsciiSet = &COMPONENT.remove(b'/');

/// Whether `b` is left as it is in a path (`slash`) or a query-string component.
fn unreserved(b: u8, slash: bool) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || (slash && b == b'/')
}

/// Appends `text` percent-encoded as a path ([`PATH`], `slash`) or a component
/// ([`COMPONENT`]): copied whole when nothing in it is encoded, as most routes are.
fn push_encoded(out: &mut String, text: &str, slash: bool) {
    if text.bytes().all(|b| unreserved(b, slash)) {
        out.push_str(text);
    } else {
        out.extend(utf8_percent_encode(
            text,
            if slash { PATH } else { COMPONENT },
        ));
    }
}

/// Percent-encodes a URL path: everything but unreserved characters and `/`.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    push_encoded(&mut out, path, true);
    out
}

/// Percent-encodes a query-string component: everything but unreserved characters.
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_encoded(&mut out, text, false);
    out
}

/// Decodes `%XX` escapes; `None` when the result is not UTF-8 or an escape is malformed.
pub fn decode_path(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let malformed = bytes.iter().enumerate().any(|(i, &b)| {
        b == b'%'
            && !bytes
                .get(i + 1..i + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    });
    if malformed {
        return None;
    }
    percent_decode_str(path)
        .decode_utf8()
        .ok()
        .map(|text| text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_left_unencoded_are_those_the_sets_leave() {
        for b in 0..=255u8 {
            let text = [b'a', b];
            let Ok(text) = std::str::from_utf8(&text) else {
                continue;
            };
            let expected: String = utf8_percent_encode(text, PATH).collect();
            assert_eq!(encode_path(text), expected, "{b}");
            let expected: String = utf8_percent_encode(text, COMPONENT).collect();
            assert_eq!(encode_component(text), expected, "{b}");
        }
        assert_eq!(encode_path("jobs/后端 a/"), "jobs/%E5%90%8E%E7%AB%AF%20a/");
    }

    #[test]
    fn parses_sub_path() {
        let b = BaseUrl::parse("https://example.github.io/careers").unwrap();
        assert_eq!(b.origin(), "https://example.github.io");
        assert_eq!(b.path(), "/careers/");
        assert_eq!(b.href("jobs/a/"), "/careers/jobs/a/");
        assert_eq!(
            b.absolute("feed.xml"),
            "https://example.github.io/careers/feed.xml"
        );
        assert_eq!(b.to_string(), "https://example.github.io/careers/");
    }

    #[test]
    fn root_site_has_slash_path() {
        let b = BaseUrl::parse("http://127.0.0.1:1111").unwrap();
        assert_eq!(b.path(), "/");
        assert_eq!(b.href(""), "/");
    }

    #[test]
    fn rejects_non_http() {
        assert!(BaseUrl::parse("example.com").is_err());
        assert!(BaseUrl::parse("ftp://x/").is_err());
        assert!(BaseUrl::parse("https:///x").is_err());
    }

    #[test]
    fn encodes_cjk_and_round_trips() {
        let e = encode_path("jobs/杭州市 a/");
        assert_eq!(e, "jobs/%E6%9D%AD%E5%B7%9E%E5%B8%82%20a/");
        assert_eq!(decode_path(&e).unwrap(), "jobs/杭州市 a/");
        assert_eq!(decode_path("%E6%9D"), None);
        assert_eq!(decode_path("%zz"), None);
        assert_eq!(decode_path("%+F"), None);
        assert_eq!(decode_path("a%2"), None);
        assert_eq!(encode_component("a/b c~"), "a%2Fb%20c~");
    }
}
