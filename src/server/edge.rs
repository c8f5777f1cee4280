//! The HTTP edge of `keysmith serve`: how connections are accepted and how long a client
//! may take. Limits (documented in PROTOCOL.md):
//!
//! - request headers must arrive within [`HEADER_READ_TIMEOUT`] (slowloris connections are
//!   closed), and a JSON body within [`BODY_READ_TIMEOUT`];
//! - a request target over [`MAX_URI`] bytes is 414, headers over [`MAX_HEADER_BYTES`] are
//!   431, a declared body larger than its route takes is 413 — all at once, as JSON;
//! - on SIGTERM/SIGINT the server stops accepting and lets in-flight requests finish.

use super::api::ApiError;
use axum::Router;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;

pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(20);
pub const BODY_READ_TIMEOUT: Duration = Duration::from_secs(30);
pub const MAX_URI: usize = 8 * 1024;
pub const MAX_HEADER_BYTES: usize = 32 * 1024;

/// Serves `app` on `listener` until `shutdown` resolves, then waits for in-flight requests.
pub async fn run(listener: tokio::net::TcpListener, app: Router, shutdown: impl std::future::Future<Output = ()>) {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(hyper_util::rt::TokioTimer::new()).header_read_timeout(HEADER_READ_TIMEOUT);
    tokio::pin!(shutdown);
    loop {
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of file descriptors and the like: wait a moment rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let conn = http.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            let _ = conn.await;
        });
    }
    graceful.shutdown().await;
}

/// Refuses, as JSON and before any body is read: a request target over [`MAX_URI`]
/// (414), headers over [`MAX_HEADER_BYTES`] (431), and a declared body larger than the
/// route takes (413: blobs up to a file's limit, everything else a JSON body's).
pub async fn limits(req: Request, next: Next) -> Response {
    let uri = req.uri();
    let target_len = uri.path_and_query().map_or(0, |p| p.as_str().len()) + uri.authority().map_or(0, |a| a.as_str().len());
    if target_len > MAX_URI {
        return ApiError::new(StatusCode::URI_TOO_LONG, "uri_too_long", format!("request targets are limited to {MAX_URI} bytes")).into_response();
    }
    let header_bytes: usize = req.headers().iter().map(|(k, v)| k.as_str().len() + v.len() + 4).sum();
    if header_bytes > MAX_HEADER_BYTES {
        return ApiError::new(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "headers_too_large",
            format!("request headers are limited to {MAX_HEADER_BYTES} bytes"),
        )
        .into_response();
    }
    let limit = if req.uri().path().starts_with("/v1/blobs/") { crate::blobs::local::MAX_FILE_SIZE } else { super::MAX_JSON_BODY as u64 };
    let declared =
        req.headers().get(axum::http::header::CONTENT_LENGTH).map(|v| v.to_str().ok().and_then(|v| v.trim().parse::<u64>().ok()).unwrap_or(u64::MAX));
    if declared.is_some_and(|d| d > limit) {
        return ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", format!("request bodies are limited to {limit} bytes")).into_response();
    }
    next.run(req).await
}

/// Reads a JSON body of at most `limit` bytes within [`BODY_READ_TIMEOUT`].
pub async fn read_body(body: axum::body::Body, limit: usize) -> Result<axum::body::Bytes, ApiError> {
    match tokio::time::timeout(BODY_READ_TIMEOUT, axum::body::to_bytes(body, limit)).await {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(_)) => Err(ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", format!("request bodies are limited to {limit} bytes"))),
        Err(_) => {
            Err(ApiError::new(StatusCode::REQUEST_TIMEOUT, "timeout", format!("the request body did not arrive within {} s", BODY_READ_TIMEOUT.as_secs())))
        }
    }
}
