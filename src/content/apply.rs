//! Where to apply or get in touch: a web address or an email address.

use std::fmt;

/// An apply channel or contact, checked when read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contact {
    Url(String),
    Email(String),
}

impl Contact {
    pub fn parse(text: &str) -> Result<Contact, String> {
        let t = text.trim();
        if t.starts_with("https://") || t.starts_with("http://") {
            if t.contains(char::is_whitespace) || t.len() < "http://x".len() {
                return Err(format!("`{t}` is not a valid URL"));
            }
            return Ok(Contact::Url(t.to_string()));
        }
        let email = t.strip_prefix("mailto:").unwrap_or(t);
        if is_email(email) {
            return Ok(Contact::Email(email.to_string()));
        }
        Err(format!(
            "`{t}` is neither an http(s) URL nor an email address"
        ))
    }

    pub fn as_str(&self) -> &str {
        match self {
            Contact::Url(s) | Contact::Email(s) => s,
        }
    }
}

impl fmt::Display for Contact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A plain `local@domain.tld` address, without display names or spaces.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.contains(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | ',' | ';'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_urls_and_emails() {
        assert_eq!(
            Contact::parse("https://jobs.example.com/1").unwrap(),
            Contact::Url("https://jobs.example.com/1".into())
        );
        assert_eq!(
            Contact::parse("hr@example.com").unwrap(),
            Contact::Email("hr@example.com".into())
        );
        assert_eq!(
            Contact::parse("mailto:hr@example.com").unwrap(),
            Contact::Email("hr@example.com".into())
        );
        assert!(Contact::parse("call us").is_err());
        assert!(Contact::parse("a@b").is_err());
        assert!(Contact::parse("<a@b.com>").is_err());
    }
}
