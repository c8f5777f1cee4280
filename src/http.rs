//! The HTTP client both remote sides share (owner backend and agent): base URL checks,
//! TLS set-up, timeouts, the API version check, and clear network errors.

use crate::error::{Error, Kind, Result};
use crate::server::api::{self, ErrorBody, Ticket};
use reqwest::header::HeaderMap;

/// Installs the TLS crypto provider once (reqwest is built without a default one).
pub fn tls_provider() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// Called with the number of bytes sent, as they are sent.
pub type Progress = Option<std::sync::Arc<dyn Fn(u64) + Send + Sync>>;

fn bytes_from(v: Vec<u8>) -> axum::body::Bytes {
    axum::body::Bytes::from(v)
}

pub struct Http {
    pub client: reqwest::Client,
    pub base: String,
}

/// A successful answer.
pub struct Answer {
    pub status: reqwest::StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Http {
    pub fn new(server: &str) -> Result<Self> {
        tls_provider();
        let base = server.trim_end_matches('/').to_string();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(
                Error::usage(format!("`{}` is not an http(s) URL", crate::render::sanitize(server))).hint("pass e.g. --server https://keys.example.com")
            );
        }
        let client = reqwest::Client::builder()
            .user_agent(concat!("keysmith/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(std::time::Duration::from_secs(10))
            .timeout(std::time::Duration::from_secs(120))
            .build()
            .map_err(|e| Error::failure(format!("cannot set up the HTTP client: {e}")))?;
        Ok(Http { client, base })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Sends the request `build` makes; any non-2xx answer goes through `on_error`, which
    /// turns it into an [`Error`]. Only what the server cannot have acted on is retried, with
    /// exponential backoff and a note on stderr each time: a connection that could not be
    /// made, and 429/503 answers (after their `Retry-After`, when that is at most
    /// [`MAX_RETRY_WAIT_SECS`]). `build` is called once per attempt, so a signed request is
    /// signed afresh (a new nonce) each time.
    pub async fn send(
        &self,
        build: impl Fn() -> reqwest::RequestBuilder,
        on_error: impl FnOnce(reqwest::StatusCode, &HeaderMap, &[u8]) -> Error,
    ) -> Result<Answer> {
        use backon::Retryable;
        let backoff = backon::ExponentialBuilder::default()
            .with_min_delay(std::time::Duration::from_millis(500))
            .with_max_delay(std::time::Duration::from_secs(8))
            .with_jitter()
            .with_max_times(RETRIES);
        let attempt = (|| async { self.attempt(build()).await })
            .retry(backoff)
            .when(Failed::retryable)
            .adjust(|f, delay| match f.retry_after() {
                Some(secs) => Some(std::time::Duration::from_secs(secs.max(1))),
                None => delay,
            })
            .notify(|f, delay| eprintln!("note: {}; retrying in {:.1} s", f.describe(&self.base), delay.as_secs_f64()));
        match attempt.await {
            Ok(answer) => Ok(answer),
            Err(Failed::Answered(status, headers, body)) => Err(on_error(status, &headers, &body)),
            Err(Failed::Network(e)) => Err(self.network_error(e)),
            Err(Failed::Other(e)) => Err(e),
        }
    }

    async fn attempt(&self, req: reqwest::RequestBuilder) -> std::result::Result<Answer, Failed> {
        let resp = req.send().await.map_err(Failed::Network)?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let version = headers.get(api::HEADER_API_VERSION).and_then(|v| v.to_str().ok());
        match version {
            Some(api::API_VERSION) => {}
            // A load balancer's 503 or 429 carries no keysmith header: it is worth waiting for too.
            _ if busy(status) => {}
            Some(v) => {
                return Err(Failed::Other(
                    Error::usage(format!("the server speaks keysmith API version {}, this client speaks {}", crate::render::sanitize(v), api::API_VERSION))
                        .hint("upgrade the older of the two"),
                ));
            }
            None => {
                return Err(Failed::Other(
                    Error::usage(format!("{} does not answer like a keysmith backend (HTTP {status})", self.base))
                        .hint("check that --server points at `keysmith serve` or a compatible backend"),
                ));
            }
        }
        let body = resp.bytes().await.map_err(Failed::Network)?.to_vec();
        if !status.is_success() {
            return Err(Failed::Answered(status, headers, body));
        }
        Ok(Answer { status, headers, body })
    }

    /// A ticket's URL: a path on this server, or an absolute URL (an object store's).
    fn blob_url(&self, url: &str) -> Result<String> {
        if url.starts_with('/') {
            Ok(self.url(url))
        } else if url.starts_with("https://") || url.starts_with("http://") {
            Ok(url.to_string())
        } else {
            Err(Error::failure("the server handed out a blob URL that is not one")
                .hint("check that --server points at `keysmith serve` or a compatible backend"))
        }
    }

    /// A request to a ticket's URL, with the ticket's headers.
    fn blob_request(&self, method: reqwest::Method, ticket: &Ticket) -> Result<reqwest::RequestBuilder> {
        let mut req = self.client.request(method, self.blob_url(&ticket.url)?);
        for (name, value) in &ticket.headers {
            let name = reqwest::header::HeaderName::from_bytes(name.as_bytes());
            let value = reqwest::header::HeaderValue::from_str(value);
            let (Ok(name), Ok(value)) = (name, value) else {
                return Err(Error::failure("the server handed out a blob header that is not one"));
            };
            req = req.header(name, value);
        }
        Ok(req)
    }

    /// The error of a refused blob transfer: the backend's JSON error, or the object
    /// store's (XML) one.
    async fn blob_refused(&self, resp: reqwest::Response, what: &str) -> Error {
        let (status, keysmith) = (resp.status(), resp.headers().contains_key(api::HEADER_API_VERSION));
        match resp.bytes().await {
            Ok(body) if keysmith => api_error(status, &body),
            Ok(body) => store_error(what, status, &body),
            Err(e) => self.network_error(e),
        }
    }

    /// Streams `pieces` (exactly `size` bytes in all) to the ticket's URL, each piece a
    /// body frame as it is, then completes the upload: the answer is the complete file.
    pub async fn put_blob(
        &self,
        ticket: &Ticket,
        pieces: impl Iterator<Item = std::io::Result<Vec<u8>>> + Send + 'static,
        size: u64,
        progress: Progress,
    ) -> Result<crate::store::FileRecord> {
        let complete = ticket.complete_url.as_deref().filter(|u| u.starts_with('/')).ok_or_else(|| {
            Error::failure("the server's upload ticket has no completion URL").hint("check that --server points at a current `keysmith serve`")
        })?;
        let stream = futures_util::stream::iter(pieces.map(move |piece| {
            let piece = piece?;
            if let Some(p) = &progress {
                p(piece.len() as u64);
            }
            Ok::<_, std::io::Error>(bytes_from(piece))
        }));
        let req = self
            .blob_request(reqwest::Method::PUT, ticket)?
            .header("content-length", size)
            .header("content-type", "application/octet-stream")
            .body(reqwest::Body::wrap_stream(stream));
        let resp = req.send().await.map_err(|e| self.network_error(e))?;
        if !resp.status().is_success() {
            return Err(self.blob_refused(resp, "upload").await);
        }
        let answer = self.send(|| self.client.post(self.url(complete)), |status, _, body| api_error(status, body)).await?;
        parse(&answer.body)
    }

    /// Streams the blob at a ticket's URL into `on_chunk`.
    pub async fn get_blob(&self, ticket: &Ticket, mut on_chunk: impl FnMut(&[u8]) -> Result<()>) -> Result<()> {
        let resp = self.blob_request(reqwest::Method::GET, ticket)?.send().await.map_err(|e| self.network_error(e))?;
        if !resp.status().is_success() {
            return Err(self.blob_refused(resp, "download").await);
        }
        let mut stream = resp.bytes_stream();
        while let Some(chunk) = futures_util::StreamExt::next(&mut stream).await {
            on_chunk(&chunk.map_err(|e| self.network_error(e))?)?;
        }
        Ok(())
    }

    fn network_error(&self, e: reqwest::Error) -> Error {
        let what = if e.is_connect() {
            "cannot connect to"
        } else if e.is_timeout() {
            "timed out talking to"
        } else {
            "failed talking to"
        };
        let mut detail = e.to_string();
        let mut src: Option<&dyn std::error::Error> = std::error::Error::source(&e);
        while let Some(s) = src {
            detail = s.to_string();
            src = s.source();
        }
        Error::failure(format!("{what} the server at {} ({})", self.base, crate::render::sanitize(&detail)))
            .hint("check --server / KEYSMITH_SERVER and that the backend is running")
    }
}

/// How many times a request is retried (see [`Http::send`]).
const RETRIES: usize = 3;

/// The longest `Retry-After` a request waits for; a longer one is reported instead.
pub const MAX_RETRY_WAIT_SECS: u64 = 30;

/// 429 and 503: the server (or a load balancer before it) did not take the request on.
fn busy(status: reqwest::StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 503)
}

/// Why an attempt failed.
enum Failed {
    /// The server answered with an error status.
    Answered(reqwest::StatusCode, HeaderMap, Vec<u8>),
    Network(reqwest::Error),
    Other(Error),
}

impl Failed {
    /// Whether the server cannot have acted on the request, and waiting may help.
    fn retryable(&self) -> bool {
        match self {
            Failed::Network(e) => e.is_connect(),
            Failed::Answered(status, ..) => busy(*status) && self.retry_after().is_none_or(|s| s <= MAX_RETRY_WAIT_SECS),
            Failed::Other(_) => false,
        }
    }

    fn retry_after(&self) -> Option<u64> {
        match self {
            Failed::Answered(_, headers, _) => headers.get("retry-after")?.to_str().ok()?.trim().parse().ok(),
            _ => None,
        }
    }

    fn describe(&self, base: &str) -> String {
        match self {
            Failed::Answered(status, ..) => format!("{base} answered HTTP {status}"),
            Failed::Network(_) => format!("cannot connect to {base}"),
            Failed::Other(e) => e.message().to_string(),
        }
    }
}

/// An object store's refusal of a presigned request, with the S3 error code if it sent one
/// (e.g. `BadDigest`: the bytes are not the announced ones; `AccessDenied`: the URL expired).
fn store_error(what: &str, status: reqwest::StatusCode, body: &[u8]) -> Error {
    let text = String::from_utf8_lossy(body);
    let code = text.split_once("<Code>").and_then(|(_, rest)| rest.split_once("</Code>")).map(|(code, _)| code).filter(|c| c.len() < 64);
    let why = code.map(|c| format!(": {}", crate::render::sanitize(c))).unwrap_or_default();
    Error::failure(format!("the object store refused the {what} (HTTP {status}{why})")).hint("the blob URL may have expired; try again")
}

/// The error a backend's JSON error body describes, with its message and hint.
pub fn api_error(status: reqwest::StatusCode, body: &[u8]) -> Error {
    let Ok(b) = serde_json::from_slice::<ErrorBody>(body) else {
        return Error::failure(format!("the server answered HTTP {status}"));
    };
    let kind = match (status.as_u16(), b.error.code.as_str()) {
        (_, "integrity") => Kind::Integrity,
        (401, _) => Kind::Auth,
        (404, _) => Kind::NotFound,
        (400 | 413, _) => Kind::Usage,
        _ => Kind::Failure,
    };
    let e = Error::new(kind, crate::render::sanitize(&b.error.message));
    match b.error.hint {
        Some(h) => e.hint(crate::render::sanitize(&h)),
        None => e,
    }
}

pub fn parse<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T> {
    serde_json::from_slice(body).map_err(|_| {
        Error::failure("the server's answer is not what a keysmith backend sends")
            .hint("check that --server points at `keysmith serve` or a compatible backend")
    })
}
