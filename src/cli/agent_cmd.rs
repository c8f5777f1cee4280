//! `keysmith agent …` and token rotation: the agent side, talking to `--server`, or to
//! the embedded backend through an in-process server on loopback (same enforcement).

use super::Ctx;
use super::args::{AgentCommand, TokenArgs};
use crate::agent::AgentClient;
use crate::file::{Sink, Source};
use crate::error::{Error, Result};
use crate::policy;
use crate::render::{self, Format};
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
                let app = crate::server::router(&ctx.data_dir, false)?;
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
                let addr = listener.local_addr()?;
                tokio::spawn(axum::serve(listener, app).into_future());
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
        AgentCommand::Put { vault, path, name, token } => {
            let token = read_token(token.token_file.as_deref())?;
            let (source, default_name) = if path == Path::new("-") {
                let mut buf = Vec::new();
                std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)?;
                (Source::Bytes(buf), None)
            } else {
                (Source::Path(path.clone()), path.file_name().map(|n| n.to_string_lossy().into_owned()))
            };
            let name = name.clone().or(default_name).ok_or_else(|| Error::usage("a file from stdin needs a name").hint("pass --name NAME"))?;
            let size = crate::stream::encrypted_len(source.len()?);
            let bar = ctx.io.progress(size, "Uploading");
            let tick = bar.clone();
            let progress: crate::http::Progress = Some(std::sync::Arc::new(move |n| tick.inc(n)));
            let entry = with_client(ctx, token, async |c| {
                let conn = c.connect().await?;
                c.put(&conn, vault, &name, source, progress).await
            });
            bar.finish_and_clear();
            let entry = entry?;
            match ctx.format {
                Format::Json => render::json(out, &entry)?,
                Format::Table => writeln!(out, "Uploaded `{}` as file {} ({} encrypted).", render::sanitize(&entry.name), entry.id, render::bytes(entry.size))?,
            }
        }
        AgentCommand::Get { vault, file, to, force, token } => {
            let token = read_token(token.token_file.as_deref())?;
            let to_stdout = to.as_deref() == Some(Path::new("-"));
            let (entry, data) = with_client(ctx, token, async |c| {
                let conn = c.connect().await?;
                let sink = if to_stdout {
                    Sink::Memory(Vec::new())
                } else {
                    let target = match to {
                        Some(p) => p.clone(),
                        None => {
                            let listed = c.list(&conn, vault).await?;
                            let name = listed.iter().rev().find(|f| &f.id == file || &f.name == file).map(|f| f.name.clone()).unwrap_or_else(|| file.clone());
                            safe_file_name(&name)?
                        }
                    };
                    Sink::file(target, *force)?
                };
                c.get(&conn, vault, file, sink).await
            })?;
            match data {
                Some(bytes) => out.write_all(&bytes)?,
                None => ctx.io.note(&format!("Downloaded `{}` (file {}).", render::sanitize(&entry.name), entry.id)),
            }
        }
        AgentCommand::Ls { vault, token } => {
            let token = read_token(token.token_file.as_deref())?;
            let files = with_client(ctx, token, async |c| {
                let conn = c.connect().await?;
                c.list(&conn, vault).await
            })?;
            match ctx.format {
                Format::Json => render::json(out, &files)?,
                Format::Table => {
                    let rows: Vec<Vec<String>> = files.iter().map(|f| vec![f.id.clone(), f.name.clone(), render::bytes(f.size), policy::format_time(f.created_at)]).collect();
                    render::table(out, &["FILE", "NAME", "SIZE", "CREATED"], &rows)?;
                }
            }
        }
        AgentCommand::Rm { vault, file, token } => {
            let token = read_token(token.token_file.as_deref())?;
            let id = with_client(ctx, token, async |c| {
                let conn = c.connect().await?;
                c.delete(&conn, vault, file).await
            })?;
            match ctx.format {
                Format::Json => render::json(out, &json!({ "deleted": id }))?,
                Format::Table => writeln!(out, "Deleted file {id}.")?,
            }
        }
        AgentCommand::Mkvault { name, token } => {
            let token = read_token(token.token_file.as_deref())?;
            let id = with_client(ctx, token, async |c| {
                let conn = c.connect().await?;
                c.create_vault(&conn, name).await
            })?;
            match ctx.format {
                Format::Json => render::json(out, &json!({ "id": id, "name": name }))?,
                Format::Table => writeln!(out, "Created vault `{}` ({id}); its key is sealed to the owner.", render::sanitize(name))?,
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

/// A stored name as a local file name: no directories, no dot-files, nothing odd.
fn safe_file_name(name: &str) -> Result<std::path::PathBuf> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    if base.is_empty() || base.starts_with('.') || base.chars().any(char::is_control) {
        return Err(Error::usage(format!("the stored name `{}` is not a safe local file name", render::sanitize(name))).hint("pass --to PATH"));
    }
    Ok(std::path::PathBuf::from(base))
}
