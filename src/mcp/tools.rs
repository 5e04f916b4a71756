//! The tools: each reads its arguments, refuses bad ones with a tool error
//! the model can read (`isError`), and answers with text to quote plus the
//! API's JSON for the same question as structured content.

use rmcp::ErrorData;
use rmcp::model::{CallToolResult, ContentBlock, JsonObject, Tool, ToolAnnotations};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::Closecodes;
use crate::dataset::answers::{Comparison, ExplainAnswer, FamilyList, Lookup, SearchAnswer};
use crate::dataset::files::{Reconnect, Reference};
use crate::dataset::search::CodeFilters;
use crate::dataset::{self, Code, Edition, Family, plain};
use crate::http::checks::{checked_query, checked_text, edition_for, find_family};
use crate::urls::{EXPLAIN_PATH, SEARCH_PATH, lab, lookup_url};

/// Search answers list at most this many results in their text (all are in
/// the structured content).
const TEXT_RESULTS: usize = 10;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LookupArgs {
    /// The close code: an integer from 0 to 65535.
    pub code: i64,
    /// Only this family's entry (e.g. `websocket`, `discord-gateway`); every family's when left out.
    pub family: Option<String>,
    /// The language of the answer: `en` (the default) or `vi`.
    pub lang: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExplainArgs {
    /// A log line, an exception, a few lines of a stack trace, or a close event dump such as `{"code":1006,"reason":"","wasClean":false}`.
    pub text: String,
    /// The language of the answer: `en` (the default) or `vi`.
    pub lang: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompareArgs {
    /// The family both codes belong to, e.g. `websocket`.
    pub family: String,
    /// One close code of the family.
    pub a: i64,
    /// Another close code of the same family.
    pub b: i64,
    /// The language of the answer: `en` (the default) or `vi`.
    pub lang: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SearchArgs {
    /// A code number (`1009`), a name (`going away`) or words from the texts (`maxPayload`).
    pub query: String,
    /// Only codes of this family.
    pub family: Option<String>,
    /// The language of the answer: `en` (the default) or `vi`.
    pub lang: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LangArgs {
    /// The language of the answer: `en` (the default) or `vi`.
    pub lang: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReconnectArgs {
    /// The family whose code it is, e.g. `websocket`, `discord-gateway`.
    pub family: String,
    /// The close code the client received.
    pub code: i64,
    /// The language of the answer: `en` (the default) or `vi`.
    pub lang: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LabArgs {
    /// The run id the client connected to the lab with (`/ws/lab/{case}?run=RUN`).
    pub run: String,
    /// The language of the answer: `en` (the default) or `vi`.
    pub lang: Option<String>,
}

/// `should_reconnect`'s structured content.
#[derive(Debug, Serialize)]
pub struct ReconnectAnswer {
    pub dataset_version: String,
    pub lang: String,
    pub family: String,
    pub code: u16,
    pub name: String,
    #[serde(flatten)]
    pub reconnect: Reconnect,
    pub references: Vec<Reference>,
    pub url: String,
}

/// A tool's answer before it goes on the wire.
struct Answer {
    text: String,
    structured: serde_json::Value,
}

type Outcome = Result<Answer, String>;

/// Every tool: name, description and the schema of its arguments.
pub fn list() -> Vec<Tool> {
    let read_only = ToolAnnotations::new().read_only(true).open_world(false);
    let tool = |name: &'static str, description: &'static str, schema| {
        Tool::new(name, description, schema).with_annotations(read_only.clone())
    };
    use rmcp::handler::server::common::schema_for_type as schema;
    vec![
        tool(
            "lookup_close_code",
            "What a close code number means: every family's entry for it (RFC 6455, Discord, Pusher…), or what its range means when no family defines it.",
            schema::<LookupArgs>(),
        ),
        tool(
            "explain_close_event",
            "Which close code of which family a pasted log line, exception or close event is about: candidates best first, each with the evidence read from the text.",
            schema::<ExplainArgs>(),
        ),
        tool(
            "compare_close_codes",
            "Two codes of one family side by side: their facts, how they differ, and when to use which.",
            schema::<CompareArgs>(),
        ),
        tool(
            "search_close_codes",
            "Search every code by number, name or words from its texts.",
            schema::<SearchArgs>(),
        ),
        tool(
            "list_families",
            "Every family of close codes in the dataset, with its source and number of codes.",
            schema::<LangArgs>(),
        ),
        tool(
            "should_reconnect",
            "Whether a client should reconnect after a code: what the family's own source says, our advice and how.",
            schema::<ReconnectArgs>(),
        ),
        tool(
            "lab_report",
            "A close-handling lab run's report: each case's verdict, what the server saw and what a conformant client does.",
            schema::<LabArgs>(),
        ),
    ]
}

/// Runs the tool `name`; an unknown tool is a protocol error, anything wrong
/// with the arguments a tool error.
pub fn call(
    server: &Closecodes,
    name: &str,
    arguments: Option<JsonObject>,
) -> Result<CallToolResult, ErrorData> {
    let arguments = serde_json::Value::Object(arguments.unwrap_or_default());
    let outcome = match name {
        "lookup_close_code" => with_args(name, arguments, |args| lookup(server, args)),
        "explain_close_event" => with_args(name, arguments, |args| explain(server, args)),
        "compare_close_codes" => with_args(name, arguments, |args| compare(server, args)),
        "search_close_codes" => with_args(name, arguments, |args| search(server, args)),
        "list_families" => with_args(name, arguments, |args| list_families(server, args)),
        "should_reconnect" => with_args(name, arguments, |args| should_reconnect(server, args)),
        "lab_report" => with_args(name, arguments, |args| lab_report(server, args)),
        _ => {
            return Err(ErrorData::invalid_params(
                format!("no tool \"{name}\"; tools/list names them"),
                None,
            ));
        }
    };
    Ok(match outcome {
        Ok(answer) => {
            let mut result = CallToolResult::success(vec![ContentBlock::text(answer.text)]);
            result.structured_content = Some(answer.structured);
            result
        }
        Err(refusal) => CallToolResult::error(vec![ContentBlock::text(refusal)]),
    })
}

/// Reads the arguments, naming the one at fault when they do not fit.
fn with_args<T: DeserializeOwned>(
    tool: &str,
    arguments: serde_json::Value,
    run: impl FnOnce(T) -> Outcome,
) -> Outcome {
    match serde_path_to_error::deserialize(arguments) {
        Ok(args) => run(args),
        Err(error) => {
            let path = error.path().to_string();
            let at = if path == "." {
                String::new()
            } else {
                format!(" `{path}`")
            };
            Err(format!(
                "{tool}: bad argument{at}: {}; tools/list gives the arguments' schema",
                error.inner()
            ))
        }
    }
}

fn answer(text: String, structured: &impl Serialize) -> Outcome {
    // Through text, as the API writes it: `to_value` would widen an `f32`
    // confidence of 0.99 to 0.9900000095367432.
    let json = serde_json::to_string(structured).expect("answers serialize");
    Ok(Answer {
        text,
        structured: serde_json::from_str(&json).expect("answers read back"),
    })
}

fn edition<'a>(server: &'a Closecodes, lang: Option<&str>) -> Result<&'a Edition, String> {
    edition_for(&server.dataset, lang).map_err(|problem| problem.detail)
}

fn family<'a>(edition: &'a Edition, slug: &str) -> Result<&'a Family, String> {
    find_family(edition, slug).map_err(|problem| problem.detail)
}

fn close_code(argument: &str, value: i64) -> Result<u16, String> {
    u16::try_from(value).map_err(|_| {
        format!("`{argument}` is {value}, which is not a close code: close codes are integers from 0 to 65535")
    })
}

fn code_of(family: &Family, number: u16) -> Result<&Code, String> {
    family.code(number).ok_or_else(|| {
        format!(
            "family \"{}\" has no code {number}; lookup_close_code tells what {number} means in every family",
            family.slug
        )
    })
}

/// The page's absolute address, then the sources, one per line.
fn cited(edition: &Edition, base: &str, page: &str, sources: &[&Reference]) -> String {
    let mut out = format!("\n{base}{page}\n");
    let mut seen = Vec::new();
    for source in sources {
        if !seen.contains(&&source.url) {
            if seen.is_empty() {
                out.push_str(&format!("{}:\n", edition.ui.headings.references));
            }
            seen.push(&source.url);
            out.push_str(&format!("  - {}: {}\n", source.title, source.url));
        }
    }
    out
}

fn lookup(server: &Closecodes, args: LookupArgs) -> Outcome {
    let edition = edition(server, args.lang.as_deref())?;
    let number = close_code("code", args.code)?;
    let mut answer_of = Lookup::of(edition, number);
    let mut text = String::new();
    if let Some(slug) = &args.family {
        let family = family(edition, slug)?;
        answer_of.entries.retain(|code| code.family == family.slug);
        if answer_of.entries.is_empty() {
            text.push_str(&format!("{} ({}): —\n\n", family.name, family.slug));
        }
    }
    let entries: Vec<&Code> = answer_of.entries.iter().collect();
    let base = server.public_url.as_str();
    text.push_str(&plain::describe(edition, number, &entries, base));
    let mut sources: Vec<&Reference> = entries.iter().flat_map(|c| &c.references).collect();
    sources.extend(&answer_of.range.references);
    text.push_str(&cited(
        edition,
        base,
        &edition.page_url(&lookup_url(number)),
        &sources,
    ));
    answer(text, &answer_of)
}

fn explain(server: &Closecodes, args: ExplainArgs) -> Outcome {
    let edition = edition(server, args.lang.as_deref())?;
    let text = checked_text(&args.text).map_err(|problem| problem.detail)?;
    let explanation = dataset::explain::explain(&server.dataset, edition, text);
    let explained = ExplainAnswer::of(edition, text, &explanation);
    let base = server.public_url.as_str();
    let mut out = plain::describe_explanation(edition, &explanation, base);
    let sources: Vec<&Reference> = explained
        .candidates
        .first()
        .map(|best| best.entry.references.iter().collect())
        .unwrap_or_default();
    let page = format!(
        "{}?{}",
        edition.page_url(EXPLAIN_PATH),
        form_urlencoded::Serializer::new(String::new())
            .append_pair("text", text)
            .finish()
    );
    out.push_str(&cited(edition, base, &page, &sources));
    answer(out, &explained)
}

fn compare(server: &Closecodes, args: CompareArgs) -> Outcome {
    let edition = edition(server, args.lang.as_deref())?;
    let (a, b) = (close_code("a", args.a)?, close_code("b", args.b)?);
    let family = family(edition, &args.family)?;
    let (a, b) = (code_of(family, a)?, code_of(family, b)?);
    if a.code == b.code {
        return Err(format!(
            "compare two different codes, not {} with itself",
            a.code
        ));
    }
    let (a, b) = if a.code < b.code { (a, b) } else { (b, a) };
    let comparison = Comparison::of(edition, family, a, b);
    let ui = &edition.ui;
    let mut text = format!(
        "{} {} vs {} {} ({})\n\n  {} {}: {}\n  {} {}: {}\n\n{}:\n",
        a.code,
        a.name,
        b.code,
        b.name,
        family.name,
        a.code,
        a.name,
        a.summary,
        b.code,
        b.name,
        b.summary,
        ui.headings.key_differences,
    );
    for row in comparison.key_differences.iter().filter(|row| row.differs) {
        text.push_str(&format!(
            "  - {}: {} {} · {} {}\n",
            row.fact.label(ui),
            a.code,
            row.a.label(ui),
            b.code,
            row.b.label(ui)
        ));
    }
    text.push_str(&format!("\n{}:\n", ui.headings.when_to_use_which));
    for line in &comparison.guidance {
        text.push_str(&format!("  - {}\n", line.replace('`', "")));
    }
    let mut sources: Vec<&Reference> = a.references.iter().chain(&b.references).collect();
    if let Some(curated) = &comparison.curated {
        text.push_str(&format!(
            "  - {}\n",
            curated.when_to_use_which.replace('`', "")
        ));
        sources.extend(&curated.references);
    }
    text.push_str(&cited(
        edition,
        server.public_url.as_str(),
        &comparison.url,
        &sources,
    ));
    answer(text, &comparison)
}

fn search(server: &Closecodes, args: SearchArgs) -> Outcome {
    let edition = edition(server, args.lang.as_deref())?;
    let query = checked_query(&args.query)
        .map_err(|problem| problem.detail.replace("query `q`", "argument `query`"))?;
    if let Some(slug) = &args.family {
        family(edition, slug)?;
    }
    let hits = dataset::search::search(
        edition,
        query,
        args.family.as_deref(),
        &CodeFilters::default(),
    );
    let found = SearchAnswer::of(edition, query, args.family.clone(), &hits);
    let base = server.public_url.as_str();
    let labels = &edition.ui.search;
    let mut text = if found.total == 0 {
        format!("{}\n", labels.no_results.replace("{query}", query))
    } else {
        format!("{query}: {}\n", found.total)
    };
    for result in found.results.iter().take(TEXT_RESULTS) {
        let code = &result.entry;
        text.push_str(&format!(
            "  {} {} ({}): {} {base}{}\n",
            code.code,
            code.name,
            code.family,
            code.summary.replace('`', ""),
            code.url
        ));
    }
    if let Some(number) = &found.number {
        text.push('\n');
        text.push_str(&plain::describe(edition, number.number, &[], base));
    }
    let page = format!(
        "{}?{}",
        edition.page_url(SEARCH_PATH),
        form_urlencoded::Serializer::new(String::new())
            .append_pair("q", query)
            .finish()
    );
    let sources: Vec<&Reference> = found
        .results
        .first()
        .map(|best| best.entry.references.iter().collect())
        .unwrap_or_default();
    text.push_str(&cited(edition, base, &page, &sources));
    answer(text, &found)
}

fn list_families(server: &Closecodes, args: LangArgs) -> Outcome {
    let edition = edition(server, args.lang.as_deref())?;
    let families = FamilyList::of(edition);
    let base = server.public_url.as_str();
    let mut text = String::new();
    for family in &families.families {
        text.push_str(&format!(
            "{} (`{}`): {} {}\n  {}\n  {}: {} {}\n  {base}{}\n\n",
            family.name,
            family.slug,
            family.code_count,
            edition.ui.headings.codes.to_lowercase(),
            family.description.replace('`', ""),
            edition.ui.headings.references,
            family.source.title,
            family.source.url,
            family.url,
        ));
    }
    answer(text, &families)
}

fn should_reconnect(server: &Closecodes, args: ReconnectArgs) -> Outcome {
    let edition = edition(server, args.lang.as_deref())?;
    let number = close_code("code", args.code)?;
    let family = family(edition, &args.family)?;
    let code = code_of(family, number)?;
    let ui = &edition.ui;
    let reconnect = &code.reconnect;
    let mut text = format!(
        "{} {} ({})\n  {}: {}\n  {}\n  {}: {}",
        code.code,
        code.name,
        family.name,
        ui.facts.reconnect,
        ui.advice(&reconnect.advice),
        reconnect.detail.replace('`', ""),
        ui.facts.source_says,
        ui.source_says(&reconnect.source_says),
    );
    let mut sources: Vec<&Reference> = Vec::new();
    if let Some(reference) = &reconnect.source_reference {
        text.push_str(&format!(" ({}: {})", reference.title, reference.url));
        sources.push(reference);
    }
    text.push('\n');
    sources.extend(&code.references);
    text.push_str(&cited(
        edition,
        server.public_url.as_str(),
        &code.url,
        &sources,
    ));
    let structured = ReconnectAnswer {
        dataset_version: edition.version.clone(),
        lang: edition.lang.clone(),
        family: family.slug.clone(),
        code: code.code,
        name: code.name.clone(),
        reconnect: reconnect.clone(),
        references: code.references.clone(),
        url: code.url.clone(),
    };
    answer(text, &structured)
}

fn lab_report(server: &Closecodes, args: LabArgs) -> Outcome {
    let edition = edition(server, args.lang.as_deref())?;
    if !lab::is_run_id(&args.run) {
        return Err(format!(
            "`run` must be a run id: 1 to 64 letters, digits, `-` or `_` (got {:?})",
            args.run
        ));
    }
    let base = server.public_url.as_str();
    let Some(reports) = &server.lab else {
        return Err(format!(
            "this MCP server runs no lab: lab runs live in the memory of the closecodes server the client connected to. Ask that server's /mcp endpoint, or read {base}{}",
            lab::run_api_url(&args.run)
        ));
    };
    let report = reports(&args.run, edition);
    answer(describe_report(edition, &report, base), &report)
}

/// A report's text, from its JSON (the lab's `/api/v1/lab/runs/{run}`):
/// the counts, then every failed case with what was seen and expected.
fn describe_report(edition: &Edition, report: &serde_json::Value, base: &str) -> String {
    let labels = &edition.ui.lab;
    let field = |value: &serde_json::Value| match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    let summary = &report["summary"];
    let run = field(&report["run"]);
    let counts = labels
        .summary
        .replace("{pass}", &field(&summary["pass"]))
        .replace("{fail}", &field(&summary["fail"]))
        .replace("{info}", &field(&summary["info"]))
        .replace("{not_run}", &field(&summary["not_run"]));
    let mut text = format!("{}: {counts}\n", labels.report_title.replace("{run}", &run));
    if report["recorded"] == false {
        let first_case = format!(
            "{base}{}",
            lab::case_url(&field(&report["cases"][0]["id"]), &run)
        );
        let connect = labels
            .nothing_recorded_connect
            .replace("{run}", &run)
            .replace("{seconds}", &field(&report["kept_seconds"]))
            .replace("{url}", &first_case);
        text.push_str(&format!("{connect}\n"));
    }
    for case in report["cases"].as_array().into_iter().flatten() {
        if case["verdict"] == "fail" {
            text.push_str(&format!(
                "\n{}: {} ({})\n  {}: {}\n  {}: {}\n",
                labels.verdict_fail,
                field(&case["id"]),
                field(&case["title"]),
                labels.observed_column,
                field(&case["observed"]),
                labels.expected_column,
                field(&case["expected"]),
            ));
        }
    }
    text.push_str(&format!(
        "\n{base}{}\n{}\n",
        field(&report["page"]),
        field(&report["note"])
    ));
    text
}
