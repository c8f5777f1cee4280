//! keysmith benchmarks. Every figure is a ratio against a reference measured in the same
//! run on the same machine (see BENCHMARKS.md). Run with `benches/run.sh` (release build).
//! Nothing here is a test: it reports, it does not fail on a slow machine.

use keysmith::audit::{EventFilter, NewEvent};
use keysmith::backend::embedded::Embedded;
use keysmith::crypto::{self, SecretKey};
use keysmith::owner;
use keysmith::policy::{Permission, RateLimit, Scope};
use keysmith::store::Store;
use keysmith::store::sqlite::SqliteStore;
use keysmith::stream;
use std::io::Read;
use std::process::Command;
use std::time::{Duration, Instant};

const PASSWORD: &str = "plinth-marmot-quasar-74-ochre";

// The real PostgreSQL and S3 servers the integration tests start, started the same way.
#[path = "../tests/services/pg.rs"]
#[allow(dead_code)]
mod pg;
#[path = "../tests/services/s3.rs"]
#[allow(dead_code)]
mod s3;

struct Row {
    name: &'static str,
    value: String,
    reference: String,
    ratio: Option<f64>,
    target: &'static str,
    met: Option<bool>,
}

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .min()
        .unwrap()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn python_pbkdf2_secs() -> f64 {
    let script = "import hashlib, time\nbest = 1e9\nfor _ in range(5):\n    t = time.perf_counter(); hashlib.pbkdf2_hmac('sha256', b'pw', b's' * 32, 600000, 32); best = min(best, time.perf_counter() - t)\nprint(best)";
    let out = Command::new("python3").args(["-c", script]).output().expect("python3 is needed for the KDF reference");
    String::from_utf8_lossy(&out.stdout).trim().parse().expect("python printed a time")
}

/// libargon2 (argon2-cffi, in the venv the tests install under target/tmp) at Argon2id's
/// defaults (run.sh pins both to one core): best of 3, in seconds.
fn python_argon2_secs() -> Option<f64> {
    let script = "from argon2.low_level import hash_secret_raw, Type\nimport time\nbest = 1e9\nfor _ in range(3):\n    t = time.perf_counter(); hash_secret_raw(b'pw', b's' * 32, time_cost=3, memory_cost=65536, parallelism=4, hash_len=32, type=Type.ID); best = min(best, time.perf_counter() - t)\nprint(best)";
    let python = concat!(env!("CARGO_MANIFEST_DIR"), "/target/tmp/argon2-cffi/bin/python");
    let out = Command::new(python).args(["-c", script]).output().ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

/// OpenSSL's AES-256-GCM throughput on 1 MiB buffers, in bytes per second.
fn openssl_gcm_bytes_per_sec() -> Option<f64> {
    let out = Command::new("openssl").args(["speed", "-evp", "aes-256-gcm", "-seconds", "2", "-bytes", "1048576"]).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().rev().find(|l| l.starts_with("AES-256-GCM") || l.starts_with("aes-256-gcm"))?;
    let last = line.split_whitespace().last()?.trim_end_matches('k');
    Some(last.parse::<f64>().ok()? * 1000.0)
}

/// Peak resident memory of this process (VmHWM), in bytes.
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)).and_then(|k| k.parse::<u64>().ok()).unwrap_or(0) * 1024
}

struct Zeros(u64);
impl Read for Zeros {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = (buf.len() as u64).min(self.0) as usize;
        buf[..n].fill(0);
        self.0 -= n as u64;
        Ok(n)
    }
}

