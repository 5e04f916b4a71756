//! Explain throughput over the public corpus, on one core: every line of
//! `tests/fixtures/explain/corpus.json` explained in rounds until about two
//! seconds have passed, then lines per second and microseconds per line, and
//! the same for the slowest line alone and for a 4,000-character paste.
//!
//! `cargo run --release --example explain_throughput` (bench/explain.sh).

use std::time::{Duration, Instant};

use closecodes::dataset::explain::explain;
use closecodes::dataset::{DataSource, load};

const BUDGET: Duration = Duration::from_secs(2);

fn main() {
    let dataset = load(&DataSource::Embedded).expect("the built-in dataset loads");
    let edition = dataset.source();
    let corpus: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string("tests/fixtures/explain/corpus.json")
            .expect("run from the repository"),
    )
    .expect("the corpus is JSON");
    let lines: Vec<&str> = corpus
        .iter()
        .filter_map(|line| line["text"].as_str())
        .collect();

    let per_line = |texts: &[&str]| {
        let started = Instant::now();
        let mut explained = 0u64;
        while started.elapsed() < BUDGET {
            for text in texts {
                std::hint::black_box(explain(&dataset, edition, std::hint::black_box(text)));
            }
            explained += texts.len() as u64;
        }
        started.elapsed().as_secs_f64() / explained as f64
    };

    let corpus_seconds = per_line(&lines);
    println!(
        "corpus: {} lines, {:.1} µs per line, {:.0} lines/s on one core",
        lines.len(),
        corpus_seconds * 1e6,
        1.0 / corpus_seconds
    );
    let slowest = lines
        .iter()
        .max_by_key(|text| {
            let started = Instant::now();
            for _ in 0..200 {
                std::hint::black_box(explain(&dataset, edition, text));
            }
            started.elapsed()
        })
        .expect("the corpus has lines");
    println!(
        "slowest line ({} chars): {:.1} µs",
        slowest.chars().count(),
        per_line(&[slowest]) * 1e6
    );
    let mut paste = String::new();
    for text in lines.iter().cycle() {
        if paste.chars().count() + text.chars().count() > 4000 {
            break;
        }
        paste.push_str(text);
        paste.push('\n');
    }
    println!(
        "a {}-character paste of corpus lines: {:.1} µs",
        paste.chars().count(),
        per_line(&[&paste]) * 1e6
    );
}
