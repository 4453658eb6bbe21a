//! The search index for a build: made after the posting pages, from the posting bodies' text
//! alone, so that a build never holds the index and every body's HTML at once.

use super::context::PostingCard;
use super::views::Views;
use super::Renderer;
use crate::search::Doc;
use crate::site::bodies::Bodies;
use crate::site::Site;

impl Renderer {
    /// [`Renderer::views`] without the search index (not made): a build makes
    /// it with [`Renderer::search_index`] once the pages that need the bodies' HTML are written.
    /// Nor are the cards made yet: each is made with its posting's page, which shows the same
    /// fields (see [`Views::posting_with_body`]), and a card that fails fails its page.
    pub fn views_without_search<'a>(&'a self, site: &'a Site, bodies: &'a Bodies) -> Views<'a> {
        self.lazy_views(site, bodies)
    }

    /// The files of the site's search index, as [`Renderer::views`] makes them: from the cards
    /// and each posting body's `text` (its HTML is not read), in `shards` term shards (see
    /// [`crate::search::term_shards`]).
    pub fn search_index(
        &self,
        site: &Site,
        bodies: &Bodies,
        cards: &[&PostingCard],
        shards: usize,
    ) -> crate::search::Files {
        if Self::has_listings(site) {
            crate::search::build_sharded(site, bodies, &search_docs(site, cards), shards)
        } else {
            crate::search::Files::default()
        }
    }
}

/// What the search index reads of each card (aligned with `site.jobs`): its words as the
/// theme shows them, and its HTML.
pub(super) fn search_docs<'a>(site: &Site, cards: &[&'a PostingCard]) -> Vec<Doc<'a>> {
    cards
        .iter()
        .zip(&site.jobs)
        .map(|(card, job)| Doc {
            title: &card.title,
            tags: &card.tags,
            team: &card.team.name,
            locations: card.locations.iter().map(|l| l.name.as_str()).collect(),
            level: card.level.as_deref(),
            employment_type: card.employment_type.as_ref().map(|t| t.label.as_str()),
            summary: job
                .posting
                .summary
                .is_some()
                .then_some(card.summary.as_str()),
            html: card.html.as_str().unwrap_or_default(),
        })
        .collect()
}
