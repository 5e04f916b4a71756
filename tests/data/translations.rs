//! Every language is complete: the built-in translations cover every text of
//! the source language, really translated; and a dataset with a missing or
//! leftover translation is refused at load like any other data problem. The
//! Vietnamese edition also keeps to its glossary
//! (`tests/fixtures/glossary-vi.json`): one rendering per English term, none
//! of the rejected ones, and an English gloss at most once per page.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use closecodes::dataset::{self, Code, DataProblem, DataSource, Edition};
use serde_json::Value;

use crate::DatasetCopy;
use crate::helpers::glossary::{glossary, glossary_problems, rejected_in};
use crate::helpers::repo_path;

fn built_in() -> dataset::Dataset {
    dataset::load(&DataSource::Embedded).unwrap()
}

/// Inline code in the data's markup: what must survive translation unchanged.
fn code_spans(text: &str) -> BTreeSet<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

fn paragraphs(text: &str) -> usize {
    text.split("\n\n").count()
}

/// A translated text must differ from the source, keep every code span and
/// keep the paragraph structure. Returns what is wrong, if anything.
fn check_text(where_: &str, source: &str, translated: &str, may_equal: bool) -> Vec<String> {
    let mut wrong = Vec::new();
    if source == translated && !may_equal {
        wrong.push(format!("{where_}: identical to the source text"));
    }
    let missing: Vec<&str> = code_spans(source)
        .difference(&code_spans(translated))
        .copied()
        .collect();
    if !missing.is_empty() {
        wrong.push(format!("{where_}: code spans lost: {missing:?}"));
    }
    if paragraphs(source) != paragraphs(translated) {
        wrong.push(format!("{where_}: paragraphs differ"));
    }
    wrong
}

/// The texts of a code that a translation must cover, with whether the
/// translation may be identical (names that are identifiers, like `BadRequest`).
fn code_texts(code: &Code) -> Vec<(String, &str, bool)> {
    let mut texts = vec![
        (
            "name".to_owned(),
            code.name.as_str(),
            !code.official_name.contains(' '),
        ),
        ("summary".to_owned(), &code.summary, false),
        ("description".to_owned(), &code.description, false),
        ("when".to_owned(), &code.when, false),
        ("fix".to_owned(), &code.fix, false),
        ("use_when".to_owned(), &code.use_when, false),
        ("reconnect.detail".to_owned(), &code.reconnect.detail, false),
    ];
    for (index, mistake) in code.mistakes.iter().enumerate() {
        texts.push((format!("mistakes[{index}]"), &mistake.text, false));
    }
    texts
}

fn translation_problems(source: &Edition, edition: &Edition) -> Vec<String> {
    let mut wrong = Vec::new();
    let lang = &edition.lang;
    for (english, translated) in source.ranges.iter().zip(&edition.ranges) {
        let at = format!("{lang} range {}", english.id.id());
        wrong.extend(check_text(&at, &english.name, &translated.name, false));
        wrong.extend(check_text(
            &at,
            &english.description,
            &translated.description,
            false,
        ));
    }
    for (english, translated) in source.families.iter().zip(&edition.families) {
        let at = format!("{lang} {}", english.slug);
        wrong.extend(check_text(
            &at,
            &english.description,
            &translated.description,
            false,
        ));
        wrong.extend(check_text(
            &at,
            &english.ranges_note,
            &translated.ranges_note,
            false,
        ));
        assert_eq!(english.codes.len(), translated.codes.len(), "{at}");
        for (code_en, code_vi) in english.codes.iter().zip(&translated.codes) {
            assert_eq!(code_en.code, code_vi.code);
            assert_eq!(code_vi.official_name, code_en.name, "{at} {}", code_en.code);
            for ((field, text_en, may_equal), (_, text_vi, _)) in
                code_texts(code_en).into_iter().zip(code_texts(code_vi))
            {
                let at = format!("{at} {} {field}", code_en.code);
                wrong.extend(check_text(&at, text_en, text_vi, may_equal));
            }
        }
        for (pair_en, pair_vi) in english.curated.iter().zip(&translated.curated) {
            let at = format!("{at} comparison {}-vs-{}", pair_en.a, pair_en.b);
            wrong.extend(check_text(
                &at,
                &pair_en.when_to_use_which,
                &pair_vi.when_to_use_which,
                false,
            ));
        }
    }
    assert_eq!(source.platforms.len(), edition.platforms.len());
    for (english, translated) in source.platforms.iter().zip(&edition.platforms) {
        let at = format!("{lang} platform {}", english.slug);
        assert_eq!(
            english.idle_timeout_seconds,
            translated.idle_timeout_seconds
        );
        wrong.extend(check_text(
            &at,
            &english.summary,
            &translated.summary,
            false,
        ));
        // A setting may be only an identifier (`timeout tunnel`).
        wrong.extend(check_text(&at, &english.setting, &translated.setting, true));
        for (english, translated) in [
            (&english.idle_timeout_note, &translated.idle_timeout_note),
            (
                &english.max_connection_note,
                &translated.max_connection_note,
            ),
        ] {
            if let (Some(english), Some(translated)) = (english, translated) {
                wrong.extend(check_text(&at, english, translated, false));
            }
        }
    }
    wrong
}

