//! What templates see. These structs *are* the theme API: every field here is documented in
//! the README's "Template context" section, and nothing else reaches a template.

use std::sync::Arc;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::content::resume::{Language, Profile, Skill};

/// `site`: given to every template.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    /// Interface language: `zh` or `en`.
    pub lang: &'static str,
    /// BCP 47 tag for `<html lang>`: `zh-CN` or `en`.
    pub lang_tag: &'static str,
    /// Absolute base URL, ending in `/`.
    pub base_url: String,
    /// The sub-path the site lives under, starting and ending in `/`.
    pub base_path: String,
    pub organization: OrganizationView,
    /// Root-relative hrefs of the site's fixed pages and files.
    pub urls: SiteUrls,
    /// `careers` or `resume`.
    pub home: &'static str,
    /// Number of open postings on the site.
    pub open_count: usize,
    /// `config.toml`'s `[extra]`, as written.
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OrganizationView {
    pub name: String,
    pub url: Option<String>,
    pub logo: Option<String>,
}

/// Root-relative hrefs (already under the sub-path).
#[derive(Debug, Clone, Serialize)]
pub struct SiteUrls {
    pub home: String,
    pub teams: String,
    pub locations: String,
    pub feed: String,
    pub jobs_json: String,
    pub sitemap: String,
    /// The theme's stylesheet, with a content hash for cache busting.
    pub stylesheet: String,
    /// The code-highlighting stylesheet, with a content hash. Link it only on pages whose
    /// `page.has_code` is true.
    pub syntax_css: String,
    /// The site's icon: `organization.logo` when set, else the theme's `favicon.svg`.
    pub icon: String,
    /// The theme's script (filtering), with a content hash.
    pub script: String,
    /// The theme's search script (`search.js`, loaded on first use of the home page's filter),
    /// with a content hash; it finds the site's search index in `search/` next to it.
    pub search: String,
    /// The root of the site's static files (`static/` and the theme's `static/`).
    pub static_root: String,
}

/// `page`: given to every template, describing the page being rendered.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// `home`, `posting`, `teams`, `team`, `locations`, `location`, `resume` or `404`.
    pub kind: &'static str,
    /// The full `<title>`.
    pub title: String,
    /// The heading shown on the page.
    pub heading: String,
    /// Meta description.
    pub description: String,
    /// Root-relative href of this page.
    pub url: String,
    /// Absolute canonical URL.
    pub canonical: String,
    /// `noindex` for pages search engines should drop (closed postings, drafts), else empty.
    pub robots: String,
    /// schema.org JSON-LD, already escaped for a `<script type="application/ld+json">` block;
    /// empty when the page has none.
    pub json_ld: String,
    /// Language of the page's main content (`zh` or `en`).
    pub lang: &'static str,
    pub lang_tag: &'static str,
    /// Open Graph locale of the content: `zh_CN` or `en_US`.
    pub og_locale: &'static str,
    /// Whether the content holds highlighted code (and so needs `site.urls.syntax_css`).
    pub has_code: bool,
    /// On a page of a listing: the absolute URLs of the page before and after it, for
    /// `<link rel="prev">` and `<link rel="next">`; none on the first or the last page.
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
}

/// `paginator`: where a page of a listing (home, team, location) stands among its pages.
/// Page 1 is the listing's own URL, page N is `page/N/` under it.
#[derive(Debug, Clone, Serialize)]
pub struct PaginatorView {
    /// This page's number, from 1.
    pub current: usize,
    /// How many pages the listing has (1 when it fits on one).
    pub count: usize,
    /// Postings per page (`paginate_by`).
    pub per_page: usize,
    /// Postings in the whole listing.
    pub total: usize,
    /// Hrefs of the first and last pages, and of the pages before and after this one.
    pub first: String,
    pub last: String,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// Links to the first and last pages and to the pages near this one, in order;
    /// `gap` marks a link that follows skipped pages.
    pub links: Vec<PageLink>,
}

/// A link to one page of a listing.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Pages are left out between the link before and this one.
    pub gap: bool,
}

/// A link to a team or location, with how many listed postings it has.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub name: String,
    /// The language the name is written in (`zh` or `en`, from its script; see
    /// [`crate::lang::Lang::of_name`]) and its BCP 47 tag, to mark it where the page around it
    /// speaks another: `基础架构` on an English posting's page.
    pub lang: &'static str,
    pub lang_tag: &'static str,
    pub slug: String,
    pub url: String,
    pub count: usize,
}

/// A date for machines (`iso`) and people (`display`, in the site language).
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    pub iso: String,
    pub display: String,
}

