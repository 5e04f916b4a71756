//! Families that share numbers are never confused.

use crate::helpers::spawn_app;

#[tokio::test]
async fn lookup_lists_every_familys_meaning_of_a_shared_number() {
    let app = spawn_app().await;
    let lookup = app.get_json("/api/v1/lookup/4004").await;
    let entries = lookup["entries"].as_array().unwrap();
    let families: Vec<&str> = entries
        .iter()
        .map(|e| e["family"].as_str().unwrap())
        .collect();
    for family in ["discord-gateway", "discord-voice", "discord-rpc"] {
        assert!(families.contains(&family), "4004 in {family}: {families:?}");
    }
    let names: std::collections::HashSet<&str> = entries
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(
        names.len() >= 2,
        "the families give 4004 different meanings: {names:?}"
    );
    for entry in entries {
        let family = entry["family"].as_str().unwrap();
        assert_eq!(entry["url"], format!("/{family}/4004"));
        assert_eq!(entry["code"], 4004);
    }
}

#[tokio::test]
async fn every_family_answers_with_its_codes_and_sources() {
    let app = spawn_app().await;
    let list = app.get_json("/api/v1/families").await;
    for summary in list["families"].as_array().unwrap() {
        let slug = summary["slug"].as_str().unwrap();
        let family = app.get_json(&format!("/api/v1/families/{slug}")).await;
        let codes = family["codes"].as_array().unwrap();
        assert_eq!(codes.len() as u64, summary["code_count"].as_u64().unwrap());
        assert!(
            !family["ranges_note"].as_str().unwrap_or("").is_empty(),
            "{slug}"
        );
        assert!(
            !family["source_version"].as_str().unwrap().is_empty(),
            "{slug}"
        );
        for code in codes {
            assert_eq!(code["family"], slug);
            assert!(
                !code["references"].as_array().unwrap().is_empty(),
                "{slug} {}",
                code["code"]
            );
            let number = code["code"].as_u64().unwrap();
            let page = app.get(&format!("/{slug}/{number}")).await;
            assert_eq!(page.status(), 200, "/{slug}/{number}");
        }
    }
}
