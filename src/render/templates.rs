//! The theme's and the site's templates in one Tera 2 instance, and Tera's errors as
//! diagnostics at `file:line:column`.
//!
//! The site's own templates (`templates/`) are added under their names; the theme's under
//! [`THEME_PREFIX`], which Tera tries when a name is not found as given. A site template thus
//! overrides the theme template of the same name wherever it is named (`render`, `extends`,
//! `include`), and a component the site defines overrides the theme's component of the same
//! name instead of clashing with it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tera::{ErrorKind, Tera};

use super::theme::{TemplateSource, Theme};
use crate::diagnostic::Diagnostic;

/// The names of the theme's templates start with this inside Tera.
pub(super) const THEME_PREFIX: &str = "__theme/";

/// Template name inside Tera → the file it came from.
pub(super) type Origins = HashMap<String, PathBuf>;

/// Whether a template is the site's own (from `templates/`) rather than the theme's.
fn from_site(t: &TemplateSource) -> bool {
    t.origin.starts_with("templates")
}

/// The name a template has inside Tera.
fn tera_name(t: &TemplateSource) -> String {
    if from_site(t) {
        t.name.clone()
    } else {
        format!("{THEME_PREFIX}{}", t.name)
    }
}

/// A Tera instance with every template of `theme`, escaping `.html` and `.xml` templates with
/// [`crate::html::escape_to`]; every syntax error of every template, or the problems found
/// once all parse (unknown filters, components, parents…).
pub(super) fn load(theme: &Theme) -> Result<(Tera, Origins), Vec<Diagnostic>> {
    let mut sources: Vec<(String, &str)> = theme
        .templates
        .iter()
        .map(|t| (tera_name(t), t.text.as_str()))
        .collect();
    let origins: Origins = theme
        .templates
        .iter()
        .map(|t| (tera_name(t), t.origin.clone()))
        .collect();
    let mut errors = Vec::new();
    // Tera stops at the first template that does not parse: set it aside and try the others,
    // so one run names every syntax error.
    loop {
        let mut tera = Tera::new();
        // Tera's own escaping also rewrites `/`, which bloats every URL; quotes and markup suffice.
        tera.set_escape_fn(crate::html::escape_to);
        tera.autoescape_on([".html", ".xml"]);
        if let Err(e) = tera.set_fallback_prefixes([THEME_PREFIX]) {
            return Err(vec![diagnostic(&e, &origins, None)]);
        }
        match tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), *t))) {
            Ok(()) if errors.is_empty() => return Ok((tera, origins)),
            Ok(()) => return Err(errors),
            Err(e) => {
                let broken = match e.kind() {
                    ErrorKind::SyntaxError(report) => Some(report.filename().to_string()),
                    _ => None,
                };
                let syntax = broken.is_some();
                if syntax || errors.is_empty() {
                    let text = broken
                        .as_deref()
                        .and_then(|b| sources.iter().find(|(n, _)| n == b))
                        .map_or("", |(_, t)| *t);
                    errors.extend(
                        diagnostics(&e, &origins, None)
                            .into_iter()
                            .map(|d| with_tera1_hint(d, text)),
                    );
                }
                // Other problems found after a syntax error may be its consequences.
                match broken {
                    Some(name) if sources.iter().any(|(n, _)| *n == name) => {
                        sources.retain(|(n, _)| *n != name)
                    }
                    _ => return Err(errors),
                }
            }
        }
    }
}

/// An unknown `macro` or `import` tag, with what Tera 2 has instead: templates written for
/// Tera 1 (yingcai before Tera 2) meet this first.
fn with_tera1_hint(mut d: Diagnostic, text: &str) -> Diagnostic {
    if !d.message.starts_with("Unknown tag") {
        return d;
    }
    let word: String = text
        .lines()
        .nth(d.line.saturating_sub(1))
        .and_then(|line| line.get(d.column.saturating_sub(1)..))
        .map(|rest| rest.chars().take_while(char::is_ascii_alphabetic).collect())
        .unwrap_or_default();
    if matches!(word.as_str(), "macro" | "endmacro" | "import") {
        d.message = format!(
            "{} `{word}`: Tera 2 has no macros; define a `{{% component %}}` and call it as `{{{{ <name arg={{…}} /> }}}}` (README: \"Coming from Tera 1\")",
            d.message
        );
    }
    d
}

/// A Tera error as one diagnostic (the first, when it holds several).
pub(super) fn diagnostic(
    err: &tera::Error,
    origins: &Origins,
    rendering: Option<&str>,
) -> Diagnostic {
    diagnostics(err, origins, rendering).swap_remove(0)
}

