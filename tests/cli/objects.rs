//! Blobs in an S3-compatible bucket (a real SeaweedFS, see [`crate::s3`]): file bytes go
//! straight between clients and the bucket by presigned URL, never through `serve`; an
//! upload becomes visible only once the server checked the stored object; presigned URLs
//! cannot be bent; and a `serve` killed mid-upload leaves nothing visible while the
//! client finishes on another instance.

use crate::common::*;
use crate::server::{Server, http, raw, rt};
use keysmith::crypto;
use serde_json::{Value, json};

fn agent(env: &Env, token: &str) -> assert_cmd::Command {
    let mut c = env.cmd();
    c.env("KEYSMITH_API_KEY", token).arg("agent");
    c
}

/// An upload announcement for `data` (the server never decrypts, so the name and key
/// fields need only their shape).
fn announcement(data: &[u8]) -> (String, Vec<u8>) {
    let id = keysmith::token::new_id();
    let body = json!({
        "file_id": id,
        "encrypted_name": hex::encode(vec![1u8; crypto::WRAP_OVERHEAD + 8]),
        "wrapped_key": hex::encode(vec![2u8; crypto::WRAPPED_KEY_LEN]),
        "size": data.len(),
        "sha256": hex::encode(crypto::sha256(&[data])),
    });
    (id, serde_json::to_vec(&body).unwrap())
}

async fn announce(url: &str, token: &str, vault: &str, data: &[u8]) -> (String, Value) {
    let (id, body) = announcement(data);
    let resp = raw(url, token, "POST", &format!("/v1/agent/vaults/{vault}/files"), &body, |_, _| {}).await;
    assert_eq!(resp.status(), 200);
    (id, resp.json().await.unwrap())
}

/// PUT `data` to a ticket's URL with `headers` (the ticket's, unless the caller changes them).
async fn put(url: &str, headers: &Value, data: Vec<u8>) -> u16 {
    let mut req = http().put(url).body(data);
    for (k, v) in headers.as_object().unwrap() {
        req = req.header(k, v.as_str().unwrap());
    }
    req.send().await.unwrap().status().as_u16()
}

async fn complete(server: &str, ticket: &Value) -> (u16, Value) {
    let resp = http().post(format!("{server}{}", ticket["complete_url"].as_str().unwrap())).send().await.unwrap();
    (resp.status().as_u16(), resp.json().await.unwrap_or(Value::Null))
}

async fn listed(url: &str, token: &str, vault: &str) -> Vec<String> {
    let v: Value = raw(url, token, "GET", &format!("/v1/agent/vaults/{vault}/files"), b"", |_, _| {}).await.json().await.unwrap();
    v["files"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap().to_string()).collect()
}

async fn download(url: &str, token: &str, vault: &str, file: &str) -> Vec<u8> {
    let resp = raw(url, token, "GET", &format!("/v1/agent/vaults/{vault}/files/{file}"), b"", |_, _| {}).await;
    assert_eq!(resp.status(), 200);
    let ticket: Value = resp.json().await.unwrap();
    let get = ticket["url"].as_str().unwrap();
    assert!(get.starts_with("http://127.0.0.1:"), "an absolute URL of the bucket: {get}");
    assert!(!get.starts_with(url), "not this server: {get}");
    let resp = http().get(get).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    resp.bytes().await.unwrap().to_vec()
}

