//! Browser tests: each script in `tests/browser/scripts/` drives Debian's
//! Chromium (with Playwright, or Lighthouse) against a real server started
//! here. Needs `/usr/bin/chromium` and `npm ci --prefix tests/browser`
//! (`.ci/run` installs both).

#[path = "../helpers/mod.rs"]
mod helpers;

use std::process::Stdio;

use helpers::{repo_path, spawn_app};
use tokio::process::Command;
use tokio::time::{Duration, timeout};

/// A script that hangs (a wedged browser) fails instead of stalling the suite.
const SCRIPT_TIME_LIMIT: Duration = Duration::from_secs(120);

/// Lighthouse loads each page in full several times, on a shared machine;
/// the accessibility run screenshots every page twice.
const SLOW_SCRIPT_TIME_LIMIT: Duration = Duration::from_secs(420);

async fn run_script(name: &str) {
    run_script_within(name, SCRIPT_TIME_LIMIT).await;
}

async fn run_script_within(name: &str, limit: Duration) {
    let browser_dir = repo_path("tests/browser");
    assert!(
        browser_dir.join("node_modules/playwright-core").is_dir(),
        "playwright-core is not installed: run `npm ci --prefix tests/browser` (or `bash .ci/run`)"
    );
    let app = spawn_app().await;
    let child = Command::new("node")
        .arg(browser_dir.join("scripts").join(name))
        .env("CLOSECODES_URL", &app.address)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("node runs (install Node.js)");
    let output = timeout(limit, child.wait_with_output())
        .await
        .unwrap_or_else(|_| panic!("{name} did not finish within {limit:?}"))
        .unwrap();
    assert!(
        output.status.success(),
        "{name} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    // What a script measured (the lab's verdicts) shows with --nocapture.
    print!("{}", String::from_utf8_lossy(&output.stdout));
}

#[tokio::test]
async fn copy_buttons_put_the_snippet_on_the_clipboard() {
    run_script("copy_button.mjs").await;
}

#[tokio::test]
async fn the_language_switcher_keeps_the_reader_on_the_same_page() {
    run_script("language_switcher.mjs").await;
}

#[tokio::test]
async fn the_api_docs_load_with_no_request_leaving_the_server() {
    run_script("api_docs_offline.mjs").await;
}

#[tokio::test]
async fn try_it_shows_the_close_event_the_browser_reports() {
    run_script("try_it.mjs").await;
}

#[tokio::test]
async fn embeds_render_inside_a_page_of_another_origin() {
    run_script("embeds.mjs").await;
}

#[tokio::test]
async fn every_page_type_passes_axe_and_is_screenshotted() {
    // Two themes of every page type, each captured full-page (slow without a GPU).
    run_script_within("accessibility.mjs", SLOW_SCRIPT_TIME_LIMIT).await;
}

#[tokio::test]
async fn a_pasted_line_leads_to_its_code_with_and_without_javascript() {
    run_script("explain.mjs").await;
}

#[tokio::test]
async fn a_reader_searches_compares_switches_language_and_theme() {
    run_script("flow.mjs").await;
}

#[tokio::test]
async fn lighthouse_scores_100_in_every_category_on_every_page_type() {
    assert!(
        repo_path("tests/browser/node_modules/lighthouse").is_dir(),
        "lighthouse is not installed: run `npm ci --prefix tests/browser` (or `bash .ci/run`)"
    );
    run_script_within("lighthouse.mjs", SLOW_SCRIPT_TIME_LIMIT).await;
}

#[tokio::test]
async fn the_lab_runs_in_the_browser_and_shows_the_report() {
    run_script("lab.mjs").await;
}
