//! Connections: HTTP/1.1 by hyper on a small tokio runtime, requests through an axum
//! router to [`super::answer`]. Connections cost a task, not a thread, so idle and slow
//! clients take no slot from anyone; a request head must arrive whole within
//! [`HEAD_TIMEOUT`]; only requests naming one of the server's own hosts are answered.

use std::io;
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;

use super::answer::{answer, Answer, Response};
use super::hosts::Hosts;
use super::live::{Live, MAX_STREAMS};
use super::respond::to_http;

/// How long a client has to send a whole request head, from the moment the server waits
/// for one (an idle keep-alive connection included).
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest request head accepted (hyper answers 431 past it).
const MAX_HEAD: usize = 16 * 1024;

/// What every request is answered from.
struct Shared {
    live: Arc<Live>,
    hosts: Hosts,
}

/// Starts accepting connections on `listener`, answering them from `live` for `hosts`.
pub fn start(listener: std::net::TcpListener, live: Arc<Live>, hosts: Hosts) -> io::Result<()> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("http")
        .enable_all()
        .build()?;
    let shared = Arc::new(Shared { live, hosts });
    thread::Builder::new()
        .name("http-accept".into())
        .spawn(move || runtime.block_on(accept(listener, shared)))
        .map(|_| ())
}

async fn accept(listener: std::net::TcpListener, shared: Arc<Shared>) {
    let listener = match tokio::net::TcpListener::from_std(listener) {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("error: cannot serve: {e}");
            return;
        }
    };
    let app = Router::new().fallback(handle).with_state(shared);
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .max_buf_size(MAX_HEAD);
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // A client gone before it was accepted: take the next.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::ConnectionAborted
                        | io::ErrorKind::ConnectionReset
                        | io::ErrorKind::Interrupted
                ) =>
            {
                continue
            }
            // Out of descriptors or memory: give connections time to close, keep going.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let connection =
            builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        tokio::spawn(async move {
            // A client that left or misbehaved: nothing to tell anyone.
            let _ = connection.await;
        });
    }
}

async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> axum::response::Response {
    let headers = request.headers();
    // An absolute-form target names its host itself; else the Host header does.
    let host = match request.uri().authority() {
        Some(authority) => Some(authority.as_str()),
        None => match headers.get(header::HOST) {
            Some(value) => Some(value.to_str().unwrap_or("\u{0}")),
            None => None,
        },
    };
    let head_only = request.method() == Method::HEAD;
    if !shared.hosts.allows(host) {
        let message = format!(
            "this yingcai dev server answers only for {}; to open it as {}, start it with --allow-host {}",
            shared.hosts.listed(),
            host.unwrap_or_default(),
            host.unwrap_or_default()
                .rsplit_once(':')
                .filter(|(name, _)| !name.contains(':') || name.ends_with(']'))
                .map_or(host.unwrap_or_default(), |(name, _)| name),
        );
        return to_http(Response::plain(403, &message), head_only, headers);
    }
    let target = request.uri().path_and_query().map_or("/", |p| p.as_str());
    // A file not rendered yet is rendered now: off the threads that poll connections.
    let method = request.method().as_str();
    match tokio::task::block_in_place(|| answer(&shared.live, method, target)) {
        Answer::Respond(response) => to_http(response, head_only, headers),
        Answer::Stream {
            snapshot,
            path,
            content_type,
        } => axum::http::Response::builder()
            .header(header::CONTENT_TYPE, content_type.as_ref())
            .header(header::CACHE_CONTROL, "no-cache")
            .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
            .body(if head_only {
                Body::empty()
            } else {
                super::stream::body(snapshot, path)
            })
            .unwrap_or_default(),
        Answer::Events(page) => match shared.live.subscribe(page) {
            Some(subscription) => {
                let body = if head_only {
                    Body::empty()
                } else {
                    Body::new(subscription.into_body())
                };
                axum::http::Response::builder()
                    .header(header::CONTENT_TYPE, "text/event-stream; charset=utf-8")
                    .header(header::CACHE_CONTROL, "no-store")
                    .header("X-Accel-Buffering", "no")
                    .body(body)
                    .unwrap_or_default()
            }
            None => to_http(
                Response::plain(
                    503,
                    &format!("too many live-reload streams ({MAX_STREAMS} open): close some tabs of this site"),
                ),
                head_only,
                headers,
            ),
        },
    }
}
