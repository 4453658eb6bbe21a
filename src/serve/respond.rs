//! A [`Response`] as sent: headers, entity tags and `If-None-Match` (304), `HEAD`, and
//! single byte ranges (206, 416), as a static file server answers them. The body is sent as
//! the slices of the served bytes it is made of, never copied; [`PartsBody`] sends every
//! body that comes in parts, streamed ones too.

use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::StatusCode;
use bytes::Bytes;
use http_body::{Frame, SizeHint};

use super::answer::Response;

/// The response to send for `response`, given the request's headers.
pub fn to_http(
    response: Response,
    head_only: bool,
    request: &HeaderMap,
) -> axum::http::Response<axum::body::Body> {
    let mut parts = response.body.into_parts();
    let total: usize = parts.iter().map(Bytes::len).sum();
    let mut status = response.status;
    let mut content_range = None;
    if let Some(etag) = &response.etag {
        if status == 200 && matches_any(request.get(header::IF_NONE_MATCH), etag) {
            status = 304;
            parts.clear();
        } else if status == 200 && range_applies(request, etag) {
            match request
                .get(header::RANGE)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| parse_range(v, total))
            {
                Some(Ok((start, end))) => {
                    status = 206;
                    parts = slice(parts, start, end + 1);
                    content_range = Some(format!("bytes {start}-{end}/{total}"));
                }
                Some(Err(())) => {
                    status = 416;
                    parts.clear();
                    content_range = Some(format!("bytes */{total}"));
                }
                None => {}
            }
        }
    }
    let length: usize = parts.iter().map(Bytes::len).sum();
    let mut builder = axum::http::Response::builder()
        .status(StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .header(header::CACHE_CONTROL, "no-cache")
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    if status != 304 {
        builder = builder
            .header(header::CONTENT_TYPE, value(&response.content_type))
            .header(header::CONTENT_LENGTH, length);
    }
    if let Some(etag) = &response.etag {
        builder = builder
            .header(header::ETAG, value(etag))
            .header(header::ACCEPT_RANGES, "bytes");
    }
    if let Some(range) = content_range {
        builder = builder.header(header::CONTENT_RANGE, value(&range));
    }
    if let Some(location) = &response.location {
        builder = builder.header(header::LOCATION, value(location));
    }
    if status == 405 {
        builder = builder.header(header::ALLOW, "GET, HEAD");
    }
    let body = if head_only || parts.is_empty() {
        axum::body::Body::empty()
    } else {
        axum::body::Body::new(PartsBody(VecDeque::from(parts)))
    };
    builder
        .body(body)
        .unwrap_or_else(|_| axum::http::Response::new(axum::body::Body::empty()))
}

fn value(text: &str) -> HeaderValue {
    HeaderValue::from_str(text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// `If-None-Match: "a", "b"` or `*` names `etag` (weak comparison, as RFC 9110 asks).
fn matches_any(header: Option<&HeaderValue>, etag: &str) -> bool {
    let Some(list) = header.and_then(|h| h.to_str().ok()) else {
        return false;
    };
    list.split(',').map(str::trim).any(|tag| {
        tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag.trim_start_matches("W/")
    })
}

/// A `Range` is honoured unless an `If-Range` names other bytes than these.
fn range_applies(request: &HeaderMap, etag: &str) -> bool {
    match request.get(header::IF_RANGE).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(tag) => tag.trim() == etag,
    }
}

/// One `bytes=` range of a body of `total` bytes → the first and last byte; `Err` when it
/// cannot be satisfied; `None` when the header is to be ignored (malformed, another unit,
/// several ranges: the whole body is sent).
fn parse_range(header: &str, total: usize) -> Option<Result<(usize, usize), ()>> {
    let spec = header.trim().strip_prefix("bytes=")?.trim();
    if spec.contains(',') {
        return None;
    }
    let (first, last) = spec.split_once('-')?;
    let (first, last) = (first.trim(), last.trim());
    let number = |s: &str| -> Option<usize> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(s.parse::<u64>().unwrap_or(u64::MAX).min(usize::MAX as u64) as usize)
    };
    if first.is_empty() {
        let suffix = number(last)?;
        if suffix == 0 || total == 0 {
            return Some(Err(()));
        }
        return Some(Ok((total.saturating_sub(suffix), total - 1)));
    }
    let start = number(first)?;
    let end = if last.is_empty() {
        usize::MAX
    } else {
        number(last)?
    };
    if end < start {
        return None;
    }
    if start >= total {
        return Some(Err(()));
    }
    Some(Ok((start, end.min(total - 1))))
}

/// Bytes `start..end` of the body made of `parts`, as slices of them.
fn slice(parts: Vec<Bytes>, start: usize, end: usize) -> Vec<Bytes> {
    let mut out = Vec::new();
    let mut offset = 0;
    for part in parts {
        let (from, to) = (offset, offset + part.len());
        offset = to;
        if to <= start || from >= end {
            continue;
        }
        out.push(part.slice(start.max(from) - from..end.min(to) - from));
    }
    out
}

