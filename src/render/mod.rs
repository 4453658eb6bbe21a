//! Template rendering: Tera set up once per build, a view struct per page, every output file.

pub mod cards;
pub mod context;
pub mod feeds;
mod index;
pub mod json_resume;
pub mod jsonld;
mod listing;
mod templates;
pub mod theme;
pub mod views;

use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::{Tera, Value};

use crate::config::{Config, HomeKind};
use crate::content::slug::stable_id;
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
use crate::markdown::Rendered;
use crate::site::{Site, Status};
use context::PageView;
pub use listing::Listing;
use templates::Origins;
use theme::Theme;
use views::{AssetVersions, Views};

/// Templates every theme must have.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "card.html",
    "posting.html",
    "teams.html",
    "team.html",
    "locations.html",
    "location.html",
    "resume.html",
    "404.html",
];

/// Interface strings the code itself uses; every theme language file must have them.
pub const REQUIRED_STRINGS: &[&str] = &[
    "employment_FULL_TIME",
    "employment_PART_TIME",
    "employment_CONTRACTOR",
    "employment_TEMPORARY",
    "employment_INTERN",
    "employment_VOLUNTEER",
    "employment_PER_DIEM",
    "employment_OTHER",
    "unit_HOUR",
    "unit_DAY",
    "unit_WEEK",
    "unit_MONTH",
    "unit_YEAR",
    "present",
    "apply_subject",
    "home_title",
    "teams_title",
    "locations_title",
    "not_found_title",
    "team_page_title",
    "location_page_title",
    "closed_title_suffix",
    "section_awards",
    "section_certificates",
    "section_publications",
    "section_volunteer",
    "section_interests",
    "section_references",
];

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

/// An output ready to be written: a template and its context (each name and its value), or
/// finished bytes.
enum Prepared {
    Page(&'static str, Vec<(&'static str, Value)>),
    Bytes(Vec<u8>),
}

impl From<String> for Prepared {
    fn from(text: String) -> Self {
        Prepared::Bytes(text.into_bytes())
    }
}

/// Why [`Renderer::render_streamed`] failed.
#[derive(Debug)]
pub enum StreamError {
    /// A template failed.
    Render(Diagnostic),
    /// The writer failed.
    Write(std::io::Error),
}

impl From<std::io::Error> for StreamError {
    fn from(e: std::io::Error) -> Self {
        StreamError::Write(e)
    }
}

/// A route like `jobs/a/` → its file, `jobs/a/index.html`.
fn index_file(route: &str) -> String {
    format!("{route}index.html")
}

/// Templates, theme files and strings, ready to render any page of a site.
pub struct Renderer {
    tera: Tera,
    theme: Theme,
    origins: Origins,
    versions: AssetVersions,
}

impl Renderer {
    /// Loads the site's theme and templates; template syntax errors are reported here.
    pub fn new(root: &Path, config: &Config) -> Result<Renderer, Vec<Diagnostic>> {
        let theme = Theme::load(root, &config.theme)?;
        let mut errors = Vec::new();
        for name in REQUIRED_TEMPLATES {
            if !theme.templates.iter().any(|t| t.name == *name) {
                errors.push(Diagnostic::error(
                    PathBuf::from("themes")
                        .join(&config.theme)
                        .join("templates"),
                    1,
                    1,
                    format!("the theme has no `{name}` template"),
                ));
            }
        }
        for lang in [Lang::Zh, Lang::En] {
            let file = theme.string_files.get(&lang).cloned().unwrap_or_else(|| {
                PathBuf::from("themes")
                    .join(&config.theme)
                    .join("i18n")
                    .join(format!("{}.toml", lang.code()))
            });
            let missing: Vec<&str> = REQUIRED_STRINGS
                .iter()
                .copied()
                .filter(|k| !theme.strings.get(&lang).is_some_and(|s| s.contains_key(*k)))
                .collect();
            if !missing.is_empty() {
                errors.push(Diagnostic::error(
                    file,
                    1,
                    1,
                    format!("missing interface strings: {}", missing.join(", ")),
                ));
            }
        }
        let (tera, origins) = match templates::load(&theme) {
            Ok(loaded) if errors.is_empty() => loaded,
            Ok(_) => return Err(errors),
            Err(problems) => {
                errors.extend(problems);
                return Err(errors);
            }
        };
        let versions = AssetVersions {
            stylesheet: theme
                .static_files
                .get("style.css")
                .map(|b| asset_hash(b))
                .unwrap_or_default(),
            script: theme
                .static_files
                .get("yingcai.js")
                .map(|b| asset_hash(b))
                .unwrap_or_default(),
            search: theme
                .static_files
                .get("search.js")
                .map(|b| asset_hash(b))
                .unwrap_or_default(),
        };
        Ok(Renderer {
            tera,
            theme,
            origins,
            versions,
        })
    }

