//! Posting cards: each posting's `card.html` rendered once, for every listing to reuse.
//!
//! A site of 10,000 postings shows each card on the home page, on its team's page and on
//! each of its locations' pages. Rendering the card once and letting listings write the
//! finished markup makes a listing page cost about as much as copying its cards.
//!
//! Cards are rendered in batches: one Tera call renders `card.html` for each card of a batch
//! (through `{% include %}`, which shares the batch's context), with a marker written after
//! each card, and the output is cut at the markers. `site` and `t` thus enter a context once
//! per batch rather than once per card. The marker holds a per-process random number; should
//! a card's own text ever contain it, that batch is rendered again one card at a time, where
//! the marker is known to be the last thing written.

use std::hash::{BuildHasher, RandomState};
use std::sync::LazyLock;

use rayon::prelude::*;
use serde_json::{Map, Value};

use super::views::Views;
use super::{template_error, PageCache, Renderer};
use crate::diagnostic::Diagnostic;

/// The theme template of one card.
pub const CARD_TEMPLATE: &str = "card.html";

/// The internal template that renders a batch of cards.
/// (Named `.html`: Tera escapes by the name of the template it renders.)
pub(super) const BATCH_TEMPLATE: &str = "__yingcai/cards.html";

/// Its source: every card of the batch, each followed by the marker. (`card.html` sees the
/// loop's variables too; their names say they are not for themes, and `loop` counts within a
/// batch only, so the README tells themes not to use it there.)
pub(super) const BATCH_SOURCE: &str = r#"{% for card in __yingcai_cards %}{% include "card.html" %}{{ __yingcai_marker | safe }}{% endfor %}"#;

/// Cards per Tera call: large enough that `site` and `t` cost nothing per card, small enough
/// that both threads get work on a small site.
const BATCH: usize = 64;

/// Written after each card of a batch.
static MARKER: LazyLock<String> = LazyLock::new(|| {
    format!(
        "<!--yingcai-card-{:016x}-->",
        RandomState::new().hash_one("card")
    )
});

impl Renderer {
    /// Fills in `html` of every card of `views`, taking unchanged cards from `cache` when
    /// given (as `serve` does between rebuilds).
    pub(super) fn render_cards(
        &self,
        views: &mut Views<'_, '_>,
        cache: Option<&PageCache>,
    ) -> Result<(), Diagnostic> {
        let site = &views.site_value;
        let t = views.strings_value(views.lang);
        // In `serve`: a card's key is a hash of everything it is rendered from.
        let shared_key = cache.map(|_| {
            let seed = self.template_key(BATCH_TEMPLATE);
            PageCache::key(seed, CARD_TEMPLATE, &[site, &t])
        });
        let indices: Vec<usize> = (0..views.cards.len()).collect();
        let cards = &views.cards;
        let rendered: Vec<Result<Vec<(usize, String)>, Diagnostic>> = indices
            .par_chunks(BATCH)
            .map(|chunk| {
                let mut done = Vec::with_capacity(chunk.len());
                let mut todo = Vec::new();
                for &i in chunk {
                    let value = serde_json::to_value(&cards[i]).unwrap_or(Value::Null);
                    let key = shared_key.map(|(a, b)| {
                        let own = PageCache::key(a, CARD_TEMPLATE, &[&value]);
                        (own.0, own.1 ^ b)
                    });
                    let cached = key
                        .zip(cache)
                        .and_then(|(key, cache)| cache.get(&cards[i].url, key))
                        .and_then(|bytes| String::from_utf8(bytes.as_ref().clone()).ok());
                    match cached {
                        Some(html) => done.push((i, html)),
                        None => todo.push((i, key, value)),
                    }
                }
                if todo.is_empty() {
                    return Ok(done);
                }
                let values = todo.iter_mut().map(|(_, _, v)| v.take()).collect();
                let pieces = self.render_batch(values, site, &t)?;
                for ((i, key, _), html) in todo.into_iter().zip(pieces) {
                    if let Some((key, cache)) = key.zip(cache) {
                        let bytes = std::sync::Arc::new(html.clone().into_bytes());
                        cache.put(&cards[i].url, key, bytes);
                    }
                    done.push((i, html));
                }
                Ok(done)
            })
            .collect();
        for batch in rendered {
            for (i, html) in batch? {
                views.cards[i].html = html;
            }
        }
        if let Some(cache) = cache {
            cache.retain(&views.cards.iter().map(|c| c.url.as_str()).collect());
        }
        Ok(())
    }

