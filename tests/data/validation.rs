//! One broken dataset per validation rule: loading must fail and name the
//! file, the entry and the reason.

use closecodes::dataset::{self, DataProblem, DataSource};
use serde_json::{Value, json};

use crate::DatasetCopy;

fn problems(copy: &DatasetCopy) -> Vec<DataProblem> {
    match dataset::load(&DataSource::Directory(copy.path().to_owned())) {
        Ok(_) => panic!("the broken dataset loaded"),
        Err(problems) => problems,
    }
}

/// Asserts that exactly one problem was found, in `file`, at `entry`, saying `reason`.
fn assert_one_problem(copy: &DatasetCopy, file: &str, entry: Option<&str>, reason: &str) {
    let problems = problems(copy);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let problem = &problems[0];
    assert!(problem.file.ends_with(file), "{problem}");
    assert_eq!(problem.entry.as_deref(), entry, "{problem}");
    assert!(problem.message.contains(reason), "{problem}");
}

#[test]
fn the_built_in_dataset_is_valid() {
    let dataset = dataset::load(&DataSource::Embedded).unwrap();
    assert_eq!(dataset.source().families.len(), 13);
    let standard = &dataset.source().families[0];
    assert_eq!(standard.slug, "websocket", "the standard codes come first");
    assert_eq!(standard.codes.len(), 19);
    assert_eq!(standard.pairs().count(), 171);
    // The copy on disk is the same dataset.
    assert!(dataset::load(&DataSource::Directory(crate::helpers::repo_path("data"))).is_ok());
}

#[test]
fn malformed_json() {
    let copy = DatasetCopy::of_built_in();
    copy.write("families/websocket.json", "{\"slug\": \"websocket\",");
    assert_one_problem(&copy, "families/websocket.json", None, "malformed JSON");
}

#[test]
fn duplicate_code() {
    let copy = DatasetCopy::of_built_in();
    copy.edit("families/websocket.json", |family| {
        let first = family["codes"][0].clone();
        family["codes"].as_array_mut().unwrap().push(first);
    });
    assert_one_problem(
        &copy,
        "families/websocket.json",
        Some("code 1000"),
        "listed twice",
    );
}

fn add_code(copy: &DatasetCopy, number: u64) {
    copy.edit("families/websocket.json", |family| {
        let mut code = family["codes"][0].clone();
        code["code"] = json!(number);
        code["related"] = json!([]);
        family["codes"].as_array_mut().unwrap().push(code);
    });
}

#[test]
fn code_outside_the_family_ranges() {
    let copy = DatasetCopy::of_built_in();
    add_code(&copy, 4100);
    assert_one_problem(
        &copy,
        "families/websocket.json",
        Some("code 4100"),
        "outside this family's allowed ranges (1000-2999, 3000-3999)",
    );
}

#[test]
fn number_that_is_not_a_close_code() {
    let copy = DatasetCopy::of_built_in();
    add_code(&copy, 70000);
    assert_one_problem(
        &copy,
        "families/websocket.json",
        Some("code 70000"),
        "16-bit",
    );
}

#[test]
fn empty_required_text() {
    let copy = DatasetCopy::of_built_in();
    copy.edit_code(1009, |code| code["fix"] = json!("   "));
    assert_one_problem(
        &copy,
        "families/websocket.json",
        Some("code 1009"),
        "`fix` is empty",
    );
}

#[test]
fn missing_required_field() {
    let copy = DatasetCopy::of_built_in();
    copy.edit_code(1002, |code| {
        code.as_object_mut().unwrap().remove("when");
    });
    assert_one_problem(
        &copy,
        "families/websocket.json",
        Some("code 1002"),
        "missing field `when`",
    );
}

#[test]
fn unknown_field_is_a_typo() {
    let copy = DatasetCopy::of_built_in();
    copy.edit_code(1003, |code| code["summery"] = json!("typo"));
    assert_one_problem(
        &copy,
        "families/websocket.json",
        Some("code 1003"),
        "unknown field `summery`",
    );
}

