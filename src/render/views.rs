//! Site graph → template context structs.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde_json::Map;
use tera::Value;

use super::context::*;
use super::theme::Theme;
use super::{to_value, Renderer};
use crate::config::HomeKind;
use crate::content::apply::Contact;
use crate::content::dates::{EndDate, PartialDate};
use crate::content::posting::Salary;
use crate::content::Resume;
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
use crate::markdown::{truncate, Rendered};
use crate::site::bodies::Bodies;
use crate::site::{Job, Site, Status};
use crate::url::encode_component;

/// `extra` of a team without a file.
static EMPTY_MAP: std::sync::LazyLock<Map<String, serde_json::Value>> =
    std::sync::LazyLock::new(Map::new);

/// Summaries made from a body are cut to this many characters.
const SUMMARY_CHARS: usize = 120;

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
        self.cards.slots[i]
            .get_or_init(|| {
                let mut card = self.card_fields(i);
                let t = self.strings_value(self.lang);
                let text = self
                    .renderer
                    .render_card(to_value(&card), &self.site_value, &t)?;
                card.html = super::cards::card_html(&text);
                Ok(card)
            })
            .as_ref()
            .map_err(Clone::clone)
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
                Ok(Arc::new(crate::search::build(
                    self.site,
                    self.bodies,
                    &cards,
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

    fn team_link(&self, team: usize) -> LinkView {
        let t = &self.site.teams[team];
        let lang = Lang::of_name(&t.name, self.lang);
        LinkView {
            name: t.name.clone(),
            lang: lang.code(),
            lang_tag: lang.tag(),
            slug: t.slug.clone(),
            url: self.site.config.base_url.href(&t.route()),
            count: t.jobs.len(),
        }
    }

    pub fn location_link(&self, location: usize) -> LinkView {
        let l = &self.site.locations[location];
        let lang = Lang::of_name(&l.name, self.lang);
        LinkView {
            name: l.name.clone(),
            lang: lang.code(),
            lang_tag: lang.tag(),
            slug: l.slug.clone(),
            url: self.site.config.base_url.href(&l.route()),
            count: l.jobs.len(),
        }
    }

    /// The summary: as written, else the body's first paragraph, shortened.
    pub fn summary(&self, job: usize) -> String {
        let p = &self.site.jobs[job].posting;
        p.summary
            .clone()
            .unwrap_or_else(|| truncate(&self.bodies.jobs[job].first_paragraph, SUMMARY_CHARS))
    }

    /// Posting `i`'s card fields, without its markup.
    fn card_fields(&self, i: usize) -> PostingCard {
        let job = &self.site.jobs[i];
        let p = &job.posting;
        let team = self.team_link(job.team);
        let locations: Vec<LinkView> = job
            .locations
            .iter()
            .map(|&l| self.location_link(l))
            .collect();
        let summary = self.summary(i);
        let mut search = vec![p.title.clone(), summary.clone(), team.name.clone()];
        search.extend(locations.iter().map(|l| l.name.clone()));
        search.extend(p.level.clone());
        search.extend(p.tags.iter().cloned());
        PostingCard {
            title: p.title.clone(),
            slug: job.slug.clone(),
            url: self.site.config.base_url.href(&job.route()),
            team,
            locations,
            level: p.level.clone(),
            employment_type: p.employment_type.map(|t| CodeLabel {
                code: t.code().to_string(),
                label: self.t(&format!("employment_{}", t.code())),
            }),
            remote: p.remote,
            date: DateView {
                iso: p.date.iso(),
                display: p.date.display(self.lang),
            },
            salary: p.salary.as_ref().map(|s| self.salary(s, self.lang)),
            summary,
            tags: p.tags.clone(),
            lang: job.lang.code(),
            status: match job.status {
                Status::Open => "open",
                Status::Closed => "closed",
                Status::Draft => "draft",
            },
            search: search.join(" ").to_lowercase(),
            html: Value::none(),
        }
    }

    /// How to apply to a job, in the posting's language for the mail subject.
    pub fn apply(&self, job: &Job) -> Option<ApplyView> {
        let subject = self
            .theme
            .string(job.lang, "apply_subject")
            .replace("{title}", &job.posting.title);
        job.posting
            .apply
            .as_ref()
            .map(|c| contact_view(c, Some(&subject)))
    }

    /// Posting `i`'s view, with its rendered body given: a build releases bodies as their
    /// pages are written, so `self.bodies` need not hold it.
    pub fn posting_with_body<'s>(
        &'s self,
        i: usize,
        body: &'s Rendered,
    ) -> Result<PostingView<'s>, Diagnostic> {
        let job = &self.site.jobs[i];
        let p = &job.posting;
        let team = &self.site.teams[job.team];
        let lang = job.lang;
        Ok(PostingView {
            card: self.card(i)?,
            content: &body.html,
            lead: p.summary.clone(),
            date: DateView {
                iso: p.date.iso(),
                display: p.date.display(lang),
            },
            employment_type: p.employment_type.map(|t| CodeLabel {
                code: t.code().to_string(),
                label: self.theme.string(lang, &format!("employment_{}", t.code())),
            }),
            apply: self.apply(job),
            valid_through: p.valid_through.map(|v| DateView {
                iso: v.iso(),
                display: v.display(lang),
            }),
            salary: p.salary.as_ref().map(|s| self.salary(s, lang)),
            closed: job.status == Status::Closed,
            draft: job.status == Status::Draft,
            team_contact: team
                .team
                .as_ref()
                .and_then(|t| t.contact.as_ref())
                .map(|c| contact_view(c, None)),
            extra: &p.extra,
        })
    }

    /// A salary, its unit in `lang`.
    pub fn salary(&self, s: &Salary, lang: Lang) -> SalaryView {
        let amount = match (s.min, s.max) {
            (Some(min), Some(max)) if min == max => group_thousands(min),
            (Some(min), Some(max)) => format!("{}–{}", group_thousands(min), group_thousands(max)),
            (Some(min), None) => format!("≥ {}", group_thousands(min)),
            (None, Some(max)) => format!("≤ {}", group_thousands(max)),
            (None, None) => String::new(),
        };
        let unit = self.theme.string(lang, &format!("unit_{}", s.unit.code()));
        SalaryView {
            min: s.min,
            max: s.max,
            currency: s.currency.clone(),
            unit: s.unit.code().to_string(),
            display: format!("{amount} {} / {unit}", s.currency),
        }
    }

    pub fn team(&self, i: usize) -> TeamView<'_> {
        let node = &self.site.teams[i];
        let link = self.team_link(i);
        TeamView {
            name: link.name,
            lang: link.lang,
            lang_tag: link.lang_tag,
            slug: link.slug,
            url: link.url,
            summary: node
                .team
                .as_ref()
                .and_then(|t| t.summary.clone())
                .unwrap_or_default(),
            content: &self.bodies.teams[i].html,
            contact: node
                .team
                .as_ref()
                .and_then(|t| t.contact.as_ref())
                .map(|c| contact_view(c, None)),
            count: node.jobs.len(),
            postings: node.jobs.clone(),
            extra: node.team.as_ref().map_or(&EMPTY_MAP, |t| &t.extra),
        }
    }

    pub fn location(&self, i: usize) -> LocationView {
        let node = &self.site.locations[i];
        let link = self.location_link(i);
        LocationView {
            name: link.name,
            slug: link.slug,
            url: link.url,
            count: node.jobs.len(),
            postings: node.jobs.clone(),
        }
    }

    /// The template value of a team: its fields, and `postings`, its cards.
    pub fn team_value(&self, team: &TeamView<'_>) -> Result<Value, Diagnostic> {
        self.with_cards(to_value(team), &team.postings)
    }

    /// The template value of a location: its fields, and `postings`, its cards.
    pub fn location_value(&self, location: &LocationView) -> Result<Value, Diagnostic> {
        self.with_cards(to_value(location), &location.postings)
    }

    /// `value` with `postings`: the HTML of the cards of `jobs`.
    fn with_cards(&self, value: Value, jobs: &[usize]) -> Result<Value, Diagnostic> {
        let Some(mut map) = value.into_map() else {
            return Ok(Value::none());
        };
        let cards: Vec<Value> = jobs
            .iter()
            .map(|&j| self.card(j).map(|c| c.html.clone()))
            .collect::<Result<_, _>>()?;
        map.insert("postings".into(), Value::from(cards));
        Ok(Value::from(map))
    }

    /// The template value of a posting: every field of its card and of `posting`.
    pub fn posting_value(&self, posting: &PostingView<'_>) -> Value {
        let mut map = to_value(posting.card).into_map().unwrap_or_default();
        map.extend(to_value(posting).into_map().unwrap_or_default());
        Value::from(map)
    }

    /// [`Views::filters`] as a template value, made on first use and shared.
    pub fn filters_value(&self) -> Value {
        self.filters_value
            .get_or_init(|| to_value(&self.filters()))
            .clone()
    }

    pub fn filters(&self) -> FiltersView {
        let listed: Vec<usize> = self.site.listed().map(|(i, _)| i).collect();
        let count_by = |value: &dyn Fn(usize) -> Option<String>| {
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for &i in &listed {
                if let Some(v) = value(i) {
                    *counts.entry(v).or_insert(0) += 1;
                }
            }
            counts.into_iter().collect::<Vec<(String, usize)>>()
        };
        let mut levels = count_by(&|i| self.site.jobs[i].posting.level.clone());
        levels.sort_by(|a, b| a.0.cmp(&b.0));
        let mut types = count_by(&|i| {
            self.site.jobs[i]
                .posting
                .employment_type
                .map(|t| t.code().to_string())
        });
        types.sort_by(|a, b| a.0.cmp(&b.0));
        let linked = |l: LinkView| FilterOption {
            value: l.slug,
            label: l.name,
            count: l.count,
            url: Some(l.url),
        };
        FiltersView {
            teams: (0..self.site.teams.len())
                .map(|t| self.team_link(t))
                .filter(|l| l.count > 0)
                .map(linked)
                .collect(),
            locations: (0..self.site.locations.len())
                .map(|l| self.location_link(l))
                .filter(|l| l.count > 0)
                .map(linked)
                .collect(),
            levels: levels
                .into_iter()
                .map(|(v, count)| FilterOption {
                    label: v.clone(),
                    value: v,
                    count,
                    url: None,
                })
                .collect(),
            employment_types: types
                .into_iter()
                .map(|(code, count)| FilterOption {
                    label: self.t(&format!("employment_{code}")),
                    value: code,
                    count,
                    url: None,
                })
                .collect(),
            remote_count: listed
                .iter()
                .filter(|&&i| self.site.jobs[i].posting.remote)
                .count(),
        }
    }

    pub fn resume(&self, i: usize) -> ResumeView {
        let node = &self.site.resumes[i];
        resume_view(
            &node.resume,
            &self.bodies.resumes[i],
            node.lang,
            self.theme,
            &self.site.config.base_url.href(&node.route()),
        )
    }
}

