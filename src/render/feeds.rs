//! Machine-readable outputs: the Atom feed, `jobs.json`, the sitemap and robots.txt.
//! Only open postings appear in any of them.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::{json, Value};

use super::context::ApplyView;
use super::jsonld::job_id;
use super::views::Views;
use crate::html::{escape, push_escaped};

/// `/feed.xml`: Atom, newest first, team and locations as categories.
pub fn atom(views: &Views<'_, '_>) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = atom_to(views, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`atom`], written entry by entry: the whole feed is never held in memory.
pub fn atom_to(views: &Views<'_, '_>, w: &mut dyn Write) -> io::Result<()> {
    let site = views.site;
    let base = &site.config.base_url;
    let jobs = site.published_newest_first();
    let updated = jobs.first().map_or_else(
        || "1970-01-01T00:00:00Z".to_string(),
        |&i| site.jobs[i].posting.date.rfc3339(),
    );
    let author = if site.config.organization.name.is_empty() {
        &site.config.title
    } else {
        &site.config.organization.name
    };
    let mut out = String::with_capacity(8192);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        site.config.language.tag()
    ));
    out.push_str(&format!(
        "  <title>{}</title>\n",
        escape(&site.config.title)
    ));
    if !site.config.description.is_empty() {
        out.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            escape(&site.config.description)
        ));
    }
    out.push_str(&format!(
        "  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n",
        escape(&base.absolute("feed.xml"))
    ));
    out.push_str(&format!(
        "  <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n",
        escape(&base.absolute(""))
    ));
    out.push_str(&format!("  <id>{}</id>\n", escape(&base.absolute(""))));
    out.push_str(&format!("  <updated>{updated}</updated>\n"));
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape(author)
    ));
    out.push_str("  <generator>yingcai</generator>\n");
    for index in jobs {
        w.write_all(out.as_bytes())?;
        out.clear();
        let job = &site.jobs[index];
        let url = base.absolute(&job.route());
        let p = job.posting;
        out.push_str(&format!("  <entry xml:lang=\"{}\">\n", job.lang.tag()));
        out.push_str(&format!("    <title>{}</title>\n", escape(&p.title)));
        out.push_str(&format!(
            "    <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n",
            escape(&url)
        ));
        out.push_str(&format!("    <id>{}</id>\n", escape(&url)));
        out.push_str(&format!(
            "    <published>{}</published>\n",
            p.date.rfc3339()
        ));
        out.push_str(&format!("    <updated>{}</updated>\n", p.date.rfc3339()));
        let team = &site.teams[job.team];
        out.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\" scheme=\"{}\"/>\n",
            escape(&team.slug),
            escape(&team.name),
            escape(&base.absolute("teams/"))
        ));
        for &l in &job.locations {
            let loc = &site.locations[l];
            out.push_str(&format!(
                "    <category term=\"{}\" label=\"{}\" scheme=\"{}\"/>\n",
                escape(&loc.slug),
                escape(&loc.name),
                escape(&base.absolute("locations/"))
            ));
        }
        out.push_str(&format!(
            "    <summary>{}</summary>\n",
            escape(&views.cards[index].summary)
        ));
        out.push_str("    <content type=\"html\">");
        push_escaped(&mut out, &views.bodies.jobs[index].html);
        out.push_str("</content>\n");
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    w.write_all(out.as_bytes())
}