#[test]
fn unknown_reconnect_advice() {
    let copy = DatasetCopy::of_built_in();
    copy.edit_code(1001, |code| code["reconnect"]["advice"] = json!("maybe"));
    assert_one_problem(
        &copy,
        "families/websocket.json",
        Some("code 1001"),
        "unknown variant `maybe`",
    );
}

#[test]
fn reference_without_http_url() {
    let copy = DatasetCopy::of_built_in();
    copy.edit_code(1011, |code| {
        code["references"][0]["url"] = json!("rfc6455#section-7.4.1")
    });
    assert_one_problem(
        &copy,
        "families/websocket.json",
        Some("code 1011"),
        "not an http(s) URL",
    );
}

#[test]
fn code_without_references() {
    let copy = DatasetCopy::of_built_in();
    copy.edit_code(1013, |code| code["references"] = json!([]));
    assert_one_problem(
        &copy,
        "families/websocket.json",
        Some("code 1013"),
        "no references",
    );
}

#[test]
fn related_code_that_does_not_exist() {
    let copy = DatasetCopy::of_built_in();
    copy.edit_code(1001, |code| {
        code["related"].as_array_mut().unwrap().push(json!(1016))
    });
    assert_one_problem(
        &copy,
        "families/websocket.json",
        Some("code 1001"),
        "related code 1016 does not exist",
    );
}

#[test]
fn on_the_wire_contradicting_rfc_6455() {
    let copy = DatasetCopy::of_built_in();
    copy.edit_code(1006, |code| {
        code["on_the_wire"] = json!(true);
        code["sender"] = json!("either");
    });
    assert_one_problem(
        &copy,
        "families/websocket.json",
        Some("code 1006"),
        "forbids this code",
    );

    let copy = DatasetCopy::of_built_in();
    copy.edit_code(1000, |code| code["on_the_wire"] = json!(false));
    let problems = problems(&copy);
    assert!(
        problems
            .iter()
            .any(|p| p.entry.as_deref() == Some("code 1000")
                && p.message.contains("RFC 6455 allows this code")),
        "{problems:#?}"
    );
}

#[test]
fn family_file_named_after_another_slug() {
    let copy = DatasetCopy::of_built_in();
    copy.edit("families/websocket.json", |family| {
        family["slug"] = json!("websockets")
    });
    assert_one_problem(
        &copy,
        "families/websocket.json",
        Some("family websockets"),
        "does not match the file name",
    );
}

#[test]
fn unknown_allowed_range() {
    let copy = DatasetCopy::of_built_in();
    copy.edit("families/websocket.json", |family| {
        family["allowed_ranges"]
            .as_array_mut()
            .unwrap()
            .push(json!("1000-1999"));
    });
    assert_one_problem(
        &copy,
        "families/websocket.json",
        Some("family websocket"),
        "unknown range \"1000-1999\"",
    );
}

#[test]
fn range_without_description() {
    let copy = DatasetCopy::of_built_in();
    copy.edit("ranges.json", |ranges| {
        ranges.as_array_mut().unwrap().pop();
    });
    assert_one_problem(
        &copy,
        "ranges.json",
        Some("range 5000-65535"),
        "no description",
    );
}

#[test]
fn missing_ui_string() {
    let copy = DatasetCopy::of_built_in();
    copy.edit("ui/en.json", |ui| {
        ui.as_object_mut().unwrap().remove("tagline");
    });
    assert_one_problem(&copy, "ui/en.json", None, "missing field `tagline`");
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let copy = DatasetCopy::of_built_in();
    copy.edit_code(1009, |code| code["summary"] = json!(""))
        .edit_code(1010, |code| {
            code["references"][0]["url"] = json!("ftp://example.org")
        })
        .edit("ranges.json", |ranges| {
            ranges[0]["name"] = Value::String(String::new())
        })
        .write("ui/en.json", "not json");
    let problems = problems(&copy);
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 4, "{text:#?}");
    assert!(
        text.iter()
            .any(|t| t.contains("code 1009: `summary` is empty"))
    );
    assert!(text.iter().any(|t| t.contains("code 1010: reference")));
    assert!(
        text.iter()
            .any(|t| t.contains("range 0-999: `name` is empty"))
    );
    assert!(
        text.iter()
            .any(|t| t.contains("ui/en.json: malformed JSON"))
    );
}

