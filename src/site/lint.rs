//! What `check` adds to a build's own errors: advice about content that builds but may be wrong.

use chrono::{DateTime, Utc};

use super::{Site, Status};
use crate::diagnostic::{display_path, Diagnostic, Severity};

/// Postings closing within this many days are reported.
pub const CLOSING_SOON_DAYS: i64 = 14;

/// Open postings that get no `JobPosting` structured data because nothing says where the
/// work is (no `locations`, not `remote`, no `[organization] address` in config.toml).
pub fn without_place(site: &Site) -> Vec<Diagnostic> {
    site.jobs
        .iter()
        .filter(|j| j.status == Status::Open && !site.has_place(j))
        .map(|j| {
            j.posting.source.warning(
                "title",
                "no JobPosting structured data: Google needs a place of work; set `locations` or `remote = true`, or give `[organization] address` in config.toml",
            )
        })
        .collect()
}

/// Warnings about the assembled site: missing recommended fields, closed or soon-closing
/// postings, teams without a file.
pub fn lint(site: &Site, now: DateTime<Utc>) -> Vec<Diagnostic> {
    let mut out = without_place(site);
    for job in &site.jobs {
        let p = &job.posting;
        let src = &p.source;
        match (job.status, p.valid_through) {
            (Status::Closed, Some(v)) => out.push(src.warning(
                "valid_through",
                format!("closed on {} (`valid_through`): the page stays but the posting is listed nowhere; remove it or extend `valid_through`", v.iso()),
            )),
            (Status::Open, Some(v)) if v.days_from(now) <= CLOSING_SOON_DAYS => out.push(src.warning(
                "valid_through",
                format!("closes in {} day(s), on {}", v.days_from(now).max(0), v.iso()),
            )),
            (Status::Open, None) => out.push(src.warning(
                "date",
                "no `valid_through`: search engines recommend an end date for job postings",
            )),
            _ => {}
        }
        if job.status == Status::Closed {
            continue;
        }
        if p.apply.is_none() && site.teams[job.team].contact().is_none() {
            out.push(src.warning(
                "title",
                "no `apply` address (and the team has no `contact`): candidates cannot apply",
            ));
        }
        if p.locations.is_empty() && !p.remote {
            out.push(src.warning(
                "title",
                "no `locations` and not `remote`: job search engines need a place",
            ));
        }
        if site.teams[job.team].file.is_none() {
            out.push(src.warning(
                "team",
                format!(
                    "team `{}` has no file: add content/teams/{}.md to give it a description and order",
                    p.team, site.teams[job.team].slug
                ),
            ));
        }
    }
    for team in &site.teams {
        if let Some(t) = &team.file {
            if team.jobs.is_empty() {
                out.push(Diagnostic::new(
                    Severity::Warning,
                    &t.source.path,
                    1,
                    1,
                    format!("team `{}` has no open postings", team.name),
                ));
            }
        }
    }
    out.sort_by_key(|d| (display_path(&d.path), d.line));
    out
}
