//! Site graph → template context structs: [`Views`], what every page of a site shares
//! (cards and the search index, each made when first asked for).
//!
//! The views of each kind are built in their own file: postings.rs (cards, a posting's
//! page, salaries), listings.rs (teams, locations, the home listing's filters),
//! resumes.rs, format.rs (numbers, contacts, periods as shown).

mod format;
mod listings;
mod postings;
mod resumes;

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use tera::Value;

use super::context::*;
use super::theme::Theme;
use super::{to_value, Renderer};
use crate::config::HomeKind;
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
use crate::site::bodies::Bodies;
use crate::site::Site;

pub use format::{contact_view, group_thousands};
pub use resumes::resume_view;

/// Each posting's card (its fields and its `card.html` markup), made when first asked
/// for: a build makes every card up front ([`Views::fill_cards`]), `serve` only those the
/// pages it is asked for show.
#[derive(Debug, Default)]
pub struct Cards {
    slots: Vec<Arc<CardSlot>>,
}

type CardSlot = OnceLock<Result<PostingCard, Diagnostic>>;

impl Cards {
    fn new(count: usize) -> Cards {
        Cards {
            slots: (0..count).map(|_| Arc::default()).collect(),
        }
    }
}

/// [`Views`] without their borrows: what every page of one site shares, made once.
#[derive(Clone)]
pub struct Shared {
    cards: Arc<Cards>,
    search: Arc<OnceLock<Result<Arc<crate::search::Files>, Diagnostic>>>,
    site_view: Arc<SiteView>,
    site_value: Value,
    strings_values: BTreeMap<Lang, Value>,
    filters_value: Arc<OnceLock<Value>>,
    links: Arc<listings::Links>,
}

impl Shared {
    /// What the pages of the same site with posting `job` edited share: every other card
    /// as made already, and a search index made anew when asked for. Only for an edit that
    /// changes nothing but that posting's own page, card and listings' entries.
    pub fn without(&self, job: usize) -> Shared {
        let mut slots = self.cards.slots.clone();
        slots[job] = Arc::default();
        Shared {
            cards: Arc::new(Cards { slots }),
            search: Arc::default(),
            filters_value: Arc::default(),
            ..self.clone()
        }
    }
}

/// Builds views for one site; holds what every page shares.
pub struct Views<'a> {
    pub site: &'a Site,
    pub bodies: &'a Bodies,
    pub theme: &'a Theme,
    renderer: &'a Renderer,
    pub lang: Lang,
    /// One card per job, aligned with `site.jobs`, each made when first needed.
    cards: Arc<Cards>,
    /// The search index's files, made from every card when first needed.
    search: Arc<OnceLock<Result<Arc<crate::search::Files>, Diagnostic>>>,
    pub site_view: Arc<SiteView>,
    /// `site_view` and each language's interface strings, as Tera values made once and
    /// shared by every page.
    pub site_value: Value,
    strings_values: BTreeMap<Lang, Value>,
    /// [`Views::filters`] as a Tera value, made once: every page of the home listing has it.
    filters_value: Arc<OnceLock<Value>>,
    /// Every team's and location's link, shared by the cards.
    links: Arc<listings::Links>,
}

impl<'a> Views<'a> {
    /// Views of `site`; no card is made yet.
    pub fn new(
        site: &'a Site,
        bodies: &'a Bodies,
        renderer: &'a Renderer,
        asset_versions: &AssetVersions,
    ) -> Self {
        let lang = site.config.language;
        let site_view = site_view(site, asset_versions);
        let theme = renderer.theme();
        Views {
            site,
            bodies,
            theme,
            renderer,
            lang,
            cards: Arc::new(Cards::new(site.jobs.len())),
            search: Default::default(),
            site_value: to_value(&site_view),
            site_view: Arc::new(site_view),
            strings_values: theme
                .strings
                .iter()
                .map(|(lang, strings)| (*lang, to_value(strings)))
                .collect(),
            filters_value: Default::default(),
            links: Arc::new(listings::Links::new(site)),
        }
    }

    /// What pages share, set free from the bodies the views were made with, so a build can
    /// release posting bodies as their pages are written: see [`Views::with_bodies`].
    pub fn into_shared(self) -> Shared {
        Shared {
            cards: self.cards,
            search: self.search,
            site_view: self.site_view,
            site_value: self.site_value,
            strings_values: self.strings_values,
            filters_value: self.filters_value,
            links: self.links,
        }
    }

    /// Views over other bodies of the same site, keeping the cards already made.
    pub fn with_bodies(
        site: &'a Site,
        bodies: &'a Bodies,
        renderer: &'a Renderer,
        shared: Shared,
    ) -> Self {
        Views {
            site,
            bodies,
            theme: renderer.theme(),
            renderer,
            lang: site.config.language,
            cards: shared.cards,
            search: shared.search,
            site_view: shared.site_view,
            site_value: shared.site_value,
            strings_values: shared.strings_values,
            filters_value: shared.filters_value,
            links: shared.links,
        }
    }