fn kdf(rows: &mut Vec<Row>) {
    let salt = [7u8; 32];
    let ours = best(5, || crypto::pbkdf2_sha256(PASSWORD.as_bytes(), &salt, 600_000)).as_secs_f64();
    let openssl = python_pbkdf2_secs();
    let ratio = ours / openssl;
    rows.push(Row {
        name: "PBKDF2-HMAC-SHA256, 600k, 32 B",
        value: format!("{:.1} ms", ours * 1e3),
        reference: format!("OpenSSL via Python hashlib {:.1} ms", openssl * 1e3),
        ratio: Some(ratio),
        target: "≤ 0.45",
        met: Some(ratio <= 0.45),
    });
    // Argon2id at its default parameters, next to PBKDF2's time in this run; its memory is
    // the peak resident growth while it runs (the first group: the peak before is small).
    let argon2 = crypto::Kdf::ARGON2ID_DEFAULT;
    let before = peak_rss();
    let t = best(3, || argon2.derive(PASSWORD.as_bytes(), &salt).expect("Argon2id runs")).as_secs_f64();
    let grew = peak_rss().saturating_sub(before);
    rows.push(Row {
        name: "Argon2id, 64 MiB, 3 passes, 4 lanes (the --kdf argon2id default)",
        value: format!("{:.1} ms, peak memory +{:.0} MiB", t * 1e3, grew as f64 / (1 << 20) as f64),
        reference: format!("PBKDF2-HMAC-SHA256 600k {:.1} ms", ours * 1e3),
        ratio: Some(t / ours),
        target: "report",
        met: None,
    });
    if let Some(theirs) = python_argon2_secs() {
        rows.push(Row {
            name: "Argon2id, 64 MiB, 3 passes, 4 lanes vs libargon2",
            value: format!("{:.1} ms", t * 1e3),
            reference: format!("libargon2 via argon2-cffi {:.1} ms", theirs * 1e3),
            ratio: Some(t / theirs),
            target: "report",
            met: None,
        });
    }
    // The floor: 1.2M SHA-256 compressions (two per iteration), at this machine's rate.
    let buf = vec![0u8; 64 << 20];
    let t = best(3, || crypto::sha256(&[&buf])).as_secs_f64();
    let per_block = t / (buf.len() as f64 / 64.0);
    let floor = per_block * 1_200_000.0;
    let r = ours / floor;
    rows.push(Row {
        name: "PBKDF2 vs SHA-256 compression floor",
        value: format!("{:.1} ns/compression", per_block * 1e9),
        reference: format!("floor {:.1} ms", floor * 1e3),
        ratio: Some(r),
        target: "≤ 1.4",
        met: Some(r <= 1.4),
    });
}

fn encryption(rows: &mut Vec<Row>) {
    let key = SecretKey::random();
    let openssl = openssl_gcm_bytes_per_sec();
    // Like `openssl speed -bytes 1048576`: one context, the same 1 MiB buffer over and over.
    let mb = 1 << 20;
    let data = vec![0u8; mb];
    let mut out = Vec::with_capacity(mb + 1024);
    let rounds = 512;
    let t = best(3, || {
        let mut enc = stream::Encryptor::new(&key, "bench", [0; 7]);
        for _ in 0..rounds {
            out.clear();
            enc.update(&data, &mut out).unwrap();
            std::hint::black_box(&out);
        }
    })
    .as_secs_f64();
    let small = (rounds * mb) as f64 / t;
    // The upload path: a file's encrypted pieces, as they are handed to the HTTP body.
    let gb = 1u64 << 30;
    let vk = keysmith::crypto::VaultAccess::Key(SecretKey::random());
    let t = best(2, || {
        let nf = keysmith::file::NewFile::new("acct", "vault", &vk, "big.bin");
        nf.encrypting(Box::new(Zeros(gb))).map(|piece| piece.unwrap().len() as u64).sum::<u64>()
    })
    .as_secs_f64();
    let big = gb as f64 / t;
    for (name, rate) in [("File encryption, 1 MiB buffers (STREAM, AES-256-GCM)", small), ("File encryption, 1 GiB through the upload path", big)] {
        let ratio = openssl.map(|o| rate / o);
        rows.push(Row {
            name,
            value: format!("{:.2} GB/s", rate / 1e9),
            reference: openssl.map(|o| format!("openssl speed -evp aes-256-gcm {:.2} GB/s", o / 1e9)).unwrap_or_else(|| "openssl not found".into()),
            ratio,
            target: "≥ 1.5",
            met: ratio.map(|r| r >= 1.5),
        });
    }
    // Peak memory for 4 GiB through encryption and decryption, streamed.
    let before = peak_rss();
    let (reader, mut writer) = std::io::pipe().expect("pipe");
    let k2 = key.clone();
    let producer = std::thread::spawn(move || stream::encrypt(&k2, "bench", [1; 7], Zeros(4 * gb), &mut writer).unwrap());
    let plain = stream::decrypt(&key, "bench", reader, std::io::sink()).unwrap();
    producer.join().unwrap();
    assert_eq!(plain, 4 * gb);
    let grew = peak_rss().saturating_sub(before);
    rows.push(Row {
        name: "Peak memory, 4 GiB encrypt + decrypt",
        value: format!("+{:.1} MiB", grew as f64 / (1 << 20) as f64),
        reference: "64 MiB budget".into(),
        ratio: Some(grew as f64 / (64 << 20) as f64),
        target: "≤ 64 MiB",
        met: Some(grew <= 64 << 20),
    });
}

