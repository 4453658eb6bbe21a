//! Posting cards: each posting's `card.html` rendered once, for every listing to reuse.
//!
//! A site of 10,000 postings shows each card on the home page, on its team's page and on
//! each of its locations' pages. Rendering the card once and letting listings write the
//! finished markup makes a listing page cost about as much as copying its cards.
//!
//! Each card is rendered with a context of its own: `card`, and `site` and `t`, Tera values
//! converted once and shared by every card (cloning one copies a pointer).

use tera::Value;

use super::Renderer;
use crate::diagnostic::Diagnostic;

/// The theme template of one card.
pub const CARD_TEMPLATE: &str = "card.html";

/// Room for one card's markup: the default theme's take 1–2 KB.
const CARD_BYTES: usize = 4 << 10;

impl Renderer {
    /// One card's markup, as `card.html` writes it.
    pub(super) fn render_card(
        &self,
        card: Value,
        site: &Value,
        t: &Value,
    ) -> Result<String, Diagnostic> {
        let mut context = tera::Context::new();
        context.insert_value("card", card);
        context.insert_value("site", site.clone());
        context.insert_value("t", t.clone());
        // Into a buffer the size of a card, not one grown from nothing as `render` does.
        let mut bytes = Vec::with_capacity(CARD_BYTES);
        self.tera
            .render_to(CARD_TEMPLATE, &context, &mut bytes)
            .map_err(|e| self.template_error(&e, CARD_TEMPLATE))?;
        // Templates write text: the bytes are UTF-8.
        Ok(String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
    }
}

/// A card's markup, surrounding whitespace trimmed (listings write it with `| safe`).
pub(super) fn card_html(text: &str) -> Value {
    Value::from(text.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    /// A renderer with the site's own `card.html`.
    fn renderer(card: &str) -> (tempfile::TempDir, Renderer) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/card.html"), card).unwrap();
        let config = Config::parse("title = \"x\"\nbase_url = \"https://example.com/\"\n").unwrap();
        let renderer = Renderer::new(dir.path(), &config).unwrap();
        (dir, renderer)
    }

    fn value(json: serde_json::Value) -> Value {
        Value::from_serializable(&json)
    }

    #[test]
    fn a_card_sees_card_site_and_t_and_is_escaped() {
        use serde_json::json;
        let (_dir, renderer) =
            renderer("\n  <li>{{ card.title }} {{ t.k }} {{ site.title }}</li>\n");
        let site = value(json!({"title": "英才"}));
        let t = value(json!({"k": "v"}));
        let html = |title: &str| {
            let text = renderer
                .render_card(value(json!({ "title": title })), &site, &t)
                .unwrap();
            card_html(&text).as_str().unwrap().to_string()
        };
        assert_eq!(html("后端"), "<li>后端 v 英才</li>");
        assert_eq!(html("<b>"), "<li>&lt;b&gt; v 英才</li>");
    }

    #[test]
    fn a_card_template_error_names_card_html_line_and_column() {
        use serde_json::json;
        let (_dir, renderer) = renderer("<li>\n  {{ card.missing }}</li>");
        let err = renderer
            .render_card(
                value(json!({"title": "x"})),
                &value(json!({})),
                &value(json!({})),
            )
            .unwrap_err();
        assert_eq!(
            err.path,
            std::path::PathBuf::from("templates/card.html"),
            "{err}"
        );
        assert_eq!((err.line, err.column), (2, 11), "{err}"); // at `missing`
    }
}
