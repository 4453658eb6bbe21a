//! JSON text written fast, byte for byte as `serde_json`'s compact output: the large outputs
//! (`jobs.json`, the JSON-LD of every posting page, the search index's cards) are mostly long
//! strings of HTML, which `serde_json` escapes a byte at a time. Here a string is scanned
//! eight bytes at a time (see [`crate::scan`]) and copied in runs.

use serde_json::Value;

use crate::scan;

/// Where strings are written: plain JSON, or JSON inside a `<script>` block, where `<`, `>`
/// and `&` are written `\u003c`, `\u003e` and `\u0026` too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Plain,
    Script,
}

/// Where JSON text goes: a `String`, or bytes on their way to a file.
pub trait Sink {
    fn put(&mut self, text: &str);
}

impl Sink for String {
    fn put(&mut self, text: &str) {
        self.push_str(text);
    }
}

impl Sink for Vec<u8> {
    fn put(&mut self, text: &str) {
        self.extend_from_slice(text.as_bytes());
    }
}

/// Whether eight bytes (a little-endian word) may hold a byte that is escaped: control
/// characters, `"` and `\\`, and in [`Mode::Script`] `<`, `>` and `&`.
fn block_escapes(w: u64, mode: Mode) -> bool {
    let plain = scan::has_less_than(w, 0x20) | scan::has(w, b'"') | scan::has(w, b'\\');
    match mode {
        Mode::Plain => plain,
        Mode::Script => plain | scan::has(w, b'<') | scan::has(w, b'>') | scan::has(w, b'&'),
    }
}

/// The bytes of eight (a little-endian word) that are escaped, each marked by its high bit.
fn escapes(w: u64, mode: Mode) -> u64 {
    let plain = scan::bytes_less_than(w, 0x20) | scan::bytes_eq(w, b'"') | scan::bytes_eq(w, b'\\');
    match mode {
        Mode::Plain => plain,
        Mode::Script => {
            plain | scan::bytes_eq(w, b'<') | scan::bytes_eq(w, b'>') | scan::bytes_eq(w, b'&')
        }
    }
}

/// Appends the escape of byte `b`, one [`escapes`] marks; each common one as a constant,
/// which the compiler writes in place.
fn put_escape(out: &mut impl Sink, b: u8) {
    match b {
        b'"' => out.put("\\\""),
        b'\\' => out.put("\\\\"),
        b'\n' => out.put("\\n"),
        b'<' => out.put("\\u003c"),
        b'>' => out.put("\\u003e"),
        b'&' => out.put("\\u0026"),
        b'\t' => out.put("\\t"),
        b'\r' => out.put("\\r"),
        0x08 => out.put("\\b"),
        0x0c => out.put("\\f"),
        _ => out.put(&format!("\\u{b:04x}")),
    }
}

/// Appends `text` as a JSON string, quotes included.
pub fn push_str(out: &mut impl Sink, text: &str, mode: Mode) {
    out.put("\"");
    let mut plain = 0;
    scan::for_each_marked(
        text.as_bytes(),
        |w| block_escapes(w, mode),
        |w| escapes(w, mode),
        |at| {
            // The bytes escaped are ASCII, so `at` is a character boundary.
            out.put(&text[plain..at]);
            put_escape(out, text.as_bytes()[at]);
            plain = at + 1;
        },
    );
    out.put(&text[plain..]);
    out.put("\"");
}

/// Appends `value`, compact, as `serde_json` writes it (keys in the map's order).
pub fn push_value(out: &mut impl Sink, value: &Value, mode: Mode) {
    match value {
        Value::String(s) => push_str(out, s, mode),
        Value::Array(items) => {
            out.put("[");
            for (k, item) in items.iter().enumerate() {
                if k > 0 {
                    out.put(",");
                }
                push_value(out, item, mode);
            }
            out.put("]");
        }
        Value::Object(map) => {
            out.put("{");
            for (k, (key, item)) in map.iter().enumerate() {
                if k > 0 {
                    out.put(",");
                }
                push_str(out, key, mode);
                out.put(":");
                push_value(out, item, mode);
            }
            out.put("}");
        }
        // Null, booleans and numbers: short, and written by serde_json itself.
        scalar => out.put(&scalar.to_string()),
    }
}

/// About how many bytes `value` takes as JSON, escapes aside: what to reserve before writing
/// it, so a long string is not copied over and over as the text grows.
pub fn size_hint(value: &Value) -> usize {
    match value {
        Value::String(s) => s.len() + 2,
        Value::Array(items) => items.iter().map(size_hint).sum::<usize>() + items.len() + 2,
        Value::Object(map) => {
            map.iter()
                .map(|(k, v)| k.len() + 4 + size_hint(v))
                .sum::<usize>()
                + 2
        }
        _ => 8,
    }
}

/// A JSON object written straight into `out` field by field, byte for byte as `serde_json`
/// writes a map with the same keys in the same order: no `Value` tree is built and no
/// string copied into one first (a posting's JSON-LD holds its whole body).
pub struct Object<'a, S: Sink> {
    out: &'a mut S,
    mode: Mode,
    empty: bool,
}

impl<'a, S: Sink> Object<'a, S> {
    /// Opens an object in `out`; [`Object::end`] closes it.
    pub fn new(out: &'a mut S, mode: Mode) -> Self {
        out.put("{");
        Object {
            out,
            mode,
            empty: true,
        }
    }

