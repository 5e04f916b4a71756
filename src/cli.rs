//! The `closecodes` command line: serve (the default), `check DIR`, `lookup N`,
//! `explain TEXT`, `export DIR`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::configuration::{ServeArgs, Settings};
use crate::dataset::rfc6455::{self, CodeRange};
use std::io::Read;

use crate::dataset::answers::ExplainAnswer;
use crate::dataset::explain::Explanation;
use crate::dataset::{self, Code, DataSource, Edition};
use crate::startup::Application;
use crate::telemetry;
use crate::urls::PublicUrl;

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
    let source = data.map(DataSource::Directory).unwrap_or_default();
    let dataset = match dataset::load(&source) {
        Ok(dataset) => dataset,
        Err(problems) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            return ExitCode::FAILURE;
        }
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
            print!("{}", describe_explanation(edition, &explanation));
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
        print!("{}", describe(edition, number))
    })
}

/// Loads the dataset and runs `answer` on the edition in `lang`; a broken
/// dataset or an unknown language is reported instead.
fn with_edition(
    data: Option<PathBuf>,
    lang: &str,
    answer: impl FnOnce(&dataset::Dataset, &Edition),
) -> ExitCode {
    let source = data.map(DataSource::Directory).unwrap_or_default();
    match dataset::load(&source) {
        Ok(dataset) => match dataset.edition(lang) {
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
        },
        Err(problems) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            ExitCode::FAILURE
        }
    }
}

/// The terminal answer for `lookup`: the number's range and every family's entry.
fn describe(edition: &Edition, number: u16) -> String {
    let ui = &edition.ui;
    let range = edition.range(CodeRange::of(number));
    let mut out = format!(
        "{number}\n  {}: {}–{} {}\n  {}\n  {}: {} · {}: {}\n",
        ui.facts.range,
        range.first,
        range.last,
        range.name,
        range.description.replace('`', ""),
        ui.facts.on_the_wire,
        ui.yes_no(&rfc6455::may_appear_in_close_frame(number)),
        ui.facts.browser_can_send,
        ui.yes_no(&rfc6455::browser_can_send(number)),
    );
    let entries = edition.entries_numbered(number);
    if entries.is_empty() {
        out.push_str(&format!("\n  {}\n", ui.private_use.no_meanings));
    }
    for code in entries {
        out.push('\n');
        out.push_str(&describe_code(edition, code));
    }
    out
}

/// One code in the terminal: name, summary, when, fix, reconnect, page.
fn describe_code(edition: &Edition, code: &Code) -> String {
    let ui = &edition.ui;
    format!(
        "{} {} ({})\n  {}\n\n  {}\n  {}\n\n  {}\n  {}\n\n  {}: {} — {}\n  {}\n",
        code.code,
        code.name,
        code.family,
        code.summary,
        ui.headings.when,
        code.when,
        ui.headings.fix,
        code.fix,
        ui.facts.reconnect,
        ui.advice(&code.reconnect.advice),
        code.reconnect.detail,
        code.url,
    )
}

/// The terminal answer for `explain`: the best candidate in full with its
/// evidence, the others in a line each, and numbers nobody defines.
fn describe_explanation(edition: &Edition, explanation: &Explanation) -> String {
    let labels = &edition.ui.explain;
    let mut out = String::new();
    let candidates = explanation.localized(edition);
    for (rank, localized) in candidates.iter().enumerate() {
        let entry = localized.entry;
        if rank == 0 {
            out.push_str(&format!(
                "{}: {}\n\n{}\n  {}:\n",
                labels.best_label,
                labels.confidence_of(localized.candidate.confidence),
                describe_code(edition, entry),
                labels.evidence_label,
            ));
            for sentence in &localized.evidence {
                out.push_str(&format!("  - {}\n", sentence.replace('`', "")));
            }
        } else {
            if rank == 1 {
                out.push_str(&format!("\n{}:\n", labels.others_label));
            }
            out.push_str(&format!(
                "  {} {} ({}) — {} — {}\n",
                entry.code,
                entry.name,
                entry.family,
                labels.confidence_of(localized.candidate.confidence),
                entry.url
            ));
        }
    }
    for observed in &explanation.observed.codes {
        if observed.defined_by.is_empty() {
            let undefined = labels
                .undefined_number
                .replace("{code}", &observed.code.to_string());
            out.push_str(&format!(
                "\n{undefined}\n{}",
                describe(edition, observed.code)
            ));
        }
    }
    if !explanation.platforms.is_empty() {
        let platform_labels = &edition.ui.platforms;
        out.push_str(&format!("\n{}:\n", platform_labels.explain_heading));
        for hint in &explanation.platforms {
            out.push_str(&format!(
                "  {} — {}\n",
                hint.name,
                platform_labels.hint(hint)
            ));
        }
    }
    if candidates.is_empty() && explanation.observed.codes.is_empty() {
        out.push_str(&format!("{}\n", labels.nothing));
    }
    out
}
