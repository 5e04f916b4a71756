//! The engine against the built-in dataset: one test per kind of reading.

use once_cell::sync::Lazy;

use super::*;
use crate::dataset::{DataSource, load};

static DATASET: Lazy<Dataset> =
    Lazy::new(|| load(&DataSource::Embedded).expect("built-in dataset"));

fn top(text: &str) -> Option<(String, u16)> {
    let explanation = explain(&DATASET, DATASET.source(), text);
    explanation
        .candidates
        .first()
        .map(|candidate| (candidate.family.clone(), candidate.code))
}

fn expect(text: &str, family: &str, code: u16) {
    let explanation = explain(&DATASET, DATASET.source(), text);
    let found: Vec<(String, u16, f32)> = explanation
        .candidates
        .iter()
        .map(|c| (c.family.clone(), c.code, c.confidence))
        .collect();
    assert_eq!(
        top(text),
        Some((family.to_owned(), code)),
        "{text}\n  candidates: {found:?}"
    );
}

#[test]
fn a_number_in_close_words_is_the_standard_code() {
    expect("code = 1006", "websocket", 1006);
    expect("CloseStatus[code=1009, reason=null]", "websocket", 1009);
    expect("CloseReason: code [1000], reason [bye]", "websocket", 1000);
}

#[test]
fn the_standard_meaning_comes_first_when_nothing_points_elsewhere() {
    let explanation = explain(&DATASET, DATASET.source(), "1006");
    let families: Vec<&str> = explanation
        .candidates
        .iter()
        .map(|c| c.family.as_str())
        .collect();
    assert_eq!(families[0], "websocket");
    assert!(families.contains(&"aws-api-gateway") && families.contains(&"sockjs"));
}

#[test]
fn a_normal_closure_beside_another_code_is_not_the_cause() {
    expect("sent 1000 (OK); then received 1006", "websocket", 1006);
}

#[test]
fn numbers_that_are_not_codes_give_no_candidates() {
    let explanation = explain(
        &DATASET,
        DATASET.source(),
        "2024-11-03T12:34:56Z GET http://localhost:8080/app.js:1006 502 Bad Gateway 1009 bytes",
    );
    assert!(explanation.candidates.is_empty(), "{explanation:?}");
    assert!(explanation.observed.codes.is_empty());
}

#[test]
fn a_number_no_family_defines_is_observed_with_its_range() {
    let explanation = explain(&DATASET, DATASET.source(), "closed with code 4999");
    assert!(explanation.candidates.is_empty());
    let observed = &explanation.observed.codes[0];
    assert_eq!((observed.code, observed.range), (4999, CodeRange::Private));
    assert!(observed.defined_by.is_empty());
}

#[test]
fn reasons_are_read_where_the_text_labels_them() {
    let explanation = explain(
        &DATASET,
        DATASET.source(),
        "CloseEvent {code: 1008, reason: 'token expired', wasClean: true}",
    );
    assert_eq!(
        explanation.observed.reason.as_deref(),
        Some("token expired")
    );
}

#[test]
fn a_few_words_with_typos_find_the_code_by_its_name() {
    expect("going awy", "websocket", 1001);
    expect("abnormal closre", "websocket", 1006);
}
