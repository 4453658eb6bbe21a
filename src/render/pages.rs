//! Each output's template and context (or finished bytes): the pages of postings, teams,
//! locations, resumes and the not-found page, and what every page's context holds.

use tera::Value;

use super::context::{self, PageView};
use super::outputs::sitemap_pages;
use super::views::Views;
use super::{feeds, json_resume, jsonld, to_value, Listing, Output, Renderer};
use crate::config::HomeKind;
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
use crate::markdown::Rendered;
use crate::site::Status;

/// An output ready to be written: a template and its context (each name and its value), or
/// finished bytes.
pub(super) enum Prepared {
    Page(&'static str, Vec<(&'static str, Value)>),
    Bytes(Vec<u8>),
}

impl From<String> for Prepared {
    fn from(text: String) -> Self {
        Prepared::Bytes(text.into_bytes())
    }
}
impl Renderer {
    /// An output's template and context, or its bytes when it needs no template.
    pub(super) fn prepare(
        &self,
        views: &Views<'_>,
        output: &Output,
    ) -> Result<Prepared, Diagnostic> {
        let site = views.site;
        let config = &site.config;
        let base = &config.base_url;
        let prepared = match output {
            Output::Home if config.home == HomeKind::Resume && !site.resumes.is_empty() => {
                let mut page = self.resume_page(views, 0);
                page.url = base.href("");
                page.canonical = base.absolute("");
                page.kind = "home";
                self.resume_in(views, 0, &page)?
            }
            Output::Home => self.prepare_listing(views, Listing::Home, 1)?,
            Output::Posting(i) => self.prepare_posting(views, *i, &views.bodies.jobs[*i])?,
            Output::Teams | Output::Locations => {
                let (kind, template, value) = if *output == Output::Teams {
                    let teams: Vec<Value> = (0..site.teams.len())
                        .map(|i| views.team_value(&views.team(i)))
                        .collect::<Result<_, _>>()?;
                    ("teams", "teams.html", Value::from(teams))
                } else {
                    let locations: Vec<std::sync::Arc<context::LinkView>> =
                        (0..site.locations.len())
                            .map(|i| views.location_link(i))
                            .collect();
                    ("locations", "locations.html", to_value(&locations))
                };
                let page = self.site_page(
                    views,
                    kind,
                    &format!("{kind}_title"),
                    config.description.clone(),
                    &format!("{kind}/"),
                );
                self.page(template, views, &page, vec![(kind, value)])?
            }
            Output::Team(i) => self.prepare_listing(views, Listing::Team(*i), 1)?,
            Output::Location(i) => self.prepare_listing(views, Listing::Location(*i), 1)?,
            Output::ListingPage(listing, page) => self.prepare_listing(views, *listing, *page)?,
            Output::Resume(i) => {
                let mut page = self.resume_page(views, *i);
                if config.home == HomeKind::Resume {
                    page.canonical = base.absolute("");
                }
                self.resume_in(views, *i, &page)?
            }
            Output::ResumeJson(i) => {
                let node = &site.resumes[*i];
                let doc = json_resume::to_json_resume(&node.resume, &base.absolute(&node.route()));
                let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
                text.push('\n');
                text.into()
            }
            Output::NotFound => {
                let mut page =
                    self.site_page(views, "404", "not_found_title", String::new(), "404.html");
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
    pub(super) fn prepare_posting(
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
            if site.has_place(job) {
                page.json_ld = jsonld::job_posting_script(site, job, body);
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
            vec![("posting", views.posting_value(posting))],
        )
    }

    /// Resume `i`'s page, in the resume's own language.
    fn resume_in(
        &self,
        views: &Views<'_>,
        i: usize,
        page: &PageView,
    ) -> Result<Prepared, Diagnostic> {
        self.page_in(
            "resume.html",
            views,
            page,
            views.site.resumes[i].lang,
            vec![("resume", to_value(&views.resume(i)))],
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

    /// The page of a site-wide listing (or the not-found page): its heading the interface
    /// string `heading_key`, in the site language.
    fn site_page(
        &self,
        views: &Views<'_>,
        kind: &'static str,
        heading_key: &str,
        description: String,
        route: &str,
    ) -> PageView {
        let config = &views.site.config;
        let heading = views.t(heading_key);
        self.page_view(
            views,
            kind,
            format!("{heading} · {}", config.title),
            heading,
            description,
            route,
            config.language,
        )
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn page_view(
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
    pub(super) fn page(
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
    pub(super) fn page_in(
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
