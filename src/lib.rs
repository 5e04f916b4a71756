//! closecodes: the reference for WebSocket close codes.
//!
//! - [`dataset`]: the data model, loading and validation, derived facts
//! - [`pages`]: the HTML website; [`api`]: the JSON API and its OpenAPI document
//! - [`site`]: every answer rendered once into memory; [`assets`]: `static/` with
//!   fingerprinted URLs; [`http`]: shared HTTP plumbing
//! - [`embed`]: framable cards, SVG badges, oEmbed; [`export`]: the site as static files
//! - [`websocket`]: `/ws/echo`, the live endpoint that closes on request
//! - [`startup`]: the server; [`configuration`], [`cli`]; [`telemetry`]: logs, and
//!   [`metrics`]: Prometheus

pub mod api;
pub mod assets;
pub mod cli;
pub mod configuration;
pub mod dataset;
pub mod embed;
pub mod export;
pub mod http;
pub mod markup;
pub mod metrics;
pub mod pages;
pub mod site;
pub mod startup;
pub mod telemetry;
pub mod urls;
pub mod websocket;
