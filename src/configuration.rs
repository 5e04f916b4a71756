//! Settings for serving, from flags and environment variables.

use clap::Args;

use crate::dataset::DataSource;

pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "CLOSECODES_BIND", default_value = DEFAULT_BIND, value_name = "HOST:PORT")]
    pub bind: String,
    /// Serve the dataset in this directory instead of the built-in one.
    #[arg(long, env = "CLOSECODES_DATA", value_name = "DIR")]
    pub data: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub bind: String,
    pub data: DataSource,
    /// Stop gracefully on SIGTERM and SIGINT. Tests that start many servers in
    /// one process turn it off.
    pub handle_signals: bool,
}

impl From<ServeArgs> for Settings {
    fn from(args: ServeArgs) -> Settings {
        Settings {
            bind: args.bind,
            data: args.data.map(DataSource::Directory).unwrap_or_default(),
            handle_signals: true,
        }
    }
}
