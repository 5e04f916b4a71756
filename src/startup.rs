//! Builds the application: loads and renders the dataset, binds the listener
//! and wires every surface into one actix-web server.

use std::fmt;
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::time::Instant;

use actix_cors::Cors;
use actix_web::dev::Server;
use actix_web::http::Method;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::{self, DefaultHeaders};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, ResponseError, web};

use crate::configuration::Settings;
use crate::dataset::{self, DataProblem};
use crate::http::problem::{ALLOWED_METHODS, ProblemType};
use crate::http::{Problem, get_or_head, security};
use crate::metrics::{self, METRICS_URL, Metrics};
use crate::site::{self, Site};
use crate::websocket::{self, EchoService};
use crate::{api, embed, pages, telemetry};

/// Every API answer names the dataset version it was rendered from.
pub const DATASET_VERSION_HEADER: &str = "closecodes-dataset-version";

/// The header naming the dataset version, on stored and computed API answers.
pub fn dataset_version_header(version: &str) -> (HeaderName, HeaderValue) {
    (
        HeaderName::from_static(DATASET_VERSION_HEADER),
        HeaderValue::try_from(version).expect("validated dataset versions are ASCII"),
    )
}

pub struct Application {
    server: Server,
    address: SocketAddr,
}

#[derive(Debug)]
pub enum StartupError {
    /// The dataset failed validation; every problem is listed.
    Data(Vec<DataProblem>),
    Render(askama::Error),
    Bind(String, std::io::Error),
}

impl fmt::Display for StartupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartupError::Data(problems) => {
                writeln!(f, "the dataset has {} problem(s):", problems.len())?;
                for problem in problems {
                    writeln!(f, "  {problem}")?;
                }
                Ok(())
            }
            StartupError::Render(error) => write!(f, "rendering the site failed: {error}"),
            StartupError::Bind(address, error) => write!(f, "cannot listen on {address}: {error}"),
        }
    }
}

impl std::error::Error for StartupError {}

