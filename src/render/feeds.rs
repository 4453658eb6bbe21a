//! Machine-readable outputs: the Atom feed, `jobs.json`, the sitemap and robots.txt.
//! Only open postings appear in any of them.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;

use super::context::ApplyView;
use super::jsonld::number;
use super::views::Views;
use crate::html::{escape, push_escaped};
use crate::json;

/// `/feed.xml`: Atom, newest first, team and locations as categories.
pub fn atom(views: &Views<'_>) -> Vec<u8> {
    let mut out = Vec::with_capacity(feed_size(views));
    // Writing into memory cannot fail.
    let _ = atom_to(views, &mut out);
    out
}

/// About how many bytes a feed of every open posting takes: enough that the buffer of a
/// feed made in memory (by `serve`) is not copied over and over as it grows.
fn feed_size(views: &Views<'_>) -> usize {
    let site = views.site;
    site.jobs
        .iter()
        .enumerate()
        .filter(|(_, j)| j.is_published())
        .take(site.config.feed_entries)
        .map(|(i, _)| views.bodies.jobs.get(i).map_or(0, |b| b.html.len() * 2) + 2048)
        .sum()
}

/// [`atom`], written entry by entry: the whole feed is never held in memory.
pub fn atom_to(views: &Views<'_>, w: &mut dyn Write) -> io::Result<()> {
    let site = views.site;
    let base = &site.config.base_url;
    let mut jobs = site.published_newest_first();
    jobs.truncate(site.config.feed_entries);
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
    w.write_all(out.as_bytes())?;
    write_in_parallel(
        w,
        &jobs,
        b"",
        |index| views.bodies.jobs[index].html.len() * 2 + 1024,
        |index, out| atom_entry(views, index, out),
    )?;
    w.write_all(b"</feed>\n")
}

/// One posting's `<entry>`.
fn atom_entry(views: &Views<'_>, index: usize, out: &mut Vec<u8>) {
    let site = views.site;
    let base = &site.config.base_url;
    let job = &site.jobs[index];
    let url = escape(&base.absolute(&job.route()));
    let p = &job.posting;
    let mut entry = String::with_capacity(2 * views.bodies.jobs[index].html.len() + 1024);
    entry.push_str(&format!("  <entry xml:lang=\"{}\">\n", job.lang.tag()));
    entry.push_str(&format!("    <title>{}</title>\n", escape(&p.title)));
    entry.push_str(&format!(
        "    <link href=\"{url}\" rel=\"alternate\" type=\"text/html\"/>\n"
    ));
    entry.push_str(&format!("    <id>{url}</id>\n"));
    let date = p.date.rfc3339();
    entry.push_str(&format!("    <published>{date}</published>\n"));
    entry.push_str(&format!("    <updated>{date}</updated>\n"));
    let team = &site.teams[job.team];
    entry.push_str(&format!(
        "    <category term=\"{}\" label=\"{}\" scheme=\"{}\"/>\n",
        escape(&team.slug),
        escape(&team.name),
        escape(&base.absolute("teams/"))
    ));
    for &l in &job.locations {
        let loc = &site.locations[l];
        entry.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\" scheme=\"{}\"/>\n",
            escape(&loc.slug),
            escape(&loc.name),
            escape(&base.absolute("locations/"))
        ));
    }
    entry.push_str(&format!(
        "    <summary>{}</summary>\n",
        escape(&views.summary(index))
    ));
    entry.push_str("    <content type=\"html\">");
    push_escaped(&mut entry, &views.bodies.jobs[index].html);
    entry.push_str("</content>\n");
    entry.push_str("  </entry>\n");
    out.extend_from_slice(entry.as_bytes());
}

/// Postings per group: each group's entries are made on all threads, then written in order,
/// so a feed of every posting is never held in memory whole.
const FEED_GROUP: usize = 1024;

/// Writes `entry` of each of `jobs` to `w`, in order, `separator` between entries; `size`
/// tells about how many bytes an entry takes, reserved ahead.
fn write_in_parallel(
    w: &mut dyn Write,
    jobs: &[usize],
    separator: &[u8],
    size: impl Fn(usize) -> usize + Sync,
    entry: impl Fn(usize, &mut Vec<u8>) + Sync,
) -> io::Result<()> {
    for (g, group) in jobs.chunks(FEED_GROUP).enumerate() {
        let parts: Vec<Vec<u8>> = group
            .par_chunks(64)
            .map(|chunk| {
                let mut out = Vec::with_capacity(chunk.iter().map(|&i| size(i)).sum());
                for (k, &index) in chunk.iter().enumerate() {
                    if k > 0 {
                        out.extend_from_slice(separator);
                    }
                    entry(index, &mut out);
                }
                out
            })
            .collect();
        for (k, part) in parts.iter().enumerate() {
            if g > 0 || k > 0 {
                w.write_all(separator)?;
            }
            w.write_all(part)?;
        }
    }
    Ok(())
}

/// `/jobs.json`: open postings for aggregators, newest first (shape documented in the README).
pub fn jobs_json(views: &Views<'_>) -> Vec<u8> {
    let mut out = Vec::with_capacity(feed_size(views));
    // Writing into memory cannot fail.
    let _ = jobs_json_to(views, &mut out);
    out
}

/// [`jobs_json`], serialised straight from borrowed structs into `w`, a posting per line:
/// neither a `serde_json::Value` tree of every body nor the whole text is held in memory.
pub fn jobs_json_to(views: &Views<'_>, w: &mut dyn Write) -> io::Result<()> {
    let site = views.site;
    let base = &site.config.base_url;
    let org = &site.config.organization;
    let jobs = site.published_newest_first();
    let head = JobsJson {
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
    };
    // The head's closing brace gives way to `jobs`, the last key.
    let mut text = serde_json::to_vec(&head)?;
    text.pop();
    text.extend_from_slice(b",\"jobs\":[\n");
    w.write_all(&text)?;
    let size = |index: usize| {
        let body = &views.bodies.jobs[index];
        (body.html.len() + body.text.len()) * 9 / 8 + 2048
    };
    write_in_parallel(w, &jobs, b",\n", size, |index, out| {
        // Serialising borrowed strings into memory cannot fail.
        let _ = serde_json::to_writer(&mut *out, &job_json(views, index));
        // The body, most of the bytes, goes last, escaped by the faster writer: the object's
        // closing brace gives way to it.
        let body = &views.bodies.jobs[index];
        out.pop();
        out.extend_from_slice(b",\"description_html\":");
        json::push_str(out, &body.html, json::Mode::Plain);
        out.extend_from_slice(b",\"description_text\":");
        json::push_str(out, &body.text, json::Mode::Plain);
        out.push(b'}');
    })?;
    w.write_all(b"\n]}\n")
}

/// One posting of `jobs.json`.
fn job_json<'a>(views: &'a Views<'_>, index: usize) -> JobJson<'a> {
    let site = views.site;
    let base = &site.config.base_url;
    let job = &site.jobs[index];
    let p = &job.posting;
    let team = &site.teams[job.team];
    JobJson {
        id: job.posting.stable_id(),
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
        summary: views.summary(index),
    }
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
    summary: String,
    // Then `description_html` and `description_text`, written by `jobs_json_to`.
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

/// `/sitemap.xml`: every page search engines should index, with postings' dates as `lastmod`.
pub fn sitemap(views: &Views<'_>, pages: &[(String, Option<String>)]) -> String {
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
pub fn robots(views: &Views<'_>) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        views.site.config.base_url.absolute("sitemap.xml")
    )
}
