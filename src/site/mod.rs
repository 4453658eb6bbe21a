//! The site graph: postings with their teams and locations, open or closed, slugs and routes.

pub mod aliases;
pub mod bodies;
pub mod lint;
pub mod slugs;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::config::{Config, HomeKind};
use crate::content::slug::SlugMode;
use crate::content::slug::{check_slug, slugify, stable_id};
use crate::content::{Content, Home, Posting, Resume, Team};
use crate::diagnostic::{display_path, Diagnostic};
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

/// A team: from `content/teams/ID.md`, or only named by postings.
#[derive(Debug, Clone)]
pub struct TeamNode {
    pub team: Option<Arc<Team>>,
    pub name: String,
    pub slug: String,
    pub order: i64,
    /// Indexes into [`Site::jobs`], listed ones only, in listing order.
    pub jobs: Vec<usize>,
}

impl TeamNode {
    pub fn route(&self) -> String {
        format!("teams/{}/", self.slug)
    }
}

/// A city or place named by postings.
#[derive(Debug, Clone)]
pub struct LocationNode {
    pub name: String,
    pub slug: String,
    /// Indexes into [`Site::jobs`], listed ones only, in listing order.
    pub jobs: Vec<usize>,
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
        let (mut teams, team_index) = sort_by_key(teams, |t| (t.order, name_key(&t.name)));
        let mut jobs: Vec<Job> = postings
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
        jobs.sort_by_cached_key(|j| {
            (
                j.team,
                std::cmp::Reverse(j.posting.date.rfc3339()),
                j.posting.title.clone(),
                j.posting.source.path.clone(),
            )
        });

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
                1,
                1,
                format!(
                    "`home = \"resume\"` needs exactly one resume in content/resumes/, found {}",
                    resumes.len()
                ),
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
            if let Some(t) = &team.team {
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

/// Teams with files, plus teams only named by postings; and each posting's team index.
fn assemble_teams(
    content: &Content,
    postings: &[&Arc<Posting>],
    mode: SlugMode,
) -> (Vec<TeamNode>, Vec<usize>) {
    let mut teams: Vec<TeamNode> = Vec::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut used_slugs: BTreeMap<String, usize> = BTreeMap::new();
    let unique = |slug: String, used: &mut BTreeMap<String, usize>| {
        let n = used.entry(slug.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            slug
        } else {
            format!("{slug}-{n}")
        }
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
            team: Some(Arc::clone(team)),
            name: team.name.clone(),
            slug,
            order: team.order,
            jobs: Vec::new(),
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
                team: None,
                name: p.team.clone(),
                slug,
                order: 0,
                jobs: Vec::new(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Item, Posting, Team};
    use std::path::{Path, PathBuf};

    fn config() -> Config {
        Config::parse("title = \"t\"\nbase_url = \"https://example.com/careers/\"\n").unwrap()
    }

    fn posting(path: &str, front: &str) -> (PathBuf, Item) {
        let text = format!("+++\n{front}\n+++\n");
        (
            PathBuf::from(path),
            Item::Posting(std::sync::Arc::new(
                Posting::parse(Path::new(path), &text).unwrap(),
            )),
        )
    }

    fn team(id: &str, front: &str) -> (PathBuf, Item) {
        let path = format!("content/teams/{id}.md");
        let text = format!("+++\n{front}\n+++\n");
        (
            PathBuf::from(&path),
            Item::Team(Arc::new(Team::parse(Path::new(&path), &text).unwrap())),
        )
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-22T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn content(items: Vec<(PathBuf, Item)>) -> Content {
        let mut c = Content::default();
        for (p, i) in items {
            c.insert(p, i);
        }
        c
    }

    #[test]
    fn open_closed_and_draft_by_the_build_day() {
        let config = config();
        let content = content(vec![
            posting(
                "content/jobs/a.md",
                "title = \"A\"\nteam = \"t\"\ndate = 2026-11-01",
            ),
            posting(
                "content/jobs/b.md",
                "title = \"B\"\nteam = \"t\"\ndate = 2026-01-01\nvalid_through = 2026-11-21",
            ),
            posting(
                "content/jobs/c.md",
                "title = \"C\"\nteam = \"t\"\ndate = 2026-01-01\nvalid_through = 2026-11-22",
            ),
            posting(
                "content/jobs/d.md",
                "title = \"D\"\nteam = \"t\"\ndate = 2026-01-01\ndraft = true",
            ),
        ]);
        let (site, errors) = Site::assemble(
            &config,
            &content,
            BuildOptions {
                drafts: false,
                now: now(),
            },
        );
        assert!(errors.is_empty());
        let status: Vec<(&str, Status)> = site
            .jobs
            .iter()
            .map(|j| (j.posting.title.as_str(), j.status))
            .collect();
        assert_eq!(
            status,
            [
                ("A", Status::Open),
                ("B", Status::Closed),
                ("C", Status::Open)
            ]
        );
        assert_eq!(
            site.teams[0].jobs.len(),
            2,
            "closed postings are not listed"
        );
        let (site, _) = Site::assemble(
            &config,
            &content,
            BuildOptions {
                drafts: true,
                now: now(),
            },
        );
        assert!(site.jobs.iter().any(|j| j.status == Status::Draft));
    }

    #[test]
    fn teams_sort_by_order_then_pinyin_and_resolve_by_id_or_name() {
        let config = config();
        let content = content(vec![
            team("z", "name = \"中间件\"\norder = 1"),
            team("b", "name = \"北京研发\"\norder = 1"),
            team("a", "name = \"Apps\"\norder = 2"),
            posting(
                "content/jobs/1.md",
                "title = \"x\"\nteam = \"z\"\ndate = 2026-11-01",
            ),
            posting(
                "content/jobs/2.md",
                "title = \"y\"\nteam = \"北京研发\"\ndate = 2026-11-01",
            ),
            posting(
                "content/jobs/3.md",
                "title = \"w\"\nteam = \"无文件\"\ndate = 2026-11-01",
            ),
        ]);
        let (site, _) = Site::assemble(
            &config,
            &content,
            BuildOptions {
                drafts: false,
                now: now(),
            },
        );
        let names: Vec<&str> = site.teams.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            ["无文件", "北京研发", "中间件", "Apps"],
            "order 0 first, then bei < zhong"
        );
        let team_of = |title: &str| {
            site.teams[site
                .jobs
                .iter()
                .find(|j| j.posting.title == title)
                .unwrap()
                .team]
                .name
                .clone()
        };
        assert_eq!(team_of("x"), "中间件");
        assert_eq!(team_of("y"), "北京研发");
        assert!(
            site.teams[0].team.is_none(),
            "a team only named by a posting has no file"
        );
    }

    #[test]
    fn same_titles_in_two_teams_get_distinct_slugs_deterministically() {
        let config = config();
        let content = content(vec![
            posting(
                "content/jobs/a.md",
                "title = \"后端工程师\"\nteam = \"infra\"\ndate = 2026-11-01",
            ),
            posting(
                "content/jobs/b.md",
                "title = \"后端工程师\"\nteam = \"data\"\ndate = 2026-11-01",
            ),
            posting(
                "content/jobs/c.md",
                "title = \"后端工程师\"\nteam = \"data\"\ndate = 2026-11-01",
            ),
        ]);
        let (site, errors) = Site::assemble(
            &config,
            &content,
            BuildOptions {
                drafts: false,
                now: now(),
            },
        );
        assert!(errors.is_empty());
        let mut slugs: Vec<&str> = site.jobs.iter().map(|j| j.slug.as_str()).collect();
        slugs.sort();
        assert_eq!(
            slugs,
            ["后端工程师", "后端工程师-data", "后端工程师-data-2"],
            "the first by path keeps the plain slug"
        );
    }

    #[test]
    fn the_posting_that_opened_first_keeps_its_slug() {
        let config = config();
        let older = posting(
            "content/jobs/z-old.md",
            "title = \"后端工程师\"\nteam = \"infra\"\ndate = 2026-10-01",
        );
        let newer = posting(
            "content/jobs/a-new.md",
            "title = \"后端工程师\"\nteam = \"data\"\ndate = 2026-11-01",
        );
        let options = BuildOptions {
            drafts: false,
            now: now(),
        };
        let alone = content(vec![older.clone()]);
        let (site, _) = Site::assemble(&config, &alone, options);
        assert_eq!(site.jobs[0].slug, "后端工程师");
        let both = content(vec![older, newer]);
        let (site, errors) = Site::assemble(&config, &both, options);
        assert!(errors.is_empty());
        let slug = |path: &str| {
            site.jobs
                .iter()
                .find(|j| j.posting.source.path == Path::new(path))
                .unwrap()
                .slug
                .clone()
        };
        assert_eq!(
            slug("content/jobs/z-old.md"),
            "后端工程师",
            "adding a file moves no URL"
        );
        assert_eq!(slug("content/jobs/a-new.md"), "后端工程师-data");
        let warnings = slugs::clashes(&site);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].path, Path::new("content/jobs/a-new.md"));
        assert!(warnings[0].message.contains("content/jobs/z-old.md"));
    }

    #[test]
    fn many_postings_of_one_title_are_numbered_in_path_order() {
        let config = config();
        let mut items: Vec<(PathBuf, Item)> = (0..3000)
            .map(|i| {
                posting(
                    &format!("content/jobs/{i:04}.md"),
                    "title = \"Engineer\"\nteam = \"t\"\ndate = 2026-11-01",
                )
            })
            .collect();
        items.push(posting(
            "content/jobs/z.md",
            "title = \"Other\"\nteam = \"t\"\ndate = 2026-11-01\nslug = \"engineer-t-3\"",
        ));
        let content = content(items);
        let started = std::time::Instant::now();
        let (site, errors) = Site::assemble(
            &config,
            &content,
            BuildOptions {
                drafts: false,
                now: now(),
            },
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "slugs take linear time"
        );
        assert!(errors.is_empty());
        let slug = |path: &str| {
            site.jobs
                .iter()
                .find(|j| j.posting.source.path == Path::new(path))
                .unwrap()
                .slug
                .clone()
        };
        assert_eq!(slug("content/jobs/0000.md"), "engineer");
        assert_eq!(slug("content/jobs/0001.md"), "engineer-t");
        assert_eq!(slug("content/jobs/0002.md"), "engineer-t-2");
        assert_eq!(
            slug("content/jobs/0003.md"),
            "engineer-t-4",
            "`engineer-t-3` is taken by a slug written by hand"
        );
        assert_eq!(slug("content/jobs/2999.md"), "engineer-t-3000");
        let unique: std::collections::HashSet<&str> =
            site.jobs.iter().map(|j| j.slug.as_str()).collect();
        assert_eq!(unique.len(), site.jobs.len());
    }

    #[test]
    fn newest_first_within_a_team_and_locations_by_count() {
        let config = config();
        let content = content(vec![
            posting("content/jobs/a.md", "title = \"old\"\nteam = \"t\"\ndate = 2026-01-01\nlocations = [\"北京市\"]"),
            posting("content/jobs/b.md", "title = \"new\"\nteam = \"t\"\ndate = 2026-11-01\nlocations = [\"杭州市\", \"北京市\"]"),
        ]);
        let (site, _) = Site::assemble(
            &config,
            &content,
            BuildOptions {
                drafts: false,
                now: now(),
            },
        );
        let titles: Vec<&str> = site.jobs.iter().map(|j| j.posting.title.as_str()).collect();
        assert_eq!(titles, ["new", "old"]);
        let locations: Vec<&str> = site.locations.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(locations, ["北京市", "杭州市"]);
        assert_eq!(site.content_hrefs["jobs/b.md"], "/careers/jobs/new/");
    }
}