#[test]
fn every_language_translates_every_text_of_every_code() {
    let dataset = built_in();
    assert_eq!(dataset.language_codes(), ["en", "vi"]);
    let source = dataset.source();
    for edition in &dataset.editions[1..] {
        let wrong = translation_problems(source, edition);
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}

/// Walks two UI string files side by side; returns the keys whose values are
/// the same in both.
fn identical_ui_strings(source: &Value, other: &Value, path: &str, same: &mut Vec<String>) {
    match (source, other) {
        (Value::Object(a), Value::Object(b)) => {
            assert_eq!(
                a.keys().collect::<Vec<_>>(),
                b.keys().collect::<Vec<_>>(),
                "keys of {path}"
            );
            for (key, value) in a {
                identical_ui_strings(value, &b[key], &format!("{path}.{key}"), same);
            }
        }
        (a, b) if a == b => same.push(path.to_owned()),
        _ => {}
    }
}

#[test]
fn every_ui_string_is_translated() {
    let read = |lang: &str| -> Value {
        let path = repo_path(&format!("data/ui/{lang}.json"));
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    let mut same = Vec::new();
    identical_ui_strings(&read("en"), &read("vi"), "ui", &mut same);
    // Names of products and protocols are the same in every language, and so
    // is the example log line (libraries print English) and a library's label.
    assert_eq!(
        same,
        [
            "ui.embed.backstage_heading",
            "ui.embed.docusaurus_heading",
            "ui.embed.oembed_heading",
            "ui.embed.readme_heading",
            "ui.embed.wordpress_heading",
            "ui.explain.logs_source",
            "ui.explain.placeholder",
            // A product's name, and "case" as Vietnamese testers say it.
            "ui.lab.autobahn_column",
            "ui.lab.case_column",
            // Vietnamese developers say proxy, load balancer, API gateway, CDN.
            "ui.platforms.kinds.cdn",
            "ui.platforms.kinds.gateway",
            "ui.platforms.kinds.load-balancer",
            "ui.platforms.kinds.proxy",
            "ui.site_name",
        ]
    );
}

#[test]
fn the_check_catches_an_untranslated_text() {
    let dataset = built_in();
    let mut copy = dataset::load(&DataSource::Embedded).unwrap();
    let english_fix = dataset.source().families[0].codes[9].fix.clone();
    copy.editions[1].families[0].codes[9].fix = english_fix;
    copy.editions[1].families[0].codes[9].when = "`max_size` only".to_owned();
    let wrong = translation_problems(dataset.source(), &copy.editions[1]);
    assert_eq!(wrong.len(), 2, "{wrong:#?}");
    assert!(
        wrong[0].contains(
            "vi websocket 1009 when: code spans lost: [\"maxPayload\", \"websockets\", \"ws\"]"
        ),
        "{wrong:#?}"
    );
    assert!(wrong[1].contains("vi websocket 1009 fix: identical to the source text"));
}

fn problems(copy: &DatasetCopy) -> Vec<String> {
    match dataset::load(&DataSource::Directory(copy.path().to_owned())) {
        Ok(_) => panic!("the broken dataset loaded"),
        Err(problems) => problems.iter().map(DataProblem::to_string).collect(),
    }
}

const VI_WEBSOCKET: &str = "translations/vi/families/websocket.json";

#[test]
fn a_code_without_translation_is_a_data_problem() {
    let copy = DatasetCopy::of_built_in();
    copy.edit(VI_WEBSOCKET, |family| {
        family["codes"].as_object_mut().unwrap().remove("1009");
    });
    assert_eq!(
        problems(&copy),
        [
            "data/translations/vi/families/websocket.json: code 1009: not translated"
                .replace("data/", &format!("{}/", copy.path().display()))
        ]
    );
}

#[test]
fn a_missing_text_field_names_the_field() {
    let copy = DatasetCopy::of_built_in();
    copy.edit(VI_WEBSOCKET, |family| {
        family["codes"]["1009"]
            .as_object_mut()
            .unwrap()
            .remove("fix");
    });
    let problems = problems(&copy);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].contains("websocket.json: ") && problems[0].contains("missing field `fix`"),
        "{problems:#?}"
    );
}

