//! Listings cut into pages: the home page, each team's page and each location's page show
//! `paginate_by` postings a page, so a page weighs the same at 12 postings and at 100,000.
//! Page 1 is the listing's own URL; page N (N ≥ 2) is `page/N/` under it (`page/2/`,
//! `teams/x/page/2/`, `locations/y/page/2/`), with its own canonical URL, `rel=prev/next`
//! links and a place in the sitemap. No `page/1/` is written: every link to the first page
//! names the listing's own URL.

use tera::Value;

use super::context::{PageLink, PageView, PaginatorView};
use super::views::Views;
use super::{to_value, Prepared, Renderer};
use crate::config::HomeKind;
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
use crate::site::Site;

/// A listing of postings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    Home,
    Team(usize),
    Location(usize),
}

/// How many page links the pager shows on each side of the current page (besides the
/// first and the last).
const NEAR: usize = 2;

impl Listing {
    /// Every listing of the site, in the order of [`super::Renderer::outputs`].
    pub fn all(site: &Site) -> impl Iterator<Item = Listing> {
        std::iter::once(Listing::Home)
            .chain((0..site.teams.len()).map(Listing::Team))
            .chain((0..site.locations.len()).map(Listing::Location))
    }

    /// The listing's own route, its first page.
    pub fn route(self, site: &Site) -> String {
        match self {
            Listing::Home => String::new(),
            Listing::Team(i) => site.teams[i].route(),
            Listing::Location(i) => site.locations[i].route(),
        }
    }

    /// How many postings the listing holds. The home page lists every listed posting, team
    /// by team: the teams' postings one after the other.
    pub fn len(self, site: &Site) -> usize {
        match self {
            Listing::Home => site.teams.iter().map(|t| t.jobs.len()).sum(),
            Listing::Team(i) => site.teams[i].jobs.len(),
            Listing::Location(i) => site.locations[i].jobs.len(),
        }
    }

    /// How many pages the listing has: at least one, even when it is empty.
    pub fn pages(self, site: &Site) -> usize {
        if self == Listing::Home && site.config.home == HomeKind::Resume {
            return 1;
        }
        self.len(site).div_ceil(site.config.paginate_by).max(1)
    }

    /// The route of page `page` (from 1).
    pub fn page_route(self, site: &Site, page: usize) -> String {
        let route = self.route(site);
        if page <= 1 {
            route
        } else {
            format!("{route}page/{page}/")
        }
    }

    /// Where page `page` starts and ends in the listing.
    fn bounds(site: &Site, page: usize) -> (usize, usize) {
        let per = site.config.paginate_by;
        let start = page.saturating_sub(1) * per;
        (start, start + per)
    }

    /// The postings on page `page` of a team or location listing, by index into `site.jobs`.
    fn jobs_on(self, site: &Site, page: usize) -> &[usize] {
        let jobs = match self {
            Listing::Home => &[][..],
            Listing::Team(i) => &site.teams[i].jobs[..],
            Listing::Location(i) => &site.locations[i].jobs[..],
        };
        let (start, end) = Self::bounds(site, page);
        &jobs[start.min(jobs.len())..end.min(jobs.len())]
    }
}

/// The teams with postings on page `page` of the home listing, each with those postings.
fn home_groups(site: &Site, page: usize) -> Vec<(usize, &[usize])> {
    let (mut start, mut end) = Listing::bounds(site, page);
    let mut groups = Vec::new();
    for (i, team) in site.teams.iter().enumerate() {
        if end == 0 {
            break;
        }
        let n = team.jobs.len();
        if start >= n {
            start -= n;
            end -= n;
            continue;
        }
        groups.push((i, &team.jobs[start..end.min(n)]));
        end = end.saturating_sub(n);
        start = 0;
    }
    groups
}

/// Where page `page` of `listing` stands among its pages.
pub fn paginator(site: &Site, listing: Listing, page: usize) -> PaginatorView {
    let base = &site.config.base_url;
    let count = listing.pages(site);
    let href = |n: usize| base.href(&listing.page_route(site, n));
    let numbers = link_numbers(page, count);
    let mut links = Vec::with_capacity(numbers.len());
    let mut before = 0;
    for n in numbers {
        links.push(PageLink {
            number: n,
            url: href(n),
            current: n == page,
            gap: n > before + 1,
        });
        before = n;
    }
    PaginatorView {
        current: page,
        count,
        per_page: site.config.paginate_by,
        total: listing.len(site),
        first: href(1),
        last: href(count),
        previous: (page > 1).then(|| href(page - 1)),
        next: (page < count).then(|| href(page + 1)),
        links,
    }
}

