//! `/api/v1/search` and the filters on family lists.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{code_numbers, spawn_app};

/// `(match, family, code)` of every result, in order.
fn results(answer: &Value) -> Vec<(String, String, u64)> {
    answer["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|result| {
            (
                result["match"].as_str().unwrap().to_owned(),
                result["entry"]["family"].as_str().unwrap().to_owned(),
                result["entry"]["code"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_number_finds_that_code_in_every_family_first() {
    let app = spawn_app().await;
    let answer = app.get_json("/api/v1/search?q=4004").await;
    let found = results(&answer);
    assert_eq!(answer["total"], found.len());
    assert_eq!(answer["query"], "4004");
    let exact: Vec<&str> = found
        .iter()
        .filter(|(kind, _, code)| kind == "code" && *code == 4004)
        .map(|(_, family, _)| family.as_str())
        .collect();
    for family in [
        "discord-gateway",
        "discord-voice",
        "discord-rpc",
        "graphql-ws",
        "obs-websocket",
    ] {
        assert!(exact.contains(&family), "{family}: {found:?}");
    }
    // Exact numbers come before anything else.
    let first_other = found.iter().position(|(kind, ..)| kind != "code");
    assert!(first_other.is_none_or(|i| i == exact.len()), "{found:?}");

    let prefix = results(&app.get_json("/api/v1/search?q=101&family=websocket").await);
    let codes: Vec<u64> = prefix.iter().map(|(_, _, code)| *code).collect();
    assert_eq!(codes, [1010, 1011, 1012, 1013, 1014, 1015]);
    assert!(prefix.iter().all(|(kind, ..)| kind == "code_prefix"));
}

#[tokio::test]
async fn names_rank_above_texts_and_case_and_accents_do_not_matter() {
    let app = spawn_app().await;
    let found = results(&app.get_json("/api/v1/search?q=GOING%20away").await);
    assert_eq!(found[0], ("name".to_owned(), "websocket".to_owned(), 1001));
    let kinds: Vec<&str> = found.iter().map(|(kind, ..)| kind.as_str()).collect();
    let mut sorted = kinds.clone();
    sorted.sort_by_key(|kind| {
        ["code", "code_prefix", "name", "text"]
            .iter()
            .position(|k| k == kind)
    });
    assert_eq!(kinds, sorted, "ranked by kind of match");

    let found = results(&app.get_json("/api/v1/search?q=maxPayload").await);
    assert!(
        found.contains(&("text".to_owned(), "websocket".to_owned(), 1009)),
        "{found:?}"
    );

    // Vietnamese without diacritics finds the Vietnamese name.
    let answer = app
        .get_json("/api/v1/search?q=thong%20diep%20qua%20lon&lang=vi")
        .await;
    assert_eq!(answer["lang"], "vi");
    assert_eq!(answer["results"][0]["entry"]["name"], "Thông điệp quá lớn");
    assert_eq!(answer["results"][0]["entry"]["url"], "/vi/websocket/1009");
    // The official English name is searchable in every language.
    let found = results(
        &app.get_json("/api/v1/search?q=message%20too%20big&lang=vi")
            .await,
    );
    assert_eq!(found[0], ("name".to_owned(), "websocket".to_owned(), 1009));
}

#[tokio::test]
async fn filters_narrow_the_results() {
    let app = spawn_app().await;
    let found = results(
        &app.get_json("/api/v1/search?q=10&family=websocket&on_the_wire=false")
            .await,
    );
    let codes: Vec<u64> = found.iter().map(|(_, _, code)| *code).collect();
    assert_eq!(codes, [1005, 1006, 1015]);
    let answer = app
        .get_json("/api/v1/search?q=1&browser_can_send=true&range=1000-2999&reconnect=no")
        .await;
    for result in answer["results"].as_array().unwrap() {
        let entry = &result["entry"];
        assert_eq!(entry["browser_can_send"], true);
        assert_eq!(entry["range"], "1000-2999");
        assert_eq!(entry["reconnect"]["advice"], "no");
    }
    let none = app.get_json("/api/v1/search?q=1009&range=4000-4999").await;
    assert_eq!(none["total"], 0);
    assert_eq!(none["results"], Value::Array(Vec::new()));
}

/// `(family, code)` of the first result.
fn first(answer: &Value) -> (String, u64) {
    let (_, family, code) = results(answer).into_iter().next().expect("a result");
    (family, code)
}

fn standard(code: u64) -> (String, u64) {
    ("websocket".to_owned(), code)
}

#[tokio::test]
async fn typos_of_a_letter_or_two_still_find_the_code() {
    let app = spawn_app().await;
    let answer = app.get_json("/api/v1/search?q=going%20awy").await;
    assert_eq!(first(&answer), standard(1001));
    assert_eq!(answer["results"][0]["match"], "name");
    for (query, code) in [
        ("abnormal%20closre", 1006),
        ("mesage%20too%20big", 1009),
        ("abnromal", 1006),
    ] {
        let answer = app.get_json(&format!("/api/v1/search?q={query}")).await;
        assert_eq!(first(&answer), standard(code), "{query}: {answer}");
        assert_eq!(answer["results"][0]["fuzzy"], true, "{query}");
    }
    // An exact match is not marked, and outscores the same words misspelt.
    let exact = app.get_json("/api/v1/search?q=abnormal%20closure").await;
    assert_eq!(first(&exact), standard(1006));
    assert!(exact["results"][0].get("fuzzy").is_none(), "{exact}");
    let typo = app.get_json("/api/v1/search?q=abnormal%20closre").await;
    let score = |answer: &Value| answer["results"][0]["score"].as_f64().unwrap();
    assert!(score(&exact) > score(&typo));
    // Words under five letters are never guessed at.
    assert_eq!(app.get_json("/api/v1/search?q=zzzz").await["total"], 0);
}

#[tokio::test]
async fn every_word_counts_and_one_unknown_word_does_not_empty_the_answer() {
    let app = spawn_app().await;
    let answer = app.get_json("/api/v1/search?q=close%20going%20away").await;
    assert_eq!(first(&answer), standard(1001));
    // Word matches are ranked by a score, best first.
    let scores: Vec<f64> = answer["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|result| result["score"].as_f64().expect("a word match has a score"))
        .collect();
    assert!(
        scores.windows(2).all(|pair| pair[0] >= pair[1]),
        "{scores:?}"
    );
    // More of the words rank higher: "going away" beats "away" alone.
    let found = results(&answer);
    let sockjs = found
        .iter()
        .position(|(_, f, c)| f == "sockjs" && *c == 3000);
    assert!(sockjs.is_none_or(|at| at > 1), "{found:?}");

    let answer = app.get_json("/api/v1/search?q=going%20away%20xyzzyq").await;
    assert!(answer["total"].as_u64().unwrap() > 0);
    assert_eq!(first(&answer), standard(1001));
}

#[tokio::test]
async fn name_matches_rank_above_matches_in_the_texts() {
    let app = spawn_app().await;
    let found = results(&app.get_json("/api/v1/search?q=message%20too%20big").await);
    assert_eq!(found[0], ("name".to_owned(), "websocket".to_owned(), 1009));
    // The other families' 1009s follow, still as name matches: AWS's under
    // the same name, Spring's `TOO_BIG_TO_PROCESS` under its own.
    for family in ["aws-api-gateway", "spring"] {
        let hit = ("name".to_owned(), family.to_owned(), 1009);
        assert!(found[1..3].contains(&hit), "{family}: {found:?}");
    }
    // Number matches still come before any word match.
    let answer = app.get_json("/api/v1/search?q=1009").await;
    let found = results(&answer);
    assert_eq!(found[0], ("code".to_owned(), "websocket".to_owned(), 1009));
    assert!(answer["results"][0].get("score").is_none());
    assert!(answer.get("number").is_none(), "1009 is a code: {answer}");
}

#[tokio::test]
async fn vietnamese_words_are_found_without_their_diacritics() {
    let app = spawn_app().await;
    let answer = app
        .get_json("/api/v1/search?q=dang%20roi%20di&lang=vi")
        .await;
    assert_eq!(first(&answer), standard(1001));
    assert_eq!(answer["results"][0]["match"], "name");
    assert_eq!(answer["results"][0]["entry"]["name"], "Đang rời đi");
    let answer = app
        .get_json("/api/v1/search?q=TH%C3%94NG%20%C4%90I%E1%BB%86P%20qua%20lon&lang=vi")
        .await;
    assert_eq!(first(&answer), standard(1009));
}

#[tokio::test]
async fn a_number_no_code_has_answers_with_what_it_means() {
    let app = spawn_app().await;
    for (number, range, browser) in [
        (4999, "4000-4999", true),
        (1016, "1000-2999", false),
        (22373, "5000-65535", false),
    ] {
        let answer = app.get_json(&format!("/api/v1/search?q={number}")).await;
        assert_eq!(answer["total"], 0, "{number}");
        let meaning = &answer["number"];
        assert_eq!(meaning["number"], number);
        assert_eq!(meaning["range"]["id"], range, "{number}");
        assert_eq!(meaning["browser_can_send"], browser, "{number}");
        assert_eq!(meaning["entries"], Value::Array(Vec::new()));
        // The same facts as the lookup.
        let lookup = app.get_json(&format!("/api/v1/lookup/{number}")).await;
        assert_eq!(meaning, &lookup, "{number}");
    }
    let answer = app.get_json("/api/v1/search?q=4999&lang=vi").await;
    assert_eq!(answer["number"]["range"]["name"], "Dùng riêng");
    // Not a number 0-65535, or a code: no `number`.
    for query in ["65536", "going%20away", "4004"] {
        let answer = app.get_json(&format!("/api/v1/search?q={query}")).await;
        assert!(answer.get("number").is_none(), "{query}: {answer}");
    }
}

#[tokio::test]
async fn family_lists_take_the_same_filters() {
    let app = spawn_app().await;
    let family = app
        .get_json("/api/v1/families/websocket?on_the_wire=false")
        .await;
    assert_eq!(code_numbers(&family), [1005, 1006, 1015]);
    assert_eq!(family["code_count"], 19, "the family's total stays");
    let family = app
        .get_json("/api/v1/families/websocket?browser_can_send=true&lang=vi")
        .await;
    assert_eq!(code_numbers(&family), [1000, 3000, 3003, 3008]);
    assert_eq!(family["lang"], "vi");
    let advice = app
        .get_json("/api/v1/families/discord-gateway?reconnect=no")
        .await;
    assert!(
        advice["codes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["reconnect"]["advice"] == "no")
    );
    assert!(!advice["codes"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn bad_searches_are_400_problems() {
    let app = spawn_app().await;
    let long = "a".repeat(201);
    for (path, detail) in [
        ("/api/v1/search".to_owned(), "q"),
        ("/api/v1/search?q=".to_owned(), "empty"),
        ("/api/v1/search?q=%20%20".to_owned(), "empty"),
        (format!("/api/v1/search?q={long}"), "longer than 200"),
        (
            "/api/v1/search?q=1&family=nope".to_owned(),
            "no family \"nope\"",
        ),
        ("/api/v1/search?q=1&range=1-2".to_owned(), "range"),
        (
            "/api/v1/search?q=1&on_the_wire=maybe".to_owned(),
            "on_the_wire",
        ),
        ("/api/v1/search?q=1&reconnect=later".to_owned(), "reconnect"),
        ("/api/v1/search?q=1&lang=fr".to_owned(), "unknown language"),
        ("/api/v1/families/websocket?range=9".to_owned(), "range"),
    ] {
        let problem = app.get_problem(&path, StatusCode::BAD_REQUEST).await;
        assert!(
            problem["detail"].as_str().unwrap().contains(detail),
            "{path}: {problem}"
        );
    }
}