    fn key(&mut self, key: &str) {
        if !self.empty {
            self.out.put(",");
        }
        self.empty = false;
        push_str(self.out, key, self.mode);
        self.out.put(":");
    }

    /// A string field.
    pub fn str(&mut self, key: &str, value: &str) -> &mut Self {
        self.key(key);
        push_str(self.out, value, self.mode);
        self
    }

    /// A field of any JSON value (numbers, booleans).
    pub fn value(&mut self, key: &str, value: &Value) -> &mut Self {
        self.key(key);
        push_value(self.out, value, self.mode);
        self
    }

    /// A field holding an object, written by `fill`.
    pub fn object(&mut self, key: &str, fill: impl FnOnce(&mut Object<'_, S>)) -> &mut Self {
        self.key(key);
        let mut inner = Object::new(&mut *self.out, self.mode);
        fill(&mut inner);
        inner.end();
        self
    }

    /// A field holding an array of objects, each written by `fill`.
    pub fn objects<T>(
        &mut self,
        key: &str,
        items: impl IntoIterator<Item = T>,
        mut fill: impl FnMut(&mut Object<'_, S>, T),
    ) -> &mut Self {
        self.key(key);
        self.out.put("[");
        for (k, item) in items.into_iter().enumerate() {
            if k > 0 {
                self.out.put(",");
            }
            let mut inner = Object::new(&mut *self.out, self.mode);
            fill(&mut inner, item);
            inner.end();
        }
        self.out.put("]");
        self
    }

    /// Closes the object.
    pub fn end(self) {
        self.out.put("}");
    }
}

/// Appends a JSON array of `items`, each a string.
pub fn push_str_array<'a>(out: &mut impl Sink, items: impl IntoIterator<Item = &'a str>) {
    out.put("[");
    for (k, item) in items.into_iter().enumerate() {
        if k > 0 {
            out.put(",");
        }
        push_str(out, item, Mode::Plain);
    }
    out.put("]");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strings that exercise every escape, at every offset within a block of eight.
    fn samples() -> Vec<String> {
        let mut all: Vec<String> = (0u8..0x80).map(|b| char::from(b).to_string()).collect();
        all.extend(
            [
                "",
                "plain ascii text that is longer than one block",
                "<p class=\"code hl-code\">a\\b</p>\n",
                "诚聘英才 <英才> & \"引号\"\t\r\n\u{1}\u{1f}\u{7f}\u{2028}",
                "é<",
                "12345678\"12345678\\",
            ]
            .map(String::from),
        );
        for pad in 0..9 {
            for s in ["<", "\"", "\u{0}", "&x>", "\\\n"] {
                all.push(format!("{}{s}{}", "a".repeat(pad), "文".repeat(pad)));
            }
        }
        all
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for s in samples() {
            let mut out = Vec::new();
            push_str(&mut out, &s, Mode::Plain);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&s).unwrap(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn script_strings_cannot_close_the_block() {
        for s in samples() {
            let mut text = String::new();
            push_str(&mut text, &s, Mode::Script);
            let expected = serde_json::to_string(&s)
                .unwrap()
                .replace('<', "\\u003c")
                .replace('>', "\\u003e")
                .replace('&', "\\u0026");
            assert_eq!(text, expected, "{s:?}");
        }
    }

    #[test]
    fn objects_are_written_as_serde_json_writes_the_same_map() {
        for mode in [Mode::Plain, Mode::Script] {
            let mut out = String::new();
            let mut o = Object::new(&mut out, mode);
            o.str("@type", "A<b>")
                .object("empty", |_| {})
                .object("inner", |i| {
                    i.str("k", "\"v\" & \n").value("n", &serde_json::json!(3));
                })
                .objects("list", ["x", "y"], |item, name| {
                    item.str("name", name);
                })
                .objects("none", [0u8; 0], |_, _| {})
                .value("ok", &Value::Bool(true));
            o.end();
            let expected = serde_json::json!({
                "@type": "A<b>",
                "empty": {},
                "inner": { "k": "\"v\" & \n", "n": 3 },
                "list": [{ "name": "x" }, { "name": "y" }],
                "none": [],
                "ok": true,
            });
            let mut written = String::new();
            push_value(&mut written, &expected, mode);
            assert_eq!(out, written);
        }
    }

    #[test]
    fn values_are_written_as_serde_json_writes_them() {
        let v = serde_json::json!({
            "a<b": ["\"q\" \\ \n\t\u{1}", 1.5, null, true, false, -3, 1e300, 0.1, "x&y>z 中文"],
            "n": { "empty": {}, "list": [], "u": 18_446_744_073_709_551_615u64 },
        });
        let mut out = String::new();
        push_value(&mut out, &v, Mode::Plain);
        assert_eq!(out, serde_json::to_string(&v).unwrap());
        let long = serde_json::json!({ "description": "x".repeat(10_000), "n": [1, 2] });
        let written = serde_json::to_string(&long).unwrap().len();
        let hint = size_hint(&long);
        assert!(
            hint >= 10_000 && hint.abs_diff(written) < 64,
            "{hint} for {written}"
        );
        let items = ["<li>", "", "\"x\""];
        let mut out = Vec::new();
        push_str_array(&mut out, items);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string(&items).unwrap()
        );
    }
}
