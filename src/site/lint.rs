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
        if p.date.days_from(now) > 0 {
            out.push(src.warning(
                "date",
                format!(
                    "`date` {} is after today: the posting is listed now, and search engines are told it was posted on that day",
                    p.date.iso()
                ),
            ));
        }
        if p.apply.is_none() && site.teams[job.team].contact().is_none() {
            out.push(src.warning(
                "title",
                "no `apply` address (and the team has no `contact`): candidates cannot apply",
            ));
        }
        // Without the organization's address either, `without_place` says so already.
        if p.locations.is_empty() && !p.remote && site.has_place(job) {
            out.push(src.warning(
                "title",
                "no `locations` and not `remote`: search engines are given the organization's address as the place of work",
            ));
        }
        if site.teams[job.team].file.is_none() {
            out.push(src.warning("team", no_team_file(site, &p.team, job.team)));
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

/// The warning for a posting whose team `named` (team `index`) has no file: a team with a
/// file whose id or name it likely misspells, when there is one; else the file to add, which a posting
/// finds by its name (the file's own name when it is the team's, else its `name` key).
fn no_team_file(site: &Site, named: &str, index: usize) -> String {
    let with_files: Vec<&str> = site
        .teams
        .iter()
        .filter_map(|t| t.file.as_ref())
        .flat_map(|f| [f.id.as_str(), f.name.as_str()])
        .collect();
    // A likely typo: the same letters in another case, or a long name one or two edits off.
    // Short names differ by one character on purpose (前端 and 后端).
    let near = with_files
        .iter()
        .find(|k| k.to_lowercase() == named.to_lowercase())
        .copied()
        .or_else(|| {
            (named.chars().count() >= 4)
                .then(|| crate::suggest::nearest(named, &with_files))
                .flatten()
        });
    if let Some(near) = near {
        return format!("team `{named}` has no file: did you mean `{near}`?");
    }
    let slug = &site.teams[index].slug;
    if *slug == named {
        format!("team `{named}` has no file: add content/teams/{slug}.md to give it a description and order")
    } else {
        format!("team `{named}` has no file: add content/teams/{slug}.md with `name = \"{named}\"` to give it a description and order")
    }
}
