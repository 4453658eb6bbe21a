//! [`Site::assemble`]: content and config → the graph (teams, locations, resumes, jobs in
//! listing order, the `@/` link targets).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use super::{
    content_key, name_key, slug_or_id, slugs, BuildOptions, Job, LocationNode, ResumeNode, Site,
    Status, TeamNode,
};
use crate::config::{Config, HomeKind};
use crate::content::slug::{check_slug, slugify, SlugMode};
use crate::content::{Content, Home, Posting};
use crate::diagnostic::{display_path, Diagnostic};

static EMPTY_HOME: std::sync::OnceLock<Arc<Home>> = std::sync::OnceLock::new();

impl Site {
    /// Builds the graph; errors (duplicate slugs, a resume home without one resume) are returned.
    pub fn assemble(
        config: &Config,
        content: &Content,
        options: BuildOptions,
    ) -> (Site, Vec<Diagnostic>) {
        let mut errors = Vec::new();
        let mode = config.slugs.mode;
        let home = content
            .home()
            .unwrap_or_else(|| EMPTY_HOME.get_or_init(|| Arc::new(Home::empty())));

        let postings: Vec<&Arc<Posting>> = content
            .postings()
            .filter(|p| options.drafts || !p.draft)
            .collect();
        let (teams, team_of) = assemble_teams(content, &postings, mode);
        let (mut locations, locations_of) = assemble_locations(&postings, mode);
        let plain: Vec<&Posting> = postings.iter().map(|p| p.as_ref()).collect();
        let slugs = slugs::posting_slugs(&plain, &teams, &team_of, mode, &mut errors);

        // Teams by `order`, then name; jobs by team, newest first, then title and path.
        let (mut teams, team_index) = sort_by_key(teams, |t| (t.order(), name_key(&t.name)));
        let jobs: Vec<Job> = postings
            .iter()
            .zip(slugs)
            .enumerate()
            .map(|(i, (p, slug))| Job {
                posting: Arc::clone(p),
                slug,
                team: team_index[team_of[i]],
                locations: locations_of[i].clone(),
                status: if p.draft {
                    Status::Draft
                } else if p.valid_through.is_some_and(|v| v.has_passed(options.now)) {
                    Status::Closed
                } else {
                    Status::Open
                },
                lang: p.lang.unwrap_or(config.language),
            })
            .collect();
        // The keys (a date written out, a title, a path each) made on every core.
        let mut keyed: Vec<_> = jobs
            .into_par_iter()
            .map(|j| {
                let key = (
                    j.team,
                    std::cmp::Reverse(j.posting.date.rfc3339()),
                    j.posting.title.clone(),
                    j.posting.source.path.clone(),
                );
                (key, j)
            })
            .collect();
        // Stable, as the order of postings with equal keys must not change.
        keyed.par_sort_by(|a, b| a.0.cmp(&b.0));
        let mut jobs: Vec<Job> = keyed.into_iter().map(|(_, j)| j).collect();

        for (i, job) in jobs.iter().enumerate() {
            if job.is_listed() {
                teams[job.team].jobs.push(i);
                for &l in &job.locations {
                    locations[l].jobs.push(i);
                }
            }
        }
        // Locations by number of listed postings, then name.
        let (locations, location_index) = sort_by_key(locations, |l| {
            (std::cmp::Reverse(l.jobs.len()), name_key(&l.name))
        });
        for job in &mut jobs {
            for l in &mut job.locations {
                *l = location_index[*l];
            }
        }

        let resumes = assemble_resumes(content, config, mode);
        if config.home == HomeKind::Resume && resumes.len() != 1 {
            errors.push(Diagnostic::error(
                crate::config::CONFIG_FILE,
                config.home_at.0,
                config.home_at.1,
                format!("{RESUME_HOME} found {}", resumes.len()),
            ));
        }

        let base = &config.base_url;
        let mut content_hrefs = HashMap::new();
        content_hrefs.insert("_index.md".to_string(), base.href(""));
        for job in &jobs {
            content_hrefs.insert(
                content_key(&job.posting.source.path),
                base.href(&job.route()),
            );
        }
        for team in &teams {
            if let Some(t) = &team.file {
                content_hrefs.insert(content_key(&t.source.path), base.href(&team.route()));
            }
        }
        for r in &resumes {
            content_hrefs.insert(content_key(&r.resume.source.path), base.href(&r.route()));
        }

        let site = Site {
            config: Arc::new(config.clone()),
            home: Arc::clone(home),
            jobs,
            teams,
            locations,
            resumes,
            content_hrefs,
            options,
        };
        (site, errors)
    }
}