/// A contact as a link; emails get `subject` when given.
pub fn contact_view(contact: &Contact, subject: Option<&str>) -> ApplyView {
    match contact {
        Contact::Url(url) => ApplyView {
            kind: "url",
            href: url.clone(),
            address: url.clone(),
        },
        Contact::Email(email) => ApplyView {
            kind: "email",
            href: match subject {
                Some(s) => format!("mailto:{email}?subject={}", encode_component(s)),
                None => format!("mailto:{email}"),
            },
            address: email.clone(),
        },
    }
}

/// `30000` → `30,000`; fractions are kept to two places.
pub fn group_thousands(value: f64) -> String {
    let whole = value.trunc() as i64;
    let digits = whole.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if whole < 0 {
        out.insert(0, '-');
    }
    let fraction = (value - value.trunc()).abs();
    if fraction > 0.0 {
        out.push_str(&format!("{fraction:.2}")[1..]);
    }
    out
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

fn period(
    start: Option<PartialDate>,
    end: Option<EndDate>,
    lang: Lang,
    theme: &Theme,
) -> PeriodView {
    let present = theme.string(lang, "present");
    let end_text = match end {
        Some(EndDate::On(d)) => Some(d.display(lang)),
        Some(EndDate::Present) => Some(present.clone()),
        None if start.is_some() => Some(present.clone()),
        None => None,
    };
    let display = match (start.map(|s| s.display(lang)), end_text) {
        (Some(s), Some(e)) => format!("{s} – {e}"),
        (Some(s), None) => s,
        (None, Some(e)) => e,
        (None, None) => String::new(),
    };
    PeriodView {
        start: start.map(|s| s.iso()),
        end: match end {
            Some(EndDate::On(d)) => Some(d.iso()),
            _ => None,
        },
        display,
    }
}

/// A resume's view; `page_url` is the href of its own page.
pub fn resume_view(
    r: &Resume,
    body: &Rendered,
    lang: Lang,
    theme: &Theme,
    page_url: &str,
) -> ResumeView {
    ResumeView {
        name: r.name.clone(),
        label: r.label.clone(),
        email: r
            .email
            .as_ref()
            .and_then(|e| e.split_once('@'))
            .map(|(user, domain)| EmailView {
                user: user.to_string(),
                domain: domain.to_string(),
            }),
        phone: r.phone.clone(),
        url: r.url.clone(),
        location: r
            .location
            .as_ref()
            .map(|l| l.display())
            .filter(|l| !l.is_empty()),
        summary: r.summary.clone(),
        image: r.image.clone(),
        profiles: r
            .profiles
            .iter()
            .map(|p| ProfileView {
                network: p.network.clone(),
                username: p.username.clone(),
                url: p.url.clone(),
            })
            .collect(),
        work: r
            .work
            .iter()
            .map(|w| WorkView {
                name: w.name.clone(),
                position: w.position.clone(),
                location: w.location.clone(),
                url: w.url.clone(),
                period: period(w.start, w.end, lang, theme),
                summary: w.summary.clone(),
                highlights: w.highlights.clone(),
            })
            .collect(),
        education: r
            .education
            .iter()
            .map(|e| EducationView {
                institution: e.institution.clone(),
                area: e.area.clone(),
                study_type: e.study_type.clone(),
                url: e.url.clone(),
                period: period(e.start, e.end, lang, theme),
                score: e.score.clone(),
                courses: e.courses.clone(),
            })
            .collect(),
        skills: r
            .skills
            .iter()
            .map(|s| SkillView {
                name: s.name.clone(),
                level: s.level.clone(),
                keywords: s.keywords.clone(),
            })
            .collect(),
        languages: r
            .languages
            .iter()
            .map(|l| LanguageView {
                language: l.language.clone(),
                fluency: l.fluency.clone(),
            })
            .collect(),
        projects: r
            .projects
            .iter()
            .map(|p| ProjectView {
                name: p.name.clone(),
                description: p.description.clone(),
                url: p.url.clone(),
                period: period(p.start, p.end, lang, theme),
                highlights: p.highlights.clone(),
                keywords: p.keywords.clone(),
                roles: p.roles.clone(),
            })
            .collect(),
        sections: sections(r, lang, theme),
        content: body.html.clone(),
        json_url: format!("{page_url}resume.json"),
        url_page: page_url.to_string(),
        lang: lang.code(),
        extra: if r.extra.is_empty() {
            Map::new()
        } else {
            r.extra.clone()
        },
    }
}

/// The sections a resume brought from JSON Resume without fields of their own.
fn sections(r: &Resume, lang: Lang, theme: &Theme) -> Vec<SectionView> {
    let text = |item: &serde_json::Value, keys: &[&str]| {
        keys.iter()
            .find_map(|k| {
                item.get(*k)
                    .and_then(|v| v.as_str())
                    .filter(|s| !s.trim().is_empty())
            })
            .map(str::to_string)
    };
    crate::content::json_resume::PASSTHROUGH
        .iter()
        .filter_map(|key| {
            let items = r.other_sections.get(*key)?.as_array()?;
            let items: Vec<SectionItem> = items
                .iter()
                .map(|item| SectionItem {
                    title: text(item, &["title", "name", "position", "organization"])
                        .unwrap_or_default(),
                    subtitle: text(item, &["awarder", "issuer", "publisher", "organization"])
                        .filter(|s| Some(s) != text(item, &["title", "name", "position"]).as_ref()),
                    date: text(item, &["date", "releaseDate", "startDate"])
                        .map(|d| PartialDate::parse(&d).map_or(d, |p| p.display(lang))),
                    summary: text(item, &["summary", "reference"]),
                    url: text(item, &["url"]),
                    keywords: ["keywords", "highlights"]
                        .iter()
                        .find_map(|k| item.get(*k).and_then(|v| v.as_array()))
                        .map(|a| {
                            a.iter()
                                .filter_map(|v| v.as_str().map(str::to_string))
                                .collect()
                        })
                        .unwrap_or_default(),
                })
                .collect();
            Some(SectionView {
                key: key.to_string(),
                title: theme.string(lang, &format!("section_{key}")),
                items,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(group_thousands(30000.0), "30,000");
        assert_eq!(group_thousands(999.0), "999");
        assert_eq!(group_thousands(1234567.5), "1,234,567.50");
    }

    #[test]
    fn mail_subject_is_encoded() {
        let v = contact_view(
            &Contact::Email("hr@example.com".into()),
            Some("应聘：后端 & 前端"),
        );
        assert_eq!(v.href, "mailto:hr@example.com?subject=%E5%BA%94%E8%81%98%EF%BC%9A%E5%90%8E%E7%AB%AF%20%26%20%E5%89%8D%E7%AB%AF");
    }
}
