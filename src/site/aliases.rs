//! `aliases`: pages at a posting's earlier addresses that send readers to its current URL,
//! so a title change does not break links already shared.

use std::collections::{HashMap, HashSet};

use super::Site;
use crate::diagnostic::{display_path, Diagnostic};
use crate::html::escape;

/// One alias page: its output path and the posting it points to (an index into `site.jobs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub path: String,
    pub job: usize,
}

/// Every alias of the site's postings, checked against the paths the build writes
/// (`outputs`) and against each other: a clash is an error at the posting's `aliases`.
pub fn aliases(site: &Site, outputs: &HashSet<String>) -> (Vec<Alias>, Vec<Diagnostic>) {
    let mut found: Vec<Alias> = Vec::new();
    let mut errors = Vec::new();
    let mut by_path: HashMap<&str, usize> = HashMap::new();
    for (job, j) in site.jobs.iter().enumerate() {
        for path in &j.posting.aliases {
            let shown = format!("/{}", path.trim_end_matches("index.html"));
            let clash = if outputs.contains(path) {
                Some("a page of the site is already there".to_string())
            } else if let Some(file) = folders(path).find(|f| outputs.contains(*f)) {
                // The alias would need a folder where the site has a file.
                Some(format!("the site has a file at `/{file}`"))
            } else {
                by_path.get(path.as_str()).map(|&other| {
                    format!(
                        "{} has the same alias",
                        display_path(&site.jobs[other].posting.source.path)
                    )
                })
            };
            match clash {
                Some(why) => errors.push(
                    j.posting
                        .source
                        .error("aliases", format!("alias `{shown}`: {why}")),
                ),
                None => {
                    by_path.insert(path, job);
                    found.push(Alias {
                        path: path.clone(),
                        job,
                    });
                }
            }
        }
    }
    (found, errors)
}

/// The folders `path` lies in, outermost first: `a/b/index.html` → `a`, `a/b`.
fn folders(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(move |(at, _)| &path[..at])
}

/// The page at an alias: a redirect by `<meta http-equiv="refresh">`, the current URL as
/// canonical, a plain link for readers whose browser does not follow it, and `noindex`.
pub fn page(site: &Site, alias: &Alias) -> String {
    let job = &site.jobs[alias.job];
    let target = escape(&site.config.base_url.absolute(&job.route()));
    let title = escape(&job.posting.title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{target}\">\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n<p><a href=\"{target}\">{title}</a></p>\n</body>\n</html>\n",
        lang = job.lang.tag(),
    )
}
