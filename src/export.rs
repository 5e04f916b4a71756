//! `closecodes export DIR`: every stored answer (pages in every language, API
//! answers, the OpenAPI document, assets, sitemap, robots) as static files,
//! made by the same functions that make the live service's answers,
//! with an nginx configuration and a `_redirects` file that map the live URLs,
//! 301s included, onto them. What is computed per request (lookups, search,
//! explain, embed cards, oEmbed, `/ws/echo`) needs the running service.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use std::sync::Arc;

use crate::dataset::{Dataset, SOURCE_LANGUAGE};
use crate::http::policy::Policy;
use crate::http::resource::{best_gzip, is_compressible};
use crate::pages;
use crate::site::Site;
use crate::static_files;
use crate::urls::{Page, PublicUrl, Route};

pub struct Summary {
    pub files: usize,
    pub redirects: usize,
}

/// Where an answer stored under `key` (a path, with `?lang=xx` for API
/// answers in another language) lives in the export.
pub fn file_for(key: &str) -> PathBuf {
    let (path, lang) = match key.split_once("?lang=") {
        Some((path, lang)) => (path, Some(lang)),
        None => (key, None),
    };
    let relative = path.trim_start_matches('/');
    if path.starts_with("/api/v1/") {
        // nginx finds these with `try_files $uri$lang.json $uri$lang`.
        let mut file = relative.to_owned();
        if let Some(lang) = lang {
            file.push('.');
            file.push_str(lang);
        }
        if !path.ends_with(".json") || lang.is_some() {
            file.push_str(".json");
        }
        // `/api/v1/dataset.json?lang=vi` → `dataset.json.vi.json`, found by `$uri$lang.json`.
        return PathBuf::from(file);
    }
    if path.ends_with('/') {
        return PathBuf::from(format!("{relative}index.html"));
    }
    let last = relative.rsplit('/').next().unwrap_or(relative);
    if last.contains('.') {
        PathBuf::from(relative)
    } else {
        PathBuf::from(format!("{relative}.html"))
    }
}

/// The URLs the live service answers with 301, and where to.
fn redirects(routes: &[Route]) -> Vec<(String, String)> {
    let mut redirects = Vec::new();
    for route in routes {
        let Route::Page { lang, page } = route else {
            continue;
        };
        let to = route.address();
        match page {
            // A family page or a language's home: the address without the slash.
            Page::Family(_) => redirects.push((to.trim_end_matches('/').to_owned(), to)),
            Page::Home if lang.is_some() => {
                redirects.push((to.trim_end_matches('/').to_owned(), to));
            }
            // A comparison in the reversed order.
            Page::Comparison(family, a, b) => {
                let reversed = Page::Comparison(family.clone(), *b, *a);
                redirects.push((Route::page(lang.as_deref(), reversed).address(), to));
            }
            _ => {}
        }
    }
    redirects.push(("/api/docs".to_owned(), "/api/docs/".to_owned()));
    redirects.sort();
    redirects
}

pub fn export(dataset: Arc<Dataset>, public_url: &PublicUrl, dir: &Path) -> io::Result<Summary> {
    fs::create_dir_all(dir)?;
    let root = fs::canonicalize(dir)?;
    let mut files = 0;
    let mut write = |relative: &Path, bytes: &[u8]| -> io::Result<()> {
        let target = root.join(relative);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(target, bytes)?;
        files += 1;
        Ok(())
    };
    let site = Site::new(dataset.clone(), public_url.clone());
    let routes = site.routes();
    for route in &routes {
        let prepared = site
            .prepare_route(route)
            .expect("every listed route answers");
        let file = file_for(&route.address());
        let body = (prepared.render)();
        // nginx's `gzip_static` sends these to clients that take gzip.
        if is_compressible(prepared.content_type) {
            let mut gzip = file.clone().into_os_string();
            gzip.push(".gz");
            write(Path::new(&gzip), &best_gzip(&body))?;
        }
        write(&file, &body)?;
    }
    for edition in &dataset.editions {
        let file = format!("{}/404.html", edition.prefix.trim_start_matches('/'));
        let page = pages::render_not_found_page(&dataset, public_url.as_str(), edition, None)
            .expect("the 404 page always renders");
        write(Path::new(file.trim_start_matches('/')), page.as_bytes())?;
    }
    let redirects = redirects(&routes);
    let netlify: String = redirects
        .iter()
        .map(|(from, to)| format!("{from} {to} 301\n"))
        .collect();
    write(Path::new("_redirects"), netlify.as_bytes())?;
    write(
        Path::new("nginx.conf"),
        nginx_conf(&dataset, &root, &redirects).as_bytes(),
    )?;
    Ok(Summary {
        files,
        redirects: redirects.len(),
    })
}

/// The `add_header` lines of a policy: the live service's headers for the
/// same answers, made by the same function.
fn add_headers(policy: Policy, dataset_version: &str, indent: &str) -> String {
    let mut lines = String::new();
    for (name, value) in policy.headers(dataset_version) {
        let value = value.to_str().expect("header policies are ASCII");
        let _ = writeln!(lines, "{indent}add_header {name} \"{value}\" always;");
    }
    lines
}

