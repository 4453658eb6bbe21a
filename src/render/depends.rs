//! What each template is made of: itself, every template it extends or includes, found in
//! the template sources, and every template that defines components (Tera 2's components
//! can be called from any template). A page rendered from a template depends on those files
//! alone, so `serve` can keep pages whose templates did not change when another template is
//! edited.

use std::collections::{BTreeSet, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};

/// For each template name, a hash of the names and sources of the templates it is made of.
pub fn template_keys(templates: &[(&str, &str)]) -> HashMap<String, u64> {
    let sources: HashMap<&str, &str> = templates.iter().copied().collect();
    let components: Vec<String> = templates
        .iter()
        .filter(|(_, text)| defines_components(text))
        .map(|(name, _)| name.to_string())
        .collect();
    let direct: HashMap<&str, Vec<String>> = templates
        .iter()
        .map(|(name, text)| {
            let mut refs = references(text);
            refs.extend(components.iter().cloned());
            (*name, refs)
        })
        .collect();
    templates
        .iter()
        .map(|(name, _)| {
            let mut made_of = BTreeSet::new();
            let mut stack = vec![name.to_string()];
            while let Some(next) = stack.pop() {
                if made_of.insert(next.clone()) {
                    if let Some(refs) = direct.get(next.as_str()) {
                        stack.extend(refs.iter().cloned());
                    }
                }
            }
            let mut hasher = DefaultHasher::new();
            for part in &made_of {
                part.hash(&mut hasher);
                sources.get(part.as_str()).hash(&mut hasher);
            }
            (name.to_string(), hasher.finish())
        })
        .collect()
}

/// The templates a source names in `{% extends %}`, `{% import %}` and `{% include %}` tags
/// (every quoted name in such a tag; one in a comment or a raw block counts too, which only
/// errs on the side of rendering again).
fn references(source: &str) -> Vec<String> {
    let source = without_comments(source);
    let mut names = Vec::new();
    let mut rest = source.as_str();
    while let Some(start) = rest.find("{%") {
        let tag = &rest[start + 2..];
        let Some(end) = tag.find("%}") else { break };
        // A `{%` inside a string or a raw block is not a tag: the tag starts at the last one.
        let tag = match tag[..end].rfind("{%") {
            Some(inner) => &tag[inner + 2..],
            None => tag,
        };
        let Some(end) = tag.find("%}") else { break };
        let inner = tag[..end].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let keyword = inner.split_whitespace().next().unwrap_or("");
        if matches!(keyword, "extends" | "import" | "include") {
            names.extend(quoted(inner));
        }
        rest = &tag[end + 2..];
    }
    names
}

/// Whether a source has a `{% component … %}` tag.
fn defines_components(source: &str) -> bool {
    let source = without_comments(source);
    source.match_indices("{%").any(|(i, _)| {
        source[i + 2..]
            .trim_start_matches(['-', '+'])
            .trim_start()
            .starts_with("component ")
    })
}

/// `source` without its `{# … #}` comments.
fn without_comments(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(start) = rest.find("{#") {
        out.push_str(&rest[..start]);
        match rest[start + 2..].find("#}") {
            Some(end) => rest = &rest[start + 2 + end + 2..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// The strings in quotes (`"…"`, `'…'` or `` `…` ``) of a tag.
fn quoted(tag: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(open) = rest.find(['"', '\'', '`']) {
        // The quotes are ASCII: one byte.
        let quote = char::from(rest.as_bytes()[open]);
        let body = &rest[open + 1..];
        let Some(len) = body.find(quote) else { break };
        out.push(body[..len].to_string());
        rest = &body[len + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_extends_imports_and_includes() {
        let source = r#"{% extends "base.html" %}{%- import 'macros.html' as m -%}
{% block main %}{% include ["a.html", "b.html"] ignore missing %}{{ "include.html" }}{% endblock %}"#;
        assert_eq!(
            references(source),
            ["base.html", "macros.html", "a.html", "b.html"]
        );
    }

    #[test]
    fn stray_tag_openers_in_comments_and_strings_hide_no_tag() {
        let source = r#"{# tip: {%- trims #}{% include "x.html" %}{{ "{%" }}{% import "m.html" as m %}
{# {% include "commented.html" %} #}"#;
        assert_eq!(references(source), ["x.html", "m.html"]);
    }

    #[test]
    fn a_template_depends_on_what_it_is_made_of_only() {
        let keys = |base: &str, card: &str| {
            template_keys(&[
                ("base.html", base),
                ("posting.html", "{% extends \"base.html\" %}"),
                ("card.html", card),
                (
                    "cards.html",
                    "{% for c in cards %}{% include \"card.html\" %}{% endfor %}",
                ),
                ("404.html", "not found"),
            ])
        };
        let one = keys("<html>", "<li>");
        let base_edited = keys("<html lang>", "<li>");
        let card_edited = keys("<html>", "<li class>");
        assert_ne!(one["posting.html"], base_edited["posting.html"]);
        assert_eq!(one["posting.html"], card_edited["posting.html"]);
        assert_ne!(one["cards.html"], card_edited["cards.html"]);
        assert_eq!(one["404.html"], base_edited["404.html"]);
        assert_eq!(one["404.html"], card_edited["404.html"]);
        assert_ne!(one["404.html"], one["card.html"], "names count");
    }

    #[test]
    fn every_template_depends_on_the_templates_that_define_components() {
        let keys = |components: &str| {
            template_keys(&[
                ("components.html", components),
                ("404.html", "{{ <count n={1} /> }}"),
                ("plain.html", "plain"),
            ])
        };
        let one = keys("{% component count(n) %}{{ n }}{% endcomponent count %}");
        let edited = keys("{%- component count(n) %}[{{ n }}]{% endcomponent count %}");
        assert_ne!(one["404.html"], edited["404.html"]);
        assert_ne!(one["plain.html"], edited["plain.html"]);
        let without = keys("{# {% component count(n) %} #}no components");
        let without_edited = keys("{# {% component count(n) %} #}none");
        assert_eq!(without["404.html"], without_edited["404.html"]);
    }

    #[test]
    fn cycles_and_missing_templates_end() {
        let keys = template_keys(&[
            ("a.html", "{% include \"b.html\" %}"),
            (
                "b.html",
                "{% include \"a.html\" %}{% include \"gone.html\" %}",
            ),
        ]);
        assert_eq!(keys.len(), 2);
    }
}
