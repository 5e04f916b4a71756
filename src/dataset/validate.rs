//! The rules a dataset must satisfy before it is served. Every rule reports
//! all its violations; nothing stops at the first.

use std::collections::HashSet;

use serde_json::Value;

use super::explain;
use super::files::{
    CodeEntry, CuratedComparison, FamilyFile, LibraryFile, MessageMeaning, Platform, RangeText,
    Reference, Sender, Signal, SignalKind,
};
use super::problem::FileProblems;
use super::rfc6455::{self, CodeRange};

/// Every string in a data file is required text: none may be blank.
pub fn check_no_blank_text(value: &Value, problems: &mut FileProblems) {
    let mut blanks = Vec::new();
    collect_blank_strings(value, String::new(), &mut blanks);
    for path in blanks {
        let (entry, field) = entry_for_path(value, &path);
        problems.report(entry, format!("`{field}` is empty"));
    }
}

fn collect_blank_strings(value: &Value, path: String, blanks: &mut Vec<String>) {
    match value {
        Value::String(text) if text.trim().is_empty() => blanks.push(path),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                collect_blank_strings(item, format!("{path}[{index}]"), blanks);
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                collect_blank_strings(item, child, blanks);
            }
        }
        _ => {}
    }
}

/// Turns a JSON path such as `codes[3].fix` into the entry it belongs to
/// (`code 1004`) and the field inside it (`fix`), so messages name what a
/// person editing the file looks for.
pub fn entry_for_path(value: &Value, path: &str) -> (Option<String>, String) {
    let (list, path_in_list) = match path.strip_prefix("codes") {
        Some(rest) => (&value["codes"], rest),
        None => (value, path),
    };
    let indexed = path_in_list
        .strip_prefix('[')
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(index, rest)| Some((index.parse::<usize>().ok()?, rest)));
    match indexed {
        Some((index, field)) => (
            Some(entry_name(&list[index], index)),
            field.trim_start_matches('.').to_owned(),
        ),
        None => (None, path.to_owned()),
    }
}

fn entry_name(item: &Value, index: usize) -> String {
    if let Some(code) = item["code"].as_u64() {
        format!("code {code}")
    } else if let Some(id) = item["id"].as_str() {
        format!("range {id}")
    } else if let (Some(a), Some(b)) = (item["a"].as_u64(), item["b"].as_u64()) {
        format!("comparison {a}-vs-{b}")
    } else {
        format!("entry {}", index + 1)
    }
}

pub fn is_http_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty() && !url.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

fn check_references(references: &[Reference], entry: &Option<String>, problems: &mut FileProblems) {
    if references.is_empty() {
        problems.report(
            entry.clone(),
            "has no references: every fact needs a source",
        );
    }
    for reference in references {
        check_url(reference, entry, problems);
    }
}

fn check_url(reference: &Reference, entry: &Option<String>, problems: &mut FileProblems) {
    if !is_http_url(&reference.url) {
        problems.report(
            entry.clone(),
            format!(
                "reference \"{}\" has URL \"{}\", which is not an http(s) URL",
                reference.title, reference.url
            ),
        );
    }
}

pub fn check_ranges(ranges: &[RangeText], problems: &mut FileProblems) {
    let mut seen = HashSet::new();
    for range in ranges {
        let entry = Some(format!("range {}", range.id));
        if CodeRange::from_id(&range.id).is_none() {
            problems.report(
                entry.clone(),
                format!(
                    "unknown range id; the RFC 6455 ranges are {}",
                    range_ids().join(", ")
                ),
            );
        }
        if !seen.insert(range.id.as_str()) {
            problems.report(entry.clone(), "range is described twice");
        }
        check_references(&range.references, &entry, problems);
    }
    for range in CodeRange::ALL {
        if !seen.contains(range.id()) {
            problems.report(
                Some(format!("range {}", range.id())),
                "range has no description",
            );
        }
    }
}

fn range_ids() -> Vec<&'static str> {
    CodeRange::ALL.iter().map(|range| range.id()).collect()
}

/// The first path segments the site keeps for itself: a family named like
/// one would replace those pages, or make its own framable (`embed`).
pub const RESERVED_SLUGS: [&str; 17] = [
    "api",
    "badge",
    "embed",
    "explain",
    "healthz",
    "llms.txt",
    "lookup",
    "mcp",
    "metrics",
    "oembed",
    "platforms",
    "problems",
    "robots.txt",
    "search",
    "sitemap.xml",
    "static",
    "ws",
];

