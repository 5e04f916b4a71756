//! Settings for serving, from flags and environment variables.

use std::time::Duration;

use clap::Args;

use crate::telemetry::LogFormat;

use crate::dataset::DataSource;
pub use crate::lab::runs::RunLimits;
pub use crate::websocket::WebSocketLimits;

pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
pub const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:8080";
/// Enough for every answer of the built-in dataset in its compressed forms.
pub const DEFAULT_CACHE_MB: u64 = 24;

/// Where a server listening on `address` is reached when no public URL is
/// given: the address itself, or localhost for one that listens on every
/// interface (`0.0.0.0`), which no browser can open.
pub fn public_url_of(address: std::net::SocketAddr) -> String {
    if address.ip().is_unspecified() {
        format!("http://localhost:{}", address.port())
    } else {
        format!("http://{address}")
    }
}

/// An http(s) origin, optionally with a path prefix, without a trailing slash.
pub fn parse_public_url(text: &str) -> Result<String, String> {
    let trimmed = text.trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .ok_or("must start with http:// or https://")?;
    if rest.is_empty() || rest.contains(char::is_whitespace) || rest.contains(['?', '#']) {
        return Err("must be an origin such as https://closecodes.example.org".to_owned());
    }
    Ok(trimmed.to_owned())
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "CLOSECODES_BIND", default_value = DEFAULT_BIND, value_name = "HOST:PORT")]
    pub bind: String,
    /// The address people reach the site at, for canonical URLs, the sitemap,
    /// oEmbed and social cards, e.g. `https://closecodes.example.org`; by
    /// default the address the server listens on.
    #[arg(long, env = "CLOSECODES_PUBLIC_URL", value_parser = parse_public_url, value_name = "URL")]
    pub public_url: Option<String>,
    /// Serve the dataset in this directory instead of the built-in one.
    #[arg(long, env = "CLOSECODES_DATA", value_name = "DIR")]
    pub data: Option<std::path::PathBuf>,
    /// How log lines are written: `text` or `json` (one object per line).
    #[arg(long, env = "CLOSECODES_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// Memory for kept answers, in MiB: pages and API answers are made when
    /// first asked and kept, compressed, within this budget; what falls out
    /// is made again when asked.
    #[arg(long, env = "CLOSECODES_CACHE_MB", default_value_t = DEFAULT_CACHE_MB,
          value_parser = clap::value_parser!(u64).range(1..=65_536), value_name = "MIB")]
    pub cache_mb: u64,
    /// `/ws/echo`: the largest message accepted, in bytes; a bigger one closes
    /// the socket with 1009.
    #[arg(long, env = "CLOSECODES_WS_MAX_MESSAGE", default_value_t = 64 * 1024,
          value_parser = clap::value_parser!(u32).range(1..=16 * 1024 * 1024), value_name = "BYTES")]
    pub ws_max_message: u32,
    /// `/ws/echo`: how many sockets may be open at once; past it new ones are
    /// closed with 1013.
    #[arg(long, env = "CLOSECODES_WS_MAX_SOCKETS", default_value_t = 1000,
          value_parser = clap::value_parser!(u32).range(1..=100_000), value_name = "N")]
    pub ws_max_sockets: u32,
    /// `/ws/echo`: seconds without a message before a socket is closed with 3008.
    #[arg(long, env = "CLOSECODES_WS_IDLE_TIMEOUT", default_value_t = 120,
          value_parser = clap::value_parser!(u64).range(1..=3600), value_name = "SECONDS")]
    pub ws_idle_timeout: u64,
    /// The lab: how many runs are kept in memory (the oldest go first).
    #[arg(long, env = "CLOSECODES_LAB_MAX_RUNS", default_value_t = 1000,
          value_parser = clap::value_parser!(u32).range(1..=100_000), value_name = "RUNS")]
    pub lab_max_runs: u32,
    /// The lab: minutes a run is kept after its first connection.
    #[arg(long, env = "CLOSECODES_LAB_RUN_MINUTES", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=1440), value_name = "MINUTES")]
    pub lab_run_minutes: u64,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub bind: String,
    /// Where the site is reached, without a trailing slash; `None` for the
    /// address it listens on.
    pub public_url: Option<String>,
    pub data: DataSource,
    /// Stop gracefully on SIGTERM and SIGINT. Tests that start many servers in
    /// one process turn it off.
    pub handle_signals: bool,
    /// The store's memory budget for kept answers, in bytes.
    pub cache_bytes: u64,
    pub websocket: WebSocketLimits,
    pub lab_runs: RunLimits,
}

impl From<ServeArgs> for Settings {
    fn from(args: ServeArgs) -> Settings {
        Settings {
            bind: args.bind,
            public_url: args.public_url,
            data: args.data.map(DataSource::Directory).unwrap_or_default(),
            handle_signals: true,
            cache_bytes: args.cache_mb << 20,
            websocket: WebSocketLimits {
                max_message: args.ws_max_message as usize,
                max_sockets: args.ws_max_sockets as usize,
                idle_timeout: Duration::from_secs(args.ws_idle_timeout),
            },
            lab_runs: RunLimits {
                max_runs: args.lab_max_runs as usize,
                max_age: Duration::from_secs(args.lab_run_minutes * 60),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_public_url_is_where_the_server_listens() {
        assert_eq!(
            public_url_of("127.0.0.1:9000".parse().unwrap()),
            "http://127.0.0.1:9000"
        );
        assert_eq!(
            public_url_of("0.0.0.0:8080".parse().unwrap()),
            "http://localhost:8080"
        );
        assert_eq!(
            public_url_of("[::]:80".parse().unwrap()),
            "http://localhost:80"
        );
    }
}
