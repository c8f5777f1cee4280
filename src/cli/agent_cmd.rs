//! The agent side (`keysmith agent …`) and the owner's files (`keysmith file …`), talking
//! to `--server`, or to the embedded backend through an in-process server on loopback
//! (the same API, enforcement and audit).

use super::Ctx;
use super::args::{AgentArgs, AgentCommand, FileOp};
use crate::agent::AgentClient;
use crate::error::{Error, Result};
use crate::file::{Sink, Source};
use crate::policy;
use crate::render::{self, Format};
use crate::token::Token;
use crate::transfer::{self, FileApi, OwnerFiles, VaultRef};
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
        None => Zeroizing::new(
            std::env::var("KEYSMITH_API_KEY").map_err(|_| Error::usage("no API key token given").hint("set KEYSMITH_API_KEY or pass --token-file PATH"))?,
        ),
    };
    Ok(text.parse::<Token>()?)
}

/// Runs `f` with the URL of `--server`, or of an in-process server over the data dir.
pub fn with_server<T>(ctx: &Ctx, f: impl AsyncFnOnce(&str) -> Result<T>) -> Result<T> {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    rt.block_on(async {
        let url = match &ctx.server {
            Some(u) => u.clone(),
            None => {
                ctx.existing_data()?;
                let app = crate::server::router(&crate::server::Config::embedded(&ctx.data_dir))?;
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
                let addr = listener.local_addr()?;
                tokio::spawn(crate::server::edge::run(listener, app, std::future::pending()));
                format!("http://{addr}")
            }
        };
        f(&url).await
    })
}

/// Whether the key of `token` exists on the server at `url`: for a token staged before a
/// request whose answer was lost, or left pending by an interrupted run.
pub async fn key_exists(url: &str, token: &Token) -> Result<bool> {
    match AgentClient::new(url, token.clone())?.connect().await {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == crate::error::Kind::Auth => Ok(false),
        Err(e) => Err(e),
    }
}

/// After a minting request made with `staged` in place: on success the token goes where
/// it belongs; on failure it is put in place, removed or left pending, as whether its key
/// exists after all says (see [`super::deliver::Staged::settle`]).
pub async fn settle_staged<T>(url: &str, result: Result<T>, staged: Option<super::deliver::Staged>) -> Result<(T, Option<std::path::PathBuf>)> {
    match (result, staged) {
        (Ok(v), s) => Ok((v, s.map(super::deliver::Staged::finish).transpose()?)),
        (Err(e), None) => Err(e),
        (Err(e), Some(s)) => {
            let live = key_exists(url, s.token()).await;
            Err(s.settle(e, live))
        }
    }
}

/// Runs `f` with an agent client for the token.
pub fn with_client<T>(ctx: &Ctx, token: Token, f: impl AsyncFnOnce(&AgentClient) -> Result<T>) -> Result<T> {
    with_server(ctx, async |url| f(&AgentClient::new(url, token)?).await)
}

