//! Posting slugs. Adding a content file never changes another posting's URL: when titles
//! give the same slug, the posting with the earlier `date` (then the earlier path) keeps it,
//! and the others take their team's slug after it, then a number.

use std::collections::{HashMap, HashSet};

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

/// The order in which postings get their slugs: earlier `date` first (as an instant, whatever
/// the offsets written), then path.
fn seniority(p: &Posting) -> (Option<chrono::DateTime<chrono::Utc>>, &std::path::Path) {
    let opened = chrono::DateTime::parse_from_rfc3339(&p.date.rfc3339())
        .ok()
        .map(|d| d.with_timezone(&chrono::Utc));
    (opened, p.source.path.as_path())
}

/// Slugs for `postings` (in their order): `slug` as written (duplicates are errors), else from
/// the title; a title slug already held goes to the posting that opened first.
pub fn posting_slugs(
    postings: &[&Posting],
    teams: &[TeamNode],
    team_of: &[usize],
    mode: SlugMode,
    errors: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut explicit: HashMap<String, usize> = HashMap::new();
    for (i, p) in postings.iter().enumerate() {
        if let Some(slug) = &p.slug {
            if let Some(&first) = explicit.get(slug) {
                errors.push(p.source.error(
                    "slug",
                    format!(
                        "duplicate slug `{slug}`: {} already uses it",
                        display_path(&postings[first].source.path)
                    ),
                ));
            } else {
                explicit.insert(slug.clone(), i);
            }
        }
    }
    // Seniority and the slug each posting wants are worked out on every core; the slugs are
    // then given out in order, on one.
    let mut order: Vec<_> = (0..postings.len())
        .into_par_iter()
        .filter(|&i| postings[i].slug.is_none())
        .map(|i| (seniority(postings[i]), i))
        .collect();
    // Paths are unique, so no two keys are equal: any sort gives the one order.
    order.par_sort_unstable();
    let bases: Vec<String> = order
        .par_iter()
        .map(|&(_, i)| wanted(postings[i], mode))
        .collect();
    let mut taken: HashSet<String> = explicit.keys().cloned().collect();
    let mut out = vec![String::new(); postings.len()];
    for (i, p) in postings.iter().enumerate() {
        if let Some(slug) = &p.slug {
            out[i] = slug.clone();
        }
    }
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    for ((_, i), base) in order.into_iter().zip(bases) {
        let mut candidate = if taken.contains(&base) {
            format!("{base}-{}", teams[team_of[i]].slug)
        } else {
            base
        };
        if taken.contains(&candidate) {
            // The smallest free `stem-N`, N ≥ 2. Numbers below the one last given for this stem
            // are taken already (`taken` only grows), so each search resumes there: many
            // postings of one title cost linear time, not quadratic.
            let stem = candidate;
            let n = next_suffix.entry(stem.clone()).or_insert(2);
            loop {
                candidate = format!("{stem}-{n}");
                *n += 1;
                if !taken.contains(&candidate) {
                    break;
                }
            }
        }
        taken.insert(candidate.clone());
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
