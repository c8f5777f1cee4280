//! `keysmith mcp`: a stdio MCP server for an AI agent. It holds only the API key token,
//! unwraps the vault keys of the key's scope in this process, and offers exactly the
//! tools the key permits. Files are encrypted and decrypted here; tool results never
//! carry key material; stdout carries only protocol messages.

use crate::agent::{AgentClient, Connection};
use crate::error::Error;
use crate::file::{Sink, Source};
use crate::policy::Permission;
use crate::transfer;
use base64::Engine;
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{CallToolResult, ContentBlock, Implementation, ServerCapabilities, ServerConfig};
use rmcp::{ErrorData as McpError, ServerHandler, ServiceExt, schemars, tool, tool_handler, tool_router};
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::RwLock;

/// Largest file returned inline in a tool result (encrypted bytes; about 1 MiB of
/// content, what a model can take); larger files need `save_to`.
pub const MAX_INLINE: u64 = 1 << 20;

#[derive(Clone)]
pub struct KeysmithMcp {
    client: Arc<AgentClient>,
    /// The key's connection: made at start-up if the backend answers, else on the first
    /// tool call (and retried on each call until it works).
    conn: Arc<RwLock<Option<Connection>>>,
    tool_router: ToolRouter<Self>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct VaultArg {
    /// Vault name or id (see list_vaults).
    pub vault: String,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct FileArg {
    /// Vault name or id.
    pub vault: String,
    /// File id, or name (the newest file with that name).
    pub file: String,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct DownloadArg {
    /// Vault name or id.
    pub vault: String,
    /// File id, or name (the newest file with that name).
    pub file: String,
    /// Write the decrypted file to this local path instead of returning its content (needed for files over 1 MiB).
    #[serde(default)]
    #[schemars(with = "String")]
    pub save_to: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct UploadArg {
    /// Vault name or id.
    pub vault: String,
    /// Name to store the file under (encrypted; the server never sees it).
    pub name: String,
    /// The file's content as UTF-8 text. Give exactly one of content, content_base64, path.
    #[serde(default)]
    #[schemars(with = "String")]
    pub content: Option<String>,
    /// The file's content, base64 encoded (for binary data).
    #[serde(default)]
    #[schemars(with = "String")]
    pub content_base64: Option<String>,
    /// A local file to upload (for large files).
    #[serde(default)]
    #[schemars(with = "String")]
    pub path: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct NameArg {
    /// The new vault's name (encrypted; the server never sees it).
    pub name: String,
}

/// A keysmith error as a tool error: one line, with a hint in the host's terms (tools
/// and their arguments, never CLI commands or flags).
fn tool_error(e: Error) -> CallToolResult {
    let text = match e.hint_text().and_then(mcp_hint) {
        Some(h) => format!("{} ({h})", e.message()),
        None => e.message().to_string(),
    };
    CallToolResult::error(vec![ContentBlock::text(text)])
}

/// A CLI hint said for an MCP host: what names a command becomes the tool that does the
/// same; what names a flag the tools do not have is left out.
fn mcp_hint(hint: &str) -> Option<String> {
    const AS_TOOLS: &[(&str, &str)] = &[
        ("`keysmith agent connect`", "call list_vaults to see the vaults this key can use"),
        ("`ls`", "call list_files to see the vault's files"),
        ("--to PATH", "pass save_to"),
        ("--name", "pass name"),
    ];
    if let Some((_, said)) = AS_TOOLS.iter().find(|(cli, _)| hint.contains(cli)) {
        return Some(said.to_string());
    }
    (!hint.contains("keysmith ") && !hint.contains("--") && !hint.contains('`')).then(|| hint.to_string())
}

/// Input schemas as strict hosts accept them: no `$schema`, and no type arrays
/// (`["string", "null"]`: optional arguments are simply not required).
fn plain_schema(schema: &mut serde_json::Value) {
    match schema {
        serde_json::Value::Object(map) => {
            map.remove("$schema");
            if let Some(serde_json::Value::Array(types)) = map.get("type") {
                let kept: Vec<serde_json::Value> = types.iter().filter(|t| t.as_str() != Some("null")).cloned().collect();
                if kept.len() == 1 {
                    map.insert("type".into(), kept[0].clone());
                }
            }
            map.values_mut().for_each(plain_schema);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(plain_schema),
        _ => {}
    }
}

#[tool_router]
impl KeysmithMcp {
    #[tool(description = "List the vaults this API key may use, with their names (decrypted locally).")]
    async fn list_vaults(&self) -> Result<CallToolResult, McpError> {
        let conn = match self.connection().await {
            Ok(c) => c,
            Err(e) => return Ok(tool_error(e)),
        };
        if let Err(e) = self.client.vaults().await {
            return Ok(tool_error(e));
        }
        self.respond(serde_json::json!({ "vaults": conn.listed() })).await
    }

    #[tool(description = "List the files of a vault: id, name (decrypted locally), encrypted size, creator, time.")]
    async fn list_files(&self, Parameters(a): Parameters<VaultArg>) -> Result<CallToolResult, McpError> {
        let conn = match self.connection().await {
            Ok(c) => c,
            Err(e) => return Ok(tool_error(e)),
        };
        let result = async {
            let v = conn.vault(&a.vault)?;
            transfer::list(self.client.as_ref(), &conn.info.account_id, v.as_ref()).await
        }
        .await;
        match result {
            Ok(files) => self.respond(serde_json::json!({ "files": files })).await,
            Err(e) => Ok(tool_error(e)),
        }
    }

    #[tool(
        description = "Download and decrypt a file. Returns its content (UTF-8 text, or base64 for binary data) for files up to 1 MiB; larger files need save_to, a local path to write it to. Tampered data is reported, never returned. A file id (see list_files) costs one request; a name is looked up first."
    )]
    async fn download_file(&self, Parameters(a): Parameters<DownloadArg>) -> Result<CallToolResult, McpError> {
        let conn = match self.connection().await {
            Ok(c) => c,
            Err(e) => return Ok(tool_error(e)),
        };
        let result = async {
            let v = conn.vault(&a.vault)?;
            let account = &conn.info.account_id;
            let (sink, max) = match &a.save_to {
                Some(p) => (Sink::file(PathBuf::from(p), false)?, None),
                None => (Sink::Memory(Vec::new()), Some(MAX_INLINE)),
            };
            transfer::get(self.client.as_ref(), account, v.as_ref(), &a.file, max, sink).await
        }
        .await;
        match result {
            Ok((entry, Some(bytes))) => {
                let (encoding, content) = match String::from_utf8(bytes) {
                    Ok(text) => ("utf-8", text),
                    Err(e) => ("base64", base64::engine::general_purpose::STANDARD.encode(e.into_bytes())),
                };
                self.respond(serde_json::json!({ "file": entry, "encoding": encoding, "content": content })).await
            }
            Ok((entry, None)) => self.respond(serde_json::json!({ "file": entry, "saved_to": a.save_to })).await,
            Err(e) => Ok(tool_error(e)),
        }
    }

    #[tool(description = "Encrypt a file locally and upload it into a vault. Give the content as text, as base64, or (for large files) as a local path.")]
    async fn upload_file(&self, Parameters(a): Parameters<UploadArg>) -> Result<CallToolResult, McpError> {
        let source = match (a.content, a.content_base64, a.path) {
            (Some(t), None, None) => Source::Bytes(t.into_bytes().into()),
            (None, Some(b), None) => match base64::engine::general_purpose::STANDARD.decode(b.trim()) {
                Ok(bytes) => Source::Bytes(bytes.into()),
                Err(_) => return Ok(tool_error(Error::usage("content_base64 is not valid base64"))),
            },
            (None, None, Some(p)) => Source::Path(PathBuf::from(p)),
            _ => return Ok(tool_error(Error::usage("give exactly one of content, content_base64 or path"))),
        };
        let conn = match self.connection().await {
            Ok(c) => c,
            Err(e) => return Ok(tool_error(e)),
        };
        let result = async {
            let v = conn.vault(&a.vault)?;
            transfer::put(self.client.as_ref(), &conn.info.account_id, v.as_ref(), &a.name, source, None).await
        }
        .await;
        match result {
            Ok(entry) => self.respond(serde_json::json!({ "file": entry })).await,
            Err(e) => Ok(tool_error(e)),
        }
    }

    #[tool(description = "Delete a file from a vault.")]
    async fn delete_file(&self, Parameters(a): Parameters<FileArg>) -> Result<CallToolResult, McpError> {
        let conn = match self.connection().await {
            Ok(c) => c,
            Err(e) => return Ok(tool_error(e)),
        };
        let result = async {
            let v = conn.vault(&a.vault)?;
            transfer::delete(self.client.as_ref(), &conn.info.account_id, v.as_ref(), &a.file).await
        }
        .await;
        match result {
            Ok(id) => self.respond(serde_json::json!({ "deleted": id })).await,
            Err(e) => Ok(tool_error(e)),
        }
    }

    #[tool(description = "Create a vault. Its key is made here and sealed to the owner, who can always read it.")]
    async fn create_vault(&self, Parameters(a): Parameters<NameArg>) -> Result<CallToolResult, McpError> {
        let result = async {
            let id = {
                let conn = self.connection().await?;
                self.client.create_vault(&conn, &a.name).await?
            };
            // Pick up the new vault's grant.
            *self.conn.write().await = Some(self.client.connect().await?);
            Ok::<_, Error>(id)
        }
        .await;
        match result {
            Ok(id) => self.respond(serde_json::json!({ "id": id, "name": a.name })).await,
            Err(e) => Ok(tool_error(e)),
        }
    }
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for KeysmithMcp {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("keysmith", env!("CARGO_PKG_VERSION")).with_title("keysmith vault"))
            .with_instructions({
                let mut text = "Encrypted file vault access through a scoped keysmith API key. Files are encrypted and decrypted locally; \
                 the tools offered are exactly those this key permits."
                    .to_string();
                if let Some(w) = self.warning() {
                    text.push_str(&format!(" Warning: {w}."));
                }
                text
            })
    }
}

/// The tools a key's permissions allow (by tool name).
pub fn tools_for(permissions: &[Permission]) -> Vec<&'static str> {
    let mut tools = Vec::new();
    for p in permissions {
        tools.extend_from_slice(match p {
            Permission::Read => &["list_files", "download_file"][..],
            Permission::Write => &["upload_file"][..],
            Permission::Delete => &["delete_file"][..],
            Permission::ListVaults => &["list_vaults"][..],
            Permission::CreateVault => &["create_vault"][..],
            Permission::Delegate => &[][..],
        });
    }
    tools
}

impl KeysmithMcp {
    /// Connects (validating the key) and offers only the permitted tools. If the backend
    /// refuses or cannot be reached, the server still starts, offers every tool, and each
    /// call reports why and tries again, so the host's session stays alive.
    pub async fn new(client: AgentClient) -> crate::error::Result<Self> {
        let conn = client.connect().await.ok();
        let mut tool_router = Self::tool_router();
        if let Some(conn) = &conn {
            let allowed = tools_for(&conn.info.key.permissions);
            for tool in tool_router.list_all() {
                if !allowed.contains(&tool.name.as_ref()) {
                    tool_router.disable_route(tool.name.to_string());
                }
            }
        }
        for route in tool_router.map.values_mut() {
            let mut schema = serde_json::Value::Object((*route.attr.input_schema).clone());
            plain_schema(&mut schema);
            if let serde_json::Value::Object(map) = schema {
                route.attr.input_schema = Arc::new(map);
            }
        }
        // The host's log (stderr) says it too.
        if let Some(w) = conn.as_ref().and_then(|c| c.expiry_warning(crate::policy::now())) {
            eprintln!("warning: {w}");
        }
        Ok(KeysmithMcp { client: Arc::new(client), conn: Arc::new(RwLock::new(conn)), tool_router })
    }

    /// A tool's JSON answer, with a `warning` while the key is in grace or about to
    /// expire (the model sees it, and can tell its user to rotate).
    async fn respond(&self, mut value: serde_json::Value) -> Result<CallToolResult, McpError> {
        if let Some(w) = self.warning() {
            value["warning"] = w.into();
        }
        Ok(CallToolResult::success(vec![ContentBlock::json(value)?]))
    }

    /// Without waiting: a caller may hold the connection's read lock while a vault
    /// creation waits to write it.
    fn warning(&self) -> Option<String> {
        self.conn.try_read().ok()?.as_ref()?.expiry_warning(crate::policy::now())
    }

    /// The key's connection, made now if start-up could not make it.
    async fn connection(&self) -> Result<tokio::sync::RwLockReadGuard<'_, Connection>, Error> {
        if self.conn.read().await.is_none() {
            let fresh = self.client.connect().await?;
            self.conn.write().await.get_or_insert(fresh);
        }
        tokio::sync::RwLockReadGuard::try_map(self.conn.read().await, Option::as_ref).map_err(|_| Error::failure("not connected to the backend"))
    }

    /// Serves MCP on stdin/stdout until the client disconnects.
    pub async fn serve_stdio(self) -> crate::error::Result<()> {
        let running = self.serve(rmcp::transport::stdio()).await.map_err(|e| Error::failure(format!("MCP start-up failed: {e}")))?;
        running.waiting().await.map_err(|e| Error::failure(format!("MCP server stopped: {e}")))?;
        Ok(())
    }
}