/// The numbers of the pages the pager links to, on page `page` of `count`: the first, the
/// last and those within [`NEAR`] of this one.
fn link_numbers(page: usize, count: usize) -> Vec<usize> {
    let mut numbers: Vec<usize> = vec![1, count];
    numbers.extend(page.saturating_sub(NEAR).max(1)..=(page + NEAR).min(count));
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

/// "第 2 页" / "Page 2": the theme's `page_number` string, or the bare number for a theme
/// without it.
fn page_label(views: &Views<'_>, lang: Lang, page: usize) -> String {
    let has = |l: &Lang| {
        views
            .theme
            .strings
            .get(l)
            .is_some_and(|s| s.contains_key("page_number"))
    };
    if has(&lang) || views.theme.strings.keys().any(has) {
        views
            .theme
            .string(lang, "page_number")
            .replace("{n}", &page.to_string())
    } else {
        page.to_string()
    }
}

impl Renderer {
    /// Page `page` (from 1) of a listing: its template and context.
    pub(super) fn prepare_listing(
        &self,
        views: &Views<'_>,
        listing: Listing,
        page: usize,
    ) -> Result<Prepared, Diagnostic> {
        let site = views.site;
        let config = &site.config;
        let t = |k: &str| views.t(k);
        let paginator = paginator(site, listing, page);
        let (name, mut view, mut values) = match listing {
            Listing::Home => {
                let heading = site.home.title.clone().unwrap_or_else(|| t("home_title"));
                let title = if heading == config.title {
                    heading.clone()
                } else {
                    format!("{heading} · {}", config.title)
                };
                let description = site
                    .home
                    .description
                    .clone()
                    .unwrap_or_else(|| config.description.clone());
                let view = self.page_view(
                    views,
                    "home",
                    title,
                    heading,
                    description,
                    "",
                    config.language,
                );
                let groups: Vec<Value> = home_groups(site, page)
                    .into_iter()
                    .map(|(i, jobs)| {
                        let mut team = views.team(i);
                        team.postings = jobs.to_vec();
                        views.team_value(&team)
                    })
                    .collect::<Result<_, _>>()?;
                let values = vec![
                    ("intro", to_value(&views.bodies.home.html)),
                    ("groups", Value::from(groups)),
                    ("filters", views.filters_value()),
                    ("listed_count", to_value(&listing.len(site))),
                ];
                ("index.html", view, values)
            }
            Listing::Team(i) => {
                let mut team = views.team(i);
                let heading = team.link.name.clone();
                let title = format!(
                    "{} · {}",
                    t("team_page_title").replace("{name}", &team.link.name),
                    config.title
                );
                let description = if team.summary.is_empty() {
                    config.description.clone()
                } else {
                    team.summary.clone()
                };
                let view = self.page_view(
                    views,
                    "team",
                    title,
                    heading,
                    description,
                    &site.teams[i].route(),
                    config.language,
                );
                team.postings = listing.jobs_on(site, page).to_vec();
                ("team.html", view, vec![("team", views.team_value(&team)?)])
            }
            Listing::Location(i) => {
                let mut location = views.location(i);
                let title = format!(
                    "{} · {}",
                    t("location_page_title").replace("{name}", &location.link.name),
                    config.title
                );
                let view = self.page_view(
                    views,
                    "location",
                    title,
                    location.link.name.clone(),
                    config.description.clone(),
                    &site.locations[i].route(),
                    config.language,
                );
                location.postings = listing.jobs_on(site, page).to_vec();
                let value = views.location_value(&location)?;
                ("location.html", view, vec![("location", value)])
            }
        };
        paged(&mut view, views, listing, &paginator);
        values.push(("paginator", to_value(&paginator)));
        self.page(name, views, &view, values)
    }
}

/// `page` as page `paginator.current` of `listing`: its own URL, canonical URL and title, and
/// the pages before and after it.
fn paged(page: &mut PageView, views: &Views<'_>, listing: Listing, paginator: &PaginatorView) {
    let site = views.site;
    let base = &site.config.base_url;
    let n = paginator.current;
    let route = listing.page_route(site, n);
    page.url = base.href(&route);
    page.canonical = base.absolute(&route);
    if n > 1 {
        page.title = format!(
            "{} · {}",
            page.title,
            page_label(views, site.config.language, n)
        );
    }
    let absolute = |k: usize| base.absolute(&listing.page_route(site, k));
    page.prev_url = (n > 1).then(|| absolute(n - 1));
    page.next_url = (n < paginator.count).then(|| absolute(n + 1));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_links_keep_the_ends_and_the_neighbours() {
        let numbers = link_numbers;
        assert_eq!(numbers(1, 1), [1]);
        assert_eq!(numbers(1, 9), [1, 2, 3, 9]);
        assert_eq!(numbers(5, 9), [1, 3, 4, 5, 6, 7, 9]);
        assert_eq!(numbers(9, 9), [1, 7, 8, 9]);
    }
}
