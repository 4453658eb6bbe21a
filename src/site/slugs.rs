//! Posting slugs. Adding a content file never changes another posting's URL: when two
//! postings would get the same slug, the one with the earlier `date` (then the earlier path)
//! keeps it; a later one takes its team's slug after it, then a number, or, when it wrote
//! that `slug` itself, is an error.

use std::collections::HashMap;

use rayon::prelude::*;

use super::{slug_or_id, TeamNode};
use crate::content::slug::SlugMode;
use crate::content::Posting;
use crate::diagnostic::{display_path, Diagnostic};

/// The slug a posting asks for: its `slug`, else one made from its title.
pub fn wanted(p: &Posting, mode: SlugMode) -> String {
    p.slug
        .clone()
        .unwrap_or_else(|| slug_or_id(&p.title, &display_path(&p.source.path), mode))
}

/// The order in which postings get their slugs: published before drafts (a draft, built with
/// `--drafts`, holds no address a published posting wants), then earlier `date` first (as an
/// instant, whatever the offsets written), then path.
fn seniority(
    p: &Posting,
) -> (
    bool,
    Option<chrono::DateTime<chrono::Utc>>,
    &std::path::Path,
) {
    let opened = chrono::DateTime::parse_from_rfc3339(&p.date.rfc3339())
        .ok()
        .map(|d| d.with_timezone(&chrono::Utc));
    (p.draft, opened, p.source.path.as_path())
}

/// Slugs for `postings` (in their order), given out in order of seniority (see
/// [`seniority`]), so that a posting added later never takes an address already given:
/// a posting's `slug` as written, an error when an earlier posting holds it; else the slug
/// of its title, or, when an earlier posting holds that, its team's slug after it, then a
/// number.
pub fn posting_slugs(
    postings: &[&Posting],
    teams: &[TeamNode],
    team_of: &[usize],
    mode: SlugMode,
    errors: &mut Vec<Diagnostic>,
) -> Vec<String> {
    // Seniority and the slug each posting wants are worked out on every core; the slugs are
    // then given out in order, on one.
    let mut order: Vec<_> = (0..postings.len())
        .into_par_iter()
        .map(|i| (seniority(postings[i]), i))
        .collect();
    // Paths are unique, so no two keys are equal: any sort gives the one order.
    order.par_sort_unstable();
    let bases: Vec<String> = order
        .par_iter()
        .map(|&(_, i)| wanted(postings[i], mode))
        .collect();
    // Each slug given, and the posting it went to.
    let mut taken: HashMap<String, usize> = HashMap::new();
    let mut out = vec![String::new(); postings.len()];
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    for ((_, i), base) in order.into_iter().zip(bases) {
        let p = postings[i];
        if p.slug.is_some() {
            if let Some(&holder) = taken.get(&base) {
                let other = postings[holder];
                let why = if other.slug.is_some() {
                    String::new()
                } else {
                    " (made from its title; it opened earlier, so the address is its own): \
                     choose another `slug`, or give that posting a `slug`"
                        .to_string()
                };
                errors.push(p.source.error(
                    "slug",
                    format!(
                        "duplicate slug `{base}`: {} already uses it{why}",
                        display_path(&other.source.path)
                    ),
                ));
            } else {
                taken.insert(base.clone(), i);
            }
            out[i] = base;
            continue;
        }
        let mut candidate = if taken.contains_key(&base) {
            format!("{base}-{}", teams[team_of[i]].slug)
        } else {
            base
        };
        if taken.contains_key(&candidate) {
            // The smallest free `stem-N`, N ≥ 2. Numbers below the one last given for this stem
            // are taken already (`taken` only grows), so each search resumes there: many
            // postings of one title cost linear time, not quadratic.
            let stem = candidate;
            let n = next_suffix.entry(stem.clone()).or_insert(2);
            loop {
                candidate = format!("{stem}-{n}");
                *n += 1;
                if !taken.contains_key(&candidate) {
                    break;
                }
            }
        }
        taken.insert(candidate.clone(), i);
        out[i] = candidate;
    }
    out
}

/// Warnings for `check`: each posting whose title slug another posting keeps, naming both.
pub fn clashes(site: &super::Site) -> Vec<Diagnostic> {
    let mode = site.config.slugs.mode;
    let holder: HashMap<&str, &Posting> = site
        .jobs
        .iter()
        .map(|j| (j.slug.as_str(), j.posting.as_ref()))
        .collect();
    site.jobs
        .iter()
        .filter_map(|job| {
            let wanted = wanted(&job.posting, mode);
            if wanted == job.slug {
                return None;
            }
            let keeper = holder.get(wanted.as_str())?;
            Some(job.posting.source.warning(
                if job.posting.slug.is_some() { "slug" } else { "title" },
                format!(
                    "its slug `{wanted}` is kept by {}, which opened earlier (or is earlier by path): this posting is at /{}; set `slug` to choose its address",
                    display_path(&keeper.source.path),
                    job.route()
                ),
            ))
        })
        .collect()
}
