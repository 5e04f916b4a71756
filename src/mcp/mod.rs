//! closecodes for AI assistants: a Model Context Protocol server with the
//! dataset's answers as tools and its Markdown pages as resources. The same
//! server runs over stdio (`closecodes mcp`) and at `/mcp` on the running
//! service (Streamable HTTP, stateless: see [`http`]).

pub mod http;
mod resources;
mod tools;

use std::sync::Arc;

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, Implementation, ListResourceTemplatesResult,
    ListResourcesResult, ListToolsResult, PaginatedRequestParams, ReadResourceRequestParams,
    ReadResourceResponse, ServerCapabilities, ServerConfig,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler, ServiceExt};

use crate::dataset::{Dataset, Edition};
use crate::http::store::Renderer;
use crate::urls::PublicUrl;

/// A lab run's report as `/api/v1/lab/runs/{run}` answers it, for `run` in
/// the edition's language: given by the process that runs the lab, which
/// this surface may not import.
pub type LabReports = Arc<dyn Fn(&str, &Edition) -> serde_json::Value + Send + Sync>;

/// The MCP server: cheap to clone, as the HTTP transport makes one per request.
#[derive(Clone)]
pub struct Closecodes {
    dataset: Arc<Dataset>,
    public_url: PublicUrl,
    /// Renders the Markdown pages the resources serve.
    pages: Arc<dyn Renderer>,
    /// `None` where the process runs no lab (stdio).
    lab: Option<LabReports>,
}

impl Closecodes {
    pub fn new(
        dataset: Arc<Dataset>,
        public_url: PublicUrl,
        pages: Arc<dyn Renderer>,
        lab: Option<LabReports>,
    ) -> Closecodes {
        Closecodes {
            dataset,
            public_url,
            pages,
            lab,
        }
    }

    /// Serves one client over standard input and output until it leaves.
    pub async fn serve_stdio(self) -> Result<(), String> {
        let running = self
            .serve(rmcp::transport::stdio())
            .await
            .map_err(|error| error.to_string())?;
        running
            .waiting()
            .await
            .map(|_| ())
            .map_err(|error| error.to_string())
    }
}

const INSTRUCTIONS: &str = "closecodes answers what a WebSocket close code means, from RFC 6455, \
the IANA registry and each service's own documentation (Discord, Pusher, graphql-ws and more). \
Use explain_close_event on a pasted log line or error, lookup_close_code on a bare number, \
should_reconnect before writing retry logic. Every answer names its page and its sources: cite them.";

impl ServerHandler for Closecodes {
    fn get_info(&self) -> ServerConfig {
        let mut implementation = Implementation::new("closecodes", env!("CARGO_PKG_VERSION"));
        implementation.title = Some("closecodes: WebSocket close codes".to_owned());
        implementation.website_url = Some(self.public_url.as_str().to_owned());
        let mut config = ServerConfig::new(
            ServerCapabilities::builder()
                .enable_tools()
                .enable_resources()
                .build(),
        )
        .with_instructions(INSTRUCTIONS);
        config.server_info = implementation;
        config
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(tools::list()))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        tools::call(self, &request.name, request.arguments).map(Into::into)
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, ErrorData> {
        Ok(ListResourcesResult::with_all_items(resources::list()))
    }

    async fn list_resource_templates(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourceTemplatesResult, ErrorData> {
        Ok(ListResourceTemplatesResult::with_all_items(
            resources::templates(),
        ))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, ErrorData> {
        resources::read(self, &request.uri).map(Into::into)
    }
}