/// `stem` is the file name without `.json`; it must equal the family's slug,
/// so a family's file is where its URL says.
pub fn check_family(
    stem: &str,
    family: &FamilyFile,
    seen_slugs: &mut HashSet<String>,
    problems: &mut FileProblems,
) {
    let family_entry = Some(format!("family {}", family.slug));
    let slug_is_valid = !family.slug.is_empty()
        && family
            .slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !slug_is_valid {
        problems.report(
            family_entry.clone(),
            "slug must be lowercase letters, digits and hyphens",
        );
    }
    if RESERVED_SLUGS.contains(&family.slug.as_str()) {
        problems.report(
            family_entry.clone(),
            format!(
                "slug \"{}\" is a path the site uses for itself; reserved: {}",
                family.slug,
                RESERVED_SLUGS.join(", ")
            ),
        );
    }
    if family.slug != stem {
        problems.report(
            family_entry.clone(),
            format!("slug does not match the file name ({stem}.json)"),
        );
    }
    if !seen_slugs.insert(family.slug.clone()) {
        problems.report(family_entry.clone(), "another file defines the same family");
    }
    check_url(&family.source, &family_entry, problems);

    let mut allowed = Vec::new();
    for id in &family.allowed_ranges {
        match CodeRange::from_id(id) {
            Some(range) => allowed.push(range),
            None => problems.report(
                family_entry.clone(),
                format!(
                    "allowed_ranges names unknown range \"{id}\"; known ranges are {}",
                    range_ids().join(", ")
                ),
            ),
        }
    }
    if family.codes.is_empty() {
        problems.report(family_entry, "family has no codes");
    }

    let numbers: HashSet<u32> = family.codes.iter().map(|code| code.code).collect();
    check_signals(&family.signals, &numbers, problems);
    let mut seen_codes = HashSet::new();
    for code in &family.codes {
        let entry = Some(format!("code {}", code.code));
        if !seen_codes.insert(code.code) {
            problems.report(entry.clone(), "code is listed twice in this family");
        }
        check_code(code, &allowed, &numbers, &entry, problems);
    }
}

fn check_code(
    code: &CodeEntry,
    allowed: &[CodeRange],
    family_numbers: &HashSet<u32>,
    entry: &Option<String>,
    problems: &mut FileProblems,
) {
    let Ok(number) = u16::try_from(code.code) else {
        problems.report(
            entry.clone(),
            "not a close code: close codes are 16-bit numbers (0–65535)",
        );
        return;
    };
    let range = CodeRange::of(number);
    if !allowed.contains(&range) {
        let allowed_ids: Vec<&str> = allowed.iter().map(|range| range.id()).collect();
        problems.report(
            entry.clone(),
            format!(
                "is in range {}, outside this family's allowed ranges ({})",
                range.id(),
                allowed_ids.join(", ")
            ),
        );
    }

    let expected_on_the_wire = rfc6455::may_appear_in_close_frame(number);
    if code.on_the_wire != expected_on_the_wire {
        let reason = if expected_on_the_wire {
            "on_the_wire is false, but RFC 6455 allows this code in a Close frame"
        } else {
            "on_the_wire is true, but RFC 6455 §7.4 forbids this code in a Close frame"
        };
        problems.report(entry.clone(), reason);
    }
    if (code.sender == Sender::Local) == code.on_the_wire {
        problems.report(
            entry.clone(),
            "sender \"local\" is for exactly the codes that never go on the wire",
        );
    }

    check_references(&code.references, entry, problems);
    let reconnect = &code.reconnect;
    match (&reconnect.source_says, &reconnect.source_reference) {
        (Some(_), Some(reference)) => check_url(reference, entry, problems),
        (None, None) => {}
        (Some(_), None) => problems.report(
            entry.clone(),
            "reconnect.source_says needs reconnect.source_reference: where the source says it",
        ),
        (None, Some(_)) => problems.report(
            entry.clone(),
            "reconnect.source_reference without reconnect.source_says",
        ),
    }
    let mut seen_languages = HashSet::new();
    for snippet in &code.snippets {
        if !seen_languages.insert(snippet.language) {
            problems.report(
                entry.clone(),
                format!("two snippets for {}", snippet.language.label()),
            );
        }
    }
    for mistake in &code.mistakes {
        check_references(&mistake.references, entry, problems);
    }

    let mut seen_related = HashSet::new();
    for related in &code.related {
        if *related == code.code {
            problems.report(entry.clone(), "lists itself as a related code");
        } else if !family_numbers.contains(related) {
            problems.report(
                entry.clone(),
                format!("related code {related} does not exist in this family"),
            );
        }
        if !seen_related.insert(related) {
            problems.report(
                entry.clone(),
                format!("related code {related} is listed twice"),
            );
        }
    }
}

