//! Which file a request names: a pure function of the served site and the request line
//! ([`Route`]). What each route answers is [`super::answer`]'s; the connections themselves
//! are [`super::connections`]'.

use super::site_files::SiteFiles;
use crate::url::{decode_path, encode_path};

/// The folder, under the site's sub-path, of the dev server's own endpoints.
pub const LIVE_DIR: &str = "__yingcai/";

/// What a request gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// An output file, by output path, with this status (404 for the site's `404.html`).
    File {
        path: String,
        status: u16,
    },
    /// Elsewhere: the folder form of a path, or the site's sub-path.
    Redirect(String),
    /// The live-reload script.
    LiveScript,
    /// The live-reload event stream.
    LiveEvents,
    /// The list of served output paths, as JSON (for tools and tests).
    LiveFiles,
    /// The site has never built: a page holding the problems.
    NotBuilt,
    /// Not here, and the site has no `404.html`.
    NotFound,
    BadRequest(&'static str),
    MethodNotAllowed,
}

/// Decides what a request gets. `site` is the last good build (generation 0: none yet).
pub fn route(site: &SiteFiles, method: &str, target: &str) -> Route {
    if method != "GET" && method != "HEAD" {
        return Route::MethodNotAllowed;
    }
    let target = strip_origin(target);
    let (raw_path, query) = match target.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (target, None),
    };
    let raw_path = raw_path.split('#').next().unwrap_or("");
    if !raw_path.starts_with('/') {
        return Route::BadRequest("the request path must start with /");
    }
    let Some(path) = decode_path(raw_path) else {
        return Route::BadRequest("the request path is not valid percent-encoded UTF-8");
    };
    if path.chars().any(|c| c.is_control() || c == '\\') {
        return Route::BadRequest("the request path holds control characters or backslashes");
    }
    if path
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return Route::BadRequest("the request path holds `.` or `..` segments");
    }
    // Any prefix: a page still open under an old sub-path finds the stream too.
    if path.ends_with(&format!("/{LIVE_DIR}live.js")) {
        return Route::LiveScript;
    }
    if path.ends_with(&format!("/{LIVE_DIR}events")) {
        return Route::LiveEvents;
    }
    if path.ends_with(&format!("/{LIVE_DIR}files")) {
        return Route::LiveFiles;
    }
    if site.generation == 0 {
        return Route::NotBuilt;
    }
    let base = site.base_path.as_str();
    let Some(relative) = path.strip_prefix(base) else {
        // An ancestor of the sub-path (`/`, `/careers`) leads to the site.
        let ancestor = base
            .strip_prefix(path.as_str())
            .is_some_and(|rest| path.ends_with('/') || rest.starts_with('/'));
        return if ancestor {
            Route::Redirect(encode_path(base))
        } else {
            not_found(site)
        };
    };
    let file = if relative.is_empty() || relative.ends_with('/') {
        format!("{relative}index.html")
    } else {
        relative.to_string()
    };
    if site.contains(&file) {
        return Route::File {
            path: file,
            status: 200,
        };
    }
    if !relative.is_empty()
        && !relative.ends_with('/')
        && site.contains(&format!("{relative}/index.html"))
    {
        let query = query
            .filter(|q| q.bytes().all(|b| b.is_ascii_graphic()))
            .map(|q| format!("?{q}"))
            .unwrap_or_default();
        return Route::Redirect(format!("{}/{query}", encode_path(&path)));
    }
    not_found(site)
}

fn not_found(site: &SiteFiles) -> Route {
    if site.contains("404.html") {
        Route::File {
            path: "404.html".into(),
            status: 404,
        }
    } else {
        Route::NotFound
    }
}

/// The `page` query parameters of an event stream's request: the output paths of the page
/// that opened it (as its address names it, and the file served there).
pub(super) fn page_param(target: &str) -> Vec<String> {
    let Some((_, query)) = strip_origin(target).split_once('?') else {
        return Vec::new();
    };
    let mut pages: Vec<String> = query
        .split('&')
        .filter_map(|p| p.strip_prefix("page="))
        .filter_map(|v| percent_encoding::percent_decode_str(v).decode_utf8().ok())
        .filter(|page| page.len() <= 1024)
        .map(|page| page.into_owned())
        .take(2)
        .collect();
    pages.dedup();
    pages
}

/// The output path a request names (`/careers/jobs/x/` → `jobs/x/index.html`).
pub(super) fn asked_file(base: &str, target: &str) -> Option<String> {
    let path = strip_origin(target).split(['?', '#']).next()?;
    let relative = decode_path(path)?.strip_prefix(base)?.to_string();
    let last = relative.rsplit('/').next().unwrap_or_default();
    Some(if relative.is_empty() || relative.ends_with('/') {
        format!("{relative}index.html")
    } else if !last.contains('.') {
        format!("{relative}/index.html")
    } else {
        relative
    })
}

