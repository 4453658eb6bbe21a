//! The Markdown stage: every body in the site rendered to HTML, in parallel.

use std::time::Duration;

use rayon::prelude::*;

use super::Site;
use crate::content::source::Source;
use crate::diagnostic::{line_column, Diagnostic};
use crate::markdown::{self, Links, Rendered};

/// The rendered bodies, aligned with the site's `jobs`, `teams` and `resumes`.
#[derive(Debug, Clone, Default)]
pub struct Bodies {
    pub home: Rendered,
    pub jobs: Vec<Rendered>,
    pub teams: Vec<Rendered>,
    pub resumes: Vec<Rendered>,
    /// Time spent highlighting code, summed over all threads.
    pub highlight_time: Duration,
}

/// Renders one source's body; a link to missing content is an error at its line.
pub fn render_source(site: &Site<'_>, source: &Source) -> (Rendered, Vec<Diagnostic>) {
    let (rendered, errors, _) = render_source_timed(site, source);
    (rendered, errors)
}

/// [`render_source`], also returning the time spent highlighting code.
fn render_source_timed(site: &Site<'_>, source: &Source) -> (Rendered, Vec<Diagnostic>, Duration) {
    let links = Links {
        base_path: site.config.base_url.path(),
        content: &site.content_hrefs,
    };
    let (rendered, broken, highlight_time) =
        markdown::render_timed(&source.body, &links, site.config.markdown.highlight_code);
    let errors = broken
        .into_iter()
        .map(|b| {
            let (line, column) = line_column(&source.body, b.offset);
            Diagnostic::error(
                &source.path,
                source.body_line + line - 1,
                column,
                format!("broken link `{}`: no such content file", b.target),
            )
        })
        .collect();
    (rendered, errors, highlight_time)
}

/// Renders every body of the site.
pub fn render_all(site: &Site<'_>) -> (Bodies, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let mut highlight_time = Duration::ZERO;
    let mut collect = |(r, e, t): (Rendered, Vec<Diagnostic>, Duration)| {
        errors.extend(e);
        highlight_time += t;
        r
    };
    let home = collect(render_source_timed(site, &site.home.source));
    let jobs: Vec<_> = site
        .jobs
        .par_iter()
        .map(|j| render_source_timed(site, &j.posting.source))
        .collect();
    let jobs = jobs.into_iter().map(&mut collect).collect();
    let teams: Vec<_> = site
        .teams
        .par_iter()
        .map(|t| {
            t.team
                .map(|t| render_source_timed(site, &t.source))
                .unwrap_or_default()
        })
        .collect();
    let teams = teams.into_iter().map(&mut collect).collect();
    let resumes: Vec<_> = site
        .resumes
        .par_iter()
        .map(|r| render_source_timed(site, &r.resume.source))
        .collect();
    let resumes = resumes.into_iter().map(&mut collect).collect();
    (
        Bodies {
            home,
            jobs,
            teams,
            resumes,
            highlight_time,
        },
        errors,
    )
}