fn nginx_conf(dataset: &Dataset, root: &Path, redirects: &[(String, String)]) -> String {
    let version = &dataset.version;
    let mut map = String::new();
    for (from, to) in redirects {
        let _ = writeln!(map, "        \"{from}\" \"{to}\";");
    }
    let mut languages = String::new();
    for edition in &dataset.editions {
        let suffix = if edition.lang == SOURCE_LANGUAGE {
            String::new()
        } else {
            format!(".{}", edition.lang)
        };
        let _ = writeln!(languages, "        \"{}\" \"{suffix}\";", edition.lang);
    }
    const IN_LOCATION: &str = "            ";
    let page_headers = add_headers(Policy::PAGE, version, IN_LOCATION);
    let mut not_found = String::new();
    for edition in &dataset.editions[1..] {
        let prefix = &edition.prefix;
        let _ = writeln!(
            not_found,
            "        location {prefix}/ {{\n{page_headers}            error_page 404 {prefix}/404.html;\n            try_files $uri $uri.html $uri/ =404;\n        }}"
        );
    }
    // Fingerprinted assets never change: cached for a year, as live.
    let mut immutable = String::new();
    for asset in static_files::all() {
        let _ = writeln!(
            immutable,
            "        location = {} {{\n{}        }}",
            asset.fingerprinted_url,
            add_headers(Policy::FINGERPRINTED_ASSET, version, IN_LOCATION)
        );
    }
    let api_headers = add_headers(Policy::API, version, IN_LOCATION);
    let docs_headers = add_headers(Policy::API_DOCS, version, IN_LOCATION);
    let static_headers = add_headers(Policy::ASSET, version, IN_LOCATION);
    let server_headers = add_headers(Policy::PAGE, version, "        ");
    format!(
        r#"# nginx configuration for this closecodes export: `nginx -p DIR -c nginx.conf`.
# Serves the files written by `closecodes export`, with the live service's
# URLs, 301s, language parameter, 404 pages and headers.
worker_processes auto;
pid nginx.pid;
error_log stderr;

events {{
    worker_connections 1024;
}}

http {{
    # The live service's types, with the charset it names on text.
    charset utf-8;
    # text/html is in charset_types by default.
    charset_types text/css text/javascript text/markdown text/plain application/xml;
    types {{
        text/html html;
        text/css css;
        text/javascript js;
        image/svg+xml svg;
        image/png png;
        text/markdown md;
        text/plain txt;
        application/xml xml;
        application/json json;
    }}
    default_type application/octet-stream;
    # One line per request, as closecodes logs; run with `-g "daemon off;"` in a container.
    access_log /dev/stdout;
    sendfile on;
    tcp_nopush on;
    # Each compressible file has its gzip form next to it, made by the export.
    gzip_static on;
    gzip_vary on;
    server_tokens off;

    # The live service's 301s: families without their slash, reversed comparisons.
    map_hash_bucket_size 128;
    map_hash_max_size 16384;
    map $uri $closecodes_redirect {{
        default "";
{map}    }}

    # `?lang=` on the API: the source language has no suffix; anything else is a 400.
    map $arg_lang $closecodes_lang {{
        default "invalid";
        "" "";
{languages}    }}

    server {{
        listen 127.0.0.1:8080;
        root "{root}";
        index index.html;

        # Each location repeats its headers: nginx drops the server's once a
        # location has any of its own. All come from the live policy.
{server_headers}
        if ($closecodes_redirect) {{
            return 301 $closecodes_redirect;
        }}

        location /api/v1/ {{
            if ($closecodes_lang = "invalid") {{
                return 400;
            }}
            default_type application/json;
{api_headers}            try_files $uri$closecodes_lang.json $uri$closecodes_lang =404;
        }}

        location /api/docs/ {{
{docs_headers}            try_files $uri $uri/index.html =404;
        }}

        location /static/ {{
{static_headers}            try_files $uri =404;
        }}

{immutable}
{not_found}
        location / {{
{page_headers}            error_page 404 /404.html;
            try_files $uri $uri.html $uri/ =404;
        }}
    }}
}}
"#,
        root = root.display()
    )
}

#[cfg(test)]
mod tests {
    use super::file_for;

    #[test]
    fn every_kind_of_answer_has_a_file() {
        for (key, file) in [
            ("/", "index.html"),
            ("/vi/", "vi/index.html"),
            ("/websocket/", "websocket/index.html"),
            ("/websocket/1009", "websocket/1009.html"),
            ("/websocket/1009.md", "websocket/1009.md"),
            ("/static/style.0a1b2c3d.css", "static/style.0a1b2c3d.css"),
            ("/api/v1/families", "api/v1/families.json"),
            ("/api/v1/families?lang=vi", "api/v1/families.vi.json"),
            ("/api/v1/dataset.json", "api/v1/dataset.json"),
            (
                "/api/v1/dataset.json?lang=vi",
                "api/v1/dataset.json.vi.json",
            ),
            ("/api/docs/", "api/docs/index.html"),
            ("/api/docs/swagger-ui.css", "api/docs/swagger-ui.css"),
        ] {
            assert_eq!(file_for(key).to_str().unwrap(), file, "{key}");
        }
    }
}