/// `comparisons/{stem}.json` must belong to a family, and name each pair of
/// its codes once, lower code first.
pub fn check_curated(
    stem: &str,
    family: Option<&FamilyFile>,
    entries: &[CuratedComparison],
    problems: &mut FileProblems,
) {
    let Some(family) = family else {
        problems.report(
            None,
            format!("there is no family \"{stem}\" to compare codes of"),
        );
        return;
    };
    let numbers: HashSet<u32> = family.codes.iter().map(|code| code.code).collect();
    let mut seen = HashSet::new();
    for entry in entries {
        let name = Some(format!("comparison {}-vs-{}", entry.a, entry.b));
        // A number the family does not define may only stand for itself as a
        // private-use number, and only opposite one of the family's codes.
        let undefined: Vec<u32> = [entry.a, entry.b]
            .into_iter()
            .filter(|number| !numbers.contains(number))
            .collect();
        let private_use = |number: &u32| {
            u16::try_from(*number).is_ok_and(|n| CodeRange::of(n) == CodeRange::Private)
        };
        if undefined.len() == 2 || !undefined.iter().all(private_use) {
            for number in undefined {
                problems.report(
                    name.clone(),
                    format!(
                        "family {stem} has no code {number} (a number it does not define must be a private-use number, 4000-4999, compared with one of its codes)"
                    ),
                );
            }
        }
        if entry.a >= entry.b {
            problems.report(name.clone(), "put the lower code first (a < b)");
        }
        if !seen.insert((entry.a, entry.b)) {
            problems.report(name.clone(), "this pair is curated twice");
        }
        check_references(&entry.references, &name, problems);
    }
}

/// Shorter than this, a name or signal would match inside unrelated words.
const MIN_SIGNAL_CHARS: usize = 3;

/// Enough letters and digits that a message cannot match an unrelated line.
const MIN_PATTERN_CHARS: usize = 8;

/// What the automaton looks for first must itself be distinctive.
const MIN_ANCHOR_CHARS: usize = 4;

fn alphanumerics(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphanumeric()).count()
}

fn check_signals(signals: &[Signal], numbers: &HashSet<u32>, problems: &mut FileProblems) {
    let mut seen = HashSet::new();
    for signal in signals {
        let entry = Some(format!("signal \"{}\"", signal.text));
        if alphanumerics(&signal.text) < MIN_SIGNAL_CHARS {
            problems.report(
                entry.clone(),
                format!("a signal needs at least {MIN_SIGNAL_CHARS} letters or digits"),
            );
        }
        if !seen.insert(signal.text.to_lowercase()) {
            problems.report(entry.clone(), "signal is listed twice");
        }
        match (signal.kind, signal.code) {
            (SignalKind::Reason, None) => {
                problems.report(entry.clone(), "a reason signal names the `code` it stands for")
            }
            (SignalKind::Reason, Some(code)) if !numbers.contains(&code) => problems.report(
                entry.clone(),
                format!("code {code} does not exist in this family"),
            ),
            (SignalKind::Name | SignalKind::Host | SignalKind::Subprotocol, Some(_)) => problems
                .report(
                    entry.clone(),
                    "only a reason signal names a code; names, hosts and subprotocols point at the family",
                ),
            _ => {}
        }
        check_url(&signal.reference, &entry, problems);
    }
}

