//! Edited or deleted audit rows, and a damaged database, are detected and reported.

use crate::common::*;
use predicates::prelude::*;

fn env_with_events() -> Env {
    let env = Env::new();
    env.init();
    env.json(&["vault", "create", "second"]);
    env.key(&[]);
    env.key(&[]);
    env.json(&["audit", "verify"]);
    env
}

fn sql(env: &Env, statement: &str) {
    let conn = rusqlite::Connection::open(env.data_dir().join("keysmith.db")).unwrap();
    conn.execute_batch(statement).unwrap();
}

#[test]
fn an_edited_audit_row_fails_verify_with_its_position() {
    let env = env_with_events();
    sql(&env, "UPDATE audit_events SET key_label = 'innocent' WHERE seq = 4");
    env.with_password(&["audit", "verify"]).assert().code(4).stderr(predicate::str::contains("event 4").and(predicate::str::contains("altered")));
}

#[test]
fn a_deleted_audit_row_fails_verify() {
    let env = env_with_events();
    sql(&env, "DELETE FROM audit_events WHERE seq = 3");
    env.with_password(&["audit", "verify"]).assert().code(4).stderr(predicate::str::contains("event 3 is missing"));
}

#[test]
fn deleting_the_newest_events_fails_verify() {
    let env = env_with_events();
    sql(&env, "DELETE FROM audit_events WHERE seq >= 4");
    // Unlocking to verify appends a login event after the gap; either way event 4 is named.
    env.with_password(&["audit", "verify"]).assert().code(4).stderr(predicate::str::contains("event 4").or(predicate::str::contains("events 4")));
}

#[test]
fn a_relinked_chain_without_its_head_fails_verify() {
    let env = env_with_events();
    // Rewriting one row's hash so the next row no longer links.
    sql(&env, "UPDATE audit_events SET hash = zeroblob(32) WHERE seq = 2");
    env.with_password(&["audit", "verify"]).assert().code(4).stderr(predicate::str::contains("event 3").or(predicate::str::contains("event 2")));
}

#[test]
fn a_corrupt_database_is_a_clear_error_and_is_left_alone() {
    let env = Env::new();
    std::fs::create_dir_all(env.data_dir()).unwrap();
    let db = env.data_dir().join("keysmith.db");
    std::fs::write(&db, b"this is not a database, but it is someone's file").unwrap();
    env.with_password(&["key", "list"]).assert().code(4).stderr(predicate::str::contains("corrupt").and(predicate::str::contains("hint:")));
    assert_eq!(std::fs::read(&db).unwrap(), b"this is not a database, but it is someone's file");
}
