//! `closecodes export`: the exported files served by nginx with the generated
//! configuration answer every sitemap URL and every API URL with the same
//! bytes as the live server, and keep its redirects, 404s and `lang` errors.
//! Needs nginx (`.ci/run` installs it).

#[path = "../helpers/mod.rs"]
mod helpers;

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use closecodes::configuration::DEFAULT_PUBLIC_URL;
use closecodes::dataset::{self, DataSource};
use closecodes::site::Site;
use closecodes::urls::{PublicUrl, Route};
use reqwest::StatusCode;
use reqwest::header::LOCATION;

use helpers::spawn_app;

/// nginx on a free loopback port, stopped when dropped.
struct Nginx {
    child: Child,
    address: String,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // SIGTERM lets the master stop its workers; SIGKILL would orphan them.
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

fn start_nginx(export: &Path) -> Nginx {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config = export.join("nginx.conf");
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.contains("listen 127.0.0.1:8080;"));
    std::fs::write(
        &config,
        text.replace(
            "listen 127.0.0.1:8080;",
            &format!("listen 127.0.0.1:{port};"),
        ),
    )
    .unwrap();
    let child = Command::new("nginx")
        .arg("-p")
        .arg(export)
        .args(["-c", "nginx.conf", "-g", "daemon off;"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("nginx runs (install it: apt-get install nginx-light, or bash .ci/run)");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "nginx did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Nginx {
        child,
        address: format!("http://127.0.0.1:{port}"),
    }
}

fn export_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_closecodes"))
        .arg("export")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // nginx's workers run as an unprivileged user: let them read the export.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

/// The headers whose values are policy: type, caching, framing, scripts, CORS.
const POLICY_HEADERS: [&str; 8] = [
    "content-type",
    "cache-control",
    "content-security-policy",
    "x-frame-options",
    "x-content-type-options",
    "referrer-policy",
    "access-control-allow-origin",
    "closecodes-dataset-version",
];

#[tokio::test]
async fn the_export_served_by_nginx_answers_like_the_live_server() {
    let live = spawn_app().await;
    let export = export_site();
    let nginx = start_nginx(export.path());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let get = |base: &str, path: &str| client.get(format!("{base}{path}")).send();

    // Every stored answer: pages, Markdown, badges, API answers in every
    // language, the OpenAPI document, Swagger UI, assets, sitemap, robots.
    let site = Site::new(
        Arc::new(dataset::load(&DataSource::Embedded).unwrap()),
        PublicUrl::new(DEFAULT_PUBLIC_URL),
    );
    let urls: Vec<String> = site.routes().iter().map(Route::address).collect();
    let sitemap = live.get("/sitemap.xml").await.text().await.unwrap();
    for located in sitemap.split("<loc>").skip(1) {
        let url = located.split("</loc>").next().unwrap();
        let path = url.replacen(DEFAULT_PUBLIC_URL, "", 1);
        assert!(
            urls.contains(&path),
            "{path} is in the sitemap, not exported"
        );
    }
    assert!(urls.len() > 3000, "{}", urls.len());

    let mut different = Vec::new();
    for url in &urls {
        let expected = get(&live.address, url).await.unwrap();
        assert_eq!(expected.status(), StatusCode::OK, "live {url}");
        let served = get(&nginx.address, url).await.unwrap();
        if served.status() != StatusCode::OK {
            different.push(format!("{url}: {}", served.status()));
            continue;
        }
        // The export's nginx.conf sends the live header policy, not a copy that drifts.
        for name in POLICY_HEADERS {
            let (live_value, export_value) =
                (expected.headers().get(name), served.headers().get(name));
            if live_value != export_value {
                different.push(format!(
                    "{url}: {name} {live_value:?} live, {export_value:?} exported"
                ));
            }
        }
        if served.bytes().await.unwrap() != expected.bytes().await.unwrap() {
            different.push(format!("{url}: other bytes"));
        }
    }
    assert!(
        different.is_empty(),
        "{} differ:\n{}",
        different.len(),
        different.join("\n")
    );

    for (from, to) in [
        ("/websocket", "/websocket/"),
        ("/vi", "/vi/"),
        ("/websocket/1012-vs-1001", "/websocket/1001-vs-1012"),
        (
            "/vi/discord-gateway/4004-vs-4000",
            "/vi/discord-gateway/4000-vs-4004",
        ),
        ("/websocket/4001-vs-3000", "/websocket/3000-vs-4001"),
        ("/api/docs", "/api/docs/"),
    ] {
        let response = get(&nginx.address, from).await.unwrap();
        assert_eq!(response.status(), StatusCode::MOVED_PERMANENTLY, "{from}");
        let location = response.headers()[LOCATION].to_str().unwrap().to_owned();
        assert!(location.ends_with(to), "{from} → {location}");
    }
    // Clients that take gzip get the export's own gzip forms (`gzip_static`).
    for url in [
        "/websocket/1009",
        "/vi/websocket/1001-vs-1012",
        "/api/v1/families?lang=vi",
        "/static/style.css",
    ] {
        let compressed = client
            .get(format!("{}{url}", nginx.address))
            .header("accept-encoding", "gzip")
            .send()
            .await
            .unwrap();
        assert_eq!(compressed.headers()["content-encoding"], "gzip", "{url}");
        let mut body = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(&compressed.bytes().await.unwrap()[..]),
            &mut body,
        )
        .unwrap();
        let live_body = get(&live.address, url)
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        assert_eq!(body, live_body, "{url}");
    }
    let missing = get(&nginx.address, "/vi/websocket/9999").await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(missing.text().await.unwrap().contains("<html lang=\"vi\">"));
    let bad_lang = get(&nginx.address, "/api/v1/families?lang=fr")
        .await
        .unwrap();
    assert_eq!(bad_lang.status(), StatusCode::BAD_REQUEST);
}
