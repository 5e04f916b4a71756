//! The `closecodes` command line: serve (the default), `check DIR`, `lookup N`,
//! `explain TEXT`, `export DIR`, `mcp` (the MCP server over stdio).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::configuration::{ServeArgs, Settings};
use crate::dataset::rfc6455;
use std::io::Read;

use crate::dataset::answers::ExplainAnswer;
use crate::dataset::{self, DataSource, Edition, plain};
use crate::site::Site;
use crate::startup::Application;
use crate::telemetry;
use crate::urls::PublicUrl;
use std::sync::Arc;

#[derive(Debug, Parser)]
#[command(
    name = "closecodes",
    version,
    about = "The reference for WebSocket close codes"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the website and API (what runs without a subcommand).
    Serve(ServeArgs),
    /// Validate a dataset directory and list every problem in it.
    Check {
        /// The dataset directory (laid out like `data/`).
        dir: PathBuf,
    },
    /// Write the whole site and API as static files, with an nginx config.
    Export {
        /// The directory to write into (created if missing).
        dir: PathBuf,
        /// Use the dataset in this directory instead of the built-in one.
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
        /// The address the export will be served at.
        #[arg(long, env = "CLOSECODES_PUBLIC_URL", default_value = crate::configuration::DEFAULT_PUBLIC_URL,
              value_parser = crate::configuration::parse_public_url, value_name = "URL")]
        public_url: String,
    },
    /// Explain a pasted log line or error: which code of which family it is.
    Explain {
        /// The text, or `-` to read it from standard input.
        text: String,
        /// Use the dataset in this directory instead of the built-in one.
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
        /// The language of the answer, e.g. `vi`.
        #[arg(long, default_value = dataset::SOURCE_LANGUAGE)]
        lang: String,
        /// Print the answer as the API's JSON (`/api/v1/explain`).
        #[arg(long)]
        json: bool,
    },
    /// Serve the MCP server (for AI assistants) over standard input and output.
    Mcp {
        /// Use the dataset in this directory instead of the built-in one.
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
        /// The site the answers link to.
        #[arg(long, env = "CLOSECODES_PUBLIC_URL", default_value = crate::configuration::DEFAULT_PUBLIC_URL,
              value_parser = crate::configuration::parse_public_url, value_name = "URL")]
        public_url: String,
    },
    /// Explain what a number means as a close code.
    Lookup {
        /// Any integer from 0 to 65535.
        number: String,
        /// Use the dataset in this directory instead of the built-in one.
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
        /// The language of the answer, e.g. `vi`.
        #[arg(long, default_value = dataset::SOURCE_LANGUAGE)]
        lang: String,
    },
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => serve(cli.serve),
        Some(Command::Serve(args)) => serve(args),
        Some(Command::Check { dir }) => check(dir),
        Some(Command::Lookup { number, data, lang }) => lookup(&number, data, &lang),
        Some(Command::Explain {
            text,
            data,
            lang,
            json,
        }) => explain(&text, data, &lang, json),
        Some(Command::Mcp { data, public_url }) => mcp(data, &public_url),
        Some(Command::Export {
            dir,
            data,
            public_url,
        }) => export(&dir, data, &public_url),
    }
}

fn serve(args: ServeArgs) -> ExitCode {
    telemetry::init(args.log_format);
    let settings = Settings::from(args);
    actix_web::rt::System::new().block_on(async move {
        let application = match Application::build(&settings) {
            Ok(application) => application,
            Err(error) => {
                eprintln!("closecodes: {error}");
                return ExitCode::FAILURE;
            }
        };
        match application.run_until_stopped().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("closecodes: server failed: {error}");
                ExitCode::FAILURE
            }
        }
    })
}