#[test]
fn a_family_without_translation_is_a_data_problem() {
    let copy = DatasetCopy::of_built_in();
    std::fs::remove_file(copy.path().join("translations/vi/families/sockjs.json")).unwrap();
    let problems = problems(&copy);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0]
            .ends_with("translations/vi/families/sockjs.json: family sockjs is not translated"),
        "{problems:#?}"
    );
}

#[test]
fn leftover_and_miscounted_translations_are_data_problems() {
    let copy = DatasetCopy::of_built_in();
    copy.edit(VI_WEBSOCKET, |family| {
        let codes = &mut family["codes"];
        codes["1016"] = codes["1000"].clone();
        codes["1009"]["mistakes"].as_array_mut().unwrap().pop();
    });
    copy.edit("translations/vi/comparisons/websocket.json", |texts| {
        texts.as_object_mut().unwrap().remove("1000-1001");
    });
    copy.edit("translations/vi/ranges.json", |ranges| {
        ranges.as_object_mut().unwrap().remove("4000-4999");
    });
    let problems = problems(&copy);
    let expected = [
        "ranges.json: range 4000-4999: not translated",
        "websocket.json: code 1009: 1 mistakes translated, the source has 2",
        "websocket.json: code 1016: the source language has no such entry",
        "comparisons/websocket.json: comparison 1000-vs-1001: not translated",
    ];
    assert_eq!(problems.len(), expected.len(), "{problems:#?}");
    for (problem, expected) in problems.iter().zip(expected) {
        assert!(problem.contains(expected), "{problem} / {expected}");
    }
}

#[test]
fn a_missing_ui_string_is_a_data_problem() {
    let copy = DatasetCopy::of_built_in();
    copy.edit("ui/vi.json", |ui| {
        ui["headings"].as_object_mut().unwrap().remove("fix");
    });
    let problems = problems(&copy);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].contains("ui/vi.json: ") && problems[0].contains("missing field `fix`"),
        "{problems:#?}"
    );
}

/// The Vietnamese texts: the UI strings and every file under
/// `data/translations/vi` (ranges, families, comparisons).
fn vietnamese_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, files);
            } else if path
                .extension()
                .is_some_and(|extension| extension == "json")
            {
                files.push(path);
            }
        }
    }
    let mut files = vec![repo_path("data/ui/vi.json")];
    walk(&repo_path("data/translations/vi"), &mut files);
    files.sort();
    files
}