    /// The markup of each of `cards`, in order.
    fn render_batch(
        &self,
        cards: Vec<Value>,
        site: &Value,
        t: &Value,
    ) -> Result<Vec<String>, Diagnostic> {
        let count = cards.len();
        let mut map = Map::with_capacity(4);
        map.insert("__yingcai_cards".into(), Value::Array(cards));
        map.insert("site".into(), site.clone());
        map.insert("t".into(), t.clone());
        map.insert("__yingcai_marker".into(), Value::String(MARKER.clone()));
        let mut context = tera::Context::from_value(Value::Object(map))
            .map_err(|e| template_error(&e, &self.origins, Some(CARD_TEMPLATE)))?;
        let text = self.render_card_text(&context)?;
        let mut pieces: Vec<&str> = text.split(MARKER.as_str()).collect();
        if pieces.pop() == Some("") && pieces.len() == count {
            return Ok(pieces.into_iter().map(|p| p.trim().to_string()).collect());
        }
        // A card wrote the marker itself: one card at a time, the marker written last is ours.
        let Some(Value::Array(cards)) = context.remove("__yingcai_cards") else {
            return Ok(Vec::new());
        };
        cards
            .into_iter()
            .map(|card| {
                context.insert("__yingcai_cards", &[card]);
                let text = self.render_card_text(&context)?;
                let html = text.strip_suffix(MARKER.as_str()).unwrap_or(&text);
                Ok(html.trim().to_string())
            })
            .collect()
    }

    fn render_card_text(&self, context: &tera::Context) -> Result<String, Diagnostic> {
        self.tera.render(BATCH_TEMPLATE, context).map_err(|e| {
            let mut diagnostic = template_error(&e, &self.origins, Some(CARD_TEMPLATE));
            // The batch is ours; the problem is in the theme's card.
            let ours = format!("Failed to render '{BATCH_TEMPLATE}': ");
            diagnostic.message = diagnostic.message.replace(&ours, "");
            diagnostic
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use serde_json::json;

    /// A renderer whose `card.html` writes the title unescaped.
    fn renderer(card: &str) -> (tempfile::TempDir, Renderer) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/card.html"), card).unwrap();
        let config = Config::parse("title = \"x\"\nbase_url = \"https://example.com/\"\n").unwrap();
        let renderer = Renderer::new(dir.path(), &config).unwrap();
        (dir, renderer)
    }

    #[test]
    fn a_batch_is_cut_into_its_cards() {
        let (_dir, renderer) = renderer("\n  <li>{{ card.title }} {{ t.k }}</li>\n");
        let cards = vec![json!({"title": "后端"}), json!({"title": "<b>"})];
        let html = renderer
            .render_batch(cards, &json!({}), &json!({"k": "v"}))
            .unwrap();
        assert_eq!(html, ["<li>后端 v</li>", "<li>&lt;b&gt; v</li>"]);
    }

    #[test]
    fn a_card_that_writes_the_marker_is_still_cut_right() {
        let (_dir, renderer) = renderer("<li>{{ card.title | safe }}</li>");
        let tricky = format!("a{}b", MARKER.as_str());
        let cards = vec![
            json!({"title": "one"}),
            json!({"title": tricky}),
            json!({"title": "three"}),
        ];
        let html = renderer
            .render_batch(cards, &json!({}), &json!({}))
            .unwrap();
        assert_eq!(
            html,
            [
                "<li>one</li>".to_string(),
                format!("<li>{tricky}</li>"),
                "<li>three</li>".to_string()
            ]
        );
    }

    #[test]
    fn a_card_template_error_names_card_html() {
        let (_dir, renderer) = renderer("<li>{{ card.title | no_such_filter }}</li>");
        let err = renderer
            .render_batch(vec![json!({"title": "x"})], &json!({}), &json!({}))
            .unwrap_err();
        assert!(err.to_string().contains("card.html"), "{err}");
        assert!(!err.to_string().contains(BATCH_TEMPLATE), "{err}");
    }
}
