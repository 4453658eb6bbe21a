//! Numbers, contacts and periods as pages show them.

use crate::content::apply::Contact;
use crate::content::dates::{EndDate, PartialDate};
use crate::lang::Lang;
use crate::render::context::*;
use crate::render::theme::Theme;
use crate::url::encode_component;

/// A contact as a link; emails get `subject` when given.
pub fn contact_view(contact: &Contact, subject: Option<&str>) -> ApplyView {
    match contact {
        Contact::Url(url) => ApplyView {
            kind: "url",
            href: url.clone(),
            address: url.clone(),
        },
        Contact::Email(email) => ApplyView {
            kind: "email",
            href: match subject {
                Some(s) => format!("mailto:{email}?subject={}", encode_component(s)),
                None => format!("mailto:{email}"),
            },
            address: email.clone(),
        },
    }
}

/// `30000` → `30,000`; fractions are kept to two places.
pub fn group_thousands(value: f64) -> String {
    let whole = value.trunc() as i64;
    let digits = whole.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if whole < 0 {
        out.insert(0, '-');
    }
    let fraction = (value - value.trunc()).abs();
    if fraction > 0.0 {
        out.push_str(&format!("{fraction:.2}")[1..]);
    }
    out
}

pub(super) fn period(
    start: Option<PartialDate>,
    end: Option<EndDate>,
    lang: Lang,
    theme: &Theme,
) -> PeriodView {
    let present = theme.string(lang, "present");
    let end_text = match end {
        Some(EndDate::On(d)) => Some(d.display(lang)),
        Some(EndDate::Present) => Some(present.clone()),
        None if start.is_some() => Some(present.clone()),
        None => None,
    };
    let display = match (start.map(|s| s.display(lang)), end_text) {
        (Some(s), Some(e)) => format!("{s} – {e}"),
        (Some(s), None) => s,
        (None, Some(e)) => e,
        (None, None) => String::new(),
    };
    PeriodView {
        start: start.map(|s| s.iso()),
        end: match end {
            Some(EndDate::On(d)) => Some(d.iso()),
            _ => None,
        },
        display,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(group_thousands(30000.0), "30,000");
        assert_eq!(group_thousands(999.0), "999");
        assert_eq!(group_thousands(1234567.5), "1,234,567.50");
    }

    #[test]
    fn mail_subject_is_encoded() {
        let v = contact_view(
            &Contact::Email("hr@example.com".into()),
            Some("应聘：后端 & 前端"),
        );
        assert_eq!(v.href, "mailto:hr@example.com?subject=%E5%BA%94%E8%81%98%EF%BC%9A%E5%90%8E%E7%AB%AF%20%26%20%E5%89%8D%E7%AB%AF");
    }
}
