//! The files of a built site: [`Output`], which outputs a site has and where each goes.

use super::{Listing, Renderer};
use crate::config::HomeKind;
use crate::site::Site;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    Home,
    Posting(usize),
    Teams,
    Team(usize),
    Locations,
    Location(usize),
    /// Page N (2 or more) of a listing, at `page/N/` under the listing's URL; page 1 is
    /// `Home`, `Team` or `Location`.
    ListingPage(Listing, usize),
    Resume(usize),
    ResumeJson(usize),
    NotFound,
    Feed,
    JobsJson,
    Sitemap,
    Robots,
    SyntaxCss,
    /// A file of the search index.
    Search(crate::search::File),
    Static(String),
}

impl Output {
    /// Whether the output is a page rendered from the theme's templates (the only outputs a
    /// template error can break); the others (feeds, `jobs.json`, the sitemap, the search
    /// index, static files) are written by the code itself.
    pub fn from_templates(&self) -> bool {
        !matches!(
            self,
            Output::Feed
                | Output::JobsJson
                | Output::Sitemap
                | Output::Robots
                | Output::SyntaxCss
                | Output::Search(_)
                | Output::Static(_)
                | Output::ResumeJson(_)
        )
    }
}

/// A route like `jobs/a/` → its file, `jobs/a/index.html`.
fn index_file(route: &str) -> String {
    format!("{route}index.html")
}

impl Renderer {
    /// Whether the site has the pages of a careers site: home listing, teams, locations.
    pub(super) fn has_listings(site: &Site) -> bool {
        !site.jobs.is_empty() || !site.teams.is_empty() || site.config.home == HomeKind::Careers
    }

    /// Every output file of the site, in a fixed order.
    pub fn outputs(&self, site: &Site) -> Vec<Output> {
        let mut out = vec![Output::Home];
        out.extend((0..site.jobs.len()).map(Output::Posting));
        if Self::has_listings(site) {
            out.push(Output::Teams);
            out.extend((0..site.teams.len()).map(Output::Team));
            out.push(Output::Locations);
            out.extend((0..site.locations.len()).map(Output::Location));
            out.extend(Listing::all(site).flat_map(|listing| {
                (2..=listing.pages(site)).map(move |page| Output::ListingPage(listing, page))
            }));
            use crate::search::{doc_chunks, term_shards, File};
            out.extend([Output::Search(File::Meta), Output::Search(File::Facets)]);
            out.extend((0..term_shards(site)).map(|i| Output::Search(File::Terms(i))));
            out.extend((0..doc_chunks(site)).map(|i| Output::Search(File::Docs(i))));
        }
        for i in 0..site.resumes.len() {
            out.push(Output::Resume(i));
            out.push(Output::ResumeJson(i));
        }
        out.extend([
            Output::NotFound,
            Output::Feed,
            Output::JobsJson,
            Output::Sitemap,
            Output::Robots,
            Output::SyntaxCss,
        ]);
        out.extend(self.theme.static_files.keys().cloned().map(Output::Static));
        out
    }

    /// Where an output goes, relative to the output folder.
    pub fn output_path(&self, site: &Site, output: &Output) -> String {
        match output {
            Output::Home => "index.html".into(),
            Output::Posting(i) => index_file(&site.jobs[*i].route()),
            Output::Teams => "teams/index.html".into(),
            Output::Team(i) => index_file(&site.teams[*i].route()),
            Output::Locations => "locations/index.html".into(),
            Output::Location(i) => index_file(&site.locations[*i].route()),
            Output::ListingPage(listing, page) => index_file(&listing.page_route(site, *page)),
            Output::Resume(i) => index_file(&site.resumes[*i].route()),
            Output::ResumeJson(i) => format!("{}resume.json", site.resumes[*i].route()),
            Output::NotFound => "404.html".into(),
            Output::Feed => "feed.xml".into(),
            Output::JobsJson => "jobs.json".into(),
            Output::Sitemap => "sitemap.xml".into(),
            Output::Robots => "robots.txt".into(),
            Output::SyntaxCss => "syntax.css".into(),
            Output::Search(file) => file.path(),
            Output::Static(path) => path.clone(),
        }
    }
    /// Whether [`Renderer::render_streamed`] writes this output: the feeds that hold every
    /// posting's body and the listings that hold every card, megabytes on a large site,
    /// better never held whole in memory.
    pub fn streams(&self, output: &Output) -> bool {
        self.reads_bodies(output)
            || matches!(
                output,
                Output::Home
                    | Output::Teams
                    | Output::Team(_)
                    | Output::Locations
                    | Output::Location(_)
            )
    }

    /// Whether an output reads the rendered body of every posting (the feeds): a build
    /// renders these while it still holds the bodies.
    pub fn reads_bodies(&self, output: &Output) -> bool {
        matches!(output, Output::Feed | Output::JobsJson)
    }
}

/// Routes for the sitemap: indexable pages only, postings with their date.
pub(super) fn sitemap_pages(site: &Site) -> Vec<(String, Option<String>)> {
    let mut pages = vec![(String::new(), None)];
    if site.config.home == HomeKind::Careers || !site.jobs.is_empty() {
        pages.push(("teams/".into(), None));
        pages.extend(site.teams.iter().map(|t| (t.route(), None)));
        pages.push(("locations/".into(), None));
        pages.extend(site.locations.iter().map(|l| (l.route(), None)));
        // The listings' further pages.
        for listing in Listing::all(site) {
            pages.extend((2..=listing.pages(site)).map(|n| (listing.page_route(site, n), None)));
        }
    }
    pages.extend(
        site.jobs
            .iter()
            .filter(|j| j.is_published())
            .map(|j| (j.route(), Some(j.posting.date.date().to_string()))),
    );
    if site.config.home != HomeKind::Resume {
        pages.extend(site.resumes.iter().map(|r| (r.route(), None)));
    }
    pages
}
