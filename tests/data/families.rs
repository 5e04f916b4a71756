//! Every family against a table transcribed from its cited source
//! (tests/fixtures/families/{slug}.csv; sources in SOURCES.md there).

use std::collections::BTreeMap;

use closecodes::dataset::{self, DataSource};

use crate::helpers::repo_path;

fn transcribed_tables() -> BTreeMap<String, Vec<(u16, String)>> {
    let folder = repo_path("tests/fixtures/families");
    let mut tables = BTreeMap::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("csv") {
            continue;
        }
        let slug = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let mut reader = csv::Reader::from_path(&path).unwrap();
        let rows = reader
            .records()
            .map(|record| {
                let record = record.unwrap();
                (record[0].parse().unwrap(), record[1].to_owned())
            })
            .collect();
        tables.insert(slug, rows);
    }
    tables
}

#[test]
fn every_family_matches_its_transcribed_source_table() {
    let dataset = dataset::load(&DataSource::Embedded).unwrap();
    let tables = transcribed_tables();
    for family in &dataset.source().families {
        if family.slug == "websocket" {
            continue; // Checked against the IANA registry in registry.rs.
        }
        let table = tables
            .get(&family.slug)
            .unwrap_or_else(|| panic!("{} has no fixture table", family.slug));
        let ours: Vec<(u16, String)> = family
            .codes
            .iter()
            .map(|code| (code.code, code.name.clone()))
            .collect();
        let mut expected = table.clone();
        expected.sort();
        assert_eq!(ours, expected, "{}", family.slug);
    }
    for slug in tables.keys() {
        assert!(
            dataset.source().family(slug).is_some(),
            "fixture for unknown family {slug}"
        );
    }
}

#[test]
fn the_families_the_product_promises_are_there() {
    let dataset = dataset::load(&DataSource::Embedded).unwrap();
    for slug in [
        "websocket",
        "graphql-ws",
        "discord-gateway",
        "discord-voice",
        "discord-rpc",
        "twitch-eventsub",
        "pusher-channels",
        "obs-websocket",
        "aws-api-gateway",
        "sockjs",
    ] {
        let family = dataset
            .source()
            .family(slug)
            .unwrap_or_else(|| panic!("family {slug} is missing"));
        assert!(!family.codes.is_empty(), "{slug}");
    }
}
