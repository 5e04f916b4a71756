use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

/// Logs go to standard error through `tracing`; `RUST_LOG` filters them
/// (`RUST_LOG=warn` silences the line per request). Records from the `log`
/// crate, such as actix-web's request logger, are forwarded.
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    // A second call (as in tests) keeps the first subscriber.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}
