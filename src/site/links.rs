//! Links in bodies to a path on the site (`[与我们联系](/teams/infra/)`, `![](/logo.png)`):
//! `check` reports each that names no page or file the build writes.

use std::collections::HashSet;

use percent_encoding::percent_decode_str;

use super::bodies::Bodies;
use super::Site;
use crate::diagnostic::{line_column, Diagnostic, Severity};

/// A warning for each link of a body to a path on the site that `outputs` (the files the
/// build writes, relative to the output folder: `jobs/a/index.html`, `style.css`) lacks.
pub fn unresolved(site: &Site, bodies: &Bodies, outputs: &HashSet<String>) -> Vec<Diagnostic> {
    let base_path = site.config.base_url.path();
    let mut found = Vec::new();
    for (source, body) in super::bodies::sources(site).into_iter().zip(bodies.all()) {
        let Some(source) = source else { continue };
        for link in &body.site_links {
            if resolves(&link.target, base_path, outputs) {
                continue;
            }
            let (line, column) = line_column(&source.body, link.offset);
            found.push(Diagnostic::new(
                Severity::Warning,
                &source.path,
                source.body_line + line - 1,
                column,
                format!(
                    "broken link `{}`: the site has no page or file there",
                    link.target
                ),
            ));
        }
    }
    found
}

/// Whether `target` (`/jobs/a/#apply`, `/careers/logo.png`) names a file of `outputs`: as a
/// folder, its `index.html`.
fn resolves(target: &str, base_path: &str, outputs: &HashSet<String>) -> bool {
    let path = target.split(['#', '?']).next().unwrap_or_default();
    // Where the body's href leads: under the sub-path, as the Markdown stage writes it.
    let href = crate::markdown::site_href(path, base_path).unwrap_or_else(|| path.to_string());
    let path = href.strip_prefix(base_path).unwrap_or_default();
    let path = percent_decode_str(path).decode_utf8_lossy();
    if path.is_empty() || path.ends_with('/') {
        return outputs.contains(&format!("{path}index.html"));
    }
    outputs.contains(path.as_ref()) || outputs.contains(&format!("{path}/index.html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_names_a_file_or_a_folder_with_an_index() {
        let outputs: HashSet<String> = ["index.html", "jobs/后端/index.html", "style.css"]
            .map(String::from)
            .into();
        for good in [
            "/",
            "/careers/",
            "/careers",
            "/careers#jobs",
            "/jobs/后端/",
            "/jobs/%E5%90%8E%E7%AB%AF/#apply",
            "/careers/jobs/后端",
            "/style.css?v=1",
        ] {
            assert!(resolves(good, "/careers/", &outputs), "{good}");
        }
        for bad in ["/nowhere/", "/jobs/", "/careers/style.css/", "/logo.png"] {
            assert!(!resolves(bad, "/careers/", &outputs), "{bad}");
        }
    }
}