/// A schema.org employment type and its label in the site language.
#[derive(Debug, Clone, Serialize)]
pub struct CodeLabel {
    pub code: String,
    pub label: String,
}

/// A posting as listed on home, team and location pages. Its template fields are these and
/// `search` (see [`PostingCard::search`]), worked out when the card is given to a template,
/// not held: a build holds every card.
#[derive(Debug, Clone)]
pub struct PostingCard {
    pub title: String,
    pub slug: String,
    pub url: String,
    /// Links shared with every card of the same team and places.
    pub team: Arc<LinkView>,
    pub locations: Vec<Arc<LinkView>>,
    pub level: Option<String>,
    pub employment_type: Option<CodeLabel>,
    pub remote: bool,
    pub date: DateView,
    /// The salary when the posting gives one (unit in the site language).
    pub salary: Option<SalaryView>,
    pub summary: String,
    pub tags: Vec<String>,
    /// The posting's language (`zh` or `en`).
    pub lang: &'static str,
    /// `open`, `closed` or `draft`.
    pub status: &'static str,
    /// The card as the theme's `card.html` renders it (surrounding whitespace trimmed): made
    /// once per posting, it is what listings get (see [`TeamView::postings`]). A Tera string:
    /// every listing that shows the card shares it. Not a template field.
    pub html: tera::Value,
}

impl PostingCard {
    /// The template field `search`: lower-cased title, summary, team, locations, level and
    /// tags, for the instant filter.
    pub fn search(&self) -> String {
        let mut words = vec![self.title.as_str(), &self.summary, &self.team.name];
        words.extend(self.locations.iter().map(|l| l.name.as_str()));
        words.extend(self.level.as_deref());
        words.extend(self.tags.iter().map(String::as_str));
        crate::lang::lowercase(&words.join(" "))
    }
}

impl Serialize for PostingCard {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut card = serializer.serialize_struct("PostingCard", 16)?;
        card.serialize_field("title", &self.title)?;
        card.serialize_field("slug", &self.slug)?;
        card.serialize_field("url", &self.url)?;
        card.serialize_field("team", &*self.team)?;
        card.serialize_field("locations", &self.locations)?;
        card.serialize_field("level", &self.level)?;
        card.serialize_field("employment_type", &self.employment_type)?;
        card.serialize_field("remote", &self.remote)?;
        card.serialize_field("date", &self.date)?;
        card.serialize_field("salary", &self.salary)?;
        card.serialize_field("summary", &self.summary)?;
        card.serialize_field("tags", &self.tags)?;
        card.serialize_field("lang", self.lang)?;
        card.serialize_field("status", self.status)?;
        card.serialize_field("search", &self.search())?;
        card.end()
    }
}

/// How to apply.
#[derive(Debug, Clone, Serialize)]
pub struct ApplyView {
    /// `url` or `email`.
    pub kind: &'static str,
    /// The href: the URL, or `mailto:` with the subject filled in.
    pub href: String,
    /// The address or URL as written.
    pub address: String,
}

/// A posting's pay range.
#[derive(Debug, Clone, Serialize)]
pub struct SalaryView {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub currency: String,
    /// `HOUR`, `DAY`, `WEEK`, `MONTH` or `YEAR`.
    pub unit: String,
    /// E.g. `30,000–50,000 CNY / 月`.
    pub display: String,
}

/// `posting`: one posting's page: every field of its card (see
/// [`super::views::Views::posting_value`]), and these.
#[derive(Debug, Clone, Serialize)]
pub struct PostingView<'a> {
    #[serde(skip)]
    pub card: &'a PostingCard,
    /// The card's fields as a Tera value, when made along with the card.
    #[serde(skip)]
    pub card_value: Option<tera::Value>,
    /// The body as HTML.
    pub content: &'a str,
    /// The `summary` as written in the front matter (`card.summary` falls back to the body).
    pub lead: Option<String>,
    /// The posting date, shown in the posting's language (overrides the card's).
    pub date: DateView,
    /// The employment type, labelled in the posting's language (overrides the card's).
    pub employment_type: Option<CodeLabel>,
    pub apply: Option<ApplyView>,
    pub valid_through: Option<DateView>,
    pub salary: Option<SalaryView>,
    pub closed: bool,
    pub draft: bool,
    /// The team's contact, when the team has a file with one.
    pub team_contact: Option<ApplyView>,
    /// The posting's `[extra]`, as written.
    pub extra: &'a Map<String, Value>,
}

