//! What a request gets: the response to each [`Route`] from the state being served, its
//! content type, and the live script put into pages. Conditional and range requests are
//! [`super::respond`]'s.

use std::borrow::Cow;
use std::sync::Arc;

use bytes::Bytes;

use super::inject::{live_tag, not_built_page, tag_position};
use super::live::{Live, Served};
use super::router::{asked_file, page_param, route, Route};

/// The script put into every served page.
const LIVE_SCRIPT: &str = include_str!("live.js");

/// The media type of an output file, by its extension; text types in UTF-8.
pub fn content_type(path: &str) -> Cow<'static, str> {
    let guessed = mime_guess::from_path(path)
        .first_raw()
        .unwrap_or("application/octet-stream");
    match guessed {
        "text/xml" => "application/xml; charset=utf-8".into(),
        "application/javascript" => "text/javascript; charset=utf-8".into(),
        "text/plain" if path.to_ascii_lowercase().ends_with(".map") => "application/json".into(),
        text if text.starts_with("text/") => format!("{text}; charset=utf-8").into(),
        other => other.into(),
    }
}

/// A response body: shared with the served site, made for this request, or built in.
#[derive(Debug, Clone)]
pub enum Body {
    Shared(Arc<Vec<u8>>),
    /// A served page and the live tag that goes into it at `at`: sent as three slices, the
    /// page itself not copied.
    Page {
        bytes: Arc<Vec<u8>>,
        at: usize,
        tag: String,
    },
    Owned(Vec<u8>),
    Static(&'static [u8]),
}

/// A served file's bytes, shared without a copy.
struct SharedBytes(Arc<Vec<u8>>);

impl AsRef<[u8]> for SharedBytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl Body {
    /// The body as the slices it is sent in.
    pub fn into_parts(self) -> Vec<Bytes> {
        match self {
            Body::Shared(bytes) => vec![Bytes::from_owner(SharedBytes(bytes))],
            Body::Page { bytes, at, tag } => {
                let page = Bytes::from_owner(SharedBytes(bytes));
                vec![page.slice(..at), Bytes::from(tag), page.slice(at..)]
            }
            Body::Owned(bytes) => vec![Bytes::from(bytes)],
            Body::Static(bytes) => vec![Bytes::from_static(bytes)],
        }
    }
}

/// A complete response.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub content_type: Cow<'static, str>,
    pub body: Body,
    /// For redirects.
    pub location: Option<String>,
    /// An entity tag, for files of the served site.
    pub etag: Option<String>,
}

impl Response {
    /// A plain-text response.
    pub fn plain(status: u16, message: &str) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8".into(),
            body: Body::Owned(format!("{message}\n").into_bytes()),
            location: None,
            etag: None,
        }
    }
}

/// What the server does with a request.
#[derive(Debug, Clone)]
pub enum Answer {
    Respond(Response),
    /// Send output file `path` as it is made (see [`super::stream`]).
    Stream {
        snapshot: Arc<super::snapshot::Snapshot>,
        path: String,
        content_type: Cow<'static, str>,
    },
    /// Turn the connection into a live-reload event stream, opened by the page at this
    /// output path.
    Events(Vec<String>),
}

/// Answers a request from the current snapshot.
pub fn answer(live: &Live, method: &str, target: &str) -> Answer {
    let Served { site, problems } = live.snapshot();
    let respond = |status, content_type: &'static str, body| {
        Answer::Respond(Response {
            status,
            content_type: content_type.into(),
            body,
            location: None,
            etag: None,
        })
    };
    match route(&site, method, target) {
        Route::File { path, status } => {
            if let Some(snapshot) = site.streaming(&path) {
                return Answer::Stream {
                    snapshot,
                    content_type: content_type(&path),
                    path,
                };
            }
            let bytes = match site.get(&path) {
                Some(Ok(bytes)) => bytes,
                Some(Err(problem)) => {
                    return respond(
                        500,
                        "text/html; charset=utf-8",
                        Body::Owned(not_built_page(&site.base_path, live.server(), &[problem])),
                    )
                }
                None => return Answer::Respond(Response::plain(404, "not found")),
            };
            if status == 404 {
                // A page that may come: once it does, the tab showing this reloads.
                if let Some(asked) = asked_file(&site.base_path, target) {
                    live.viewed_page(&asked);
                }
            }
            let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
            let (body, etag) = if path.ends_with(".html") {
                live.viewed_page(&path);
                // The tag names the current build: the page's bytes change with it.
                let tag = live_tag(&site.base_path, live.server(), site.generation, &path);
                let at = tag_position(&bytes);
                let etag = format!("\"{}-{hash:x}-{}\"", live.server(), site.generation);
                (Body::Page { bytes, at, tag }, etag)
            } else {
                (
                    Body::Shared(bytes),
                    format!("\"{}-{hash:x}\"", live.server()),
                )
            };
            Answer::Respond(Response {
                status,
                content_type: content_type(&path),
                body,
                location: None,
                etag: (status == 200).then_some(etag),
            })
        }
        Route::Redirect(location) => Answer::Respond(Response {
            location: Some(location.clone()),
            ..Response::plain(302, &format!("see {location}"))
        }),
        Route::LiveScript => respond(
            200,
            "text/javascript; charset=utf-8",
            Body::Static(LIVE_SCRIPT.as_bytes()),
        ),
        Route::LiveEvents => Answer::Events(page_param(target)),
        Route::LiveFiles => {
            let paths = site.paths();
            let body = serde_json::json!({ "build": site.generation, "files": paths }).to_string();
            respond(200, "application/json", Body::Owned(body.into_bytes()))
        }
        Route::NotBuilt => respond(
            500,
            "text/html; charset=utf-8",
            Body::Owned(not_built_page(&site.base_path, live.server(), &problems)),
        ),
        Route::NotFound => Answer::Respond(Response::plain(404, "not found")),
        Route::BadRequest(why) => Answer::Respond(Response::plain(400, why)),
        Route::MethodNotAllowed => Answer::Respond(Response::plain(405, "only GET and HEAD")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("feed.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("jobs.json"), "application/json");
        assert_eq!(content_type("logo.SVG"), "image/svg+xml");
        assert_eq!(content_type("f.woff2"), "font/woff2");
        assert_eq!(content_type("favicon.ico"), "image/x-icon");
        assert_eq!(content_type("CNAME"), "application/octet-stream");
        assert_eq!(content_type("a.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("a.mjs"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("a.css.map"), "application/json");
        assert_eq!(content_type("notes.md"), "text/markdown; charset=utf-8");
    }
}