/// `/jobs.json`: open postings for aggregators, newest first (shape documented in the README).
pub fn jobs_json(views: &Views<'_, '_>) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = jobs_json_to(views, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`jobs_json`], serialised straight from borrowed structs into `w`: neither a
/// `serde_json::Value` tree of every body nor the whole text is held in memory.
pub fn jobs_json_to(views: &Views<'_, '_>, w: &mut dyn Write) -> io::Result<()> {
    let site = views.site;
    let base = &site.config.base_url;
    let org = &site.config.organization;
    let jobs: Vec<JobJson<'_>> = site
        .published_newest_first()
        .into_iter()
        .map(|index| {
            let job = &site.jobs[index];
            let p = job.posting;
            let team = &site.teams[job.team];
            let body = &views.bodies.jobs[index];
            JobJson {
                id: job_id(job),
                title: &p.title,
                url: base.absolute(&job.route()),
                team: PlaceJson {
                    name: &team.name,
                    slug: &team.slug,
                    url: base.absolute(&team.route()),
                },
                locations: job
                    .locations
                    .iter()
                    .map(|&l| {
                        let loc = &site.locations[l];
                        PlaceJson {
                            name: &loc.name,
                            slug: &loc.slug,
                            url: base.absolute(&loc.route()),
                        }
                    })
                    .collect(),
                remote: p.remote,
                level: p.level.as_deref(),
                employment_type: p.employment_type.map(|t| t.code()),
                salary: p.salary.as_ref().map(|s| SalaryJson {
                    min: s.min.map(Amount),
                    max: s.max.map(Amount),
                    currency: &s.currency,
                    unit: s.unit.code(),
                }),
                date_posted: p.date.iso(),
                valid_through: p.valid_through.map(|v| v.iso()),
                apply: views.apply(job),
                lang: job.lang.code(),
                tags: &p.tags,
                summary: &views.cards[index].summary,
                description_html: &body.html,
                description_text: &body.text,
            }
        })
        .collect();
    let doc = JobsJson {
        version: 1,
        title: &site.config.title,
        home_page_url: base.absolute(""),
        feed_url: base.absolute("jobs.json"),
        language: site.config.language.code(),
        organization: OrganizationJson {
            name: &org.name,
            url: org.url.as_deref(),
            logo: org.logo.as_deref(),
            country: org.country.as_deref(),
        },
        count: jobs.len(),
        jobs,
    };
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    w.write_all(b"\n")
}

#[derive(Serialize)]
struct JobsJson<'a> {
    version: u32,
    title: &'a str,
    home_page_url: String,
    feed_url: String,
    language: &'static str,
    organization: OrganizationJson<'a>,
    count: usize,
    jobs: Vec<JobJson<'a>>,
}

#[derive(Serialize)]
struct OrganizationJson<'a> {
    name: &'a str,
    url: Option<&'a str>,
    logo: Option<&'a str>,
    country: Option<&'a str>,
}

#[derive(Serialize)]
struct JobJson<'a> {
    id: String,
    title: &'a str,
    url: String,
    team: PlaceJson<'a>,
    locations: Vec<PlaceJson<'a>>,
    remote: bool,
    level: Option<&'a str>,
    employment_type: Option<&'static str>,
    salary: Option<SalaryJson<'a>>,
    date_posted: String,
    valid_through: Option<String>,
    apply: Option<ApplyView>,
    lang: &'static str,
    tags: &'a [String],
    summary: &'a str,
    description_html: &'a str,
    description_text: &'a str,
}

/// A team or location: `name`, `slug`, `url`.
#[derive(Serialize)]
struct PlaceJson<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
}

#[derive(Serialize)]
struct SalaryJson<'a> {
    min: Option<Amount>,
    max: Option<Amount>,
    currency: &'a str,
    unit: &'static str,
}

/// A pay amount, written as [`number`] writes it.
struct Amount(f64);

impl Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        number(self.0).serialize(serializer)
    }
}

/// A whole amount as an integer (`30000`, not `30000.0`).
pub fn number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        json!(value as i64)
    } else {
        json!(value)
    }
}

/// `/sitemap.xml`: every page search engines should index, with postings' dates as `lastmod`.
pub fn sitemap(views: &Views<'_, '_>, pages: &[(String, Option<String>)]) -> String {
    let base = &views.site.config.base_url;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (route, lastmod) in pages {
        out.push_str(&format!(
            "  <url>\n    <loc>{}</loc>\n",
            escape(&base.absolute(route))
        ));
        if let Some(date) = lastmod {
            out.push_str(&format!("    <lastmod>{date}</lastmod>\n"));
        }
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// `/robots.txt`: everything allowed, pointing at the sitemap.
pub fn robots(views: &Views<'_, '_>) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        views.site.config.base_url.absolute("sitemap.xml")
    )
}