pub fn run(ctx: &Ctx, a: &AgentArgs, out: &mut dyn Write) -> Result<()> {
    let token = read_token(a.token.token_file.as_deref())?;
    match &a.command {
        AgentCommand::Connect => {
            let conn = with_client(ctx, token, async |c| c.connect().await)?;
            warn_expiry(ctx, &conn);
            let k = &conn.info.key;
            match ctx.format {
                Format::Json => render::json(
                    out,
                    &json!({
                        // The shape `key show` prints; what only the owner knows is null.
                        "key": super::commands::KeyView::new(&k.to_record(&conn.info.account_id, &[]), policy::now()),
                        "account_id": conn.info.account_id,
                        "vaults": conn.listed(),
                    }),
                )?,
                Format::Table => {
                    writeln!(out, "Key {} (`{}`) is {}.", k.id, render::sanitize(&k.label), k.status)?;
                    let write_only = if k.write_only { " (write-only: uploads are sealed; this key reads nothing back)" } else { "" };
                    writeln!(out, "Allowed: {}{write_only}", k.permissions.iter().map(|p| p.name()).collect::<Vec<_>>().join(", "))?;
                    if let Some(r) = k.rate_limit {
                        writeln!(out, "Rate limit: {r}")?;
                    }
                    if let Some(b) = k.bytes_per_day {
                        writeln!(out, "Bytes per day: {}", render::bytes(b))?;
                    }
                    match k.grace_end {
                        // A rotated key ends at its grace end, whatever its original expiry.
                        Some(g) => writeln!(out, "Rotated: valid until {} (grace); switch to the new token", policy::format_time(g))?,
                        None => writeln!(out, "Expires: {}", k.expires_at.map(policy::format_time).unwrap_or_else(|| "never".into()))?,
                    }
                    vault_table(&conn, out)?;
                }
            }
            out.flush()?;
            Error::damaged_items("vault", conn.damaged.iter().map(|(id, why)| (id.as_str(), why.as_str())))?;
        }
        AgentCommand::Vaults => {
            // As the MCP tool: the server checks listVaults (and audits it); names are decrypted here.
            let conn = with_client(ctx, token, async |c| {
                let conn = c.connect().await?;
                c.vaults().await?;
                Ok(conn)
            })?;
            warn_expiry(ctx, &conn);
            match ctx.format {
                Format::Json => render::json(out, &conn.listed())?,
                Format::Table => vault_table(&conn, out)?,
            }
            out.flush()?;
            Error::damaged_items("vault", conn.damaged.iter().map(|(id, why)| (id.as_str(), why.as_str())))?;
        }
        AgentCommand::Mkvault { name } => {
            let id = with_client(ctx, token, async |c| {
                let conn = c.connect().await?;
                warn_expiry(ctx, &conn);
                c.create_vault(&conn, name).await
            })?;
            match ctx.format {
                Format::Json => render::json(out, &json!({ "id": id, "name": name }))?,
                Format::Table => writeln!(out, "Created vault `{}` ({id}); its key is sealed to the owner.", render::sanitize(name))?,
            }
        }
        AgentCommand::Files(op) => {
            let prepared = prepare(op)?;
            let done = with_client(ctx, token, async |c| {
                let conn = c.connect().await?;
                warn_expiry(ctx, &conn);
                let v = conn.vault(vault_of(op))?;
                file_op(ctx, c, &conn.info.account_id, v.as_ref(), op, prepared).await
            })?;
            print_done(ctx, done, out)?;
        }
        AgentCommand::Delegate(d) => super::delegate::delegate(ctx, d, token, out)?,
        AgentCommand::Children => super::delegate::children(ctx, token, out)?,
        AgentCommand::RotateChildren(r) => super::delegate::rotate_children(ctx, r, token, out)?,
        AgentCommand::RevokeChild { key } => super::delegate::revoke_child(ctx, key, token, out)?,
    }
    Ok(())
}

fn warn_expiry(ctx: &Ctx, conn: &crate::agent::Connection) {
    if let Some(w) = conn.expiry_warning(policy::now()) {
        ctx.io.warn(&w);
    }
}

/// `keysmith file …`: the owner's own file operations (password, then the owner API).
pub fn run_owner(ctx: &Ctx, op: &FileOp, out: &mut dyn Write) -> Result<()> {
    let backend = ctx.backend()?;
    let unlocked = ctx.unlock(backend.as_ref())?;
    let wanted = vault_of(op);
    let vaults = unlocked.vaults(backend.as_ref())?;
    let id = unlocked.resolve_vaults(backend.as_ref(), &[wanted.to_string()])?.pop().expect("one vault");
    let (vault, _) = vaults.iter().find(|(v, _)| v.id == id).expect("resolved");
    let keys = unlocked.vault_keys(vault)?;
    let prepared = prepare(op)?;
    let done = with_server(ctx, async |url| {
        let api = OwnerFiles::new(url, unlocked.session.clone())?;
        file_op(ctx, &api, unlocked.id(), VaultRef { id: &id, keys: &keys }, op, prepared).await
    })?;
    print_done(ctx, done, out)
}

