//! The explain engine against the public corpus: real lines pasted in public
//! issue threads and docs (`tests/fixtures/explain/corpus.json`, each with its
//! source). Top-1 must be right for at least 90% of them; every miss is listed.

use closecodes::dataset::explain::explain;
use closecodes::dataset::{self, DataSource};
use serde::Deserialize;

use crate::helpers::repo_path;

#[derive(Deserialize)]
struct Line {
    text: String,
    family: String,
    code: u16,
    library: String,
    source: String,
}

fn corpus() -> Vec<Line> {
    let path = repo_path("tests/fixtures/explain/corpus.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_corpus_is_large_and_varied_and_cites_every_line() {
    let lines = corpus();
    assert!(lines.len() >= 60, "only {} lines", lines.len());
    let mut libraries: Vec<&str> = lines.iter().map(|line| line.library.as_str()).collect();
    libraries.sort_unstable();
    libraries.dedup();
    assert!(libraries.len() >= 12, "only {} libraries", libraries.len());
    for line in &lines {
        assert!(
            line.source.starts_with("https://"),
            "{}: no source",
            line.text
        );
    }
}

#[test]
fn top_1_is_right_for_at_least_90_percent_of_the_corpus() {
    let dataset = dataset::load(&DataSource::Embedded).unwrap();
    let lines = corpus();
    let mut top1 = 0;
    let mut top3 = 0;
    let mut misses = Vec::new();
    for line in &lines {
        let answer = explain(&dataset, dataset.source(), &line.text);
        let rank = answer
            .candidates
            .iter()
            .position(|c| c.family == line.family && c.code == line.code);
        match rank {
            Some(0) => top1 += 1,
            _ => {
                let got: Vec<String> = answer
                    .candidates
                    .iter()
                    .take(3)
                    .map(|c| format!("{} {} ({})", c.family, c.code, c.confidence))
                    .collect();
                misses.push(format!(
                    "- expected {} {}, got [{}]\n  {}\n  {}",
                    line.family,
                    line.code,
                    got.join(", "),
                    line.text.replace('\n', "\n  "),
                    line.source
                ));
            }
        }
        if rank.is_some_and(|rank| rank < 3) {
            top3 += 1;
        }
    }
    let total = lines.len();
    println!(
        "top-1 {top1}/{total} ({:.1}%), top-3 {top3}/{total} ({:.1}%)",
        100.0 * top1 as f64 / total as f64,
        100.0 * top3 as f64 / total as f64
    );
    println!("misses:\n{}", misses.join("\n"));
    assert!(
        top1 * 10 >= total * 9,
        "top-1 {top1}/{total} is under 90%; misses:\n{}",
        misses.join("\n")
    );
}
