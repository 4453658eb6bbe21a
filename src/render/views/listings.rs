//! The views of listings: teams, locations and the home listing's filters.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::Map;
use tera::Value;

use super::format::contact_view;
use super::Views;
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
use crate::render::context::*;
use crate::render::to_value;
use crate::site::Site;

/// `extra` of a team without a file.
static EMPTY_MAP: std::sync::LazyLock<Map<String, serde_json::Value>> =
    std::sync::LazyLock::new(Map::new);

/// The link to every team's and every location's page, made once per site: each card
/// holds those of its team and places, shared rather than copied (a 100,000-posting
/// build holds every card).
#[derive(Debug, Default)]
pub(super) struct Links {
    teams: Vec<Arc<LinkView>>,
    locations: Vec<Arc<LinkView>>,
}

impl Links {
    pub(super) fn new(site: &Site) -> Links {
        let lang = site.config.language;
        let link = |name: &str, slug: &str, route: &str, count: usize| {
            let lang = Lang::of_name(name, lang);
            Arc::new(LinkView {
                name: name.to_string(),
                lang: lang.code(),
                lang_tag: lang.tag(),
                slug: slug.to_string(),
                url: site.config.base_url.href(route),
                count,
            })
        };
        Links {
            teams: site
                .teams
                .iter()
                .map(|t| link(&t.name, &t.slug, &t.route(), t.jobs.len()))
                .collect(),
            locations: site
                .locations
                .iter()
                .map(|l| link(&l.name, &l.slug, &l.route(), l.jobs.len()))
                .collect(),
        }
    }
}

impl Views<'_> {
    /// The link to team `team`'s page, in the language its name is written in.
    pub(super) fn team_link(&self, team: usize) -> Arc<LinkView> {
        self.links.teams[team].clone()
    }

    /// The link to location `location`'s page, in the language its name is written in.
    pub fn location_link(&self, location: usize) -> Arc<LinkView> {
        self.links.locations[location].clone()
    }

    pub fn team(&self, i: usize) -> TeamView<'_> {
        let node = &self.site.teams[i];
        let file = node.file.as_ref();
        TeamView {
            link: (*self.team_link(i)).clone(),
            summary: file.and_then(|t| t.summary.clone()).unwrap_or_default(),
            content: &self.bodies.teams[i].html,
            contact: node.contact().map(|c| contact_view(c, None)),
            postings: node.jobs.clone(),
            extra: file.map_or(&EMPTY_MAP, |t| &t.extra),
        }
    }

    pub fn location(&self, i: usize) -> LocationView {
        LocationView {
            link: (*self.location_link(i)).clone(),
            postings: self.site.locations[i].jobs.clone(),
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
        let linked = |l: Arc<LinkView>| FilterOption {
            value: l.slug.clone(),
            label: l.name.clone(),
            count: l.count,
            url: Some(l.url.clone()),
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
}