/// Sorts `items` by `key`; also returns where each item moved (old index → new index).
fn sort_by_key<T, K: Ord>(items: Vec<T>, key: impl Fn(&T) -> K) -> (Vec<T>, Vec<usize>) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_cached_key(|&i| key(&items[i]));
    let mut moved = vec![0; items.len()];
    for (new, &old) in order.iter().enumerate() {
        moved[old] = new;
    }
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    let sorted = order.iter().filter_map(|&old| slots[old].take()).collect();
    (sorted, moved)
}
/// The start of the error for a resume home page without exactly one resume (what it found
/// follows): not reported when a resume file could not be read, which the error about that
/// file says already.
pub const RESUME_HOME: &str = "`home = \"resume\"` needs exactly one resume in content/resumes/,";

/// Teams with files, plus teams only named by postings; and each posting's team index.
fn assemble_teams(
    content: &Content,
    postings: &[&Arc<Posting>],
    mode: SlugMode,
) -> (Vec<TeamNode>, Vec<usize>) {
    let mut teams: Vec<TeamNode> = Vec::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    // Every team slug given: no two teams share a page, whether each has a file or not.
    let mut used_slugs: HashSet<String> = HashSet::new();
    let unique = |slug: String, used: &mut HashSet<String>| {
        let mut candidate = slug.clone();
        let mut n = 2;
        while !used.insert(candidate.clone()) {
            candidate = format!("{slug}-{n}");
            n += 1;
        }
        candidate
    };
    for team in content.teams() {
        let base = if check_slug(&team.id).is_ok() && slugify(&team.id, mode) == team.id {
            team.id.clone()
        } else {
            slug_or_id(&team.id, &display_path(&team.source.path), mode)
        };
        let slug = unique(base, &mut used_slugs);
        by_id.insert(team.id.as_str(), teams.len());
        by_name
            .entry(team.name.to_lowercase())
            .or_insert(teams.len());
        teams.push(TeamNode {
            name: team.name.clone(),
            slug,
            jobs: Vec::new(),
            file: Some(Arc::clone(team)),
        });
    }
    let team_of = postings
        .iter()
        .map(|p| {
            if let Some(&i) = by_id.get(p.team.as_str()) {
                return i;
            }
            let key = p.team.to_lowercase();
            if let Some(&i) = by_name.get(&key) {
                return i;
            }
            let slug = unique(slug_or_id(&p.team, &p.team, mode), &mut used_slugs);
            by_name.insert(key, teams.len());
            teams.push(TeamNode {
                name: p.team.clone(),
                slug,
                jobs: Vec::new(),
                file: None,
            });
            teams.len() - 1
        })
        .collect();
    (teams, team_of)
}

/// Every location named by the postings (merged by slug), and each posting's location indexes.
fn assemble_locations(
    postings: &[&Arc<Posting>],
    mode: SlugMode,
) -> (Vec<LocationNode>, Vec<Vec<usize>>) {
    let mut locations: Vec<LocationNode> = Vec::new();
    let mut by_slug: HashMap<String, usize> = HashMap::new();
    let locations_of = postings
        .iter()
        .map(|p| {
            let mut mine: Vec<usize> = Vec::new();
            for name in &p.locations {
                let slug = slug_or_id(name, name, mode);
                let i = *by_slug.entry(slug.clone()).or_insert_with(|| {
                    locations.push(LocationNode {
                        name: name.clone(),
                        slug,
                        jobs: Vec::new(),
                        file: (),
                    });
                    locations.len() - 1
                });
                if !mine.contains(&i) {
                    mine.push(i);
                }
            }
            mine
        })
        .collect();
    (locations, locations_of)
}

fn assemble_resumes(content: &Content, config: &Config, mode: SlugMode) -> Vec<ResumeNode> {
    let mut used: std::collections::HashSet<String> = std::collections::HashSet::new();
    content
        .resumes()
        .map(|r| {
            let mut slug = slug_or_id(&r.id, &display_path(&r.source.path), mode);
            let stem = slug.clone();
            let mut n = 2;
            while !used.insert(slug.clone()) {
                slug = format!("{stem}-{n}");
                n += 1;
            }
            ResumeNode {
                resume: Arc::clone(r),
                slug,
                lang: r.lang.unwrap_or(config.language),
            }
        })
        .collect()
}
