//! Every page, API answer and asset, rendered once at startup and kept in
//! memory. Serving is a lookup by path.

use std::collections::HashMap;

use std::sync::atomic::{AtomicBool, Ordering};

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web::{self, Bytes};
use actix_web::{HttpRequest, HttpResponse};

use crate::dataset::Dataset;
use actix_web::http::header::{self, HeaderName, HeaderValue};

use crate::http::resource::{Form, HTML, IMMUTABLE, SharedHeaders};
use crate::http::{Answers, Resource, security};
use crate::startup::dataset_version_header;
use crate::{api, assets, embed, pages};

pub struct Site {
    pub dataset: Dataset,
    /// Where people reach the site, without a trailing slash.
    pub public_url: String,
    /// Boxed: the table stays small, however big a resource is.
    resources: HashMap<String, Box<Resource>>,
    /// The 404 page of each language, by language code.
    not_found: HashMap<String, Resource>,
    precompressed: AtomicBool,
}

impl Site {
    /// `public_url` is where people reach the site (canonical URLs, oEmbed).
    /// Each language renders on a thread of its own.
    pub fn build(dataset: Dataset, public_url: &str) -> Result<Site, askama::Error> {
        let (editions, shared) = std::thread::scope(|scope| {
            let editions: Vec<_> = dataset
                .editions
                .iter()
                .map(|edition| {
                    let dataset = &dataset;
                    scope.spawn(move || {
                        let mut resources = Answers::default();
                        pages::render_edition(dataset, edition, public_url, &mut resources)?;
                        api::render_edition(dataset, edition, &mut resources);
                        Ok::<_, askama::Error>(resources)
                    })
                })
                .collect();
            let shared = render_shared(&dataset);
            let editions: Vec<_> = editions
                .into_iter()
                .map(|worker| worker.join().expect("rendering never panics"))
                .collect();
            (editions, shared)
        });
        let mut resources = Answers::default();
        for edition in editions {
            resources.merge(edition?);
        }
        // The sitemap lists the pages of every language, and nothing shared.
        pages::render_sitemap(&dataset, public_url, &mut resources);
        resources.merge(shared?);
        // A handful of distinct header lists, each held once.
        let mut shared: HashMap<Vec<(HeaderName, HeaderValue)>, SharedHeaders> = HashMap::new();
        let resources = resources
            .into_iter()
            .map(|(path, resource)| {
                let headers = headers_for(&path, &dataset.version);
                let headers = shared
                    .entry(headers)
                    .or_insert_with_key(|headers| headers.as_slice().into())
                    .clone();
                let resource = resource.with_shared_headers(headers).kept();
                (path, Box::new(resource))
            })
            .collect();
        let not_found = pages::render_not_found(&dataset, public_url)?;
        Ok(Site {
            public_url: public_url.to_owned(),
            dataset,
            resources,
            not_found,
            precompressed: AtomicBool::new(false),
        })
    }

    /// Makes every compressed form now, so that no request waits for one,
    /// on `threads` threads.
    pub fn precompress(&self, threads: usize) {
        let resources: Vec<&Resource> = self
            .resources
            .values()
            .map(|resource| &**resource)
            .collect();
        let chunk = resources.len().div_ceil(threads.max(1)).max(1);
        std::thread::scope(|scope| {
            for share in resources.chunks(chunk) {
                scope.spawn(move || share.iter().for_each(|resource| resource.precompress()));
            }
        });
        self.precompressed.store(true, Ordering::Release);
    }

    /// Whether [`Site::precompress`] has finished.
    pub fn is_precompressed(&self) -> bool {
        self.precompressed.load(Ordering::Acquire)
    }

    /// Bytes held for every stored answer, by form.
    pub fn stored_bytes(&self) -> [(Form, usize); 3] {
        Form::ALL.map(|form| {
            let bytes = self.resources.values();
            (
                form,
                bytes.map(|resource| resource.stored_bytes(form)).sum(),
            )
        })
    }

    pub fn get(&self, path: &str) -> Option<&Resource> {
        self.resources.get(path).map(|resource| &**resource)
    }

    /// Every stored path, for tests and for listing what is served.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.resources.keys().map(String::as_str)
    }

    pub fn has(&self, path: &str) -> bool {
        self.resources.contains_key(path)
    }

    pub fn respond(&self, request: &HttpRequest, path: &str) -> Option<HttpResponse> {
        self.get(path).map(|resource| resource.respond(request))
    }

    /// The plain 404 page of a language, e.g. for a static export.
    pub fn not_found_body(&self, lang: &str) -> Bytes {
        self.not_found[lang].body()
    }

    /// The 404 page in the language of the path that was asked for.
    /// When the address holds a number, the page links what it means.
    pub fn not_found_page(&self, path: &str) -> HttpResponse {
        self.not_found_page_for(path, number_in(path))
    }

    /// The 404 page in the language of `path`, about `number` if any.
    pub fn not_found_page_for(&self, path: &str, number: Option<u16>) -> HttpResponse {
        let (edition, _) = self.dataset.edition_of_path(path);
        let Some(number) = number else {
            return self.not_found[&edition.lang].respond_with_status(StatusCode::NOT_FOUND);
        };
        // Rare and cheap: rendered when asked. The template writes only into a String.
        let html =
            pages::render_not_found_page(&self.dataset, &self.public_url, edition, Some(number))
                .expect("the 404 page always renders");
        Resource::new(HTML, html).respond_with_status(StatusCode::NOT_FOUND)
    }
}

/// Answers common to every language: API docs, badges and assets.
fn render_shared(dataset: &Dataset) -> Result<Answers, askama::Error> {
    let mut resources = Answers::default();
    api::render_docs(dataset, &mut resources);
    embed::render_badges(dataset, &mut resources)?;
    for asset in assets::all() {
        let resource = || Resource::new(asset.content_type, asset.contents);
        resources.add(asset.plain_url.clone(), resource());
        resources.add(
            asset.fingerprinted_url.clone(),
            resource().with_cache_control(IMMUTABLE),
        );
    }
    Ok(resources)
}

/// What every answer at `path` carries besides its own headers: security
/// policy, and for the API its dataset version and CORS.
fn headers_for(path: &str, dataset_version: &str) -> Vec<(HeaderName, HeaderValue)> {
    let mut headers = security::headers_for(path);
    if path.starts_with("/api/v1/") {
        headers.push(dataset_version_header(dataset_version));
        headers.push((
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        ));
    }
    headers
}

/// The first part of an address that is a number from 0 to 65535 on its
/// own (`/websocket/4999.md`, not the hex of `/static/style.3f2a1b9c.css`).
fn number_in(path: &str) -> Option<u16> {
    path.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| (1..=5).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
        .find_map(|digits| digits.parse().ok())
}

/// Answers GET and HEAD for any stored path (with its query, for API answers
/// in another language) straight from the store, before routing: the
/// answer's headers were all made at startup. Anything else goes on.
pub async fn serve_stored(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if matches!(*request.method(), Method::GET | Method::HEAD)
        && let Some(site) = request.app_data::<web::Data<Site>>()
    {
        let stored = match request.query_string() {
            "" => site.get(request.path()),
            query => site.get(&format!("{}?{query}", request.path())),
        };
        if let Some(resource) = stored {
            let response = resource.respond(request.request());
            return Ok(request.into_response(response).map_into_right_body());
        }
    }
    Ok(next.call(request).await?.map_into_left_body())
}
