//! The views of resumes.

use serde_json::Map;

use super::format::period;
use super::Views;
use crate::content::dates::PartialDate;
use crate::content::Resume;
use crate::lang::Lang;
use crate::markdown::Rendered;
use crate::render::context::*;
use crate::render::theme::Theme;

impl Views<'_> {
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
        profiles: r.profiles.clone(),
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
        skills: r.skills.clone(),
        languages: r.languages.clone(),
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
