//! Every family against a table transcribed from its cited source
//! (tests/fixtures/families/{slug}.csv; sources in SOURCES.md there): each
//! code's name, and where the table has a `reconnect` column, what the source
//! says about reconnecting (`yes`, `no`, or empty where it is silent).

use std::collections::BTreeMap;

use closecodes::dataset::{self, DataSource};

use crate::helpers::repo_path;

/// A code as its source's table gives it: number, name, and what the source
/// says about reconnecting, when the table says anything (`None` for no column).
type Row = (u16, String, Option<String>);

fn transcribed_tables() -> BTreeMap<String, Vec<Row>> {
    let folder = repo_path("tests/fixtures/families");
    let mut tables = BTreeMap::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("csv") {
            continue;
        }
        let slug = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let mut reader = csv::Reader::from_path(&path).unwrap();
        let has_reconnect = reader.headers().unwrap().iter().any(|h| h == "reconnect");
        let rows = reader
            .records()
            .map(|record| {
                let record = record.unwrap();
                let says = has_reconnect.then(|| record[2].to_owned());
                (record[0].parse().unwrap(), record[1].to_owned(), says)
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
        let has_reconnect = table.iter().any(|(_, _, says)| says.is_some());
        let ours: Vec<Row> = family
            .codes
            .iter()
            .map(|code| {
                let says = code.reconnect.source_says.map_or("", |says| says.id());
                (
                    code.code,
                    code.name.clone(),
                    has_reconnect.then(|| says.to_owned()),
                )
            })
            .collect();
        if !has_reconnect {
            // A source with no word on reconnecting: the data says nothing either.
            for code in &family.codes {
                assert_eq!(
                    code.reconnect.source_says, None,
                    "{} {}",
                    family.slug, code.code
                );
            }
        }
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
        "assemblyai-streaming",
        "centrifugo",
        "spring",
    ] {
        let family = dataset
            .source()
            .family(slug)
            .unwrap_or_else(|| panic!("family {slug} is missing"));
        assert!(!family.codes.is_empty(), "{slug}");
    }
}