    /// The same renderer for the live preview: the theme's stylesheet and script are linked
    /// without their cache-busting query (the preview server forbids caching anyway), so that
    /// a stylesheet edit changes the stylesheet alone and no page has to be rendered again.
    /// The search script keeps its hash: only the home page names it.
    pub fn for_preview(mut self) -> Renderer {
        self.versions = AssetVersions {
            search: std::mem::take(&mut self.versions.search),
            ..AssetVersions::default()
        };
        self
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// Views for a site, with every posting's card and the search index made: build once
    /// per build and share across pages.
    pub fn views<'a>(
        &'a self,
        site: &'a Site,
        bodies: &'a crate::site::bodies::Bodies,
    ) -> Result<Views<'a>, Diagnostic> {
        let views = self.lazy_views(site, bodies);
        views.fill_cards()?;
        if Self::has_listings(site) {
            views.search()?;
        }
        Ok(views)
    }

    /// Views for a site whose cards and search index are made only when a page needs them
    /// (as `serve` renders the pages asked for).
    pub fn lazy_views<'a>(
        &'a self,
        site: &'a Site,
        bodies: &'a crate::site::bodies::Bodies,
    ) -> Views<'a> {
        Views::new(site, bodies, self, &self.versions)
    }

    /// Whether the site has the pages of a careers site: home listing, teams, locations.
    fn has_listings(site: &Site) -> bool {
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
            out.push(Output::Search(File::Meta));
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

    /// Writes an output for which [`Renderer::streams`] holds, piece by piece; other outputs
    /// are rendered whole first.
    pub fn render_streamed(
        &self,
        views: &Views<'_>,
        output: &Output,
        w: &mut dyn std::io::Write,
    ) -> Result<(), StreamError> {
        match output {
            Output::Feed => feeds::atom_to(views, w).map_err(StreamError::Write),
            Output::JobsJson => feeds::jobs_json_to(views, w).map_err(StreamError::Write),
            _ => match self.prepare(views, output).map_err(StreamError::Render)? {
                Prepared::Page(name, values) => self
                    .tera
                    .render_to(name, &context(values), w)
                    .map_err(|e| match e.kind() {
                        tera::ErrorKind::Io(kind) => StreamError::Write((*kind).into()),
                        _ => StreamError::Render(self.template_error(&e, name)),
                    }),
                Prepared::Bytes(bytes) => w.write_all(&bytes).map_err(StreamError::Write),
            },
        }
    }

    /// Renders one output file.
    pub fn render(&self, views: &Views<'_>, output: &Output) -> Result<Vec<u8>, Diagnostic> {
        self.finish(self.prepare(views, output)?)
    }

    /// A Tera error met rendering template `name`, at the file, line and column it names.
    fn template_error(&self, err: &tera::Error, name: &str) -> Diagnostic {
        templates::diagnostic(err, &self.origins, Some(name))
    }

    fn finish(&self, prepared: Prepared) -> Result<Vec<u8>, Diagnostic> {
        match prepared {
            Prepared::Page(name, values) => {
                // Into bytes: Tera's `render` would check the whole page is UTF-8 again.
                let mut bytes = Vec::with_capacity(16 * 1024);
                self.tera
                    .render_to(name, &context(values), &mut bytes)
                    .map_err(|e| self.template_error(&e, name))?;
                Ok(bytes)
            }
            Prepared::Bytes(bytes) => Ok(bytes),
        }
    }

    /// An output's template and context, or its bytes when it needs no template.
    fn prepare(&self, views: &Views<'_>, output: &Output) -> Result<Prepared, Diagnostic> {
        let site = views.site;
        let config = &site.config;
        let base = &config.base_url;
        let t = |k: &str| views.t(k);
        let prepared = match output {
            Output::Home if config.home == HomeKind::Resume && !site.resumes.is_empty() => {
                let mut page = self.resume_page(views, 0);
                page.url = base.href("");
                page.canonical = base.absolute("");
                page.kind = "home";
                self.page_in(
                    "resume.html",
                    views,
                    &page,
                    site.resumes[0].lang,
                    vec![("resume", to_value(&views.resume(0)))],
                )?
            }
            Output::Home => self.prepare_listing(views, Listing::Home, 1)?,
            Output::Posting(i) => self.prepare_posting(views, *i, &views.bodies.jobs[*i])?,
            Output::Teams => {
                let heading = t("teams_title");
                let page = self.page_view(
                    views,
                    "teams",
                    format!("{heading} · {}", config.title),
                    heading,
                    config.description.clone(),
                    "teams/",
                    config.language,
                );
                let teams: Vec<Value> = (0..site.teams.len())
                    .map(|i| views.team_value(&views.team(i)))
                    .collect::<Result<_, _>>()?;
                self.page(
                    "teams.html",
                    views,
                    &page,
                    vec![("teams", Value::from(teams))],
                )?
            }
            Output::Team(i) => self.prepare_listing(views, Listing::Team(*i), 1)?,
            Output::Locations => {
                let heading = t("locations_title");
                let page = self.page_view(
                    views,
                    "locations",
                    format!("{heading} · {}", config.title),
                    heading,
                    config.description.clone(),
                    "locations/",
                    config.language,
                );
                let locations: Vec<context::LinkView> = (0..site.locations.len())
                    .map(|i| views.location_link(i))
                    .collect();
                self.page(
                    "locations.html",
                    views,
                    &page,
                    vec![("locations", to_value(&locations))],
                )?
            }
            Output::Location(i) => self.prepare_listing(views, Listing::Location(*i), 1)?,
            Output::ListingPage(listing, page) => self.prepare_listing(views, *listing, *page)?,
            Output::Resume(i) => {
                let mut page = self.resume_page(views, *i);
                if config.home == HomeKind::Resume {
                    page.canonical = base.absolute("");
                }
                self.page_in(
                    "resume.html",
                    views,
                    &page,
                    site.resumes[*i].lang,
                    vec![("resume", to_value(&views.resume(*i)))],
                )?
            }
            Output::ResumeJson(i) => {
                let node = &site.resumes[*i];
                let doc = json_resume::to_json_resume(&node.resume, &base.absolute(&node.route()));
                let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
                text.push('\n');
                text.into()
            }
            Output::NotFound => {
                let heading = t("not_found_title");
                let mut page = self.page_view(
                    views,
                    "404",
                    format!("{heading} · {}", config.title),
                    heading,
                    String::new(),
                    "404.html",
                    config.language,
                );
                page.robots = "noindex".into();
                self.page("404.html", views, &page, Vec::new())?
            }
            Output::Feed => Prepared::Bytes(feeds::atom(views)),
            Output::JobsJson => Prepared::Bytes(feeds::jobs_json(views)),
            Output::Sitemap => feeds::sitemap(views, &sitemap_pages(site)).into(),
            Output::Robots => feeds::robots(views).into(),
            Output::SyntaxCss => {
                crate::markdown::highlight::stylesheet(&config.markdown.highlight_theme).into()
            }
            Output::Search(file) => Prepared::Bytes(views.search()?.get(*file).to_vec()),
            Output::Static(path) => Prepared::Bytes(
                self.theme
                    .static_files
                    .get(path)
                    .cloned()
                    .unwrap_or_default(),
            ),
        };
        Ok(prepared)
    }

    /// Renders posting `i`'s page from its rendered body (which `views` need not hold).
    pub fn render_posting(
        &self,
        views: &Views<'_>,
        i: usize,
        body: &Rendered,
    ) -> Result<Vec<u8>, Diagnostic> {
        self.finish(self.prepare_posting(views, i, body)?)
    }

    fn prepare_posting(
        &self,
        views: &Views<'_>,
        i: usize,
        body: &Rendered,
    ) -> Result<Prepared, Diagnostic> {
        let site = views.site;
        let config = &site.config;
        let job = &site.jobs[i];
        let posting = views.posting_with_body(i, body)?;
        let suffix = if job.status == Status::Closed {
            views.t("closed_title_suffix")
        } else {
            String::new()
        };
        let title = format!(
            "{}{suffix} · {} · {}",
            posting.card.title, posting.card.team.name, config.title
        );
        let mut page = self.page_view(
            views,
            "posting",
            title,
            posting.card.title.clone(),
            posting.card.summary.clone(),
            &job.route(),
            job.lang,
        );
        page.has_code = body.html.contains("<pre class=\"code hl-code\"");
        if job.status == Status::Open {
            if jsonld::has_place(site, job) {
                page.json_ld = jsonld::embed(&jsonld::job_posting(site, job, body), &[]);
            }
        } else {
            page.robots = "noindex".into();
        }
        // The page speaks the posting's language: interface strings, dates and labels.
        self.page_in(
            "posting.html",
            views,
            &page,
            job.lang,
            vec![("posting", views.posting_value(&posting))],
        )
    }

    fn resume_page(&self, views: &Views<'_>, i: usize) -> PageView {
        let node = &views.site.resumes[i];
        let r = &node.resume;
        let title = match &r.label {
            Some(label) => format!("{} · {label}", r.name),
            None => r.name.clone(),
        };
        let description = r
            .summary
            .clone()
            .or_else(|| r.label.clone())
            .unwrap_or_default();
        let mut page = self.page_view(
            views,
            "resume",
            title,
            r.name.clone(),
            description,
            &node.route(),
            node.lang,
        );
        let url = views.site.config.base_url.absolute(&node.route());
        let emails: Vec<&str> = r.email.iter().map(String::as_str).collect();
        page.json_ld = jsonld::embed(&jsonld::person(r, &url), &emails);
        page
    }

    #[allow(clippy::too_many_arguments)]
    fn page_view(
        &self,
        views: &Views<'_>,
        kind: &'static str,
        title: String,
        heading: String,
        description: String,
        route: &str,
        lang: Lang,
    ) -> PageView {
        let base = &views.site.config.base_url;
        PageView {
            kind,
            title,
            heading,
            description,
            url: base.href(route),
            canonical: base.absolute(route),
            robots: String::new(),
            json_ld: String::new(),
            lang: lang.code(),
            lang_tag: lang.tag(),
            og_locale: match lang {
                Lang::Zh => "zh_CN",
                Lang::En => "en_US",
            },
            has_code: false,
            prev_url: None,
            next_url: None,
        }
    }

    /// Renders template `name` with `site`, `page`, `t` and the page's own values.
    fn page(
        &self,
        name: &'static str,
        views: &Views<'_>,
        page: &PageView,
        values: Vec<(&'static str, Value)>,
    ) -> Result<Prepared, Diagnostic> {
        self.page_in(name, views, page, views.lang, values)
    }

    /// Like [`Renderer::page`], with the interface strings `t` in `lang` (a resume's own language).
    /// The context is made of Tera values: `site` and `t`, converted once for every page and
    /// shared (a Tera value's maps and long strings are reference-counted), and the page's own.
    fn page_in(
        &self,
        name: &'static str,
        views: &Views<'_>,
        page: &PageView,
        lang: Lang,
        values: Vec<(&'static str, Value)>,
    ) -> Result<Prepared, Diagnostic> {
        let mut all = Vec::with_capacity(3 + values.len());
        all.push(("site", views.site_value.clone()));
        all.push(("page", to_value(page)));
        all.push(("t", views.strings_value(lang)));
        all.extend(values);
        Ok(Prepared::Page(name, all))
    }
}

/// A view as a Tera value, converted straight from the struct (no JSON tree in between).
fn to_value<T: Serialize + ?Sized>(value: &T) -> Value {
    Value::from_serializable(value)
}

/// A template context from names and values.
fn context(values: Vec<(&'static str, Value)>) -> tera::Context {
    let mut context = tera::Context::new();
    for (name, value) in values {
        context.insert_value(name, value);
    }
    context
}

/// Routes for the sitemap: indexable pages only, postings with their date.
fn sitemap_pages(site: &Site) -> Vec<(String, Option<String>)> {
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

/// A short content hash for cache-busting query strings.
pub(crate) fn asset_hash(bytes: &[u8]) -> String {
    stable_id(&String::from_utf8_lossy(bytes))
}
