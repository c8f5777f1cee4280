//! `keysmith agent …` and token rotation: the agent side, talking to `--server`, or to
//! the embedded backend through an in-process server on loopback (same enforcement).

use super::Ctx;
use super::args::{AgentCommand, TokenArgs};
use crate::agent::AgentClient;
use crate::error::{Error, Result};
use crate::policy;
use crate::render::{self, Format};
use crate::store::sqlite::SqliteStore;
use crate::token::Token;
use serde_json::json;
use std::io::Write;
use std::path::Path;
use zeroize::Zeroizing;

/// The token from `--token-file` (or `-` for stdin), else `KEYSMITH_API_KEY`.
pub fn read_token(file: Option<&Path>) -> Result<Token> {
    let text = match file {
        Some(p) if p == Path::new("-") => {
            let mut s = Zeroizing::new(String::new());
            std::io::stdin().read_line(&mut s)?;
            s
        }
        Some(p) => Zeroizing::new(std::fs::read_to_string(p).map_err(|e| Error::usage(format!("cannot read the token file {}: {e}", p.display())))?),
        None => Zeroizing::new(std::env::var("KEYSMITH_API_KEY").map_err(|_| {
            Error::usage("no API key token given").hint("set KEYSMITH_API_KEY or pass --token-file PATH")
        })?),
    };
    Ok(text.parse::<Token>()?)
}

/// Runs `f` with a client for `--server`, or for an in-process server over the data dir.
pub fn with_client<T>(ctx: &Ctx, token: Token, f: impl AsyncFnOnce(&AgentClient) -> Result<T>) -> Result<T> {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    rt.block_on(async {
        let url = match &ctx.server {
            Some(u) => u.clone(),
            None => {
                let store = SqliteStore::open_dir(&ctx.data_dir)?;
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
                let addr = listener.local_addr()?;
                tokio::spawn(axum::serve(listener, crate::server::router(store, false)).into_future());
                format!("http://{addr}")
            }
        };
        let client = AgentClient::new(&url, token)?;
        f(&client).await
    })
}

pub fn run(ctx: &Ctx, c: &AgentCommand, out: &mut dyn Write) -> Result<()> {
    match c {
        AgentCommand::Connect(TokenArgs { token_file }) => {
            let token = read_token(token_file.as_deref())?;
            let conn = with_client(ctx, token, async |c| c.connect().await)?;
            let k = &conn.info.key;
            match ctx.format {
                Format::Json => render::json(
                    out,
                    &json!({
                        "key": k,
                        "account_id": conn.info.account_id,
                        "vaults": conn.vaults.iter().map(|v| json!({ "id": v.id, "name": v.name })).collect::<Vec<_>>(),
                    }),
                )?,
                Format::Table => {
                    writeln!(out, "Key {} (`{}`) is {}.", k.id, render::sanitize(&k.label), k.status)?;
                    writeln!(out, "Allowed: {}", k.permissions.iter().map(|p| p.name()).collect::<Vec<_>>().join(", "))?;
                    if let Some(r) = k.rate_limit {
                        writeln!(out, "Rate limit: {r}")?;
                    }
                    if let Some(b) = k.bytes_per_day {
                        writeln!(out, "Bytes per day: {}", render::bytes(b))?;
                    }
                    writeln!(out, "Expires: {}", k.expires_at.map(policy::format_time).unwrap_or_else(|| "never".into()))?;
                    let rows: Vec<Vec<String>> = conn.vaults.iter().map(|v| vec![v.id.clone(), v.name.clone()]).collect();
                    render::table(out, &["VAULT", "NAME (decrypted here)"], &rows)?;
                }
            }
        }
        AgentCommand::Vaults(TokenArgs { token_file }) => {
            let token = read_token(token_file.as_deref())?;
            let vaults = with_client(ctx, token, async |c| c.vaults().await)?;
            match ctx.format {
                Format::Json => render::json(out, &vaults)?,
                Format::Table => {
                    let rows: Vec<Vec<String>> = vaults.vaults.iter().map(|v| vec![v.id.clone()]).collect();
                    render::table(out, &["VAULT"], &rows)?;
                }
            }
        }
    }
    Ok(())
}
