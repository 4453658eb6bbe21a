//! The views of postings: cards, a posting's page, salaries.

use std::sync::Arc;

use tera::Value;

use super::format::{contact_view, group_thousands};
use super::Views;
use crate::content::posting::Salary;
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
use crate::markdown::{truncate, Rendered};
use crate::render::context::*;
use crate::render::to_value;
use crate::site::{Job, Status};

/// Summaries made from a body are cut to this many characters.
const SUMMARY_CHARS: usize = 120;

impl Views<'_> {
    /// The summary: as written, else the body's first paragraph, shortened.
    pub fn summary(&self, job: usize) -> String {
        let p = &self.site.jobs[job].posting;
        p.summary
            .clone()
            .unwrap_or_else(|| truncate(&self.bodies.jobs[job].first_paragraph, SUMMARY_CHARS))
    }

    /// Posting `i`'s card fields, without its markup.
    pub(super) fn card_fields(&self, i: usize) -> PostingCard {
        let job = &self.site.jobs[i];
        let p = &job.posting;
        let team = self.team_link(job.team);
        let locations: Vec<Arc<LinkView>> = job
            .locations
            .iter()
            .map(|&l| self.location_link(l))
            .collect();
        let summary = self.summary(i);
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
        let (card, card_value) = self.card_made(i)?;
        Ok(PostingView {
            card,
            card_value,
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
            team_contact: team.contact().map(|c| contact_view(c, None)),
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

    /// The template value of a posting: every field of its card and of `posting`.
    pub fn posting_value(&self, mut posting: PostingView<'_>) -> Value {
        let card = match posting.card_value.take() {
            Some(value) => value,
            None => to_value(posting.card),
        };
        let mut map = card.into_map().unwrap_or_default();
        map.extend(to_value(&posting).into_map().unwrap_or_default());
        Value::from(map)
    }
}