/// A Tera error as diagnostics at the file, line and column of each problem it reports;
/// `rendering` names the template being rendered, for errors that name none.
pub(super) fn diagnostics(
    err: &tera::Error,
    origins: &Origins,
    rendering: Option<&str>,
) -> Vec<Diagnostic> {
    let file = |name: &str| file_of(name, origins);
    let at_template =
        |name: &str, message: String| vec![Diagnostic::error(file(name), 1, 1, clean(&message))];
    let mut out = match err.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let name = if report.filename().is_empty() {
                rendering.unwrap_or("")
            } else {
                report.filename()
            };
            let mut message = report.message().to_string();
            let mut source = std::error::Error::source(err);
            while let Some(e) = source {
                message.push_str(": ");
                message.push_str(&e.to_string());
                source = e.source();
            }
            vec![Diagnostic::error(
                file(name),
                span.start_line.max(1),
                span.start_col + 1,
                clean(&message),
            )]
        }
        ErrorKind::CircularExtend { tpl, .. } | ErrorKind::CircularInclude { tpl, .. } => {
            at_template(tpl, err.to_string())
        }
        ErrorKind::MissingParent { current, .. } => at_template(current, err.to_string()),
        ErrorKind::Msg(text) => reports(text, origins),
        _ => Vec::new(),
    };
    if out.is_empty() {
        out = at_template(rendering.unwrap_or(""), err.to_string());
    }
    out
}

/// The problems Tera reports together in one message once every template has parsed
/// (unknown filters, tests, functions, components, templates), each a report that starts
/// `error: MESSAGE` with a line ` --> NAME:LINE:COLUMN`.
fn reports(text: &str, origins: &Origins) -> Vec<Diagnostic> {
    text.split("\n\n")
        .filter_map(|report| {
            let message = report.lines().next()?.strip_prefix("error: ")?;
            let locus = report
                .lines()
                .find_map(|l| l.trim_start().strip_prefix("--> "))?;
            let mut parts = locus.rsplitn(3, ':');
            let column = parts.next()?.parse().ok()?;
            let line = parts.next()?.parse().ok()?;
            let name = parts.next()?;
            Some(Diagnostic::error(
                file_of(name, origins),
                line,
                column,
                clean(message),
            ))
        })
        .collect()
}

/// The file a template came from.
fn file_of(name: &str, origins: &Origins) -> PathBuf {
    origins.get(name).cloned().unwrap_or_else(|| {
        Path::new("templates").join(name.strip_prefix(THEME_PREFIX).unwrap_or(name))
    })
}

/// A message without the names templates have inside Tera.
fn clean(message: &str) -> String {
    message.replace(THEME_PREFIX, "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::theme::TemplateSource;

    fn theme(templates: &[(&str, &str)]) -> Theme {
        Theme {
            templates: templates
                .iter()
                .map(|(name, text)| TemplateSource {
                    name: name.to_string(),
                    text: text.to_string(),
                    origin: Path::new("templates").join(name),
                })
                .collect(),
            ..Theme::default()
        }
    }

    #[test]
    fn tera1_macros_get_a_hint_and_every_broken_template_is_named() {
        let errors = load(&theme(&[
            ("a.html", "<p>\n{% import \"m.html\" as m %}"),
            ("m.html", "{% macro count(n) %}{{ n }}{% endmacro count %}"),
            ("b.html", "ok {{ x"),
        ]))
        .err()
        .unwrap();
        let found: Vec<String> = errors.iter().map(|d| d.to_string()).collect();
        assert_eq!(errors.len(), 3, "{found:#?}");
        assert!(
            found[0].starts_with(
                "templates/a.html:2:4: error: Unknown tag `import`: Tera 2 has no macros"
            ),
            "{found:#?}"
        );
        assert!(
            found[1].starts_with("templates/m.html:1:4: error: Unknown tag `macro`"),
            "{found:#?}"
        );
        assert!(found[2].starts_with("templates/b.html:1:"), "{found:#?}");
        assert!(!found[2].contains("component"), "{found:#?}");
    }

    #[test]
    fn theme_templates_are_found_by_their_own_names() {
        let mut t = theme(&[(
            "page.html",
            "{% extends \"base.html\" %}{% block b %}page{% endblock b %}",
        )]);
        t.templates.push(TemplateSource {
            name: "base.html".into(),
            text: "theme:{% block b %}{% endblock b %}".into(),
            origin: PathBuf::from("themes/x/templates/base.html"),
        });
        let (tera, origins) = load(&t).unwrap();
        let html = tera.render("page.html", &tera::Context::new()).unwrap();
        assert_eq!(html, "theme:page");
        assert_eq!(
            origins[&format!("{THEME_PREFIX}base.html")],
            PathBuf::from("themes/x/templates/base.html")
        );
    }
}
