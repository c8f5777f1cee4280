//! keysmith: scoped, revocable, rotatable API keys for AI agents over a zero-knowledge
//! encrypted vault. See PROTOCOL.md for the formats and README.md for usage.
#![forbid(unsafe_code)]

pub mod agent;
pub mod audit;
pub mod backend;
pub mod blobs;
pub mod cli;
pub mod crypto;
pub mod error;
pub mod file;
pub mod files;
pub mod http;
pub mod mcp;
pub mod owner;
pub mod policy;
pub mod render;
pub mod serde_hex;
pub mod server;
pub mod session;
pub mod signature;
pub mod store;
pub mod stream;
pub mod token;
pub mod transfer;