/// `vault rm`: deletes a vault (found by id even if damaged) after confirmation.
pub fn vault_rm(ctx: &Ctx, backend: &dyn crate::backend::Backend, wanted: &str, yes: bool, out: &mut dyn Write) -> Result<()> {
    let unlocked = ctx.unlock(backend)?;
    let vaults = unlocked.vaults(backend)?;
    let id = unlocked.resolve_vaults(backend, &[wanted.to_string()])?.pop().unwrap_or_default();
    let shown = vaults.iter().find(|(v, _)| v.id == id).map(|(_, i)| render::name_or_damaged(&i.name, i.damaged.is_some())).unwrap_or_default();
    let question = format!("Delete vault {id} (`{}`) and all its files? Keys lose access to it; this cannot be undone", render::sanitize(&shown));
    if !yes && !ctx.io.confirm(&question, "--yes")? {
        return Err(Error::failure("cancelled; the vault was not deleted"));
    }
    let deleted = with_server(ctx, async |url| OwnerFiles::new(url, unlocked.session.clone())?.delete_vault(&id).await)?;
    match ctx.format {
        Format::Json => render::json(out, &deleted)?,
        Format::Table => writeln!(out, "Deleted vault {} and its {} file(s).", deleted.deleted, deleted.files)?,
    }
    Ok(())
}

/// `vault check`: every vault and file the owner can reach, decrypted here one by one;
/// whatever does not decrypt is listed (exit 4 if anything is damaged).
pub fn vault_check(ctx: &Ctx, backend: &dyn crate::backend::Backend, out: &mut dyn Write) -> Result<()> {
    let unlocked = ctx.unlock(backend)?;
    let vaults = unlocked.vaults(backend)?;
    let progress = ctx.io.progress(vaults.len() as u64, "Checking");
    let (files, damaged) = with_server(ctx, async |url| {
        let api = OwnerFiles::new(url, unlocked.session.clone())?;
        let (mut files, mut damaged) = (0usize, Vec::<(&str, String, String, String)>::new());
        for (v, info) in &vaults {
            progress.inc(1);
            if let Some(why) = &info.damaged {
                damaged.push(("vault", v.id.clone(), v.id.clone(), why.clone()));
                continue;
            }
            let keys = unlocked.vault_keys(v)?;
            for f in transfer::list(&api, unlocked.id(), VaultRef { id: &v.id, keys: &keys }).await? {
                files += 1;
                if let Some(why) = f.damaged {
                    damaged.push(("file", f.id, v.id.clone(), why));
                }
            }
        }
        Ok((files, damaged))
    })?;
    progress.finish_and_clear();
    match ctx.format {
        Format::Json => render::json(
            out,
            &json!({ "vaults": vaults.len(), "files": files, "damaged": damaged.iter().map(|(kind, id, vault, why)| json!({ "kind": kind, "id": id, "vault_id": vault, "problem": why })).collect::<Vec<_>>() }),
        )?,
        Format::Table => {
            writeln!(out, "Checked {} vault(s) and {files} file(s): {} damaged.", vaults.len(), damaged.len())?;
            if !damaged.is_empty() {
                let rows: Vec<Vec<String>> = damaged.iter().map(|(k, id, v, why)| vec![k.to_string(), id.clone(), v.clone(), why.clone()]).collect();
                render::table(out, &["KIND", "ID", "VAULT", "PROBLEM"], &rows)?;
            }
        }
    }
    out.flush()?;
    Error::damaged_items("item", damaged.iter().map(|(_, id, _, why)| (id.as_str(), why.as_str())))
}

fn vault_of(op: &FileOp) -> &str {
    match op {
        FileOp::Put { vault, .. } | FileOp::Get { vault, .. } | FileOp::Ls { vault } | FileOp::Rm { vault, .. } => vault,
    }
}

/// What an upload reads, decided before any network call (stdin is read here).
enum Prepared {
    Upload { source: Source, name: String },
    Nothing,
}

fn prepare(op: &FileOp) -> Result<Prepared> {
    let FileOp::Put { path, name, .. } = op else { return Ok(Prepared::Nothing) };
    let (source, default_name) = if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)?;
        (Source::Bytes(buf.into()), None)
    } else {
        if !path.is_file() {
            return Err(Error::usage(format!("{} is not a readable file", path.display())));
        }
        (Source::Path(path.clone()), path.file_name().map(|n| n.to_string_lossy().into_owned()))
    };
    let name = name.clone().or(default_name).ok_or_else(|| Error::usage("a file from stdin needs a name").hint("pass --name NAME"))?;
    Ok(Prepared::Upload { source, name })
}

enum Done {
    Put(transfer::FileEntry),
    Got(transfer::FileEntry, Option<Vec<u8>>),
    Listed(Vec<transfer::FileEntry>),
    Removed(String),
}

