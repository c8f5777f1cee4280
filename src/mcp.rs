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

/// Largest file content returned inline in a tool result; larger files need `save_to`.
pub const MAX_INLINE: u64 = 8 << 20;

#[derive(Clone)]
pub struct KeysmithMcp {
    client: Arc<AgentClient>,
    conn: Arc<RwLock<Connection>>,
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
    /// Write the decrypted file to this local path instead of returning its content.
    pub save_to: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct UploadArg {
    /// Vault name or id.
    pub vault: String,
    /// Name to store the file under (encrypted; the server never sees it).
    pub name: String,
    /// The file's content as UTF-8 text. Give exactly one of content, content_base64, path.
    pub content: Option<String>,
    /// The file's content, base64 encoded (for binary data).
    pub content_base64: Option<String>,
    /// A local file to upload.
    pub path: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct NameArg {
    /// The new vault's name (encrypted; the server never sees it).
    pub name: String,
}

/// A keysmith error as a tool error: one line, with the hint.
fn tool_error(e: Error) -> CallToolResult {
    let text = match e.hint_text() {
        Some(h) => format!("{} ({h})", e.message()),
        None => e.message().to_string(),
    };
    CallToolResult::error(vec![ContentBlock::text(text)])
}

fn json_result(value: serde_json::Value) -> Result<CallToolResult, McpError> {
    Ok(CallToolResult::success(vec![ContentBlock::json(value)?]))
}

#[tool_router]
impl KeysmithMcp {
    #[tool(description = "List the vaults this API key may use, with their names (decrypted locally).")]
    async fn list_vaults(&self) -> Result<CallToolResult, McpError> {
        if let Err(e) = self.client.vaults().await {
            return Ok(tool_error(e));
        }
        let conn = self.conn.read().await;
        json_result(serde_json::json!({ "vaults": conn.listed() }))
    }

    #[tool(description = "List the files of a vault: id, name (decrypted locally), encrypted size, creator, time.")]
    async fn list_files(&self, Parameters(a): Parameters<VaultArg>) -> Result<CallToolResult, McpError> {
        let conn = self.conn.read().await;
        let result = async {
            let v = conn.vault(&a.vault)?;
            transfer::list(self.client.as_ref(), &conn.info.account_id, v.as_ref()).await
        }
        .await;
        match result {
            Ok(files) => json_result(serde_json::json!({ "files": files })),
            Err(e) => Ok(tool_error(e)),
        }
    }

    #[tool(
        description = "Download and decrypt a file. Returns its content (UTF-8 text, or base64 for binary data), or writes it to save_to. Tampered data is reported, never returned."
    )]
    async fn download_file(&self, Parameters(a): Parameters<DownloadArg>) -> Result<CallToolResult, McpError> {
        let conn = self.conn.read().await;
        let result = async {
            let v = conn.vault(&a.vault)?;
            let account = &conn.info.account_id;
            let sink = match &a.save_to {
                Some(p) => Sink::file(PathBuf::from(p), false)?,
                None => {
                    let entry = transfer::resolve(self.client.as_ref(), account, v.as_ref(), &a.file).await?;
                    if entry.size > MAX_INLINE + 1024 {
                        return Err(Error::usage(format!("the file is {} encrypted bytes, more than can be returned inline", entry.size))
                            .hint("pass save_to to write it to a local file"));
                    }
                    Sink::Memory(Vec::new())
                }
            };
            transfer::get(self.client.as_ref(), account, v.as_ref(), &a.file, sink).await
        }
        .await;
        match result {
            Ok((entry, Some(bytes))) => {
                let (encoding, content) = match String::from_utf8(bytes) {
                    Ok(text) => ("utf-8", text),
                    Err(e) => ("base64", base64::engine::general_purpose::STANDARD.encode(e.into_bytes())),
                };
                json_result(serde_json::json!({ "file": entry, "encoding": encoding, "content": content }))
            }
            Ok((entry, None)) => json_result(serde_json::json!({ "file": entry, "saved_to": a.save_to })),
            Err(e) => Ok(tool_error(e)),
        }
    }

    #[tool(description = "Encrypt a file locally and upload it into a vault. Give the content as text, as base64, or as a local path.")]
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
        let conn = self.conn.read().await;
        let result = async {
            let v = conn.vault(&a.vault)?;
            transfer::put(self.client.as_ref(), &conn.info.account_id, v.as_ref(), &a.name, source, None).await
        }
        .await;
        match result {
            Ok(entry) => json_result(serde_json::json!({ "file": entry })),
            Err(e) => Ok(tool_error(e)),
        }
    }

    #[tool(description = "Delete a file from a vault.")]
    async fn delete_file(&self, Parameters(a): Parameters<FileArg>) -> Result<CallToolResult, McpError> {
        let conn = self.conn.read().await;
        let result = async {
            let v = conn.vault(&a.vault)?;
            transfer::delete(self.client.as_ref(), &conn.info.account_id, v.as_ref(), &a.file).await
        }
        .await;
        match result {
            Ok(id) => json_result(serde_json::json!({ "deleted": id })),
            Err(e) => Ok(tool_error(e)),
        }
    }

    #[tool(description = "Create a vault. Its key is made here and sealed to the owner, who can always read it.")]
    async fn create_vault(&self, Parameters(a): Parameters<NameArg>) -> Result<CallToolResult, McpError> {
        let result = async {
            let id = {
                let conn = self.conn.read().await;
                self.client.create_vault(&conn, &a.name).await?
            };
            // Pick up the new vault's grant.
            *self.conn.write().await = self.client.connect().await?;
            Ok::<_, Error>(id)
        }
        .await;
        match result {
            Ok(id) => json_result(serde_json::json!({ "id": id, "name": a.name })),
            Err(e) => Ok(tool_error(e)),
        }
    }
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for KeysmithMcp {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("keysmith", env!("CARGO_PKG_VERSION")).with_title("keysmith vault"))
            .with_instructions(
                "Encrypted file vault access through a scoped keysmith API key. Files are encrypted and decrypted locally; \
                 the tools offered are exactly those this key permits.",
            )
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
        });
    }
    tools
}

impl KeysmithMcp {
    /// Connects (validating the key), then offers only the permitted tools.
    pub async fn new(client: AgentClient) -> crate::error::Result<Self> {
        let conn = client.connect().await?;
        let allowed = tools_for(&conn.info.key.permissions);
        let mut tool_router = Self::tool_router();
        for tool in tool_router.list_all() {
            if !allowed.contains(&tool.name.as_ref()) {
                tool_router.disable_route(tool.name.to_string());
            }
        }
        Ok(KeysmithMcp { client: Arc::new(client), conn: Arc::new(RwLock::new(conn)), tool_router })
    }

    /// Serves MCP on stdin/stdout until the client disconnects.
    pub async fn serve_stdio(self) -> crate::error::Result<()> {
        let running = self.serve(rmcp::transport::stdio()).await.map_err(|e| Error::failure(format!("MCP start-up failed: {e}")))?;
        running.waiting().await.map_err(|e| Error::failure(format!("MCP server stopped: {e}")))?;
        Ok(())
    }
}
