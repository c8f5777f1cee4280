//! Two `keysmith serve` instances on one PostgreSQL behave as one server: rate limits
//! exact with clients spread over both, a nonce spent on one refused on the other, a
//! revocation through one refused on the other at the very next request, one audit chain.

use crate::common::*;
use crate::server::{Server, http, raw, rt};
use keysmith::crypto::AgentKeys;
use keysmith::signature;
use keysmith::token::Token;

fn two_instances(op: &Env) -> (Server, Server) {
    let url = crate::pg::database();
    let args = ["--database", url.as_str(), "--registration", "open"];
    (Server::start_with(op, &args), Server::start_with(op, &args))
}

#[test]
fn two_instances_on_one_postgres_enforce_as_one_server() {
    let op = Env::new();
    let (one, two) = two_instances(&op);
    let owner = Env::remote(&one.url);
    let account = owner.json(&["init"])["account_id"].as_str().unwrap().to_string();
    let (_, limited) = owner.key(&["--rate", "20/1h"]);
    let (plain_id, plain) = owner.key(&[]);
    let rt = rt();
    rt.block_on(async {
        // 60 requests at once, alternating instances: exactly the limit is admitted.
        let mut tasks = Vec::new();
        for i in 0..60 {
            let (url, token) = (if i % 2 == 0 { one.url.clone() } else { two.url.clone() }, limited.clone());
            tasks.push(tokio::spawn(async move { raw(&url, &token, "POST", "/v1/agent/connect", b"{}", |_, _| {}).await.status().as_u16() }));
        }
        let mut codes = Vec::new();
        for t in tasks {
            codes.push(t.await.unwrap());
        }
        assert_eq!(codes.iter().filter(|c| **c == 200).count(), 20, "{codes:?}");
        assert_eq!(codes.iter().filter(|c| **c == 429).count(), 40, "{codes:?}");

        // One signed request, sent to one instance and then replayed to the other.
        let t: Token = plain.parse().unwrap();
        let h = signature::sign(t.key_id(), &AgentKeys::derive(t.secret()), "POST", "/v1/agent/connect", b"{}", keysmith::policy::now());
        let send = |url: String| {
            http()
                .post(format!("{url}/v1/agent/connect"))
                .header(signature::HEADER_KEY, &h.key_id)
                .header(signature::HEADER_TIMESTAMP, h.timestamp.to_string())
                .header(signature::HEADER_NONCE, &h.nonce)
                .header(signature::HEADER_SIGNATURE, &h.signature)
                .body("{}")
                .send()
        };
        assert_eq!(send(one.url.clone()).await.unwrap().status(), 200);
        let replayed = send(two.url.clone()).await.unwrap();
        assert_eq!(replayed.status(), 401);
        assert_eq!(replayed.json::<serde_json::Value>().await.unwrap()["error"]["code"], "replayed");

        // Both instances know the key (its identity is cached in each) before the revocation.
        for url in [&one.url, &two.url] {
            assert_eq!(raw(url, &plain, "POST", "/v1/agent/connect", b"{}", |_, _| {}).await.status(), 200);
        }
    });
    // Revoked through the first instance …
    let revoker = Env::remote(&one.url);
    revoker.with_password(&["--account", &account, "key", "revoke", &plain_id, "--yes"]).assert().success();
    rt.block_on(async {
        // … refused by the second on the very next request.
        let r = raw(&two.url, &plain, "POST", "/v1/agent/connect", b"{}", |_, _| {}).await;
        assert_eq!(r.status(), 401);
        assert_eq!(r.json::<serde_json::Value>().await.unwrap()["error"]["code"], "key_revoked");
    });
    // One account, one chain, whichever instance is asked; every request of both is in it.
    let through_two = Env::remote(&two.url);
    let verified = through_two.json(&["--account", &account, "audit", "verify"]);
    let events = through_two.json_lines(&["--account", &account, "audit", "tail", "-n", "1000", "--event", "agent.connect"]);
    assert_eq!(events.iter().filter(|e| e["outcome"] == "allowed").count(), 20 + 1 + 2);
    assert!(events.iter().any(|e| e["outcome"] == "denied" && e["reason"].as_str().unwrap().contains("revoked")));
    assert!(verified["events"].as_i64().unwrap() > 60);
}
