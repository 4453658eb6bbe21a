//! The live-reload tag put into served pages, and the page shown while the site has never
//! built.

use super::router::LIVE_DIR;
use crate::diagnostic::Diagnostic;
use crate::html::escape;
use crate::url::encode_path;

/// The tag that loads the live script into a page of build `generation` of server
/// `server`; `served` is the output path the page came from.
pub fn live_tag(base_path: &str, server: &str, generation: u64, served: &str) -> String {
    format!(
        "<script src=\"{}\" data-base=\"{}\" data-server=\"{}\" data-build=\"{generation}\" data-path=\"{}\"></script>",
        escape(&format!("{}{LIVE_DIR}live.js", encode_path(base_path))),
        escape(&encode_path(base_path)),
        escape(server),
        escape(served),
    )
}

/// Where the live tag goes: before the page's last `</body>`, or at its end.
pub fn tag_position(page: &[u8]) -> usize {
    page.windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(page.len())
}

/// Puts `tag` before the page's last `</body>`, or at its end.
pub fn inject(page: &[u8], tag: &str) -> Vec<u8> {
    let at = tag_position(page);
    let mut out = Vec::with_capacity(page.len() + tag.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

/// The page every path shows while the site has never built.
pub fn not_built_page(base_path: &str, server: &str, problems: &[Diagnostic]) -> Vec<u8> {
    let items: String = problems
        .iter()
        .map(|d| {
            format!(
                "<li><code>{}:{}:{}</code><pre>{}</pre></li>\n",
                escape(&crate::diagnostic::display_path(&d.path)),
                d.line,
                d.column,
                escape(&d.message)
            )
        })
        .collect();
    let page = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Build failed · yingcai</title>\n\
         <style>body{{font:15px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem}}pre{{white-space:pre-wrap;margin:.25rem 0 1rem}}</style>\n\
         </head>\n<body>\n<h1>The site has not built yet</h1>\n<p>Fix these problems; this page reloads by itself once the site builds.</p>\n<ol>\n{items}</ol>\n</body>\n</html>\n"
    );
    inject(page.as_bytes(), &live_tag(base_path, server, 0, ""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::answer::Body;
    use std::sync::Arc;

    #[test]
    fn injects_before_the_last_body_end() {
        let tag = live_tag("/招聘/", "s1", 3, "jobs/a\"b/index.html");
        assert!(
            tag.contains("src=\"/%E6%8B%9B%E8%81%98/__yingcai/live.js\""),
            "{tag}"
        );
        assert!(
            tag.contains("data-path=\"jobs/a&quot;b/index.html\""),
            "{tag}"
        );
        assert_eq!(tag_position(b"<p></body></p></BODY></html>"), 14);
        let parts = Body::Page {
            bytes: Arc::new(b"<p></body>".to_vec()),
            at: 3,
            tag: "<s>".into(),
        }
        .into_parts();
        assert_eq!(parts.concat(), b"<p><s></body>");
        let page = inject(b"<p></body></p></BODY></html>", "<s>");
        assert_eq!(page, b"<p></body></p><s></BODY></html>");
        assert_eq!(inject(b"plain", "<s>"), b"plain<s>");
    }

    #[test]
    fn the_unbuilt_page_escapes_messages() {
        let page = String::from_utf8(not_built_page(
            "/c/",
            "s1",
            &[Diagnostic::error(
                "content/jobs/a.md",
                2,
                3,
                "<script>alert(1)</script>",
            )],
        ))
        .unwrap();
        assert!(page.contains("content/jobs/a.md:2:3"));
        assert!(page.contains("&lt;script&gt;alert(1)"));
        assert!(!page.contains("<script>alert"));
        assert!(page.contains("data-build=\"0\""));
    }
}
