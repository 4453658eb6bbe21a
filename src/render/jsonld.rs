//! schema.org structured data: `JobPosting` for open postings, `Person` for resumes.

use serde_json::{json, Map, Value};

use crate::content::apply::Contact;
use crate::content::dates::EndDate;
use crate::content::Resume;
use crate::markdown::Rendered;
use crate::site::{Job, Site};

/// Google's job-posting rules: required title, description, datePosted, hiringOrganization,
/// jobLocation (or TELECOMMUTE with applicant requirements); recommended validThrough,
/// employmentType, baseSalary, identifier, directApply.
pub fn job_posting(site: &Site, job: &Job, body: &Rendered) -> Value {
    let p = &job.posting;
    let config = &site.config;
    let org = &config.organization;
    let org_name = if org.name.is_empty() {
        config.title.clone()
    } else {
        org.name.clone()
    };
    let mut organization = Map::new();
    organization.insert("@type".into(), json!("Organization"));
    organization.insert("name".into(), json!(org_name));
    if let Some(url) = &org.url {
        organization.insert("sameAs".into(), json!(url));
        organization.insert("url".into(), json!(url));
    }
    if let Some(logo) = &org.logo {
        organization.insert("logo".into(), json!(logo));
    }
    let mut out = Map::new();
    out.insert("@context".into(), json!("https://schema.org/"));
    out.insert("@type".into(), json!("JobPosting"));
    out.insert("title".into(), json!(p.title));
    out.insert("description".into(), json!(body.html));
    out.insert("datePosted".into(), json!(p.date.iso()));
    if let Some(v) = p.valid_through {
        out.insert("validThrough".into(), json!(v.iso()));
    }
    out.insert("hiringOrganization".into(), Value::Object(organization));
    out.insert(
        "identifier".into(),
        json!({ "@type": "PropertyValue", "name": org_name, "value": job.posting.stable_id() }),
    );
    out.insert("url".into(), json!(config.base_url.absolute(&job.route())));
    out.insert("inLanguage".into(), json!(job.lang.tag()));
    let places: Vec<Value> = job
        .locations
        .iter()
        .map(|&l| {
            let mut address = Map::new();
            address.insert("@type".into(), json!("PostalAddress"));
            address.insert("addressLocality".into(), json!(site.locations[l].name));
            if let Some(country) = &org.country {
                address.insert("addressCountry".into(), json!(country));
            }
            json!({ "@type": "Place", "address": Value::Object(address) })
        })
        .collect();
    if !places.is_empty() {
        out.insert("jobLocation".into(), Value::Array(places));
    } else if !p.remote {
        if let Some(address) = &org.address {
            out.insert(
                "jobLocation".into(),
                json!([place(address, org.country.as_deref())]),
            );
        }
    }
    if p.remote {
        out.insert("jobLocationType".into(), json!("TELECOMMUTE"));
        if let Some(country) = &org.country {
            out.insert(
                "applicantLocationRequirements".into(),
                json!({ "@type": "Country", "name": country }),
            );
        }
    }
    if let Some(t) = p.employment_type {
        out.insert("employmentType".into(), json!(t.code()));
    }
    if let Some(s) = &p.salary {
        let mut value = Map::new();
        value.insert("@type".into(), json!("QuantitativeValue"));
        match (s.min, s.max) {
            (Some(min), Some(max)) if (min - max).abs() < f64::EPSILON => {
                value.insert("value".into(), number(min));
            }
            (min, max) => {
                if let Some(min) = min {
                    value.insert("minValue".into(), number(min));
                }
                if let Some(max) = max {
                    value.insert("maxValue".into(), number(max));
                }
            }
        }
        value.insert("unitText".into(), json!(s.unit.code()));
        out.insert(
            "baseSalary".into(),
            json!({ "@type": "MonetaryAmount", "currency": s.currency, "value": Value::Object(value) }),
        );
    }
    out.insert(
        "directApply".into(),
        json!(matches!(p.apply, Some(Contact::Url(_)))),
    );
    if !p.tags.is_empty() {
        out.insert("skills".into(), json!(p.tags.join(", ")));
    }
    Value::Object(out)
}

/// A schema.org `Place` at the organization's address.
fn place(address: &crate::config::Address, country: Option<&str>) -> Value {
    let mut out = Map::new();
    out.insert("@type".into(), json!("PostalAddress"));
    for (key, value) in [
        ("streetAddress", address.street.as_deref()),
        ("addressLocality", address.locality.as_deref()),
        ("addressRegion", address.region.as_deref()),
        ("postalCode", address.postal_code.as_deref()),
        ("addressCountry", country),
    ] {
        if let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) {
            out.insert(key.into(), json!(v));
        }
    }
    json!({ "@type": "Place", "address": Value::Object(out) })
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
