//! A team: `content/teams/ID.md`.

use std::path::Path;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::apply::Contact;
use super::source::{self, Source};
use crate::diagnostic::Diagnostic;

/// A team described in its own file.
#[derive(Debug, Clone, PartialEq)]
pub struct Team {
    pub source: Source,
    /// The file name without `.md`; postings may name the team by it.
    pub id: String,
    pub name: String,
    pub order: i64,
    pub summary: Option<String>,
    pub contact: Option<Contact>,
    pub extra: Map<String, Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTeam {
    name: String,
    #[serde(default)]
    order: i64,
    summary: Option<String>,
    contact: Option<String>,
    #[serde(default)]
    extra: Map<String, Value>,
}

/// The keys a team's front matter may have.
pub const KEYS: &[&str] = &["name", "order", "summary", "contact", "extra"];

impl Team {
    /// Reads a team file's text; `path` is relative to the site root.
    pub fn parse(path: &Path, text: &str) -> Result<Team, Vec<Diagnostic>> {
        let (raw, mut p) = source::parse::<RawTeam>(path, text, KEYS)?;
        let name = raw.name.trim().to_string();
        if name.is_empty() {
            p.fail(&["name"], "`name` must not be empty");
        }
        let contact = raw.contact.as_deref().and_then(|c| {
            Contact::parse(c)
                .map_err(|m| p.fail(&["contact"], format!("`contact`: {m}")))
                .ok()
        });
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let team = Team {
            source: p.source.clone(),
            id,
            name,
            order: raw.order,
            summary: source::trimmed(raw.summary),
            contact,
            extra: raw.extra,
        };
        p.finish(team)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The team file `content/teams/ID.md` with front matter `front` and a body.
    fn parse(id: &str, front: &str) -> Result<Team, Vec<Diagnostic>> {
        let path = format!("content/teams/{id}.md");
        Team::parse(Path::new(&path), &format!("+++\n{front}\n+++\n介绍\n"))
    }

    #[test]
    fn reads_a_team() {
        let t = parse(
            "infra",
            "name = \"基础架构\"\norder = 2\ncontact = \"infra@example.com\"",
        )
        .unwrap();
        assert_eq!(t.id, "infra");
        assert_eq!(t.name, "基础架构");
        assert_eq!(t.order, 2);
        assert_eq!(t.source.body, "介绍\n");
    }

    #[test]
    fn rejects_bad_contact() {
        let errs = parse("x", "name = \"x\"\ncontact = \"nobody\"").unwrap_err();
        assert_eq!(errs[0].line, 3);
    }
}
