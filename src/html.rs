//! Escaping text for HTML and XML, and embedding JSON in a `<script>` block.

/// Escapes `&`, `<`, `>`, `"` and `'` so text is safe in HTML or XML content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_escaped(&mut out, text);
    out
}

/// Writes `text` to `w`, escaped as [`escape`] does: the escape function templates use.
pub fn escape_to(text: &str, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut result = Ok(());
    replace_ascii(text, entity, may_need_entity, |piece| {
        if result.is_ok() {
            result = w.write_all(piece.as_bytes());
        }
    });
    result
}

/// Appends `text` to `out`, escaped as [`escape`] does: runs of plain text are copied whole.
pub fn push_escaped(out: &mut String, text: &str) {
    replace_ascii(text, entity, may_need_entity, |piece| out.push_str(piece));
}

/// The entity [`escape`] writes for byte `b`, if any.
fn entity(b: u8) -> Option<&'static str> {
    match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    }
}

/// JSON made safe inside `<script type="application/ld+json">`: `<`, `>` and `&` become
/// `\u003c`, `\u003e` and `\u0026`, so no string can close the block or open a comment.
/// Written in one pass (see [`crate::json`]), no second copy of the text.
pub fn script_json(value: &serde_json::Value) -> String {
    // A tenth more than the text for escapes (a posting's HTML has many `<` and `>`).
    let size = crate::json::size_hint(value);
    let mut out = String::with_capacity(size + size / 10);
    crate::json::push_value(&mut out, value, crate::json::Mode::Script);
    out
}

/// Whether eight bytes (a little-endian word) may hold a byte [`entity`] replaces.
fn may_need_entity(w: u64) -> bool {
    use crate::scan::has;
    has(w, b'&') | has(w, b'<') | has(w, b'>') | has(w, b'"') | has(w, b'\'')
}

/// Gives `text` to `emit` piece by piece, each ASCII byte `replace` has a replacement for
/// replaced by it: runs of other text are given whole. Blocks of eight bytes `may_hold`
/// says hold no such byte are skipped unread (see [`crate::scan`]).
fn replace_ascii(
    text: &str,
    replace: impl Fn(u8) -> Option<&'static str>,
    may_hold: impl Fn(u64) -> bool,
    mut emit: impl FnMut(&str),
) {
    let bytes = text.as_bytes();
    let mut plain = 0;
    let mut i = 0;
    while i < bytes.len() {
        i = crate::scan::skip_blocks(bytes, i, &may_hold);
        let end = (i + 8).min(bytes.len());
        for (k, &b) in bytes[i..end].iter().enumerate() {
            if let Some(replacement) = replace(b) {
                // The bytes replaced are ASCII, so `i + k` is a character boundary.
                emit(&text[plain..i + k]);
                emit(replacement);
                plain = i + k + 1;
            }
        }
        i = end;
    }
    emit(&text[plain..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(
            escape("诚聘 <英才> & 'team'"),
            "诚聘 &lt;英才&gt; &amp; &#39;team&#39;"
        );
        assert_eq!(escape("plain 文本"), "plain 文本");
        assert_eq!(escape(""), "");
        for text in ["<a href=\"x\">'&'</a>", "诚聘 <英才> & 'team'", "plain", ""] {
            let mut out = Vec::new();
            escape_to(text, &mut out).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), escape(text));
        }
    }

    #[test]
    fn script_json_cannot_close_the_block() {
        let v = serde_json::json!({ "title": "</script><script>alert(1)</script> & <!--" });
        let s = script_json(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
        // serde_json's own output, escaped afterwards, byte for byte.
        let v =
            serde_json::json!({ "a<b": ["\"q\" \\ \n\t\u{1}", 1.5, null, "x&y>z 中文"], "n": -3 });
        let plain = serde_json::to_string(&v)
            .unwrap()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026");
        assert_eq!(script_json(&v), plain);
    }
}