fn scope(vault: &str) -> Scope {
    Scope {
        permissions: vec![Permission::Read, Permission::Write],
        vaults: vec![vault.to_string()],
        rate_limit: Some(RateLimit { requests: 60, window_secs: 60 }),
        bytes_per_day: None,
        write_only: false,
    }
}

fn startup_and_rotation(rows: &mut Vec<Row>) {
    let bin = release_bin();
    if !bin.exists() {
        rows.push(Row { name: "Start-up", value: "skipped".into(), reference: "build --release first".into(), ratio: None, target: "≤ 5 ms", met: None });
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_dir(dir.path()).unwrap();
    let b = Embedded::new(&store);
    let (u, vault) = owner::init(&b, PASSWORD.as_bytes(), keysmith::crypto::Kdf::DEFAULT, "default", None).unwrap();
    for i in 0..100 {
        u.create_key(&b, &format!("agent-{i}"), scope(&vault), Some(keysmith::policy::now() + 3 * 86_400), &mut |_| Ok(())).unwrap();
    }
    drop(store);
    let run = |args: &[&str], stdin: Option<&str>| {
        let mut c = Command::new(&bin);
        c.env("KEYSMITH_DATA_DIR", dir.path()).env("KEYSMITH_SESSION_STORE", "file").args(args);
        c.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
        match stdin {
            Some(s) => {
                c.stdin(std::process::Stdio::piped());
                let mut child = c.spawn().unwrap();
                std::io::Write::write_all(&mut child.stdin.take().unwrap(), s.as_bytes()).unwrap();
                assert!(child.wait().unwrap().success(), "{args:?}");
            }
            None => assert!(c.status().unwrap().success(), "{args:?}"),
        }
    };
    let help = best(30, || run(&["--help"], None));
    rows.push(Row {
        name: "Start-up: keysmith --help",
        value: ms(help),
        reference: "5 ms".into(),
        ratio: Some(help.as_secs_f64() / 0.005),
        target: "≤ 5 ms",
        met: Some(help.as_secs_f64() <= 0.005),
    });
    run(&["--password-stdin", "login"], Some(&format!("{PASSWORD}\n")));
    let list = best(30, || run(&["key", "list"], None));
    rows.push(Row {
        name: "Start-up: key list, 100 keys (session)",
        value: ms(list),
        reference: "5 ms".into(),
        ratio: Some(list.as_secs_f64() / 0.005),
        target: "≤ 5 ms",
        met: Some(list.as_secs_f64() <= 0.005),
    });
    // Bulk rotation of 1,000 keys with one password derivation.
    let store = SqliteStore::open_dir(dir.path()).unwrap();
    let b = Embedded::new(&store);
    let u = owner::unlock(&b, PASSWORD.as_bytes(), 600).unwrap();
    for i in 100..1000 {
        u.create_key(&b, &format!("agent-{i}"), scope(&vault), Some(keysmith::policy::now() + 3 * 86_400), &mut |_| Ok(())).unwrap();
    }
    drop(store);
    let tokens = dir.path().join("tokens");
    let t = Instant::now();
    run(&["--password-stdin", "key", "rotate", "--expiring-within", "7d", "--yes", "--token-dir", tokens.to_str().unwrap()], Some(&format!("{PASSWORD}\n")));
    let rot = t.elapsed();
    assert_eq!(std::fs::read_dir(&tokens).unwrap().count(), 1000);
    rows.push(Row {
        name: "Bulk rotation, 1,000 keys",
        value: ms(rot),
        reference: "10 s".into(),
        ratio: Some(rot.as_secs_f64() / 10.0),
        target: "≤ 10 s",
        met: Some(rot.as_secs_f64() <= 10.0),
    });
}

fn audit(rows: &mut Vec<Row>) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open_dir(dir.path()).unwrap();
    let b = Embedded::new(&store);
    let (u, vault) = owner::init(&b, PASSWORD.as_bytes(), keysmith::crypto::Kdf::DEFAULT, "default", None).unwrap();
    let t = Instant::now();
    let mut batch = Vec::with_capacity(10_000);
    for i in 0..1_000_000u64 {
        let key = format!("{:016x}", i % 1000);
        let mut ev = NewEvent::owner(u.id(), "file.get").key(&key, "bench").vault(&vault);
        ev.size = Some(i);
        batch.push(ev);
        if batch.len() == 10_000 {
            store.append_events(&batch).unwrap();
            batch.clear();
        }
    }
    let load = t.elapsed();
    let filter = EventFilter { key_id: Some(format!("{:016x}", 421)), limit: Some(1000), ..Default::default() };
    let q = best(5, || assert_eq!(store.query_events(u.id(), &filter).unwrap().len(), 1000));
    rows.push(Row {
        name: "Audit: one key's 1,000 events among 1,000,000",
        value: ms(q),
        reference: format!("50 ms (appending 1M took {:.1} s)", load.as_secs_f64()),
        ratio: Some(q.as_secs_f64() / 0.05),
        target: "≤ 50 ms",
        met: Some(q.as_secs_f64() <= 0.05),
    });
    let t = Instant::now();
    let report = keysmith::audit::verify(&b, &u.session, |_| {}).unwrap();
    let v = t.elapsed();
    rows.push(Row {
        name: "Audit verify, 1,000,000 events",
        value: format!("{:.0} events/s", report.events as f64 / v.as_secs_f64()),
        reference: ms(v),
        ratio: None,
        target: "report",
        met: None,
    });
}