#[test]
fn curated_comparison_must_name_two_codes_of_its_family_in_order() {
    let copy = DatasetCopy::of_built_in();
    copy.write(
        "comparisons/websocket.json",
        r#"[{"a": 1012, "b": 1001, "when_to_use_which": "text", "references": [{"title": "RFC", "url": "https://www.rfc-editor.org/rfc/rfc6455"}]},
            {"a": 1001, "b": 1016, "when_to_use_which": "text", "references": [{"title": "RFC", "url": "https://www.rfc-editor.org/rfc/rfc6455"}]}]"#,
    );
    let problems = problems(&copy);
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 2, "{text:#?}");
    assert!(
        text[0].contains(
            "comparisons/websocket.json: comparison 1012-vs-1001: put the lower code first"
        ),
        "{text:#?}"
    );
    assert!(
        text[1].contains("comparison 1001-vs-1016: family websocket has no code 1016"),
        "{text:#?}"
    );
}

#[test]
fn curated_comparison_may_name_a_private_use_number_only_opposite_a_code() {
    let copy = DatasetCopy::of_built_in();
    let pair = |a: u32, b: u32| {
        format!(
            r#"{{"a": {a}, "b": {b}, "when_to_use_which": "text", "references": [{{"title": "RFC", "url": "https://www.rfc-editor.org/rfc/rfc6455"}}]}}"#
        )
    };
    let pairs = [pair(1000, 4001), pair(4001, 4002), pair(1000, 2000)];
    copy.write(
        "comparisons/websocket.json",
        &format!("[{}]", pairs.join(",")),
    );
    let text: Vec<String> = problems(&copy).iter().map(ToString::to_string).collect();
    assert_eq!(text.len(), 3, "{text:#?}");
    for (problem, (pair, number)) in text.iter().zip([
        ("4001-vs-4002", 4001),
        ("4001-vs-4002", 4002),
        ("1000-vs-2000", 2000),
    ]) {
        assert!(
            problem.contains(&format!(
                "comparison {pair}: family websocket has no code {number} (a number it does not define must be a private-use number"
            )),
            "{text:#?}"
        );
    }
}

#[test]
fn curated_comparison_for_a_family_that_does_not_exist() {
    let copy = DatasetCopy::of_built_in();
    copy.write("comparisons/nope.json", "[]");
    assert_one_problem(
        &copy,
        "comparisons/nope.json",
        None,
        "there is no family \"nope\"",
    );
}

#[test]
fn two_snippets_for_one_language() {
    let copy = DatasetCopy::of_built_in();
    copy.edit_code(1000, |code| {
        let snippet = json!({"language": "go", "library": "gorilla/websocket", "code": "a\nb"});
        code["snippets"] = json!([snippet.clone(), snippet]);
    });
    assert_one_problem(
        &copy,
        "families/websocket.json",
        Some("code 1000"),
        "two snippets for Go",
    );
}

#[test]
fn mistake_without_a_source() {
    let copy = DatasetCopy::of_built_in();
    copy.edit_code(1005, |code| {
        code["mistakes"] =
            json!([{"text": "Sending 1005 from application code.", "references": []}]);
    });
    assert_one_problem(
        &copy,
        "families/websocket.json",
        Some("code 1005"),
        "no references",
    );
}

/// Edits the `index`th message of `libraries/{library}.json`.
fn edit_message(copy: &DatasetCopy, library: &str, index: usize, change: impl FnOnce(&mut Value)) {
    copy.edit(&format!("libraries/{library}.json"), |file| {
        change(&mut file["messages"][index])
    });
}

