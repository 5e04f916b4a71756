//! Answers as plain text: what `closecodes lookup` and `explain` print, and
//! the text of the MCP tools' answers. Links are `base` followed by the
//! page's path (`base` empty for paths alone).

use super::explain::Explanation;
use super::rfc6455::{self, CodeRange};
use super::{Code, Edition};

/// The answer for a number: its range, its rules and the `entries` given
/// (every family's, for `lookup`).
pub fn describe(edition: &Edition, number: u16, entries: &[&Code], base: &str) -> String {
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
    if entries.is_empty() {
        out.push_str(&format!("\n  {}\n", ui.private_use.no_meanings));
    }
    for code in entries {
        out.push('\n');
        out.push_str(&describe_code(edition, code, base));
    }
    out
}

/// One code in the terminal: name, summary, when, fix, reconnect, page.
pub fn describe_code(edition: &Edition, code: &Code, base: &str) -> String {
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
        format_args!("{base}{}", code.url),
    )
}

/// The terminal answer for `explain`: the best candidate in full with its
/// evidence, the others in a line each, and numbers nobody defines.
pub fn describe_explanation(edition: &Edition, explanation: &Explanation, base: &str) -> String {
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
                describe_code(edition, entry, base),
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
                format_args!("{base}{}", entry.url)
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
                describe(edition, observed.code, &[], base)
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