/// `libraries/{stem}.json`: its family exists, every name and pattern is
/// distinctive, every code it implies exists, every message cites its source.
/// `family_paths` lists every family file, so that a family whose file is
/// broken (and already reported) is not reported again as missing;
/// `library_paths` every library file, so that a copy named after another
/// file is the one reported, whichever is read first.
pub fn check_library(
    stem: &str,
    library: &LibraryFile,
    families: &[FamilyFile],
    family_paths: &[String],
    library_paths: &[String],
    problems: &mut FileProblems,
) {
    let entry = Some(format!("library {}", library.slug));
    let slug_is_valid = !library.slug.is_empty()
        && library
            .slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !slug_is_valid || library.slug != stem {
        problems.report(
            entry.clone(),
            format!("slug must be lowercase letters, digits and hyphens, and match the file name ({stem}.json)"),
        );
        // File names are unique, so only a misnamed file can repeat a slug.
        let owner = format!("libraries/{}.json", library.slug);
        if library_paths.contains(&owner) {
            problems.report(
                entry.clone(),
                format!("another file ({owner}) defines the same library"),
            );
        }
    }
    check_url(
        &Reference {
            title: library.name.clone(),
            url: library.url.clone(),
        },
        &entry,
        problems,
    );
    // None: no such family; Some(None): its file is broken.
    let family_codes = |slug: &str| match families.iter().find(|family| family.slug == slug) {
        Some(family) => Some(Some(
            family
                .codes
                .iter()
                .map(|code| code.code)
                .collect::<HashSet<u32>>(),
        )),
        None => family_paths
            .contains(&format!("families/{slug}.json"))
            .then_some(None),
    };
    if family_codes(&library.family).is_none() {
        problems.report(
            entry.clone(),
            format!("there is no family \"{}\"", library.family),
        );
    }
    for name in &library.names {
        if alphanumerics(name) < MIN_SIGNAL_CHARS {
            problems.report(
                entry.clone(),
                format!("name \"{name}\" needs at least {MIN_SIGNAL_CHARS} letters or digits"),
            );
        }
    }
    if library.messages.is_empty() {
        problems.report(entry, "library has no messages");
    }
    for message in &library.messages {
        let entry = Some(format!("message \"{}\"", message.pattern));
        let (has_code, stray_brace) = explain::placeholders(&message.pattern);
        let (literal, anchor) = explain::literal_length(&message.pattern);
        if stray_brace {
            problems.report(entry.clone(), "the only placeholders are {code} and {text}");
        }
        if literal < MIN_PATTERN_CHARS || anchor < MIN_ANCHOR_CHARS {
            problems.report(
                entry.clone(),
                format!("a pattern needs {MIN_PATTERN_CHARS} letters or digits in all, and {MIN_ANCHOR_CHARS} before its first placeholder or after a leading {{code}}"),
            );
        }
        match (has_code, message.code, message.meaning) {
            (false, None, _) => problems.report(
                entry.clone(),
                "a message that prints no {code} names the `code` it means",
            ),
            (true, Some(_), MessageMeaning::Close) => problems.report(
                entry.clone(),
                "a message that prints its {code} needs no `code` (unless its meaning is invalid-code)",
            ),
            _ => {}
        }
        let family = message.family.as_deref().unwrap_or(&library.family);
        match (family_codes(family), message.code) {
            // A library's own missing family is reported once, above.
            (None, _) if message.family.is_some() => {
                problems.report(entry.clone(), format!("there is no family \"{family}\""))
            }
            (Some(Some(codes)), Some(code)) if !codes.contains(&code) => problems.report(
                entry.clone(),
                format!("code {code} does not exist in family {family}"),
            ),
            _ => {}
        }
        for id in &message.ranges {
            if CodeRange::from_id(id).is_none() {
                problems.report(
                    entry.clone(),
                    format!(
                        "ranges names unknown range \"{id}\"; known ranges are {}",
                        range_ids().join(", ")
                    ),
                );
            }
        }
        check_url(&message.source, &entry, problems);
    }
}

/// The platforms: unique slugs, a note wherever a figure is not documented,
/// codes a client can see, and a cited source for each.
pub fn check_platforms(platforms: &[Platform], problems: &mut FileProblems) {
    let mut seen = HashSet::new();
    for platform in platforms {
        let entry = Some(format!("platform {}", platform.slug));
        let slug_ok = !platform.slug.is_empty()
            && platform
                .slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !slug_ok {
            problems.report(
                entry.clone(),
                "slug must be lowercase letters, digits and -",
            );
        }
        if !seen.insert(platform.slug.as_str()) {
            problems.report(entry.clone(), "another platform has the same slug");
        }
        if platform.idle_timeout_seconds.is_none() && platform.idle_timeout_note.is_none() {
            problems.report(
                entry.clone(),
                "idle_timeout_seconds is null: idle_timeout_note must say what the documentation says instead",
            );
        }
        if platform.client_sees.is_empty() {
            problems.report(entry.clone(), "client_sees lists no close code");
        }
        for code in &platform.client_sees {
            if !(1000..=4999).contains(code) {
                problems.report(
                    entry.clone(),
                    format!("client_sees {code}: a client sees codes from 1000 to 4999"),
                );
            }
        }
        check_references(&platform.references, &entry, problems);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_urls_need_a_scheme_and_a_host() {
        assert!(is_http_url("https://www.rfc-editor.org/rfc/rfc6455"));
        assert!(is_http_url("http://example.org"));
        assert!(!is_http_url("ftp://example.org"));
        assert!(!is_http_url("https://"));
        assert!(!is_http_url("https:///path"));
        assert!(!is_http_url("www.example.org"));
        assert!(!is_http_url("https://exa mple.org"));
    }

    #[test]
    fn paths_map_to_the_entry_a_person_looks_for() {
        let value = serde_json::json!({"codes": [{"code": 1000}, {"code": 1001, "fix": ""}]});
        assert_eq!(
            entry_for_path(&value, "codes[1].fix"),
            (Some("code 1001".to_owned()), "fix".to_owned())
        );
        assert_eq!(entry_for_path(&value, "name"), (None, "name".to_owned()));
        let ranges = serde_json::json!([{"id": "0-999"}]);
        assert_eq!(
            entry_for_path(&ranges, "[0].name"),
            (Some("range 0-999".to_owned()), "name".to_owned())
        );
    }
}