/// Drives `urls` (clients spread over them) with `clients` concurrent connections for `secs`; returns (requests/s,
/// p50, p99, statuses seen). With a token, each request is signed with it; like a load
/// generator replaying a request file, the signatures are made before the clock starts
/// (they stay valid for the signature window), so the client's signing is not charged to
/// the server sharing its core.
fn load(urls: &[&str], path: &str, tokens: &[&str], clients: usize, secs: u64) -> (f64, Duration, Duration, std::collections::BTreeMap<u16, u64>) {
    keysmith::http::tls_provider();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    rt.block_on(async {
        let http = reqwest::Client::builder().pool_max_idle_per_host(clients).build().unwrap();
        let keys: Vec<_> = tokens
            .iter()
            .map(|t| {
                let t: keysmith::token::Token = t.parse().unwrap();
                std::sync::Arc::new((t.key_id().to_string(), crypto::AgentKeys::derive(t.secret())))
            })
            .collect();
        let sign = |(id, keys): &(String, crypto::AgentKeys), path: &str| keysmith::signature::sign(id, keys, "POST", path, b"{}", keysmith::policy::now());
        let per_client = (PRESIGNED / clients) * secs as usize / 5;
        // Client i signs with key i mod n (none when there are no tokens).
        let key_of = |i: usize| (!keys.is_empty()).then(|| keys[i % keys.len()].clone());
        let mut presigned: Vec<Vec<_>> =
            (0..clients).map(|i| key_of(i).map(|k| (0..per_client).map(|_| sign(&k, path)).collect()).unwrap_or_default()).collect();
        let deadline = Instant::now() + Duration::from_secs(secs);
        let mut tasks = Vec::new();
        for i in (0..clients).rev() {
            let url = urls[i % urls.len()].to_string();
            let (http, path, keys, mut signed) = (http.clone(), path.to_string(), key_of(i), presigned.pop().unwrap());
            tasks.push(tokio::spawn(async move {
                let mut lat = Vec::new();
                let mut codes = std::collections::BTreeMap::new();
                while Instant::now() < deadline {
                    let t = Instant::now();
                    let req = match &keys {
                        Some(k) => {
                            let h = signed.pop().unwrap_or_else(|| sign(k, &path));
                            http.post(format!("{url}{path}"))
                                .header(keysmith::signature::HEADER_KEY, h.key_id)
                                .header(keysmith::signature::HEADER_TIMESTAMP, h.timestamp.to_string())
                                .header(keysmith::signature::HEADER_NONCE, h.nonce)
                                .header(keysmith::signature::HEADER_SIGNATURE, h.signature)
                                .body("{}")
                        }
                        None => http.get(format!("{url}{path}")),
                    };
                    let resp = req.send().await.unwrap();
                    let code = resp.status().as_u16();
                    let _ = resp.bytes().await;
                    lat.push(t.elapsed());
                    *codes.entry(code).or_insert(0u64) += 1;
                }
                (lat, codes)
            }));
        }
        let mut all = Vec::new();
        let mut codes = std::collections::BTreeMap::new();
        for t in tasks {
            let (l, c) = t.await.unwrap();
            all.extend(l);
            for (k, v) in c {
                *codes.entry(k).or_insert(0) += v;
            }
        }
        all.sort();
        let n = all.len();
        (n as f64 / secs as f64, all[n / 2], all[n * 99 / 100], codes)
    })
}