    /// How long making the search index took, once it is made.
    pub fn search_time(&self) -> std::time::Duration {
        self.search
            .get()
            .and_then(|r| r.as_ref().ok())
            .map_or(std::time::Duration::ZERO, |f| f.time)
    }

    /// Posting `i`'s card, made (and its `card.html` rendered) the first time it is asked for.
    pub fn card(&self, i: usize) -> Result<&PostingCard, Diagnostic> {
        self.card_made(i).map(|(card, _)| card)
    }

    /// [`Views::card`], with the card's fields as the Tera value `card.html` was rendered
    /// with when this call made the card: a posting's page, which shows the same fields,
    /// need not convert them again.
    pub(super) fn card_made(&self, i: usize) -> Result<(&PostingCard, Option<Value>), Diagnostic> {
        let mut made = None;
        let card = self.cards.slots[i]
            .get_or_init(|| {
                let mut card = self.card_fields(i);
                let value = to_value(&card);
                let t = self.strings_value(self.lang);
                let text = self
                    .renderer
                    .render_card(value.clone(), &self.site_value, &t)?;
                card.html = super::cards::card_html(&text);
                made = Some(value);
                Ok(card)
            })
            .as_ref()
            .map_err(Clone::clone)?;
        Ok((card, made))
    }

    /// Makes every card not made yet, in parallel; the first problem (in site order) if any.
    pub fn fill_cards(&self) -> Result<(), Diagnostic> {
        (0..self.site.jobs.len())
            .into_par_iter()
            .map(|i| self.card(i).map(|_| ()))
            .collect::<Vec<_>>()
            .into_iter()
            .collect()
    }

    /// Every card, made if need be, aligned with `site.jobs`.
    pub fn cards(&self) -> Result<Vec<&PostingCard>, Diagnostic> {
        self.fill_cards()?;
        (0..self.site.jobs.len()).map(|i| self.card(i)).collect()
    }

    /// The files of the search index, made from every card the first time they are asked for.
    pub fn search(&self) -> Result<&crate::search::Files, Diagnostic> {
        self.search
            .get_or_init(|| {
                let cards = self.cards()?;
                let docs = super::index::search_docs(self.site, &cards);
                Ok(Arc::new(crate::search::build(
                    self.site,
                    self.bodies,
                    &docs,
                )))
            })
            .as_ref()
            .map(|files| files.as_ref())
            .map_err(Clone::clone)
    }

    /// The interface strings of `lang`, as the template value `t`.
    pub fn strings_value(&self, lang: Lang) -> Value {
        self.strings_values
            .get(&lang)
            .cloned()
            .unwrap_or_else(|| Value::from(tera::Map::new()))
    }

    /// An interface string in the site language.
    pub fn t(&self, key: &str) -> String {
        self.theme.string(self.lang, key)
    }
}

/// Hashes of the theme's stylesheet and script, for cache-busting query strings.
#[derive(Debug, Clone, Default)]
pub struct AssetVersions {
    pub stylesheet: String,
    pub script: String,
    pub search: String,
}

fn site_view(site: &Site, versions: &AssetVersions) -> SiteView {
    let config = &site.config;
    let base = &config.base_url;
    let versioned = |file: &str, v: &str| {
        if v.is_empty() {
            base.href(file)
        } else {
            format!("{}?v={v}", base.href(file))
        }
    };
    SiteView {
        title: config.title.clone(),
        description: config.description.clone(),
        lang: config.language.code(),
        lang_tag: config.language.tag(),
        base_url: base.to_string(),
        base_path: base.path().to_string(),
        organization: OrganizationView {
            name: config.organization.name.clone(),
            url: config.organization.url.clone(),
            logo: config.organization.logo.clone(),
        },
        urls: SiteUrls {
            home: base.href(""),
            teams: base.href("teams/"),
            locations: base.href("locations/"),
            feed: base.href("feed.xml"),
            jobs_json: base.href("jobs.json"),
            sitemap: base.href("sitemap.xml"),
            stylesheet: versioned("style.css", &versions.stylesheet),
            syntax_css: versioned(
                "syntax.css",
                &crate::render::asset_hash(
                    crate::markdown::highlight::stylesheet(&config.markdown.highlight_theme)
                        .as_bytes(),
                ),
            ),
            // A logo on the site itself is linked root-relative, so that it loads wherever
            // the site is served (a preview, a staging host).
            icon: match config.organization.logo.as_deref() {
                Some(logo) => match logo.strip_prefix(&base.to_string()) {
                    Some(rest) => base.href(rest),
                    None => logo.to_string(),
                },
                None => base.href("favicon.svg"),
            },
            script: versioned("yingcai.js", &versions.script),
            search: versioned("search.js", &versions.search),
            static_root: base.href(""),
        },
        home: match config.home {
            HomeKind::Careers => "careers",
            HomeKind::Resume => "resume",
        },
        open_count: site.jobs.iter().filter(|j| j.is_published()).count(),
        extra: config.extra.clone(),
    }
}
