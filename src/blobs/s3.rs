//! Blobs in an S3-compatible bucket (AWS S3, SeaweedFS, MinIO, Garage, Ceph, R2…),
//! through `object_store`. Clients move blobs straight to and from the bucket with
//! presigned URLs, so file bytes never pass through `serve`:
//!
//! - an upload URL is a presigned `PUT` that signs `x-amz-checksum-sha256` with the
//!   announced SHA-256, so the object store takes only the announced bytes;
//! - the completion call makes the server `HEAD` the object with `x-amz-checksum-mode:
//!   ENABLED` and compare its size and stored SHA-256 with the record before the file
//!   becomes visible (a store that keeps no checksum gets the object read back and hashed).
//!
//! Credentials, region and endpoint come from the standard `AWS_*` environment variables.

use super::{Mismatch, Transfer, check_blob};
use crate::error::{Error, Result};
use crate::store::FileRecord;
use base64::Engine;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path;
use object_store::signer::{HeaderName, HeaderValue, Method, SignedUrlOptions, Signer};
use object_store::{ObjectStore, ObjectStoreExt};
use sha2::{Digest, Sha256};
use std::time::Duration;

/// S3 takes at most 5 GiB in one `PUT`.
pub const MAX_FILE_SIZE: u64 = 5 << 30;

const CHECKSUM: &str = "x-amz-checksum-sha256";
const CHECKSUM_MODE: &str = "x-amz-checksum-mode";

pub struct S3 {
    store: AmazonS3,
    /// Where the blobs go in the bucket (may be empty).
    prefix: Path,
    /// Shown in errors: `s3://bucket/prefix`.
    url: String,
    http: reqwest::Client,
}

fn failed(e: impl std::fmt::Display) -> Error {
    Error::failure(format!("the object store failed: {e}"))
}

impl S3 {
    /// The bucket and prefix of `s3://BUCKET[/PREFIX]`, with credentials, region and
    /// endpoint from the `AWS_*` environment (e.g. `AWS_ENDPOINT`, `AWS_ALLOW_HTTP`).
    pub fn open(url: &str) -> Result<Self> {
        let usage = || Error::usage("--blobs (KEYSMITH_BLOBS) must be s3://BUCKET or s3://BUCKET/PREFIX").hint("without it, blobs go to the data dir");
        let rest = url.strip_prefix("s3://").ok_or_else(usage)?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        let prefix = prefix.trim_matches('/');
        if bucket.is_empty() || !bucket.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.') {
            return Err(usage());
        }
        let prefix = Path::parse(prefix).map_err(|_| usage())?;
        // object_store's HTTP client needs a TLS provider installed, even for http://.
        crate::http::tls_provider();
        let store = AmazonS3Builder::from_env().with_bucket_name(bucket).build().map_err(|e| {
            Error::usage(format!("cannot use the bucket {bucket}: {e}")).hint("check the AWS_* variables (AWS_REGION, AWS_ENDPOINT, credentials)")
        })?;
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(120))
            .build()
            .map_err(|e| Error::failure(format!("cannot set up the HTTP client: {e}")))?;
        Ok(S3 { store, url: format!("s3://{bucket}/{prefix}").trim_end_matches('/').to_string(), prefix, http })
    }

    /// Fails unless the bucket can be listed with these credentials.
    pub async fn ready(&self) -> Result<()> {
        self.store.list_with_delimiter(Some(&self.prefix)).await.map(|_| ()).map_err(|e| {
            Error::failure(format!("cannot reach {}: {e}", self.url)).hint("check that the bucket exists and the AWS_* variables (endpoint, credentials)")
        })
    }

    fn path(&self, id: &str) -> Path {
        self.prefix.clone().join(id)
    }

    async fn sign(&self, method: Method, id: &str, expires: i64, header: Option<(&'static str, &str)>) -> Result<String> {
        let ttl = Duration::from_secs(expires.saturating_sub(crate::policy::now()).max(1) as u64);
        let mut opts = SignedUrlOptions::new();
        if let Some((name, value)) = header {
            opts = opts.with_signed_header(HeaderName::from_static(name), HeaderValue::from_str(value).map_err(failed)?);
        }
        Ok(self.store.signed_url_opts(method, &self.path(id), ttl, &opts).await.map_err(failed)?.to_string())
    }

    pub async fn upload(&self, file: &FileRecord, expires: i64) -> Result<Transfer> {
        let sha = base64::engine::general_purpose::STANDARD.encode(&file.sha256);
        let url = self.sign(Method::PUT, &file.id, expires, Some((CHECKSUM, &sha))).await?;
        Ok(Transfer { url, headers: [(CHECKSUM.to_string(), sha)].into() })
    }

    pub async fn download(&self, file: &FileRecord, expires: i64) -> Result<Transfer> {
        Ok(Transfer { url: self.sign(Method::GET, &file.id, expires, None).await?, headers: Default::default() })
    }

    pub async fn verify(&self, file: &FileRecord) -> Result<(), Mismatch> {
        let io = |e: Error| Mismatch::Io(e.message().to_string());
        let url = self.sign(Method::HEAD, &file.id, crate::policy::now() + 60, Some((CHECKSUM_MODE, "ENABLED"))).await.map_err(io)?;
        let resp = self.http.head(url).header(CHECKSUM_MODE, "ENABLED").send().await.map_err(|e| Mismatch::Io(e.without_url().to_string()))?; // never log the signed URL
        match resp.status().as_u16() {
            404 => return Err(Mismatch::Missing),
            s if !(200..300).contains(&s) => return Err(Mismatch::Io(format!("HEAD answered HTTP {s}"))),
            _ => {}
        }
        let header = |name: &str| resp.headers().get(name).and_then(|v| v.to_str().ok());
        let size = header("content-length").and_then(|v| v.parse::<u64>().ok()).ok_or_else(|| Mismatch::Io("HEAD gave no size".into()))?;
        let stored = header(CHECKSUM).and_then(|v| base64::engine::general_purpose::STANDARD.decode(v).ok()).filter(|d| d.len() == 32);
        match stored {
            Some(sha) => check_blob(file, size, &sha),
            // A store that keeps no SHA-256: read the object back and hash it.
            None if size == file.size => {
                let (size, sha) = self.hash(&file.id).await.map_err(io)?;
                check_blob(file, size, &sha)
            }
            // No checksum and the size alone differs: that is the refusal.
            None => check_blob(file, size, &file.sha256),
        }
    }

    async fn hash(&self, id: &str) -> Result<(u64, [u8; 32])> {
        let mut stream = self.store.get(&self.path(id)).await.map_err(failed)?.into_stream();
        let (mut h, mut n) = (Sha256::new(), 0u64);
        while let Some(chunk) = futures_util::StreamExt::next(&mut stream).await {
            let chunk = chunk.map_err(failed)?;
            h.update(&chunk);
            n += chunk.len() as u64;
        }
        Ok((n, h.finalize().into()))
    }

    pub async fn remove(&self, id: &str) -> Result<()> {
        match self.store.delete(&self.path(id)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(failed(e)),
        }
    }
}