#[test]
fn the_vietnamese_edition_follows_its_glossary() {
    let glossary = glossary();
    let mut wrong = Vec::new();
    let files = vietnamese_files();
    assert!(files.len() > 10, "{files:?}");
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let document: Value = serde_json::from_str(&text).unwrap();
        let file = path
            .strip_prefix(repo_path(""))
            .unwrap()
            .display()
            .to_string();
        wrong.extend(glossary_problems(&file, &document, &glossary));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_glossary_check_names_the_file_the_path_and_the_rendering() {
    let glossary = glossary();
    let path = repo_path("data/ui/vi.json");
    let mut ui: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    ui["values"]["sender"]["client"] = "Máy khách".into();
    ui["try_it"]["unsupported"] = "Đầu cuối này không hỗ trợ WebSocket.".into();
    // Allowed: end-to-end encryption is not an endpoint.
    ui["try_it"]["waiting"] = "Đang bật mã hóa đầu cuối…".into();
    // The try-it result table glosses the reason already.
    ui["try_it"]["reason_label"] = "Lý do đóng (reason)".into();
    assert_eq!(
        glossary_problems("data/ui/vi.json", &ui, &glossary),
        [
            "data/ui/vi.json: try_it.unsupported: \"đầu cuối\" is rejected; \
             the glossary says \"bên\" for \"endpoint (one side of a connection)\"",
            "data/ui/vi.json: values.sender.client: \"máy khách\" is rejected; \
             the glossary says \"client\" for \"client\"",
            "data/ui/vi.json: try_it: the gloss (reason) appears 2 times; gloss a term once per page",
        ]
    );
}

#[test]
fn the_glossary_is_well_formed() {
    let glossary = glossary();
    let mut wrong = Vec::new();
    let mut terms = BTreeSet::new();
    let mut rejected_once = BTreeSet::new();
    for term in &glossary {
        let at = &term.english;
        if !terms.insert(term.english.trim().to_lowercase()) {
            wrong.push(format!("{at}: the term is in the glossary twice"));
        }
        if term.vietnamese.trim().is_empty() || term.note.trim().is_empty() {
            wrong.push(format!("{at}: no rendering or no note"));
        }
        if term.rejected.is_empty() && term.gloss.is_none() {
            wrong.push(format!("{at}: rejects nothing and has no gloss"));
        }
        for rejected in &term.rejected {
            if rejected.trim() != rejected || rejected.is_empty() {
                wrong.push(format!(
                    "{at}: rejected rendering {rejected:?} is blank or padded"
                ));
            }
            if !rejected_once.insert(rejected.to_lowercase()) {
                wrong.push(format!(
                    "{at}: {rejected:?} is rejected twice in the glossary"
                ));
            }
        }
        for phrase in &term.allowed_in {
            let lowered = phrase.to_lowercase();
            if !term
                .rejected
                .iter()
                .any(|rejected| lowered.contains(&rejected.to_lowercase()))
            {
                wrong.push(format!(
                    "{at}: allowed_in {phrase:?} contains none of its rejected renderings"
                ));
            }
        }
        if let Some(gloss) = &term.gloss
            && !(gloss.starts_with('(') && gloss.ends_with(')'))
        {
            wrong.push(format!("{at}: the gloss {gloss:?} is not in parentheses"));
        }
        // No rendering is both accepted and rejected: neither the rendering
        // nor the rendering followed by its gloss may contain a rejected string.
        let glossed = term
            .gloss
            .as_ref()
            .map(|gloss| format!("{} {gloss}", term.vietnamese));
        for accepted in std::iter::once(&term.vietnamese).chain(&glossed) {
            for (other, rejected) in rejected_in(accepted, &glossary) {
                wrong.push(format!(
                    "{at}: {accepted:?} is accepted, but \"{}\" rejects {rejected:?}",
                    other.english
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