/// Adds a signal to `families/{family}.json`.
fn add_signal(copy: &DatasetCopy, family: &str, signal: Value) {
    copy.edit(&format!("families/{family}.json"), |file| {
        file["signals"].as_array_mut().unwrap().push(signal)
    });
}

fn signal(kind: &str, text: &str, code: Option<u32>) -> Value {
    let mut signal = json!({
        "kind": kind,
        "text": text,
        "reference": {"title": "sockjs-node", "url": "https://github.com/sockjs/sockjs-node"},
    });
    if let Some(code) = code {
        signal["code"] = json!(code);
    }
    signal
}

#[test]
fn library_of_a_family_that_does_not_exist() {
    let copy = DatasetCopy::of_built_in();
    copy.edit("libraries/pysher.json", |library| {
        library["family"] = json!("pusher")
    });
    // Once, for the library: its messages follow its family.
    assert_one_problem(
        &copy,
        "libraries/pysher.json",
        Some("library pysher"),
        "there is no family \"pusher\"",
    );
}

#[test]
fn message_of_a_family_that_does_not_exist() {
    let copy = DatasetCopy::of_built_in();
    edit_message(&copy, "pysher", 0, |message| {
        message["family"] = json!("pusher")
    });
    assert_one_problem(
        &copy,
        "libraries/pysher.json",
        Some("message \"Connection: Received error {code}\""),
        "there is no family \"pusher\"",
    );
}

#[test]
fn message_implying_a_code_its_family_does_not_define() {
    let copy = DatasetCopy::of_built_in();
    edit_message(&copy, "tungstenite", 0, |message| {
        assert_eq!(
            message["pattern"],
            "Connection reset without closing handshake"
        );
        message["code"] = json!(4014);
    });
    assert_one_problem(
        &copy,
        "libraries/tungstenite.json",
        Some("message \"Connection reset without closing handshake\""),
        "code 4014 does not exist in family websocket",
    );
}

#[test]
fn message_that_prints_no_code_and_names_none() {
    let copy = DatasetCopy::of_built_in();
    edit_message(&copy, "tungstenite", 0, |message| {
        message.as_object_mut().unwrap().remove("code");
    });
    assert_one_problem(
        &copy,
        "libraries/tungstenite.json",
        Some("message \"Connection reset without closing handshake\""),
        "prints no {code} names the `code` it means",
    );
}

#[test]
fn message_that_prints_its_code_and_names_one_too() {
    let copy = DatasetCopy::of_built_in();
    edit_message(&copy, "gorilla-websocket", 0, |message| {
        assert_eq!(message["pattern"], "websocket: close {code}");
        message["code"] = json!(1006);
    });
    assert_one_problem(
        &copy,
        "libraries/gorilla-websocket.json",
        Some("message \"websocket: close {code}\""),
        "prints its {code} needs no `code`",
    );
}

#[test]
fn message_with_an_unknown_placeholder() {
    let copy = DatasetCopy::of_built_in();
    edit_message(&copy, "tungstenite", 0, |message| {
        message["pattern"] = json!("Connection reset without closing handshake {number}");
    });
    assert_one_problem(
        &copy,
        "libraries/tungstenite.json",
        Some("message \"Connection reset without closing handshake {number}\""),
        "the only placeholders are {code} and {text}",
    );
}

#[test]
fn pattern_too_short_to_be_distinctive() {
    let copy = DatasetCopy::of_built_in();
    edit_message(&copy, "tungstenite", 0, |message| {
        message["pattern"] = json!("Reset!");
    });
    assert_one_problem(
        &copy,
        "libraries/tungstenite.json",
        Some("message \"Reset!\""),
        "a pattern needs 8 letters or digits in all",
    );

    // Long enough in all, but what the automaton looks for first is 3 letters.
    let copy = DatasetCopy::of_built_in();
    edit_message(&copy, "gorilla-websocket", 0, |message| {
        message["pattern"] = json!("ws: {code} closed the connection");
    });
    assert_one_problem(
        &copy,
        "libraries/gorilla-websocket.json",
        Some("message \"ws: {code} closed the connection\""),
        "and 4 before its first placeholder",
    );
}

