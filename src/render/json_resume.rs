//! A resume in JSON Resume format (`/resumes/SLUG/resume.json`): camelCase keys, partial ISO
//! dates, hidden keys absent.

use serde_json::{json, Map, Value};

use crate::content::dates::{EndDate, PartialDate};
use crate::content::Resume;

fn put(map: &mut Map<String, Value>, key: &str, value: Option<&String>) {
    if let Some(v) = value {
        map.insert(key.into(), json!(v));
    }
}

fn put_list(map: &mut Map<String, Value>, key: &str, values: &[String]) {
    if !values.is_empty() {
        map.insert(key.into(), json!(values));
    }
}

fn dates(map: &mut Map<String, Value>, start: Option<PartialDate>, end: Option<EndDate>) {
    if let Some(s) = start {
        map.insert("startDate".into(), json!(s.iso()));
    }
    if let Some(EndDate::On(e)) = end {
        map.insert("endDate".into(), json!(e.iso()));
    }
}

/// The JSON Resume document for `resume`; `page_url` is used when the resume has no `url`.
pub fn to_json_resume(resume: &Resume, page_url: &str) -> Value {
    let mut basics = Map::new();
    basics.insert("name".into(), json!(resume.name));
    put(&mut basics, "label", resume.label.as_ref());
    put(&mut basics, "image", resume.image.as_ref());
    put(&mut basics, "email", resume.email.as_ref());
    put(&mut basics, "phone", resume.phone.as_ref());
    basics.insert(
        "url".into(),
        json!(resume.url.clone().unwrap_or_else(|| page_url.to_string())),
    );
    put(&mut basics, "summary", resume.summary.as_ref());
    if let Some(place) = &resume.location {
        let mut loc = Map::new();
        put(&mut loc, "address", place.address.as_ref());
        put(&mut loc, "postalCode", place.postal_code.as_ref());
        put(&mut loc, "city", place.city.as_ref());
        put(&mut loc, "countryCode", place.country_code.as_ref());
        put(&mut loc, "region", place.region.as_ref());
        basics.insert("location".into(), Value::Object(loc));
    }
    if !resume.profiles.is_empty() {
        let profiles: Vec<Value> = resume
            .profiles
            .iter()
            .map(|p| {
                let mut m = Map::new();
                m.insert("network".into(), json!(p.network));
                put(&mut m, "username", p.username.as_ref());
                put(&mut m, "url", p.url.as_ref());
                Value::Object(m)
            })
            .collect();
        basics.insert("profiles".into(), Value::Array(profiles));
    }
    let mut doc = Map::new();
    doc.insert(
        "$schema".into(),
        json!("https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"),
    );
    doc.insert("basics".into(), Value::Object(basics));
    let work: Vec<Value> = resume
        .work
        .iter()
        .map(|w| {
            let mut m = Map::new();
            m.insert("name".into(), json!(w.name));
            put(&mut m, "position", w.position.as_ref());
            put(&mut m, "location", w.location.as_ref());
            put(&mut m, "url", w.url.as_ref());
            dates(&mut m, w.start, w.end);
            put(&mut m, "summary", w.summary.as_ref());
            put_list(&mut m, "highlights", &w.highlights);
            Value::Object(m)
        })
        .collect();
    let education: Vec<Value> = resume
        .education
        .iter()
        .map(|e| {
            let mut m = Map::new();
            m.insert("institution".into(), json!(e.institution));
            put(&mut m, "url", e.url.as_ref());
            put(&mut m, "area", e.area.as_ref());
            put(&mut m, "studyType", e.study_type.as_ref());
            dates(&mut m, e.start, e.end);
            put(&mut m, "score", e.score.as_ref());
            put_list(&mut m, "courses", &e.courses);
            Value::Object(m)
        })
        .collect();
    let skills: Vec<Value> = resume
        .skills
        .iter()
        .map(|s| {
            let mut m = Map::new();
            m.insert("name".into(), json!(s.name));
            put(&mut m, "level", s.level.as_ref());
            put_list(&mut m, "keywords", &s.keywords);
            Value::Object(m)
        })
        .collect();
    let languages: Vec<Value> = resume
        .languages
        .iter()
        .map(|l| {
            let mut m = Map::new();
            m.insert("language".into(), json!(l.language));
            put(&mut m, "fluency", l.fluency.as_ref());
            Value::Object(m)
        })
        .collect();
    let projects: Vec<Value> = resume
        .projects
        .iter()
        .map(|p| {
            let mut m = Map::new();
            m.insert("name".into(), json!(p.name));
            put(&mut m, "description", p.description.as_ref());
            put(&mut m, "url", p.url.as_ref());
            dates(&mut m, p.start, p.end);
            put_list(&mut m, "highlights", &p.highlights);
            put_list(&mut m, "keywords", &p.keywords);
            put_list(&mut m, "roles", &p.roles);
            Value::Object(m)
        })
        .collect();
    for (key, list) in [
        ("work", work),
        ("education", education),
        ("skills", skills),
        ("languages", languages),
        ("projects", projects),
    ] {
        if !list.is_empty() {
            doc.insert(key.into(), Value::Array(list));
        }
    }
    for (key, value) in &resume.other_sections {
        doc.insert(key.clone(), value.clone());
    }
    if let Some(lang) = resume.lang {
        doc.insert("meta".into(), json!({ "language": lang.code() }));
    }
    Value::Object(doc)
}
