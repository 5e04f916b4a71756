//! closecodes: the reference for WebSocket close codes.
//!
//! - [`dataset`]: the data model, loading and validation, derived facts
//! - [`pages`]: the HTML website; [`api`]: the JSON API and its OpenAPI document
//! - [`chrome`]: the frame every HTML page of every surface shares (head, header,
//!   search box, language switcher, breadcrumbs, footer)
//! - [`urls`]: every public path, built and parsed; [`static_files`]: `static/`
//!   with fingerprinted URLs; [`markup`]: template filters
//! - [`http`]: answers, the store that makes and keeps them within a budget,
//!   header policies, checks; [`site`]: which surface answers which route;
//!   [`assets`]: serves `static/`
//! - [`embed`]: framable cards, SVG badges, oEmbed; [`export`]: the site as static files
//! - [`websocket`]: `/ws/echo`, the live endpoint that closes on request;
//!   [`lab`]: the close-handling lab, which grades a client's close handling;
//!   [`mcp`]: the Model Context Protocol server for AI assistants
//! - [`startup`]: the server; [`configuration`], [`cli`]; [`telemetry`]: logs, and
//!   [`metrics`]: Prometheus

pub mod api;
pub mod assets;
pub mod chrome;
pub mod cli;
pub mod configuration;
pub mod dataset;
pub mod embed;
pub mod export;
pub mod http;
pub mod lab;
pub mod markup;
pub mod mcp;
pub mod metrics;
pub mod pages;
pub mod site;
pub mod startup;
pub mod static_files;
pub mod telemetry;
pub mod urls;
pub mod websocket;