#[test]
fn library_slug_that_does_not_match_its_file_name() {
    let copy = DatasetCopy::of_built_in();
    copy.edit("libraries/pysher.json", |library| {
        library["slug"] = json!("pysher-client")
    });
    assert_one_problem(
        &copy,
        "libraries/pysher.json",
        Some("library pysher-client"),
        "match the file name (pysher.json)",
    );
}

#[test]
fn two_files_for_one_library() {
    let copy = DatasetCopy::of_built_in();
    let pysher = std::fs::read_to_string(copy.path().join("libraries/pysher.json")).unwrap();
    copy.write("libraries/pysher-2.json", &pysher);
    let problems = problems(&copy);
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    // The copy is at fault, whichever file is read first: it is named after
    // another slug, and that slug is the other file's.
    assert_eq!(problems.len(), 2, "{text:#?}");
    for problem in &problems {
        assert!(
            problem.file.ends_with("libraries/pysher-2.json"),
            "{problem}"
        );
        assert_eq!(
            problem.entry.as_deref(),
            Some("library pysher"),
            "{problem}"
        );
    }
    assert!(
        problems[0]
            .message
            .contains("match the file name (pysher-2.json)"),
        "{text:#?}"
    );
    assert!(
        problems[1]
            .message
            .contains("another file (libraries/pysher.json) defines the same library"),
        "{text:#?}"
    );
}

#[test]
fn library_name_too_short_to_find() {
    let copy = DatasetCopy::of_built_in();
    copy.edit("libraries/node-ws.json", |library| {
        library["names"].as_array_mut().unwrap().push(json!("ws"))
    });
    assert_one_problem(
        &copy,
        "libraries/node-ws.json",
        Some("library node-ws"),
        "name \"ws\" needs at least 3 letters or digits",
    );
}

#[test]
fn reason_signal_without_a_code() {
    let copy = DatasetCopy::of_built_in();
    add_signal(&copy, "sockjs", signal("reason", "Session timed out", None));
    assert_one_problem(
        &copy,
        "families/sockjs.json",
        Some("signal \"Session timed out\""),
        "a reason signal names the `code` it stands for",
    );
}

#[test]
fn reason_signal_for_a_code_the_family_does_not_define() {
    let copy = DatasetCopy::of_built_in();
    add_signal(
        &copy,
        "sockjs",
        signal("reason", "Session timed out", Some(4000)),
    );
    assert_one_problem(
        &copy,
        "families/sockjs.json",
        Some("signal \"Session timed out\""),
        "code 4000 does not exist in this family",
    );
}

#[test]
fn name_signal_with_a_code() {
    let copy = DatasetCopy::of_built_in();
    add_signal(
        &copy,
        "sockjs",
        signal("name", "sockjs-tornado", Some(3000)),
    );
    assert_one_problem(
        &copy,
        "families/sockjs.json",
        Some("signal \"sockjs-tornado\""),
        "only a reason signal names a code",
    );
}

#[test]
fn signal_listed_twice() {
    let copy = DatasetCopy::of_built_in();
    // Signals compare without case.
    add_signal(&copy, "sockjs", signal("name", "SOCKJS-CLIENT", None));
    assert_one_problem(
        &copy,
        "families/sockjs.json",
        Some("signal \"SOCKJS-CLIENT\""),
        "signal is listed twice",
    );
}

#[test]
fn message_source_without_http_url() {
    let copy = DatasetCopy::of_built_in();
    edit_message(&copy, "pysher", 0, |message| {
        message["source"]["url"] = json!("src/pysher/connection.py#L287")
    });
    assert_one_problem(
        &copy,
        "libraries/pysher.json",
        Some("message \"Connection: Received error {code}\""),
        "not an http(s) URL",
    );
}

