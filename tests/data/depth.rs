//! The depth promised on every standard code: snippets in five languages,
//! curated comparisons for the pairs people confuse.

use closecodes::dataset::files::SnippetLanguage;
use closecodes::dataset::{self, DataSource};

#[test]
fn every_standard_code_has_a_snippet_per_language() {
    let dataset = dataset::load(&DataSource::Embedded).unwrap();
    for code in &dataset.source().family("websocket").unwrap().codes {
        let languages: Vec<SnippetLanguage> = code.snippets.iter().map(|s| s.language).collect();
        assert_eq!(languages, SnippetLanguage::ALL, "{}", code.code);
        for snippet in &code.snippets {
            assert!(
                snippet.code.lines().count() >= 2,
                "{} {:?}",
                code.code,
                snippet.language
            );
        }
    }
}

#[test]
fn message_too_big_snippets_name_each_librarys_real_limit() {
    let dataset = dataset::load(&DataSource::Embedded).unwrap();
    let code = dataset
        .source()
        .family("websocket")
        .unwrap()
        .code(1009)
        .unwrap();
    for (language, knob) in [
        (SnippetLanguage::Nodejs, "maxPayload"),
        (SnippetLanguage::Python, "max_size"),
        (SnippetLanguage::Go, "SetReadLimit"),
        (SnippetLanguage::Rust, "max_message_size"),
    ] {
        let snippet = code
            .snippets
            .iter()
            .find(|s| s.language == language)
            .unwrap();
        assert!(
            snippet.code.contains(knob),
            "{language:?} snippet uses {knob}"
        );
    }
}

#[test]
fn pairs_people_confuse_have_curated_guidance() {
    let dataset = dataset::load(&DataSource::Embedded).unwrap();
    let websocket = dataset.source().family("websocket").unwrap();
    for (a, b) in [
        (1000, 1001),
        (1001, 1012),
        (1005, 1006),
        (1006, 1011),
        (1003, 1008),
        (1008, 1009),
        (1011, 1014),
        (1012, 1013),
        (1008, 3003),
        (3000, 4001),
    ] {
        let curated = websocket
            .curated(a, b)
            .unwrap_or_else(|| panic!("{a}-vs-{b} has no curated guidance"));
        assert!(curated.when_to_use_which.len() > 200, "{a}-vs-{b}");
        assert!(!curated.references.is_empty(), "{a}-vs-{b}");
    }
}