#[test]
fn file_bytes_go_straight_to_the_bucket_and_back() {
    let place = crate::s3::place();
    let op = Env::new();
    let server = Server::start_env(&op, &["--blobs", &place.url], &place.vars);
    let env = Env::remote(&server.url);
    env.init();
    let (_, token) = env.key(&["--allow", "read,write,delete"]);
    let marker = b"PLAINTEXT-MARKER-0123456789";
    let mut data: Vec<u8> = (0..1_500_000u32).map(|i| (i % 253) as u8).collect();
    data.extend_from_slice(marker);
    let src = env.path("big.bin");
    std::fs::write(&src, &data).unwrap();
    agent(&env, &token).args(["put", "default", src.to_str().unwrap()]).assert().success();
    let note = env.path("owner.txt");
    std::fs::write(&note, "the owner's note").unwrap();
    env.with_password(&["file", "put", "default", note.to_str().unwrap()]).assert().success();

    // The bucket holds two objects of ciphertext, named by file id, and no plaintext.
    let objects = place.objects();
    assert_eq!(objects.len(), 2);
    for (name, bytes) in &objects {
        assert!(keysmith::token::is_id(name), "{name}");
        assert!(!bytes.windows(marker.len()).any(|w| w == marker) && !bytes.windows(16).any(|w| w == b"the owner's note"));
    }
    assert_eq!(env.agent_get(&token, "big.bin").get_output().stdout, data);
    let back = env.with_password(&["file", "get", "default", "owner.txt", "--to", "-"]).assert().success().get_output().stdout.clone();
    assert_eq!(back, b"the owner's note");

    // serve saw completions, never a blob's bytes.
    let log = server.log();
    let routes: Vec<Value> = log.lines().filter_map(|l| serde_json::from_str::<Value>(l).ok()).filter(|l| l["route"] == "/v1/blobs/{file}").collect();
    assert_eq!(routes.len(), 2, "{log}");
    assert!(routes.iter().all(|l| l["method"] == "POST" && l["status"] == 200), "{log}");

    agent(&env, &token).args(["rm", "default", "big.bin"]).assert().success();
    assert_eq!(place.objects().len(), 1, "the deleted file's object is gone");
    let events = env.json_lines(&["audit", "tail", "-n", "100", "--event", "file.upload"]);
    assert_eq!(events.len(), 2, "one upload event per file: {events:?}");
}

#[test]
fn presigned_urls_admit_only_the_announced_bytes() {
    let place = crate::s3::place();
    let op = Env::new();
    let server = Server::start_env(&op, &["--blobs", &place.url], &place.vars);
    let env = Env::remote(&server.url);
    let vault = env.init();
    let (_, token) = env.key(&["--allow", "read,write"]);
    let url = server.url.clone();
    let data: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 256) as u8).collect();
    rt().block_on(async {
        let (id, ticket) = announce(&url, &token, &vault, &data).await;
        let put_url = ticket["url"].as_str().unwrap().to_string();
        let headers = ticket["headers"].clone();
        assert!(put_url.starts_with("http://127.0.0.1:") && !put_url.starts_with(&url), "{put_url}");
        assert!(headers["x-amz-checksum-sha256"].is_string(), "{ticket}");

        // Completing before anything was uploaded: refused, nothing visible.
        let (status, body) = complete(&url, &ticket).await;
        assert_eq!((status, body["error"]["code"].as_str()), (409, Some("conflict")), "{body}");
        // Other bytes of the same length, no checksum header, a tampered signature, the
        // URL of another file: the bucket refuses each and stores nothing.
        let mut other = data.clone();
        other[1000] ^= 1;
        assert_eq!(put(&put_url, &headers, other).await, 400);
        assert_eq!(put(&put_url, &json!({}), data.clone()).await, 403);
        assert_eq!(put(&tampered(&put_url), &headers, data.clone()).await, 403);
        assert_eq!(put(&put_url.replace(&id, &keysmith::token::new_id()), &headers, data.clone()).await, 403);
        assert!(place.objects().is_empty());
        // A forged completion URL.
        let forged = json!({"complete_url": ticket["complete_url"].as_str().unwrap().replace("sig=", "sig=00")});
        assert_eq!(complete(&url, &forged).await.0, 401);
        assert_eq!(complete(&url, &ticket).await.0, 409);
        assert!(!listed(&url, &token, &vault).await.contains(&id));

        // The announced bytes: accepted, then visible once completed, once.
        assert_eq!(put(&put_url, &headers, data.clone()).await, 200);
        assert!(!listed(&url, &token, &vault).await.contains(&id), "not visible before completion");
        let (status, body) = complete(&url, &ticket).await;
        assert_eq!((status, body["state"].as_str()), (200, Some("complete")), "{body}");
        assert_eq!(complete(&url, &ticket).await, (200, body));
        assert!(listed(&url, &token, &vault).await.contains(&id));
        assert_eq!(download(&url, &token, &vault, &id).await, data);

        // A store that does not check checksums (here: someone with write access to the
        // bucket) holds other bytes under a pending file's name: completion refuses them
        // and removes them.
        let (id2, ticket2) = announce(&url, &token, &vault, &data).await;
        place.put_raw(&id2, vec![0u8; data.len()]);
        let (status, body) = complete(&url, &ticket2).await;
        assert_eq!(status, 400, "{body}");
        assert!(body["error"]["message"].as_str().unwrap().contains("SHA-256"), "{body}");
        assert!(!listed(&url, &token, &vault).await.contains(&id2));
        assert!(!place.objects().iter().any(|(name, _)| *name == id2), "the wrong bytes are removed");
    });
    let events = env.json_lines(&["audit", "tail", "-n", "100", "--event", "file.upload"]);
    assert_eq!(events.iter().filter(|e| e["outcome"] == "allowed").count(), 1, "{events:?}");
    assert!(events.iter().any(|e| e["outcome"] == "denied" && e["reason"].as_str().unwrap().contains("SHA-256")), "{events:?}");
}