impl Application {
    pub fn build(settings: &Settings) -> Result<Application, StartupError> {
        let started = Instant::now();
        limit_malloc_arenas();
        let dataset = dataset::load(&settings.data).map_err(StartupError::Data)?;
        let loaded = started.elapsed();
        // Bound before rendering: the pages' own links name the port it got.
        let listener = TcpListener::bind(&settings.bind)
            .map_err(|error| StartupError::Bind(settings.bind.clone(), error))?;
        let address = listener
            .local_addr()
            .map_err(|error| StartupError::Bind(settings.bind.clone(), error))?;
        let public_url = settings
            .public_url
            .clone()
            .unwrap_or_else(|| crate::configuration::public_url_of(address));
        let site = Site::build(dataset, &public_url).map_err(StartupError::Render)?;
        tracing::info!(
            resources = site.paths().count(),
            load_ms = loaded.as_millis() as u64,
            render_ms = (started.elapsed() - loaded).as_millis() as u64,
            "dataset loaded and rendered"
        );

        let site = web::Data::new(site);
        if settings.precompress {
            precompress_in_background(site.clone().into_inner());
        }
        let echo = web::Data::new(EchoService::new(settings.websocket));
        let server = serve(listener, site, echo, settings.handle_signals)
            .map_err(|error| StartupError::Bind(settings.bind.clone(), error))?;
        tracing::info!("listening on http://{address}");
        Ok(Application { server, address })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn serve(
    listener: TcpListener,
    site: web::Data<Site>,
    echo: web::Data<EchoService>,
    handle_signals: bool,
) -> std::io::Result<Server> {
    let dataset_version = site.dataset.version.clone();
    let echo_for_app = echo.clone();
    let metrics = web::Data::new(Metrics::new());
    let server = HttpServer::new(move || {
        App::new()
            .app_data(site.clone())
            .app_data(echo_for_app.clone())
            .app_data(metrics.clone())
            .app_data(web::PathConfig::default().error_handler(|error, _| {
                Problem::new(ProblemType::InvalidParameter, error.to_string()).into()
            }))
            .wrap(middleware::from_fn(security::headers))
            .wrap(middleware::from_fn(site::serve_stored))
            .wrap(middleware::from_fn(telemetry::observe))
            .route("/healthz", get_or_head().to(healthz))
            .route(METRICS_URL, get_or_head().to(metrics::serve))
            .configure(websocket::config)
            .service(
                web::scope("/api/v1")
                    .wrap(DefaultHeaders::new().add(dataset_version_header(&dataset_version)))
                    .wrap(
                        Cors::default()
                            .allow_any_origin()
                            .send_wildcard()
                            .allowed_methods(["GET", "HEAD"])
                            .max_age(86_400),
                    )
                    .configure(api::config)
                    .default_service(web::to(api_fallback)),
            )
            .service(
                web::scope("/api/docs")
                    .route("", get_or_head().to(api_docs_redirect))
                    .route("/{file:.*}", get_or_head().to(serve_docs)),
            )
            .configure(embed::config)
            .configure(pages::config)
            .default_service(web::to(page_fallback))
    })
    .listen(listener)?;
    let server = if handle_signals {
        server.shutdown_signal(async move {
            shutdown_requested().await;
            // Open sockets never end by themselves: tell them first, so each
            // gets its 1012 before the server waits for connections to finish.
            echo.stop();
        })
    } else {
        server.disable_signals()
    };
    Ok(server.run())
}

/// Makes every compressed form on a thread of its own, so the server answers
/// at once; until a form is made, it is made on first request.
fn precompress_in_background(site: Arc<Site>) {
    std::thread::spawn(move || {
        let started = Instant::now();
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        site.precompress(threads);
        release_freed_memory();
        let [identity, gzip, brotli] = site.stored_bytes().map(|(_, bytes)| bytes >> 10);
        tracing::info!(
            elapsed_ms = started.elapsed().as_millis() as u64,
            identity_kib = identity,
            gzip_kib = gzip,
            brotli_kib = brotli,
            "precompressed every answer"
        );
    });
}

/// glibc gives each allocating thread an arena of its own; the rendering and
/// compressing threads would leave several, each fragmented once the
/// uncompressed bodies are let go. Two keep rendering parallel. Other
/// allocators (macOS, musl) have no such knob and need none.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    // SAFETY: `mallopt` only tunes the allocator; it is called before the
    // threads that would make new arenas.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}

/// The uncompressed bodies let go after compressing, and the encoders'
/// buffers, are scattered through the heap; glibc keeps such memory unless
/// asked to hand it back.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn release_freed_memory() {
    // SAFETY: `malloc_trim` only returns free pages to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release_freed_memory() {}

/// Swagger UI's files, from the store (see `api::docs`).
async fn serve_docs(request: HttpRequest, site: web::Data<Site>) -> HttpResponse {
    site.respond(&request, request.path())
        .unwrap_or_else(|| site.not_found_page(request.path()))
}

async fn api_docs_redirect() -> HttpResponse {
    HttpResponse::MovedPermanently()
        .insert_header((header::LOCATION, crate::urls::api::DOCS_URL))
        .finish()
}

async fn healthz() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("ok\n")
}

/// What no route answered: a 405 for a method the read-only service never
/// accepts, the methods it does accept for OPTIONS, else nothing is there.
fn method_problem(request: &HttpRequest) -> Option<HttpResponse> {
    match *request.method() {
        Method::GET | Method::HEAD => None,
        Method::OPTIONS => Some(
            HttpResponse::NoContent()
                .insert_header((header::ALLOW, ALLOWED_METHODS))
                .finish(),
        ),
        ref method => Some(
            Problem::new(
                ProblemType::MethodNotAllowed,
                format!("{method} is not allowed: closecodes is read-only; use {ALLOWED_METHODS}"),
            )
            .error_response(),
        ),
    }
}

async fn api_fallback(request: HttpRequest) -> HttpResponse {
    method_problem(&request).unwrap_or_else(|| {
        Problem::not_found(format!("no API endpoint at {}", request.path())).error_response()
    })
}

async fn page_fallback(request: HttpRequest, site: web::Data<Site>) -> HttpResponse {
    method_problem(&request).unwrap_or_else(|| site.not_found_page(request.path()))
}

/// SIGTERM or SIGINT: stop accepting, let in-flight requests finish, exit.
#[cfg(unix)]
async fn shutdown_requested() {
    use tokio::signal::unix::{SignalKind, signal};
    let mut terminate = signal(SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate.recv() => {}
    }
    tracing::info!("shutdown requested; finishing in-flight requests");
}

/// Ctrl-C where there is no SIGTERM (Windows).
#[cfg(not(unix))]
async fn shutdown_requested() {
    let _ = tokio::signal::ctrl_c().await;
    tracing::info!("shutdown requested; finishing in-flight requests");
}