/// Signatures made before a 5 s load run (more are made on the fly if they run out).
const PRESIGNED: usize = 160_000;

/// The release build's binary (benches/run.sh builds it).
fn release_bin() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/keysmith")
}

/// An account with a key limited to a billion requests an hour (the load) and one limited
/// to 100 (the exactness check): (load token, limited token, load key id).
fn accounts(store: &dyn Store) -> (String, String, String) {
    let b = Embedded::serving(store, keysmith::backend::embedded::RegistrationPolicy::Open);
    let (u, vault) = owner::init(&b, PASSWORD.as_bytes(), keysmith::crypto::Kdf::DEFAULT, "default", None).unwrap();
    let mut s = scope(&vault);
    s.rate_limit = Some(RateLimit { requests: 1_000_000_000, window_secs: 3600 });
    let (load_key, t) = u.create_key(&b, "load", s.clone(), None, &mut |_| Ok(())).unwrap();
    s.rate_limit = Some(RateLimit { requests: 100, window_secs: 3600 });
    let (_, l) = u.create_key(&b, "limited", s, None, &mut |_| Ok(())).unwrap();
    (t.expose().to_string(), l.expose().to_string(), load_key.id)
}

/// The release build's `keysmith serve` over `data_dir` with more arguments and
/// environment; its URL.
fn spawn_serve(data_dir: &std::path::Path, args: &[&str], vars: &[(String, String)]) -> (std::process::Child, String) {
    let bin = release_bin();
    let mut child = Command::new(&bin)
        .env("KEYSMITH_DATA_DIR", data_dir)
        .envs(vars.iter().map(|(k, v)| (k, v)))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stdout.take().unwrap()), &mut line).unwrap();
    let url = line.trim().strip_prefix("listening on ").unwrap_or_else(|| panic!("serve did not start: {line:?}")).to_string();
    (child, url)
}

fn stop(mut child: std::process::Child) {
    let _ = child.kill();
    let _ = child.wait();
}

fn nginx_name(nginx: &Option<(f64, Duration, Duration)>) -> String {
    nginx.map(|(n, p50, p99)| format!("nginx static 200: {n:.0} req/s, p50 {} p99 {}", ms(p50), ms(p99))).unwrap_or_else(|| "nginx not installed".into())
}

fn serve(rows: &mut Vec<Row>) {
    let dir = tempfile::tempdir().unwrap();
    let (token, limited, store_us) = {
        let store = SqliteStore::open_dir(dir.path()).unwrap();
        let (token, limited, key_id) = accounts(&store);
        (token, limited, store_cost(&store, &key_id))
    };
    let verify_us = verify_cost();
    let (child, url) = spawn_serve(dir.path(), &[], &[]);
    let url = url.as_str();
    let (health, ..) = load(&[url], "/v1/health", &[], 64, 5);
    let (rps, p50, p99, codes) = load(&[url], "/v1/agent/connect", &[&token], 64, 5);
    assert_eq!(codes.keys().collect::<Vec<_>>(), [&200], "every request admitted: {codes:?}");
    // Exactness: 64 clients against a limit of 100.
    let (_, _, _, limited_codes) = load(&[url], "/v1/agent/connect", &[&limited], 64, 2);
    let admitted = limited_codes.get(&200).copied().unwrap_or(0);
    stop(child);
    let nginx = nginx_reference();
    let of_nginx = |x: f64| nginx.as_ref().map(|(n, ..)| x / n);
    let nginx_name = nginx_name(&nginx);
    rows.push(Row {
        name: "serve: signed, scoped, rate-limited, audited requests (64 clients)",
        value: format!("{rps:.0} req/s, p50 {} p99 {}", ms(p50), ms(p99)),
        reference: nginx_name.clone(),
        ratio: of_nginx(rps),
        target: "≥ 0.3",
        met: of_nginx(rps).map(|r| r >= 0.3),
    });
    // What a request is made of, measured separately: the HTTP stack and load client
    // alone, then the two parts the design requires of every request.
    let per_request = |d: Duration| format!("{:.1} µs per request", d.as_secs_f64() * 1e6);
    rows.push(Row {
        name: "serve, part: HTTP alone (GET /v1/health: no signature, no store; same load client)",
        value: format!("{health:.0} req/s"),
        reference: nginx_name,
        ratio: of_nginx(health),
        target: "-",
        met: None,
    });
    rows.push(Row {
        name: "serve, part: Ed25519 check of the request's signature (verify_strict)",
        value: per_request(verify_us),
        reference: "-".into(),
        ratio: None,
        target: "-",
        met: None,
    });
    rows.push(Row {
        name: "serve, part: store work of an admitted connect (key, nonce, rate window, audit event, vaults; commits of 20)",
        value: per_request(store_us),
        reference: "-".into(),
        ratio: None,
        target: "-",
        met: None,
    });
    let ceiling = 1.0 / (1.0 / health + verify_us.as_secs_f64() + store_us.as_secs_f64());
    rows.push(Row {
        name: "serve: ceiling of the design on one core = 1 / (1/HTTP + signature + store)",
        value: format!("{ceiling:.0} req/s"),
        reference: "nginx, as above".into(),
        ratio: of_nginx(ceiling),
        target: "-",
        met: None,
    });
    rows.push(Row {
        name: "Rate limiter: admitted with 64 clients, limit 100",
        value: format!("{admitted} admitted of {}", limited_codes.values().sum::<u64>()),
        reference: "limit 100".into(),
        ratio: None,
        target: "0 over",
        met: Some(admitted == 100),
    });
}

