//! The site graph: postings with their teams and locations, open or closed, slugs and routes.

pub mod aliases;
mod assemble;
pub use assemble::RESUME_HOME;
pub mod bodies;
pub mod links;
pub mod lint;
pub mod slugs;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::content::apply::Contact;
use crate::content::slug::SlugMode;
use crate::content::slug::{slugify, stable_id};
use crate::content::{Home, Posting, Resume, Team};
use crate::diagnostic::display_path;
use crate::lang::Lang;

/// Where a posting stands on the build's day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Open,
    /// Past `valid_through`: its page stays, it is listed nowhere.
    Closed,
    /// `draft = true`, built only with `--drafts`.
    Draft,
}

/// A posting in the graph.
#[derive(Debug, Clone)]
pub struct Job {
    pub posting: Arc<Posting>,
    pub slug: String,
    /// Index into [`Site::teams`].
    pub team: usize,
    /// Indexes into [`Site::locations`], in the posting's order.
    pub locations: Vec<usize>,
    pub status: Status,
    /// The posting's language: its own `lang`, else the site's.
    pub lang: Lang,
}

impl Job {
    /// Listed on the home, team and location pages (open, or a draft when drafts are built).
    pub fn is_listed(&self) -> bool {
        self.status != Status::Closed
    }

    /// In feeds, `jobs.json` and the sitemap: open postings only.
    pub fn is_published(&self) -> bool {
        self.status == Status::Open
    }

    pub fn route(&self) -> String {
        format!("jobs/{}/", self.slug)
    }
}

/// Postings grouped under a name, on a page of their own: a [`TeamNode`] or a
/// [`LocationNode`].
#[derive(Debug, Clone)]
pub struct Group<F> {
    pub name: String,
    pub slug: String,
    /// Indexes into [`Site::jobs`], listed ones only, in listing order.
    pub jobs: Vec<usize>,
    /// The file that describes the group: a team's `content/teams/ID.md`, when it has one.
    pub file: F,
}

/// A team: from `content/teams/ID.md`, or only named by postings (no file).
pub type TeamNode = Group<Option<Arc<Team>>>;

/// A city or place named by postings.
pub type LocationNode = Group<()>;

impl TeamNode {
    pub fn route(&self) -> String {
        format!("teams/{}/", self.slug)
    }

    /// Where the team is listed among teams: its file's `order`, else 0.
    pub fn order(&self) -> i64 {
        self.file.as_ref().map_or(0, |t| t.order)
    }

    /// How to apply to the team, from its file's `contact`.
    pub fn contact(&self) -> Option<&Contact> {
        self.file.as_ref().and_then(|t| t.contact.as_ref())
    }
}

impl LocationNode {
    pub fn route(&self) -> String {
        format!("locations/{}/", self.slug)
    }
}

/// A resume in the graph.
#[derive(Debug, Clone)]
pub struct ResumeNode {
    pub resume: Arc<Resume>,
    pub slug: String,
    pub lang: Lang,
}

impl ResumeNode {
    pub fn route(&self) -> String {
        format!("resumes/{}/", self.slug)
    }
}

/// What the build was asked for.
#[derive(Debug, Clone, Copy)]
pub struct BuildOptions {
    /// Include `draft = true` postings.
    pub drafts: bool,
    /// "Today": from the clock, or `SOURCE_DATE_EPOCH`.
    pub now: DateTime<Utc>,
}

/// The assembled site: everything templates need, in listing order.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Arc<Config>,
    pub home: Arc<Home>,
    /// Every built posting (open, closed, and drafts when asked), in listing order:
    /// by team, then newest first.
    pub jobs: Vec<Job>,
    /// Teams by `order`, then name.
    pub teams: Vec<TeamNode>,
    /// Locations by number of listed postings, then name.
    pub locations: Vec<LocationNode>,
    pub resumes: Vec<ResumeNode>,
    /// `@/` link targets: path under `content/` → href.
    pub content_hrefs: HashMap<String, String>,
    pub options: BuildOptions,
}

/// A sort key that puts Chinese names in pinyin order among Latin ones.
pub fn name_key(name: &str) -> (String, String) {
    (deunicode::deunicode(name).to_lowercase(), name.to_string())
}

impl Site {
    /// Listed postings (open, plus drafts when built), in listing order.
    pub fn listed(&self) -> impl Iterator<Item = (usize, &Job)> {
        self.jobs.iter().enumerate().filter(|(_, j)| j.is_listed())
    }

    /// Indexes of open postings, newest first (for feeds and `jobs.json`).
    pub fn published_newest_first(&self) -> Vec<usize> {
        let mut jobs: Vec<usize> = (0..self.jobs.len())
            .filter(|&i| self.jobs[i].is_published())
            .collect();
        jobs.sort_by_cached_key(|&i| {
            (
                std::cmp::Reverse(self.jobs[i].posting.date.rfc3339()),
                self.jobs[i].slug.clone(),
            )
        });
        jobs
    }

    /// Whether a posting's `JobPosting` can name where the work is, as Google requires: its
    /// `locations`, remote work, or the organization's address. `check` warns about open
    /// postings without one ([`lint::without_place`]); their pages carry no `JobPosting`.
    pub fn has_place(&self, job: &Job) -> bool {
        !job.locations.is_empty()
            || job.posting.remote
            || self.config.organization.address.is_some()
    }
}

/// `content/jobs/a.md` → `jobs/a.md`, the form `@/` links use.
pub fn content_key(path: &std::path::Path) -> String {
    let shown = display_path(path);
    shown.strip_prefix("content/").unwrap_or(&shown).to_string()
}

/// A slug from `text`, or a stable ID from `seed` when the slug would be empty.
pub fn slug_or_id(text: &str, seed: &str, mode: SlugMode) -> String {
    match slugify(text, mode) {
        s if s.is_empty() => stable_id(seed),
        s => s,
    }
}

#[cfg(test)]
mod tests;