#[test]
fn broken_family_file_is_not_reported_again_by_its_libraries() {
    let copy = DatasetCopy::of_built_in();
    // pusher-js and pysher name this family; its file alone is at fault.
    copy.write(
        "families/pusher-channels.json",
        "{\"slug\": \"pusher-channels\",",
    );
    assert_one_problem(
        &copy,
        "families/pusher-channels.json",
        None,
        "malformed JSON",
    );
}

#[test]
fn message_limited_to_an_unknown_range() {
    let copy = DatasetCopy::of_built_in();
    edit_message(&copy, "pysher", 0, |message| {
        message["ranges"] = json!(["4000-4099"])
    });
    assert_one_problem(
        &copy,
        "libraries/pysher.json",
        Some("message \"Connection: Received error {code}\""),
        "ranges names unknown range \"4000-4099\"",
    );
}

/// Moves the sockjs family (and its translation) to a file named `slug`; the
/// libraries that name it by its old slug go.
fn rename_sockjs(copy: &DatasetCopy, slug: &str) {
    for library in ["sockjs-client", "sockjs-node"] {
        std::fs::remove_file(copy.path().join(format!("libraries/{library}.json"))).unwrap();
    }
    for folder in ["families", "translations/vi/families"] {
        let from = copy.path().join(format!("{folder}/sockjs.json"));
        std::fs::rename(&from, copy.path().join(format!("{folder}/{slug}.json"))).unwrap();
    }
    copy.edit(&format!("families/{slug}.json"), |family| {
        family["slug"] = json!(slug)
    });
}

#[test]
fn family_named_like_a_path_the_site_uses() {
    for slug in ["embed", "api", "lookup", "explain"] {
        let copy = DatasetCopy::of_built_in();
        rename_sockjs(&copy, slug);
        assert_one_problem(
            &copy,
            &format!("families/{slug}.json"),
            Some(&format!("family {slug}")),
            "is a path the site uses for itself",
        );
    }
}

#[test]
fn family_named_like_a_language() {
    let copy = DatasetCopy::of_built_in();
    rename_sockjs(&copy, "vi");
    assert_one_problem(
        &copy,
        "families/vi.json",
        Some("family vi"),
        "slug is a language code",
    );
}

#[test]
fn a_platform_without_a_documented_idle_timeout_says_why() {
    let copy = DatasetCopy::of_built_in();
    copy.edit("platforms.json", |file| {
        let nginx = &mut file["platforms"][0];
        nginx["idle_timeout_seconds"] = Value::Null;
        nginx["idle_timeout_note"] = Value::Null;
    });
    copy.edit("translations/vi/platforms.json", |file| {
        file["platforms"][0]["idle_timeout_note"] = Value::Null;
    });
    assert_one_problem(
        &copy,
        "platforms.json",
        Some("platform nginx"),
        "idle_timeout_note must say what the documentation says",
    );
}

#[test]
fn a_platform_needs_its_sources_and_codes_a_client_can_see() {
    let copy = DatasetCopy::of_built_in();
    copy.edit("platforms.json", |file| {
        let nginx = &mut file["platforms"][0];
        nginx["references"] = json!([]);
        nginx["client_sees"] = json!([1006, 5000]);
    });
    let problems = problems(&copy);
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        messages.iter().any(|m| m.contains("no references")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("client_sees 5000")),
        "{messages:?}"
    );
}

#[test]
fn every_platform_is_translated_once() {
    let copy = DatasetCopy::of_built_in();
    copy.edit("translations/vi/platforms.json", |file| {
        let platforms = file["platforms"].as_array_mut().unwrap();
        let first = platforms.remove(0);
        let mut unknown = first.clone();
        unknown["slug"] = json!("no-such-proxy");
        platforms.push(unknown);
    });
    let problems = problems(&copy);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems
            .iter()
            .all(|p| p.file.ends_with("translations/vi/platforms.json"))
    );
    assert!(
        problems
            .iter()
            .any(|p| p.entry.as_deref() == Some("platform nginx")
                && p.message.contains("not translated"))
    );
    assert!(
        problems
            .iter()
            .any(|p| p.entry.as_deref() == Some("platform no-such-proxy"))
    );
}
