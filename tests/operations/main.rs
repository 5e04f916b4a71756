//! What operators rely on: Prometheus metrics, and stored answers served
//! before routing with the same headers as routed ones.

#[path = "../helpers/mod.rs"]
mod helpers;

mod metrics;
mod stored;