/// Where a response body's parts come from: the slices of served bytes (a `VecDeque`), a
/// file made while it is sent (a channel of chunks, [`super::stream`]), an event stream
/// ([`super::events`]).
pub trait Parts: Send + Unpin + 'static {
    /// The next part; `None` once the body is complete.
    fn poll_part(&mut self, cx: &mut Context<'_>) -> Poll<Option<Bytes>>;

    /// How many bytes are still to come, when that is known.
    fn remaining(&self) -> Option<u64> {
        None
    }
}

/// A response body sent as the parts `P` gives, each sent as it is, never copied.
pub struct PartsBody<P>(pub P);

impl<P: Parts> http_body::Body for PartsBody<P> {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        self.0
            .poll_part(cx)
            .map(|part| part.map(|bytes| Ok(Frame::data(bytes))))
    }

    fn is_end_stream(&self) -> bool {
        self.0.remaining() == Some(0)
    }

    fn size_hint(&self) -> SizeHint {
        self.0
            .remaining()
            .map_or_else(SizeHint::default, SizeHint::with_exact)
    }
}

impl Parts for VecDeque<Bytes> {
    fn poll_part(&mut self, _: &mut Context<'_>) -> Poll<Option<Bytes>> {
        Poll::Ready(self.pop_front())
    }

    fn remaining(&self) -> Option<u64> {
        Some(self.iter().map(|part| part.len() as u64).sum())
    }
}

impl Parts for tokio::sync::mpsc::Receiver<Bytes> {
    fn poll_part(&mut self, cx: &mut Context<'_>) -> Poll<Option<Bytes>> {
        self.poll_recv(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::answer::Body;
    use std::sync::Arc;

    #[test]
    fn parses_single_ranges() {
        assert_eq!(parse_range("bytes=0-9", 100), Some(Ok((0, 9))));
        assert_eq!(parse_range("bytes=90-", 100), Some(Ok((90, 99))));
        assert_eq!(parse_range("bytes=90-1000", 100), Some(Ok((90, 99))));
        assert_eq!(parse_range("bytes=-10", 100), Some(Ok((90, 99))));
        assert_eq!(parse_range("bytes=-1000", 100), Some(Ok((0, 99))));
        assert_eq!(parse_range("bytes=100-", 100), Some(Err(())));
        assert_eq!(parse_range("bytes=-0", 100), Some(Err(())));
        for ignored in [
            "items=0-1",
            "bytes=0-1,5-6",
            "bytes=5-1",
            "bytes=a-b",
            "bytes=-",
        ] {
            assert_eq!(parse_range(ignored, 100), None, "{ignored}");
        }
    }

    #[test]
    fn slices_across_parts() {
        let parts = vec![
            Bytes::from_static(b"abc"),
            Bytes::from_static(b"DE"),
            Bytes::from_static(b"fgh"),
        ];
        assert_eq!(slice(parts.clone(), 2, 6).concat(), b"cDEf");
        assert_eq!(slice(parts.clone(), 0, 8).concat(), b"abcDEfgh");
        assert_eq!(slice(parts, 3, 5).concat(), b"DE");
    }

    fn file() -> Response {
        Response {
            status: 200,
            content_type: "text/html; charset=utf-8".into(),
            body: Body::Page {
                bytes: Arc::new(b"<p></body>".to_vec()),
                at: 3,
                tag: "<s>".into(),
            },
            location: None,
            etag: Some("\"s-1-2\"".into()),
        }
    }

    fn headers(list: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, v) in list {
            map.insert(name.clone(), HeaderValue::from_str(v).unwrap());
        }
        map
    }

    #[test]
    fn answers_conditional_and_range_requests() {
        let whole = to_http(file(), false, &HeaderMap::new());
        assert_eq!(whole.status(), 200);
        assert_eq!(whole.headers()[header::CONTENT_LENGTH], "13");
        assert_eq!(whole.headers()[header::ETAG], "\"s-1-2\"");
        let same = to_http(
            file(),
            false,
            &headers(&[(header::IF_NONE_MATCH, "\"x\", W/\"s-1-2\"")]),
        );
        assert_eq!(same.status(), 304);
        let other = to_http(file(), false, &headers(&[(header::IF_NONE_MATCH, "\"x\"")]));
        assert_eq!(other.status(), 200);
        let part = to_http(file(), false, &headers(&[(header::RANGE, "bytes=2-5")]));
        assert_eq!(part.status(), 206);
        assert_eq!(part.headers()[header::CONTENT_RANGE], "bytes 2-5/13");
        assert_eq!(part.headers()[header::CONTENT_LENGTH], "4");
        let beyond = to_http(file(), false, &headers(&[(header::RANGE, "bytes=13-")]));
        assert_eq!(beyond.status(), 416);
        assert_eq!(beyond.headers()[header::CONTENT_RANGE], "bytes */13");
        let stale = to_http(
            file(),
            false,
            &headers(&[(header::RANGE, "bytes=2-5"), (header::IF_RANGE, "\"old\"")]),
        );
        assert_eq!(
            stale.status(),
            200,
            "If-Range naming other bytes: all of them"
        );
        let head = to_http(file(), true, &HeaderMap::new());
        assert_eq!(head.headers()[header::CONTENT_LENGTH], "13");
        let plain = to_http(
            Response::plain(404, "no"),
            false,
            &headers(&[(header::RANGE, "bytes=0-0")]),
        );
        assert_eq!(plain.status(), 404, "ranges apply to files only");
    }
}