fn check(dir: PathBuf) -> ExitCode {
    match dataset::load(&DataSource::Directory(dir.clone())) {
        Ok(dataset) => {
            let families = &dataset.source().families;
            let codes: usize = families.iter().map(|f| f.codes.len()).sum();
            println!(
                "{}: ok — dataset {}, {} families, {} codes, languages: {}",
                dir.display(),
                dataset.version,
                families.len(),
                codes,
                dataset.language_codes().join(", ")
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for problem in &problems {
                println!("{problem}");
            }
            eprintln!("{}: {} problem(s) found", dir.display(), problems.len());
            ExitCode::FAILURE
        }
    }
}

fn export(dir: &std::path::Path, data: Option<PathBuf>, public_url: &str) -> ExitCode {
    let Some(dataset) = load_reporting(data) else {
        return ExitCode::FAILURE;
    };
    let public_url = PublicUrl::new(public_url);
    match crate::export::export(std::sync::Arc::new(dataset), &public_url, dir) {
        Ok(summary) => {
            println!(
                "{}: {} files, {} redirects; serve it with `nginx -p {} -c nginx.conf`",
                dir.display(),
                summary.files,
                summary.redirects,
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("closecodes: cannot write {}: {error}", dir.display());
            ExitCode::FAILURE
        }
    }
}

/// Standard output carries the protocol: logs go to standard error.
fn mcp(data: Option<PathBuf>, public_url: &str) -> ExitCode {
    telemetry::init(telemetry::LogFormat::Text);
    let Some(dataset) = load_reporting(data) else {
        return ExitCode::FAILURE;
    };
    let site = Arc::new(Site::new(Arc::new(dataset), PublicUrl::new(public_url)));
    let server = site.mcp_server(None);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime starts");
    match runtime.block_on(server.serve_stdio()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("closecodes: MCP over stdio failed: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Standard input is read up to this much: a paste or a log excerpt.
const MAX_STDIN_BYTES: u64 = 1 << 20;

fn explain(text: &str, data: Option<PathBuf>, lang: &str, json: bool) -> ExitCode {
    let text = if text == "-" {
        let mut buffer = String::new();
        let read = std::io::stdin()
            .take(MAX_STDIN_BYTES + 1)
            .read_to_string(&mut buffer);
        match read {
            Ok(bytes) if bytes as u64 > MAX_STDIN_BYTES => {
                eprintln!(
                    "closecodes: standard input is over 1 MiB: paste the lines around the close"
                );
                return ExitCode::from(2);
            }
            Ok(_) => buffer,
            Err(error) => {
                eprintln!("closecodes: cannot read standard input: {error}");
                return ExitCode::from(2);
            }
        }
    } else {
        text.to_owned()
    };
    let text = text.trim();
    if text.is_empty() {
        eprintln!(
            "closecodes: nothing to explain: give a log line, an error or `-` for standard input"
        );
        return ExitCode::from(2);
    }
    with_edition(data, lang, |dataset, edition| {
        let explanation = dataset::explain::explain(dataset, edition, text);
        if json {
            let answer = ExplainAnswer::of(edition, text, &explanation);
            println!(
                "{}",
                serde_json::to_string_pretty(&answer).expect("answers serialize")
            );
        } else {
            print!("{}", plain::describe_explanation(edition, &explanation, ""));
        }
    })
}

fn lookup(text: &str, data: Option<PathBuf>, lang: &str) -> ExitCode {
    let Some(number) = rfc6455::parse_number(text) else {
        eprintln!(
            "closecodes: \"{text}\" is not a close code: expected an integer from 0 to 65535"
        );
        return ExitCode::from(2);
    };
    with_edition(data, lang, |_, edition| {
        print!(
            "{}",
            plain::describe(edition, number, &edition.entries_numbered(number), "")
        )
    })
}

/// Loads the dataset and runs `answer` on the edition in `lang`; a broken
/// dataset or an unknown language is reported instead.
fn with_edition(
    data: Option<PathBuf>,
    lang: &str,
    answer: impl FnOnce(&dataset::Dataset, &Edition),
) -> ExitCode {
    let Some(dataset) = load_reporting(data) else {
        return ExitCode::FAILURE;
    };
    match dataset.edition(lang) {
        Some(edition) => {
            answer(&dataset, edition);
            ExitCode::SUCCESS
        }
        None => {
            eprintln!(
                "closecodes: unknown language \"{lang}\"; supported: {}",
                dataset.language_codes().join(", ")
            );
            ExitCode::from(2)
        }
    }
}

/// The dataset in `data` (the built-in one when `None`), or `None` after
/// listing its problems.
fn load_reporting(data: Option<PathBuf>) -> Option<dataset::Dataset> {
    let source = data.map(DataSource::Directory).unwrap_or_default();
    dataset::load(&source)
        .inspect_err(|problems| {
            for problem in problems {
                eprintln!("{problem}");
            }
        })
        .ok()
}
