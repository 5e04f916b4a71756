//! Shared by every test binary: start the real server on a random port and
//! talk to it over HTTP; read the IANA registry fixture.

#![allow(dead_code)] // Each test binary uses a different part of this module.

pub mod dataset_copy;
pub mod glossary;

use std::path::{Path, PathBuf};

use closecodes::configuration::{Settings, WebSocketLimits};
use closecodes::dataset::DataSource;
use closecodes::startup::Application;
use reqwest::header::CONTENT_TYPE;
use reqwest::{Response, StatusCode, redirect};
use serde_json::Value;

/// The fields every code object has, by the product contract.
pub const CODE_CONTRACT_FIELDS: [&str; 13] = [
    "family",
    "code",
    "name",
    "summary",
    "when",
    "fix",
    "range",
    "on_the_wire",
    "browser_can_send",
    "reconnect",
    "references",
    "url",
    "related",
];

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
}

/// Starts the real application, built-in dataset, on 127.0.0.1 and a free port.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(WebSocketLimits::default()).await
}

/// The same, with other bounds for `/ws/echo`.
pub async fn spawn_app_with(websocket: WebSocketLimits) -> TestApp {
    spawn_app_from(Settings {
        websocket,
        ..test_settings()
    })
    .await
}

/// The same, keeping at most `cache_bytes` of answers in memory.
pub async fn spawn_app_with_cache(cache_bytes: u64) -> TestApp {
    spawn_app_from(Settings {
        cache_bytes,
        ..test_settings()
    })
    .await
}

/// The same, with its pages naming the address it listens on (as
/// `cargo run` does) rather than the default public URL: for code a reader
/// copies from a page and runs.
pub async fn spawn_app_naming_itself() -> TestApp {
    spawn_app_from(Settings {
        public_url: None,
        ..test_settings()
    })
    .await
}

fn test_settings() -> Settings {
    Settings {
        bind: "127.0.0.1:0".to_owned(),
        public_url: Some(closecodes::configuration::DEFAULT_PUBLIC_URL.to_owned()),
        data: DataSource::Embedded,
        handle_signals: false,
        cache_bytes: closecodes::configuration::DEFAULT_CACHE_MB << 20,
        websocket: WebSocketLimits::default(),
        lab_runs: closecodes::configuration::RunLimits::default(),
    }
}

async fn spawn_app_from(settings: Settings) -> TestApp {
    let application = Application::build(&settings).expect("the built-in dataset serves");
    let address = format!("http://{}", application.address());
    tokio::spawn(application.run_until_stopped());
    TestApp {
        address,
        // Redirects are checked, not followed.
        client: reqwest::Client::builder()
            .redirect(redirect::Policy::none())
            .build()
            .unwrap(),
    }
}

/// The numbers of the codes in a family answer, in its order.
pub fn code_numbers(family: &Value) -> Vec<u64> {
    family["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|code| code["code"].as_u64().unwrap())
        .collect()
}

/// The value of one series (name and labels, as printed) in `/metrics` text.
pub fn metric_sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .map(|value| value.parse().expect("a sample is a number"))
}

impl TestApp {
    /// The value of one series on `/metrics` now.
    pub async fn metric(&self, series: &str) -> Option<f64> {
        let text = self.get("/metrics").await.text().await.unwrap();
        metric_sample(&text, series)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request reaches the server")
    }

    /// GET a JSON answer that must be 200 `application/json`.
    pub async fn get_json(&self, path: &str) -> Value {
        let response = self.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        assert_eq!(content_type(&response), "application/json", "GET {path}");
        response.json().await.unwrap()
    }

    /// The numbers of a family's codes, in the API's order.
    pub async fn family_codes(&self, family: &str) -> Vec<u64> {
        code_numbers(&self.get_json(&format!("/api/v1/families/{family}")).await)
    }

    /// The API answer for one standard code.
    pub async fn get_standard_code(&self, number: u16) -> Value {
        self.get_json(&format!("/api/v1/families/websocket/codes/{number}"))
            .await
    }

    /// GET an HTML page that must be 200 `text/html; charset=utf-8`.
    pub async fn get_page(&self, path: &str) -> String {
        self.get_html(path, StatusCode::OK).await
    }

    /// GET the HTML 404 page, which a missing page must answer with.
    pub async fn get_not_found_page(&self, path: &str) -> String {
        self.get_html(path, StatusCode::NOT_FOUND).await
    }

    async fn get_html(&self, path: &str, status: StatusCode) -> String {
        let response = self.get(path).await;
        assert_eq!(response.status(), status, "GET {path}");
        assert_eq!(
            content_type(&response),
            "text/html; charset=utf-8",
            "GET {path}"
        );
        response.text().await.unwrap()
    }

    /// GET something that must answer with an RFC 9457 problem of this status.
    pub async fn get_problem(&self, path: &str, status: StatusCode) -> Value {
        let response = self.get(path).await;
        assert_eq!(response.status(), status, "GET {path}");
        assert_eq!(
            content_type(&response),
            "application/problem+json",
            "GET {path}"
        );
        let problem: Value = response.json().await.unwrap();
        assert_eq!(problem["status"], status.as_u16(), "GET {path}: {problem}");
        // The type resolves, relative to this server, to a page explaining it.
        let kind = problem["type"].as_str().unwrap();
        assert!(kind.starts_with("/problems/"), "GET {path}: {problem}");
        let explanation = self.get_page(kind).await;
        assert!(
            explanation.contains(&format!("<code>{kind}</code>")),
            "{kind}"
        );
        assert!(!problem["title"].as_str().unwrap().is_empty());
        assert!(!problem["detail"].as_str().unwrap().is_empty());
        problem
    }
}

pub fn content_type(response: &Response) -> &str {
    response
        .headers()
        .get(CONTENT_TYPE)
        .map(|value| value.to_str().unwrap())
        .unwrap_or("")
}

pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// One registered code from the IANA registry fixture.
pub struct Registration {
    pub code: u16,
    pub meaning: String,
}

/// The single codes (not the unassigned or private ranges) of the registry.
pub fn iana_registrations() -> Vec<Registration> {
    let mut reader =
        csv::Reader::from_path(repo_path("tests/fixtures/iana-websocket-close-codes.csv")).unwrap();
    reader
        .records()
        .filter_map(|record| {
            let record = record.unwrap();
            let code = record[0].parse().ok()?;
            Some(Registration {
                code,
                meaning: record[1].to_owned(),
            })
        })
        .collect()
}

/// The websocket family's codes, which are exactly the registry's single codes.
pub fn registered_codes() -> Vec<u16> {
    iana_registrations().iter().map(|r| r.code).collect()
}

/// Every pair of registered codes, the lower first.
pub fn registered_pairs() -> Vec<(u16, u16)> {
    let codes = registered_codes();
    codes
        .iter()
        .enumerate()
        .flat_map(|(i, a)| codes[i + 1..].iter().map(move |b| (*a, *b)))
        .collect()
}
