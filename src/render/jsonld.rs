//! schema.org structured data: `JobPosting` for open postings, `Person` for resumes.

use serde_json::{json, Map, Value};

use crate::content::apply::Contact;
use crate::content::dates::EndDate;
use crate::content::Resume;
use crate::json::{Mode, Object, Sink};
use crate::markdown::Rendered;
use crate::site::{Job, Site};

/// Google's job-posting rules: required title, description, datePosted, hiringOrganization,
/// jobLocation (or TELECOMMUTE with applicant requirements); recommended validThrough,
/// employmentType, baseSalary, identifier, directApply.
///
/// Written straight into the text of a `<script>` block (as [`embed`] writes a value): the
/// description is the posting's whole body, so it is escaped once from the body itself, not
/// copied into a value first.
pub fn job_posting_script(site: &Site, job: &Job, body: &Rendered) -> String {
    let p = &job.posting;
    let config = &site.config;
    let org = &config.organization;
    let org_name = if org.name.is_empty() {
        &config.title
    } else {
        &org.name
    };
    // `<` and `>` of the body's markup take six bytes each once escaped.
    let mut text = String::with_capacity(body.html.len() * 3 / 2 + 1024);
    let mut out = Object::new(&mut text, Mode::Script);
    out.str("@context", "https://schema.org/")
        .str("@type", "JobPosting")
        .str("title", &p.title)
        .str("description", &body.html)
        .str("datePosted", &p.date.iso());
    if let Some(v) = p.valid_through {
        out.str("validThrough", &v.iso());
    }
    out.object("hiringOrganization", |o| {
        o.str("@type", "Organization").str("name", org_name);
        if let Some(url) = &org.url {
            o.str("sameAs", url).str("url", url);
        }
        if let Some(logo) = &org.logo {
            o.str("logo", logo);
        }
    })
    .object("identifier", |o| {
        o.str("@type", "PropertyValue")
            .str("name", org_name)
            .str("value", &p.stable_id());
    })
    .str("url", &config.base_url.absolute(&job.route()))
    .str("inLanguage", job.lang.tag());
    if !job.locations.is_empty() {
        out.objects("jobLocation", &job.locations, |place, &l| {
            place.str("@type", "Place").object("address", |a| {
                a.str("@type", "PostalAddress")
                    .str("addressLocality", &site.locations[l].name);
                if let Some(country) = &org.country {
                    a.str("addressCountry", country);
                }
            });
        });
    } else if !p.remote {
        if let Some(address) = &org.address {
            out.objects("jobLocation", [address], |place, address| {
                write_place(place, address, org.country.as_deref());
            });
        }
    }
    if p.remote {
        out.str("jobLocationType", "TELECOMMUTE");
        if let Some(country) = &org.country {
            out.object("applicantLocationRequirements", |o| {
                o.str("@type", "Country").str("name", country);
            });
        }
    }
    if let Some(t) = p.employment_type {
        out.str("employmentType", t.code());
    }
    if let Some(s) = &p.salary {
        out.object("baseSalary", |o| {
            o.str("@type", "MonetaryAmount")
                .str("currency", &s.currency)
                .object("value", |v| {
                    v.str("@type", "QuantitativeValue");
                    match (s.min, s.max) {
                        (Some(min), Some(max)) if (min - max).abs() < f64::EPSILON => {
                            v.value("value", &number(min));
                        }
                        (min, max) => {
                            if let Some(min) = min {
                                v.value("minValue", &number(min));
                            }
                            if let Some(max) = max {
                                v.value("maxValue", &number(max));
                            }
                        }
                    }
                    v.str("unitText", s.unit.code());
                });
        });
    }
    out.value(
        "directApply",
        &Value::Bool(matches!(p.apply, Some(Contact::Url(_)))),
    );
    if !p.tags.is_empty() {
        out.str("skills", &p.tags.join(", "));
    }
    out.end();
    text
}