/// `serve` on PostgreSQL: one instance, then two sharing the database with the clients
/// spread over both, against nginx; and the store work of an admitted request, measured
/// on its own (one transaction per request, as an instance runs it).
fn serve_pg(rows: &mut Vec<Row>) {
    const ACCOUNTS: usize = 16;
    let url = pg::database();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let (token, limited, fleet, store_us) = {
        let _context = rt.enter();
        let store = keysmith::store::postgres::PgStore::connect(&url, rt.handle().clone()).unwrap();
        let (token, limited, key_id) = accounts(&store);
        // A fleet: more accounts, each with its own agent key.
        let fleet: Vec<String> = (1..ACCOUNTS).map(|_| accounts(&store).0).chain([token.clone()]).collect();
        (token, limited, fleet, pg_store_cost(&store, &key_id))
    };
    let fleet: Vec<&str> = fleet.iter().map(String::as_str).collect();
    let (d1, d2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let args = ["--database", url.as_str(), "--registration", "open"];
    let (a, url_a) = spawn_serve(d1.path(), &args, &[]);
    let (b, url_b) = spawn_serve(d2.path(), &args, &[]);
    let mut measured = Vec::new();
    for (name, urls, tokens) in [
        ("serve on PostgreSQL, 1 instance, one key (64 clients)", vec![url_a.as_str()], vec![token.as_str()]),
        ("serve on PostgreSQL, 2 instances, one key (64 clients spread over both)", vec![&url_a, &url_b], vec![&token]),
        ("serve on PostgreSQL, 1 instance, 16 accounts with a key each (64 clients)", vec![&url_a], fleet.clone()),
        ("serve on PostgreSQL, 2 instances, 16 accounts with a key each (64 clients spread over both)", vec![&url_a, &url_b], fleet.clone()),
    ] {
        let (rps, p50, p99, codes) = load(&urls, "/v1/agent/connect", &tokens, 64, 5);
        assert_eq!(codes.keys().collect::<Vec<_>>(), [&200], "every request admitted: {codes:?}");
        measured.push((name, rps, p50, p99));
    }
    let (_, _, _, limited_codes) = load(&[&url_a, &url_b], "/v1/agent/connect", &[&limited], 64, 2);
    let admitted = limited_codes.get(&200).copied().unwrap_or(0);
    stop(a);
    stop(b);
    let nginx = nginx_reference();
    let of_nginx = |x: f64| nginx.as_ref().map(|(n, ..)| x / n);
    for (name, rps, p50, p99) in measured {
        rows.push(Row {
            name,
            value: format!("{rps:.0} req/s, p50 {} p99 {}", ms(p50), ms(p99)),
            reference: nginx_name(&nginx),
            ratio: of_nginx(rps),
            target: "report",
            met: None,
        });
    }
    rows.push(Row {
        name: "serve on PostgreSQL, part: store work of an admitted connect (one READ COMMITTED transaction: key, nonce, rate window, audit event, vaults)",
        value: format!("{:.1} µs per request", store_us.as_secs_f64() * 1e6),
        reference: "-".into(),
        ratio: None,
        target: "-",
        met: None,
    });
    rows.push(Row {
        name: "Rate limiter on PostgreSQL: admitted with 64 clients over 2 instances, limit 100",
        value: format!("{admitted} admitted of {}", limited_codes.values().sum::<u64>()),
        reference: "limit 100".into(),
        ratio: None,
        target: "0 over",
        met: Some(admitted == 100),
    });
}

/// [`connect_work`] on PostgreSQL, one transaction per request (µs per request).
fn pg_store_cost(store: &keysmith::store::postgres::PgStore, key_id: &str) -> Duration {
    const N: u32 = 1000;
    best(3, || (0..N).for_each(|_| store.run(|s| connect_work(s, key_id)).unwrap())) / N
}

/// Moving a file's bytes: presigned, straight between the client and an S3 server
/// (SeaweedFS), against through `serve` into its blob directory; the full client path
/// (encryption, upload, completion; download, decryption) of `keysmith agent put/get`.
fn transfer(rows: &mut Vec<Row>) {
    const SIZE: usize = 256 << 20;
    let bin = release_bin();
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("payload.bin");
    {
        let mut data = vec![0u8; SIZE];
        for (i, chunk) in data.chunks_mut(32).enumerate() {
            chunk.copy_from_slice(&crypto::sha256(&[&(i as u64).to_le_bytes()]));
        }
        std::fs::write(&src, data).unwrap();
    }
    let place = s3::place();
    let mut rates = Vec::new();
    for bucket in [true, false] {
        let data = tempfile::tempdir().unwrap();
        let (token, ..) = accounts(&SqliteStore::open_dir(data.path()).unwrap());
        let args: &[&str] = if bucket { &["--blobs", &place.url] } else { &[] };
        let (child, url) = spawn_serve(data.path(), args, if bucket { &place.vars } else { &[] });
        let agent = |args: &[&str]| {
            let out = Command::new(&bin)
                .env("KEYSMITH_API_KEY", &token)
                .args(["--server", &url, "agent"])
                .args(args)
                .stdout(std::process::Stdio::null())
                .status()
                .unwrap();
            assert!(out.success(), "keysmith agent {args:?} failed");
        };
        let put = best(3, || agent(&["put", "default", src.to_str().unwrap()]));
        let get = best(3, || agent(&["get", "default", "payload.bin", "--to", "-"]));
        stop(child);
        rates.push((SIZE as f64 / put.as_secs_f64() / 1e6, SIZE as f64 / get.as_secs_f64() / 1e6));
    }
    // The S3 server's own ingest rate for the same bytes (object_store PUT, no encryption,
    // no keysmith): the ceiling of a presigned upload on this machine.
    let bytes = std::fs::read(&src).unwrap();
    let raw = best(3, || place.put_raw("ceiling", bytes.clone()));
    let (direct, through) = (rates[0], rates[1]);
    rows.push(Row {
        name: "Upload 256 MiB: the S3 server alone (object_store PUT of the plaintext, no keysmith)",
        value: format!("{:.0} MB/s", SIZE as f64 / raw.as_secs_f64() / 1e6),
        reference: "-".into(),
        ratio: None,
        target: "-",
        met: None,
    });
    for (name, d, t) in [
        ("Upload 256 MiB (agent put): presigned, straight to the S3 server", direct.0, through.0),
        ("Download 256 MiB (agent get): presigned, straight from the S3 server", direct.1, through.1),
    ] {
        rows.push(Row {
            name,
            value: format!("{d:.0} MB/s"),
            reference: format!("through serve into its directory: {t:.0} MB/s"),
            ratio: Some(d / t),
            target: "report",
            met: None,
        });
    }
}

/// The server's share of a signed request that no implementation of this design can
/// skip: verifying its Ed25519 signature (µs per request).
fn verify_cost() -> Duration {
    let keys = crypto::AgentKeys::derive(&SecretKey::random());
    let public = crypto::VerifyingKey::from_bytes(&keys.public_key()).unwrap();
    let h = keysmith::signature::sign("k", &keys, "POST", "/v1/agent/connect", b"{}", 1000);
    let sig = keysmith::signature::check_headers(h.timestamp, &h.nonce, &h.signature, 1000).unwrap();
    const N: u32 = 2000;
    best(5, || (0..N).all(|_| keysmith::signature::verify(&public, "POST", "/v1/agent/connect", 1000, &h.nonce, b"{}", &sig).is_ok())) / N
}

/// The store work of one admitted `connect`, as the server does it: read the key, admit
/// (nonce, rate window, last use, audit event), read the key's vaults.
fn connect_work(s: &dyn Store, key_id: &str) -> keysmith::error::Result<()> {
    let now = keysmith::policy::now();
    let key = s.get_key(key_id)?.unwrap();
    let admission = keysmith::store::Admission {
        key_id: key.id.clone(),
        nonce: hex::encode(crypto::random_array::<16>()),
        nonce_expires_at: now + 600,
        now,
        rate_limit: key.scope.rate_limit,
        bytes_per_day: key.scope.bytes_per_day,
        bytes: 0,
        event: NewEvent {
            actor: "agent".into(),
            key_id: Some(key.id.clone()),
            key_label: Some(key.label.clone()),
            ..NewEvent::owner(&key.account_id, "agent.connect")
        },
    };
    assert!(matches!(s.admit(&admission)?, keysmith::store::Admitted::Yes(_)));
    s.granted_vaults(&key.id).map(drop)
}

/// [`connect_work`] on SQLite in process, as the server's store thread does it: 20
/// requests per group commit (µs per request).
fn store_cost(store: &SqliteStore, key_id: &str) -> Duration {
    const GROUPS: u32 = 250;
    best(3, || (0..GROUPS).for_each(|_| store.batch(|| (0..20).for_each(|_| connect_work(store, key_id).unwrap())).unwrap())) / (GROUPS * 20)
}

/// nginx serving a static 200 on loopback, driven by the same load client.
fn nginx_reference() -> Option<(f64, Duration, Duration)> {
    let nginx = ["/usr/sbin/nginx", "/usr/bin/nginx"].into_iter().find(|p| std::path::Path::new(p).exists())?;
    let dir = tempfile::tempdir().ok()?;
    let port = std::net::TcpListener::bind("127.0.0.1:0").ok()?.local_addr().ok()?.port();
    let conf = dir.path().join("nginx.conf");
    std::fs::write(
        &conf,
        format!(
            "worker_processes 1; master_process off; daemon off; pid {0}/nginx.pid; error_log {0}/error.log;\n\
             events {{ worker_connections 1024; }}\n\
             http {{ access_log off; client_body_temp_path {0}; proxy_temp_path {0}; fastcgi_temp_path {0}; uwsgi_temp_path {0}; scgi_temp_path {0};\n\
             server {{ listen 127.0.0.1:{1}; location / {{ return 200 'ok'; }} }} }}\n",
            dir.path().display(),
            port
        ),
    )
    .ok()?;
    let mut child = Command::new(nginx).args(["-c", conf.to_str()?, "-p", dir.path().to_str()?]).stderr(std::process::Stdio::null()).spawn().ok()?;
    std::thread::sleep(Duration::from_millis(500));
    let (rps, p50, p99, _) = load(&[&format!("http://127.0.0.1:{port}")], "/", &[], 64, 5);
    let _ = child.kill();
    let _ = child.wait();
    Some((rps, p50, p99))
}

fn main() {
    // `cargo bench` passes --bench; a name filter may follow.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let mut rows = Vec::new();
    let want = |name: &str| filter.as_deref().is_none_or(|f| name.contains(f));
    if want("kdf") {
        kdf(&mut rows);
    }
    if want("encryption") {
        encryption(&mut rows);
    }
    if want("cli") {
        startup_and_rotation(&mut rows);
    }
    if want("audit") {
        audit(&mut rows);
    }
    if want("serve") {
        serve(&mut rows);
    }
    if want("pg") {
        let installed = std::fs::read_dir("/usr/lib/postgresql").into_iter().flatten().flatten().any(|v| v.path().join("bin/initdb").exists());
        if installed || std::env::var_os("KEYSMITH_TEST_DATABASE_URL").is_some() {
            serve_pg(&mut rows);
        } else {
            eprintln!("warning: PostgreSQL not found (apt-get install postgresql); the pg benchmarks are skipped");
        }
    }
    if want("transfer") {
        transfer(&mut rows);
    }
    println!("| benchmark | keysmith | reference | ratio | target | met |");
    println!("| --- | --- | --- | --- | --- | --- |");
    for r in rows {
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            r.name,
            r.value,
            r.reference,
            r.ratio.map(|x| format!("{x:.2}")).unwrap_or_else(|| "-".into()),
            r.target,
            match r.met {
                Some(true) => "yes",
                Some(false) => "no",
                None => "-",
            }
        );
    }
}
