use serde_json::Value;

use crate::helpers::{CODE_CONTRACT_FIELDS, iana_registrations, spawn_app};

fn text(code: &Value, field: &str) -> String {
    code[field].as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn every_registered_code_answers_with_the_contract_fields() {
    let app = spawn_app().await;
    for registration in iana_registrations() {
        let number = registration.code;
        let code = app.get_standard_code(number).await;
        for field in CODE_CONTRACT_FIELDS {
            assert!(code.get(field).is_some(), "{number} lacks {field}");
        }
        assert_eq!(code["family"], "websocket");
        assert_eq!(code["code"], number);
        assert_eq!(code["url"], format!("/websocket/{number}"));
        for field in ["name", "summary", "description", "when", "fix", "use_when"] {
            assert!(text(&code, field).len() > 3, "{number}: {field} is empty");
        }
        let advice = code["reconnect"]["advice"].as_str().unwrap();
        assert!(
            ["yes", "after-fix", "no", "depends"].contains(&advice),
            "{number}: {advice}"
        );
        assert!(!text(&code["reconnect"], "detail").is_empty());
        let references = code["references"].as_array().unwrap();
        assert!(!references.is_empty(), "{number} cites nothing");
        for reference in references {
            assert!(
                text(reference, "url").starts_with("https://"),
                "{number}: {reference}"
            );
        }
        let expected_range = if number < 3000 {
            "1000-2999"
        } else {
            "3000-3999"
        };
        assert_eq!(code["range"], expected_range);
    }
}

#[tokio::test]
async fn derived_facts_follow_rfc_6455_and_whatwg() {
    let app = spawn_app().await;
    let family = app.get_json("/api/v1/families/websocket").await;
    for code in family["codes"].as_array().unwrap() {
        let number = code["code"].as_u64().unwrap();
        let never_on_the_wire = matches!(number, 1005 | 1006 | 1015);
        assert_eq!(code["on_the_wire"], !never_on_the_wire, "{number}");
        let browser = number == 1000 || (3000..=4999).contains(&number);
        assert_eq!(code["browser_can_send"], browser, "{number}");
        if never_on_the_wire {
            assert_eq!(code["sender"], "local", "{number}");
        }
    }
}

#[tokio::test]
async fn known_advice_and_sources_are_in_place() {
    let app = spawn_app().await;
    assert_eq!(
        app.get_standard_code(1006).await["reconnect"]["advice"],
        "yes"
    );
    assert_eq!(
        app.get_standard_code(1009).await["reconnect"]["advice"],
        "after-fix"
    );
    let bad_gateway = app.get_standard_code(1014).await;
    assert_eq!(bad_gateway["name"], "Bad Gateway");
    assert!(
        bad_gateway["registry_entry"]
            .as_str()
            .unwrap()
            .contains("acting as a gateway or proxy")
    );
    let restart = app.get_standard_code(1012).await;
    let urls: Vec<String> = restart["references"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| text(r, "url"))
        .collect();
    assert!(
        urls.iter()
            .any(|url| url.contains("mailarchive.ietf.org/arch/msg/hybi/")),
        "1012 cites the hybi mail: {urls:?}"
    );
    assert!(
        app.get_standard_code(1011).await["references"]
            .to_string()
            .contains("eid3227")
    );
}

#[tokio::test]
async fn reconnect_says_what_the_source_says_beside_our_advice() {
    let app = spawn_app().await;
    for (family, code, says, cited) in [
        ("discord-gateway", 4014, Some("no"), Some("discord.com")),
        ("discord-gateway", 4000, Some("yes"), Some("discord.com")),
        ("discord-voice", 4015, Some("yes"), Some("discord.com")),
        ("discord-voice", 4001, None, None),
        ("pusher-channels", 4001, Some("no"), Some("pusher.com")),
        ("pusher-channels", 4201, Some("yes"), Some("pusher.com")),
        ("pusher-channels", 4301, None, None),
        ("graphql-ws", 4403, Some("yes"), Some("graphql-ws")),
        ("graphql-ws", 4500, Some("no"), Some("graphql-ws")),
        ("websocket", 1006, None, None),
    ] {
        let answer = app
            .get_json(&format!("/api/v1/families/{family}/codes/{code}?lang=vi"))
            .await;
        let reconnect = &answer["reconnect"];
        assert_eq!(reconnect["source_says"].as_str(), says, "{family} {code}");
        match cited {
            Some(host) => {
                let url = reconnect["source_reference"]["url"].as_str().unwrap();
                assert!(url.contains(host), "{family} {code}: {url}");
            }
            None => assert!(reconnect["source_reference"].is_null(), "{family} {code}"),
        }
        // Our advice is still there, apart from the source's word.
        assert!(reconnect["advice"].is_string(), "{family} {code}");
    }
    let comparison = app
        .get_json("/api/v1/families/discord-gateway/compare/4000/4004")
        .await;
    let source_says = comparison["key_differences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|difference| difference["fact"] == "source_says")
        .expect("a key difference about what the source says");
    assert_eq!(source_says["a"], "yes");
    assert_eq!(source_says["b"], "no");
    assert_eq!(source_says["differs"], true);
}
