//! A real PostgreSQL for the tests and benchmarks: `KEYSMITH_TEST_DATABASE_URL` if set, else a throwaway
//! cluster from the machine's `postgresql` package (Debian's: `apt-get install postgresql`),
//! started once per test run in a temp dir and removed when the run ends (a watchdog
//! process stops it even if the run is killed). Each caller gets a database of its own.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

static SERVER: OnceLock<String> = OnceLock::new();

fn pg_bin() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql").into_iter().flatten().flatten().map(|e| e.path().join("bin")).collect();
    found.retain(|p| p.join("initdb").exists());
    found.sort_by_key(|p| p.parent().and_then(|v| v.file_name()).and_then(|v| v.to_str()).and_then(|v| v.parse::<u32>().ok()).unwrap_or(0));
    found.pop().unwrap_or_else(|| {
        panic!("PostgreSQL is needed for these tests: install it (`apt-get install postgresql`, as .ci/run does) or set KEYSMITH_TEST_DATABASE_URL")
    })
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

/// Runs a PostgreSQL program as the `postgres` user when we are root (it refuses root).
fn as_pg(program: PathBuf) -> Command {
    if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start_cluster() -> String {
    if let Ok(url) = std::env::var("KEYSMITH_TEST_DATABASE_URL") {
        return url;
    }
    let bin = pg_bin();
    let dir = tempfile::Builder::new().prefix("ks-pg").tempdir_in("/tmp").unwrap().keep();
    if is_root() {
        assert!(Command::new("chown").arg("postgres:").arg(&dir).status().unwrap().success());
    }
    let data = dir.join("data");
    let out = as_pg(bin.join("initdb")).arg("-D").arg(&data).args(["-U", "postgres", "--auth=trust", "-N", "-E", "UTF8", "--locale=C.UTF-8"]).output().unwrap();
    assert!(out.status.success(), "initdb failed: {}", String::from_utf8_lossy(&out.stderr));
    let mut port = 0;
    for _ in 0..5 {
        port = free_port();
        // Durability is not what these tests are about: fsync off makes them fast.
        let opts = format!(
            "-c listen_addresses=127.0.0.1 -c port={port} -k {} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400",
            dir.display()
        );
        let ok = as_pg(bin.join("pg_ctl"))
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(dir.join("pg.log"))
            .args(["-w", "-t", "30", "-o", &opts, "start"])
            .stdout(Stdio::null())
            .status()
            .unwrap()
            .success();
        if ok {
            break;
        }
        port = 0;
    }
    assert_ne!(port, 0, "PostgreSQL did not start; see {}/pg.log", dir.display());
    // Stops the cluster and removes it once this test process is gone, however it ends.
    let stop = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 1; done; {runas}'{pg_ctl}' -D '{data}' -m immediate stop; rm -rf '{dir}'",
        pid = std::process::id(),
        runas = if is_root() { "runuser -u postgres -- " } else { "" },
        pg_ctl = bin.join("pg_ctl").display(),
        data = data.display(),
        dir = dir.display(),
    );
    // Never waited for, on purpose: it outlives this process to clean up after it.
    #[allow(clippy::zombie_processes)]
    Command::new("sh").args(["-c", &stop]).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    format!("postgres://postgres@127.0.0.1:{port}/postgres")
}

/// The URL of a new, empty database on the test cluster.
pub fn database() -> String {
    let server = SERVER.get_or_init(start_cluster);
    let name = format!("ks_{}", keysmith::token::new_id());
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let (client, conn) =
            tokio_postgres::connect(server, tokio_postgres::NoTls).await.unwrap_or_else(|e| panic!("cannot reach the test PostgreSQL at {server}: {e}"));
        let conn = tokio::spawn(conn);
        client.batch_execute(&format!("CREATE DATABASE {name}")).await.unwrap();
        drop(client);
        let _ = conn.await;
    });
    let (base, _) = server.rsplit_once('/').unwrap();
    format!("{base}/{name}")
}

/// Everything a database holds, as `pg_dump` writes it (what an attacker with a backup has).
pub fn dump(url: &str) -> Vec<u8> {
    let out = Command::new(pg_bin().join("pg_dump")).arg("--dbname").arg(url).output().unwrap();
    assert!(out.status.success(), "pg_dump failed: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}