/// A schema.org `Place` at the organization's address, written into `place`.
fn write_place<S: Sink>(
    place: &mut Object<'_, S>,
    address: &crate::config::Address,
    country: Option<&str>,
) {
    place.str("@type", "Place").object("address", |out| {
        out.str("@type", "PostalAddress");
        for (key, value) in [
            ("streetAddress", address.street.as_deref()),
            ("addressLocality", address.locality.as_deref()),
            ("addressRegion", address.region.as_deref()),
            ("postalCode", address.postal_code.as_deref()),
            ("addressCountry", country),
        ] {
            if let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) {
                out.str(key, v);
            }
        }
    });
}

/// A whole amount as an integer (`30000`, not `30000.0`), in JSON-LD and `jobs.json` alike.
pub fn number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        json!(value as i64)
    } else {
        json!(value)
    }
}

/// schema.org `Person` from a resume (hidden keys are already gone from the model).
pub fn person(resume: &Resume, page_url: &str) -> Value {
    let mut out = Map::new();
    out.insert("@context".into(), json!("https://schema.org/"));
    out.insert("@type".into(), json!("Person"));
    out.insert("name".into(), json!(resume.name));
    out.insert(
        "url".into(),
        json!(resume.url.clone().unwrap_or_else(|| page_url.to_string())),
    );
    if let Some(label) = &resume.label {
        out.insert("jobTitle".into(), json!(label));
    }
    if let Some(summary) = &resume.summary {
        out.insert("description".into(), json!(summary));
    }
    if let Some(email) = &resume.email {
        out.insert("email".into(), json!(email));
    }
    if let Some(phone) = &resume.phone {
        out.insert("telephone".into(), json!(phone));
    }
    if let Some(image) = &resume.image {
        out.insert("image".into(), json!(image));
    }
    if let Some(place) = &resume.location {
        let mut address = Map::new();
        address.insert("@type".into(), json!("PostalAddress"));
        for (key, value) in [
            ("addressLocality", &place.city),
            ("addressRegion", &place.region),
            ("addressCountry", &place.country_code),
            ("streetAddress", &place.address),
            ("postalCode", &place.postal_code),
        ] {
            if let Some(v) = value {
                address.insert(key.into(), json!(v));
            }
        }
        out.insert("address".into(), Value::Object(address));
    }
    let same_as: Vec<&String> = resume
        .profiles
        .iter()
        .filter_map(|p| p.url.as_ref())
        .collect();
    if !same_as.is_empty() {
        out.insert("sameAs".into(), json!(same_as));
    }
    let alumni: Vec<Value> = resume
        .education
        .iter()
        .map(|e| json!({ "@type": "EducationalOrganization", "name": e.institution }))
        .collect();
    if !alumni.is_empty() {
        out.insert("alumniOf".into(), Value::Array(alumni));
    }
    let mut knows: Vec<String> = Vec::new();
    for skill in &resume.skills {
        for k in std::iter::once(&skill.name).chain(&skill.keywords) {
            if !knows.contains(k) {
                knows.push(k.clone());
            }
        }
    }
    if !knows.is_empty() {
        out.insert("knowsAbout".into(), json!(knows));
    }
    if let Some(current) = resume
        .work
        .iter()
        .find(|w| w.end == Some(EndDate::Present) || (w.end.is_none() && w.start.is_some()))
    {
        out.insert(
            "worksFor".into(),
            json!({ "@type": "Organization", "name": current.name }),
        );
    }
    Value::Object(out)
}

/// JSON for a `<script>` block, with `@` in email addresses escaped as `\u0040` too, so
/// address harvesters that grep page sources find nothing (JSON parsers read it back as `@`).
pub fn embed(value: &Value, emails: &[&str]) -> String {
    let mut json = crate::html::script_json(value);
    for email in emails {
        let escaped = crate::html::script_json(&json!(email));
        let hidden = escaped.replace('@', "\\u0040");
        json = json.replace(&escaped, &hidden);
    }
    json
}