async fn file_op(ctx: &Ctx, api: &impl FileApi, account: &str, v: VaultRef<'_>, op: &FileOp, prepared: Prepared) -> Result<Done> {
    Ok(match (op, prepared) {
        (FileOp::Put { .. }, Prepared::Upload { source, name }) => {
            let bar = ctx.io.progress(crate::stream::encrypted_len(source.len()?), "Uploading");
            let tick = bar.clone();
            let entry = transfer::put(api, account, v, &name, source, Some(std::sync::Arc::new(move |n| tick.inc(n)))).await;
            bar.finish_and_clear();
            Done::Put(entry?)
        }
        (FileOp::Get { file, to, force, .. }, _) => {
            let sink = download_sink(api, account, v, file, to.as_deref(), *force).await?;
            let (entry, data) = transfer::get(api, account, v, file, None, sink).await?;
            Done::Got(entry, data)
        }
        (FileOp::Ls { .. }, _) => Done::Listed(transfer::list(api, account, v).await?),
        (FileOp::Rm { file, .. }, _) => Done::Removed(transfer::delete(api, account, v, file).await?),
        (FileOp::Put { .. }, Prepared::Nothing) => unreachable!("uploads are prepared"),
    })
}

fn print_done(ctx: &Ctx, done: Done, out: &mut dyn Write) -> Result<()> {
    match done {
        Done::Put(entry) => match ctx.format {
            Format::Json => render::json(out, &entry)?,
            Format::Table => writeln!(out, "Uploaded `{}` as file {} ({} encrypted).", render::sanitize(&entry.name), entry.id, render::bytes(entry.size))?,
        },
        Done::Got(_, Some(bytes)) => out.write_all(&bytes)?,
        Done::Got(entry, None) => ctx.io.note(&format!("Downloaded `{}` (file {}).", render::sanitize(&entry.name), entry.id)),
        Done::Listed(files) => {
            match ctx.format {
                Format::Json => render::json(out, &files)?,
                Format::Table => {
                    let rows: Vec<Vec<String>> = files
                        .iter()
                        .map(|f| {
                            let name = render::name_or_damaged(&f.name, f.damaged.is_some());
                            vec![f.id.clone(), name, render::bytes(f.size), f.created_by.clone(), policy::format_time(f.created_at)]
                        })
                        .collect();
                    render::table(out, &["FILE", "NAME", "SIZE", "BY", "CREATED"], &rows)?;
                }
            }
            out.flush()?;
            Error::damaged_items("file", files.iter().filter_map(|f| Some((f.id.as_str(), f.damaged.as_deref()?))))?;
        }
        Done::Removed(id) => match ctx.format {
            Format::Json => render::json(out, &json!({ "deleted": id }))?,
            Format::Table => writeln!(out, "Deleted file {id}.")?,
        },
    }
    Ok(())
}

/// Where `get` writes: stdout (`-`, buffered), `--to PATH`, or ./<stored name>.
pub async fn download_sink(api: &impl FileApi, account: &str, v: VaultRef<'_>, file: &str, to: Option<&Path>, force: bool) -> Result<Sink> {
    if to == Some(Path::new("-")) {
        return Ok(Sink::Memory(Vec::new()));
    }
    let target = match to {
        Some(p) => p.to_path_buf(),
        None => safe_file_name(&transfer::resolve(api, account, v, file).await?.name)?,
    };
    Sink::file(target, force)
}

/// A stored name as a local file name: no directories, no dot-files, nothing odd.
fn safe_file_name(name: &str) -> Result<std::path::PathBuf> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    if base.is_empty() || base.starts_with('.') || base.chars().any(char::is_control) {
        return Err(Error::usage(format!("the stored name `{}` is not a safe local file name", render::sanitize(name))).hint("pass --to PATH"));
    }
    Ok(std::path::PathBuf::from(base))
}

/// The vaults a key reaches, names decrypted here; damaged ones marked.
fn vault_table(conn: &crate::agent::Connection, out: &mut dyn Write) -> Result<()> {
    let rows: Vec<Vec<String>> = conn
        .vaults
        .iter()
        .map(|v| vec![v.id.clone(), if v.write_only() { "(write-only: name not known to this key)".into() } else { v.name.clone() }])
        .chain(conn.damaged.iter().map(|(id, _)| vec![id.clone(), render::name_or_damaged("", true)]))
        .collect();
    Ok(render::table(out, &["VAULT", "NAME (decrypted here)"], &rows)?)
}