/// A body that sends `first` bytes, then waits for a signal, then sends the rest (or, if
/// the signal says so, fails the upload mid-way).
fn paused_body(data: Vec<u8>, first: usize) -> (reqwest::Body, tokio::sync::oneshot::Sender<bool>) {
    let (tx, rx) = tokio::sync::oneshot::channel::<bool>();
    let head = data[..first].to_vec();
    let tail = data[first..].to_vec();
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(head) }).chain(futures_util::stream::once(async move {
        match rx.await {
            Ok(true) => Ok(tail),
            _ => Err(std::io::Error::other("the client died")),
        }
    }));
    (reqwest::Body::wrap_stream(stream), tx)
}

use futures_util::StreamExt;

/// Two instances on one PostgreSQL and one bucket: the instance that handed out the
/// upload ticket is killed (-9) while the client is uploading; nothing partial is ever
/// visible, and the client completes through the other instance.
#[test]
fn an_upload_survives_the_instance_that_started_it_being_killed() {
    let place = crate::s3::place();
    let db = crate::pg::database();
    let op = Env::new();
    let args = ["--database", db.as_str(), "--blobs", place.url.as_str()];
    let one = Server::start_env(&op, &args, &place.vars);
    let two = Server::start_env(&op, &args, &place.vars);
    let owner = Env::remote(&one.url);
    let vault = owner.init();
    let (_, token) = owner.key(&["--allow", "read,write"]);
    let data: Vec<u8> = (0..3_000_000u32).map(|i| (i % 241) as u8).collect();
    let (one_url, two_url) = (one.url.clone(), two.url.clone());
    rt().block_on(async {
        // A client that dies mid-upload leaves nothing: not in the bucket, not listed,
        // and its completion is refused.
        let (dead_id, dead) = announce(&one_url, &token, &vault, &data).await;
        let (body, go) = paused_body(data.clone(), 1 << 20);
        let req = http().put(dead["url"].as_str().unwrap()).header("x-amz-checksum-sha256", dead["headers"]["x-amz-checksum-sha256"].as_str().unwrap());
        let sending = tokio::spawn(req.header("content-length", data.len()).body(body).send());
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        go.send(false).unwrap();
        assert!(sending.await.unwrap().is_err_or_refused());
        assert!(!place.objects().iter().any(|(n, _)| *n == dead_id));
        assert_eq!(complete(&two_url, &dead).await.0, 409);

        // The instance that issued the ticket is killed mid-upload; the client finishes
        // the upload and completes it through the other instance.
        let (id, ticket) = announce(&one_url, &token, &vault, &data).await;
        let (body, go) = paused_body(data.clone(), 1 << 20);
        let req = http().put(ticket["url"].as_str().unwrap()).header("x-amz-checksum-sha256", ticket["headers"]["x-amz-checksum-sha256"].as_str().unwrap());
        let sending = tokio::spawn(req.header("content-length", data.len()).body(body).send());
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        one.kill9();
        assert!(!listed(&two_url, &token, &vault).await.contains(&id), "nothing visible mid-upload");
        go.send(true).unwrap();
        assert_eq!(sending.await.unwrap().unwrap().status(), 200);
        assert!(!listed(&two_url, &token, &vault).await.contains(&id), "nothing visible before completion");
        let (status, body) = complete(&two_url, &ticket).await;
        assert_eq!((status, body["state"].as_str()), (200, Some("complete")), "{body}");
        assert_eq!(download(&two_url, &token, &vault, &id).await, data);
    });
}

