//! The one integration test binary: drives the real `keysmith` executable, hermetically
//! (temp data dir and HOME, file session store, never the machine's keyring).

mod common;
mod delegation;
mod delivery;
mod docs;
mod files;
mod flow;
mod instances;
mod mcp;
mod objects;
#[path = "../services/pg.rs"]
mod pg;
mod pty;
mod rekey;
#[path = "../services/s3.rs"]
mod s3;
mod schemas;
mod secrets;
pub mod server;
mod store;
mod tamper;
mod tenants;
mod terminal;
mod usage;
pub mod writeonly;