/// A team with its listed postings.
#[derive(Debug, Clone, Serialize)]
pub struct TeamView<'a> {
    /// `name`, `lang`, `lang_tag`, `slug`, `url` and `count`, as in its links.
    #[serde(flatten)]
    pub link: LinkView,
    pub summary: String,
    /// The team file's body as HTML (empty for teams without a file).
    pub content: &'a str,
    pub contact: Option<ApplyView>,
    /// Its listed postings, by index into `site.jobs`. Templates get their cards as HTML,
    /// each rendered once by `card.html` (see [`super::views::Views::team_value`]): a listing
    /// page then costs about what copying its cards does, however many listings show them.
    #[serde(skip)]
    pub postings: Vec<usize>,
    pub extra: &'a Map<String, Value>,
}

/// A location with its listed postings.
#[derive(Debug, Clone, Serialize)]
pub struct LocationView {
    /// As [`TeamView::link`].
    #[serde(flatten)]
    pub link: LinkView,
    /// As [`TeamView::postings`].
    #[serde(skip)]
    pub postings: Vec<usize>,
}

/// One choice of the home page filter.
#[derive(Debug, Clone, Serialize)]
pub struct FilterOption {
    /// The value cards carry in their `data-*` attribute.
    pub value: String,
    pub label: String,
    pub count: usize,
    /// A page listing the same postings, for browsers without JavaScript (teams, locations).
    pub url: Option<String>,
}

/// The home page filter's choices, each with its count of listed postings.
#[derive(Debug, Clone, Serialize)]
pub struct FiltersView {
    pub teams: Vec<FilterOption>,
    pub locations: Vec<FilterOption>,
    pub levels: Vec<FilterOption>,
    pub employment_types: Vec<FilterOption>,
    /// Number of listed postings open to remote work.
    pub remote_count: usize,
}

/// An email address split in two, so the page never holds `user@domain` as plain text:
/// themes show `user<span class="at"></span>domain` (the `@` drawn by CSS) and a script
/// turns it into a `mailto:` link.
#[derive(Debug, Clone, Serialize)]
pub struct EmailView {
    pub user: String,
    pub domain: String,
}

/// A time span of a resume entry.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodView {
    /// JSON Resume form, e.g. `2018-10`.
    pub start: Option<String>,
    /// JSON Resume form; empty when the entry is ongoing.
    pub end: Option<String>,
    /// For people: `2018.10 – 2020.10`, `2018.10 – 至今`, `Oct 2018 – present`.
    pub display: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct WorkView {
    pub name: String,
    pub position: Option<String>,
    pub location: Option<String>,
    pub url: Option<String>,
    pub period: PeriodView,
    pub summary: Option<String>,
    pub highlights: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EducationView {
    pub institution: String,
    pub area: Option<String>,
    pub study_type: Option<String>,
    pub url: Option<String>,
    pub period: PeriodView,
    pub score: Option<String>,
    pub courses: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProjectView {
    pub name: String,
    pub description: Option<String>,
    pub url: Option<String>,
    pub period: PeriodView,
    pub highlights: Vec<String>,
    pub keywords: Vec<String>,
    pub roles: Vec<String>,
}

/// `resume`: one resume's page. Keys named in the resume's `hide` are absent (`null` / empty).
#[derive(Debug, Clone, Serialize)]
pub struct ResumeView {
    pub name: String,
    pub label: Option<String>,
    pub email: Option<EmailView>,
    pub phone: Option<String>,
    pub url: Option<String>,
    /// "City, Region", as far as known.
    pub location: Option<String>,
    pub summary: Option<String>,
    pub image: Option<String>,
    pub profiles: Vec<Profile>,
    pub work: Vec<WorkView>,
    pub education: Vec<EducationView>,
    pub skills: Vec<Skill>,
    pub languages: Vec<Language>,
    pub projects: Vec<ProjectView>,
    /// JSON Resume sections without fields of their own (awards, certificates, publications,
    /// volunteer, interests, references), in that order.
    pub sections: Vec<SectionView>,
    /// The Markdown body as HTML.
    pub content: String,
    /// Href of this resume in JSON Resume format.
    pub json_url: String,
    /// Href of the resume's page (differs from `page.url` when the resume is the home page).
    pub url_page: String,
    pub lang: &'static str,
    pub extra: Map<String, Value>,
}

/// A JSON Resume section shown generically: a heading and a list of entries.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    /// `awards`, `certificates`, `publications`, `volunteer`, `interests` or `references`.
    pub key: String,
    /// The heading, in the resume's language (interface string `section_KEY`).
    pub title: String,
    pub items: Vec<SectionItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionItem {
    pub title: String,
    pub subtitle: Option<String>,
    pub date: Option<String>,
    pub summary: Option<String>,
    pub url: Option<String>,
    pub keywords: Vec<String>,
}
