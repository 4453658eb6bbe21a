//! Pages `serve` rendered before, kept while what they were rendered from is unchanged.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hasher};
use std::sync::{Arc, Mutex};

use tera::value::ValueKind;
use tera::Value;

/// Rendered pages by output path, each with a hash of what it was rendered from.
#[derive(Debug, Default)]
pub struct PageCache {
    pages: Mutex<HashMap<String, CachedPage>>,
}

/// A page's bytes and the hash of what it was rendered from.
type CachedPage = ((u64, u64), Arc<Vec<u8>>);

impl PageCache {
    /// A 128-bit hash of a seed (the templates' sources), the template name and the context
    /// (its names and values, in order).
    ///
    /// The values are walked, not serialised: every string and key goes through one hasher
    /// with its length and kind, and the other half of the key hashes that hasher's state
    /// after each of them, so two contexts must agree all along the way to collide.
    pub(super) fn key(seed: u64, name: &str, values: &[(&str, &Value)]) -> (u64, u64) {
        struct Key {
            main: DefaultHasher,
            trail: DefaultHasher,
        }
        impl Key {
            fn tag(&mut self, tag: u8, len: usize) {
                self.main.write_u8(tag);
                self.main.write_usize(len);
            }
            fn text(&mut self, tag: u8, text: &str) {
                self.tag(tag, text.len());
                self.main.write(text.as_bytes());
                self.trail.write_u64(self.main.finish());
            }
            fn value(&mut self, value: &Value) {
                match value.kind() {
                    ValueKind::Undefined => self.tag(0, 0),
                    ValueKind::None => self.tag(8, 0),
                    ValueKind::Bool => self.tag(1, usize::from(value.is_truthy())),
                    ValueKind::String => {
                        // Safe strings are written as they are, others escaped.
                        let tag = if value.is_safe() { 9 } else { 3 };
                        self.text(tag, value.as_str().unwrap_or_default())
                    }
                    ValueKind::Array => {
                        let items = value.as_array().unwrap_or_default();
                        self.tag(4, items.len());
                        items.iter().for_each(|v| self.value(v));
                    }
                    ValueKind::Map => {
                        let map = value.as_map();
                        self.tag(5, map.map_or(0, |m| m.len()));
                        for (k, v) in map.into_iter().flatten() {
                            self.text(6, &k.to_string());
                            self.value(v);
                        }
                    }
                    // Numbers and bytes: their kind and the way they print.
                    kind => self.text(2, &format!("{kind:?}:{value}")),
                }
            }
        }
        let mut key = Key {
            main: DefaultHasher::new(),
            trail: DefaultHasher::new(),
        };
        key.main.write_u64(seed);
        key.text(7, name);
        for (name, value) in values {
            key.text(6, name);
            key.value(value);
        }
        (key.main.finish(), key.trail.finish())
    }

    pub(super) fn get(&self, path: &str, key: (u64, u64)) -> Option<Arc<Vec<u8>>> {
        let pages = self.pages.lock().ok()?;
        pages
            .get(path)
            .filter(|(k, _)| *k == key)
            .map(|(_, bytes)| Arc::clone(bytes))
    }

    pub(super) fn put(&self, path: &str, key: (u64, u64), bytes: Arc<Vec<u8>>) {
        if let Ok(mut pages) = self.pages.lock() {
            pages.insert(path.to_string(), (key, bytes));
        }
    }

    /// Drops pages no longer among `paths` (removed postings, renamed slugs).
    pub fn retain(&self, paths: &std::collections::HashSet<&str>) {
        if let Ok(mut pages) = self.pages.lock() {
            pages.retain(|p, _| paths.contains(p.as_str()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PageCache;
    use tera::Value;

    fn value(json: serde_json::Value) -> Value {
        Value::from_serializable(&json)
    }

    #[test]
    fn page_keys_tell_contexts_apart() {
        use serde_json::json;
        let key = |v: Value| PageCache::key(1, "posting.html", &[("posting", &v)]);
        let a = value(json!({"title": "后端", "tags": ["a", "b"], "n": 1, "open": true}));
        assert_eq!(key(a.clone()), key(a.clone()));
        for other in [
            json!({"title": "前端", "tags": ["a", "b"], "n": 1, "open": true}),
            json!({"title": "后端", "tags": ["ab"], "n": 1, "open": true}),
            json!({"title": "后端", "tags": ["a", "b"], "n": 2, "open": true}),
            json!({"title": "后端", "tags": ["a", "b"], "n": 1, "open": false}),
            json!({"title": "后端", "tags": ["a", "b"], "n": "1", "open": true}),
            json!({"titl": "e后端", "tags": ["a", "b"], "n": 1, "open": true}),
            json!({"title": "后端", "tags": ["a", "b"], "n": 1.5, "open": true}),
        ] {
            assert_ne!(key(a.clone()), key(value(other.clone())), "{other}");
        }
        let html = Value::from("<b>x</b>");
        assert_ne!(
            key(html.clone()),
            key(html.mark_safe()),
            "a safe string prints otherwise"
        );
        assert_ne!(
            PageCache::key(1, "posting.html", &[("page", &a)]),
            PageCache::key(1, "posting.html", &[("posting", &a)])
        );
        assert_ne!(
            PageCache::key(1, "team.html", &[("posting", &a)]),
            PageCache::key(1, "posting.html", &[("posting", &a)])
        );
        assert_ne!(
            PageCache::key(2, "posting.html", &[("posting", &a)]),
            PageCache::key(1, "posting.html", &[("posting", &a)])
        );
    }
}