/// The same with blobs in a directory the instances share: the killed instance was
/// receiving the bytes itself; its partial upload is never visible, and the client sends
/// the blob again to the other instance with the same ticket.
#[test]
fn a_shared_blob_directory_survives_an_instance_killed_mid_upload() {
    let db = crate::pg::database();
    let op = Env::new();
    let one = Server::start_with(&op, &["--database", db.as_str()]);
    let two = Server::start_with(&op, &["--database", db.as_str()]);
    let owner = Env::remote(&one.url);
    let vault = owner.init();
    let (_, token) = owner.key(&["--allow", "read,write"]);
    let data: Vec<u8> = (0..3_000_000u32).map(|i| (i % 239) as u8).collect();
    let (one_url, two_url) = (one.url.clone(), two.url.clone());
    let incoming = op.data_dir().join("blobs/.incoming");
    rt().block_on(async {
        let (id, ticket) = announce(&one_url, &token, &vault, &data).await;
        let path = ticket["url"].as_str().unwrap().to_string();
        assert!(path.starts_with("/v1/blobs/"), "{path}");
        let (body, _go) = paused_body(data.clone(), 1 << 20);
        let sending = tokio::spawn(http().put(format!("{one_url}{path}")).header("content-length", data.len()).body(body).send());
        // Wait until the instance has written the first part.
        for _ in 0..100 {
            if std::fs::read_dir(&incoming).unwrap().flatten().any(|e| e.metadata().unwrap().len() > 0) {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        one.kill9();
        assert!(sending.await.unwrap().is_err_or_refused());
        assert!(!listed(&two_url, &token, &vault).await.contains(&id), "the partial upload is not visible");
        assert_eq!(complete(&two_url, &ticket).await.0, 409, "nor can it be completed");
        let resp = http().put(format!("{two_url}{path}")).body(data.clone()).send().await.unwrap();
        assert_eq!(resp.status(), 200);
        assert_eq!(complete(&two_url, &ticket).await.0, 200);
        let t: Value = raw(&two_url, &token, "GET", &format!("/v1/agent/vaults/{vault}/files/{id}"), b"", |_, _| {}).await.json().await.unwrap();
        let back = http().get(format!("{two_url}{}", t["url"].as_str().unwrap())).send().await.unwrap().bytes().await.unwrap();
        assert_eq!(back.to_vec(), data);
    });
}

trait Outcome {
    fn is_err_or_refused(&self) -> bool;
}

impl Outcome for Result<reqwest::Response, reqwest::Error> {
    fn is_err_or_refused(&self) -> bool {
        self.as_ref().map_or(true, |r| !r.status().is_success())
    }
}

/// The presigned URL with one hex digit of its signature changed.
fn tampered(url: &str) -> String {
    let at = url.find("X-Amz-Signature=").unwrap() + "X-Amz-Signature=".len();
    let mut s = url.to_string();
    let flipped = if &url[at..at + 1] == "0" { "1" } else { "0" };
    s.replace_range(at..at + 1, flipped);
    s
}