/// `http://host:port/path` (a request target in absolute form) → `/path`.
fn strip_origin(target: &str) -> &str {
    for scheme in ["http://", "https://"] {
        if let Some(rest) = target.strip_prefix(scheme) {
            return rest.find('/').map_or("/", |i| &rest[i..]);
        }
    }
    target
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> SiteFiles {
        site_of(&[
            "index.html",
            "404.html",
            "jobs/杭州-工程师/index.html",
            "style.css",
            "feed.xml",
        ])
    }

    fn site_of(files: &[&str]) -> SiteFiles {
        SiteFiles::default()
            .next(
                "/careers/",
                files
                    .iter()
                    .map(|f| {
                        let page = format!("<body>{f}</body>").into_bytes();
                        (f.to_string(), std::sync::Arc::new(page))
                    })
                    .collect(),
            )
            .0
    }

    fn file(path: &str) -> Route {
        Route::File {
            path: path.into(),
            status: 200,
        }
    }

    #[test]
    fn routes_files_under_the_sub_path() {
        let s = site();
        assert_eq!(route(&s, "GET", "/careers/"), file("index.html"));
        assert_eq!(
            route(&s, "HEAD", "/careers/style.css?v=123"),
            file("style.css")
        );
        assert_eq!(
            route(
                &s,
                "GET",
                "/careers/jobs/%E6%9D%AD%E5%B7%9E-%E5%B7%A5%E7%A8%8B%E5%B8%88/"
            ),
            file("jobs/杭州-工程师/index.html")
        );
        assert_eq!(
            route(&s, "GET", "/careers/jobs/杭州-工程师/"),
            file("jobs/杭州-工程师/index.html")
        );
        assert_eq!(
            route(&s, "GET", "http://127.0.0.1:1111/careers/feed.xml"),
            file("feed.xml")
        );
    }

    #[test]
    fn redirects_to_folders_and_the_sub_path() {
        let s = site();
        assert_eq!(route(&s, "GET", "/"), Route::Redirect("/careers/".into()));
        assert_eq!(
            route(&s, "GET", "/careers"),
            Route::Redirect("/careers/".into())
        );
        assert_eq!(
            route(
                &s,
                "GET",
                "/careers/jobs/%E6%9D%AD%E5%B7%9E-%E5%B7%A5%E7%A8%8B%E5%B8%88?a=1"
            ),
            Route::Redirect(
                "/careers/jobs/%E6%9D%AD%E5%B7%9E-%E5%B7%A5%E7%A8%8B%E5%B8%88/?a=1".into()
            )
        );
    }

    #[test]
    fn misses_get_the_sites_404_page() {
        let s = site();
        let missing = Route::File {
            path: "404.html".into(),
            status: 404,
        };
        assert_eq!(route(&s, "GET", "/careers/nope/"), missing);
        assert_eq!(route(&s, "GET", "/elsewhere/x"), missing);
        assert_eq!(route(&s, "GET", "/car"), missing);
        assert_eq!(route(&s, "GET", "/careers/jobs"), missing);
        let bare = site_of(&["index.html"]);
        assert_eq!(route(&bare, "GET", "/careers/nope"), Route::NotFound);
    }

    #[test]
    fn rejects_traversal_and_odd_requests() {
        let s = site();
        for target in [
            "/careers/../etc/passwd",
            "/careers/%2e%2e/etc/passwd",
            "/careers/%2E%2E%2Fetc/passwd",
            "/careers/..%2f..%2fetc/passwd",
            "/careers/./index.html",
            "/careers/index.html%00.css",
            "/careers/a%5c..%5cb",
            "/careers/%zz",
            "/careers/%E6%9D",
            "careers/index.html",
            "*",
        ] {
            assert!(
                matches!(route(&s, "GET", target), Route::BadRequest(_)),
                "{target}"
            );
        }
        assert_eq!(route(&s, "POST", "/careers/"), Route::MethodNotAllowed);
    }

    #[test]
    fn live_endpoints_and_an_unbuilt_site() {
        let s = site();
        assert_eq!(
            route(&s, "GET", "/careers/__yingcai/live.js"),
            Route::LiveScript
        );
        assert_eq!(
            route(&s, "GET", "/old-path/__yingcai/events"),
            Route::LiveEvents
        );
        assert_eq!(
            route(&s, "GET", "/careers/__yingcai/files"),
            Route::LiveFiles
        );
        let none = SiteFiles::default();
        assert_eq!(route(&none, "GET", "/careers/"), Route::NotBuilt);
        assert_eq!(route(&none, "GET", "/__yingcai/events"), Route::LiveEvents);
    }
}
