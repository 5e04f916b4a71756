//! Builds the application: loads and validates the dataset, binds the
//! listener, and wires the store and every surface into one actix-web server.
//! Nothing is rendered before the port opens: each answer is made when first
//! asked.

use std::fmt;
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::time::Instant;

use actix_cors::Cors;
use actix_web::dev::Server;
use actix_web::http::header;
use actix_web::middleware;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, ResponseError, web};

use crate::chrome::NotFoundPage;
use crate::configuration::Settings;
use crate::dataset::{self, DataProblem, Dataset};
use crate::http::policy::{self, Policy};
use crate::http::problem::{ProblemType, method_problem};
use crate::http::store::{self, Store};
use crate::http::{Problem, RouteLabel, get_or_head, labelled};
use crate::lab::{self, Lab};
use crate::mcp::{self, http::McpEndpoint};
use crate::metrics::LabCounters;
use crate::metrics::{self, METRICS_URL, Metrics};
use crate::site::Site;
use crate::urls::PublicUrl;
use crate::websocket::{self, EchoService};
use crate::{api, embed, pages, telemetry};

pub struct Application {
    server: Server,
    address: SocketAddr,
}

#[derive(Debug)]
pub enum StartupError {
    /// The dataset failed validation; every problem is listed.
    Data(Vec<DataProblem>),
    /// The dataset's files could not be read again to name its version.
    Fingerprint(String),
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
            StartupError::Fingerprint(error) => {
                write!(f, "the dataset cannot be read to hash it: {error}")
            }
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
        let fingerprint = settings
            .data
            .fingerprint()
            .map_err(StartupError::Fingerprint)?;
        let loaded = started.elapsed();
        let listener = TcpListener::bind(&settings.bind)
            .map_err(|error| StartupError::Bind(settings.bind.clone(), error))?;
        let address = listener
            .local_addr()
            .map_err(|error| StartupError::Bind(settings.bind.clone(), error))?;
        // The pages' own links name the port the listener got.
        let public_url = PublicUrl::new(
            &settings
                .public_url
                .clone()
                .unwrap_or_else(|| crate::configuration::public_url_of(address)),
        );
        let dataset = Arc::new(dataset);
        let site = Arc::new(Site::new(dataset.clone(), public_url.clone()));
        let seed = site.seed(fingerprint);
        let store = Store::new(site.clone(), seed, settings.cache_bytes, &dataset.version);
        tracing::info!(
            load_ms = loaded.as_millis() as u64,
            cache_mib = settings.cache_bytes >> 20,
            "dataset loaded and validated"
        );
        let echo = web::Data::new(EchoService::new(settings.websocket));
        let lab_counters = LabCounters::new();
        let lab = web::Data::new(Lab::new(
            settings.lab_runs,
            settings.websocket.max_sockets,
            lab_counters.clone(),
        ));
        let mcp = web::Data::new(McpEndpoint::new(
            site.mcp_server(Some(lab.clone())),
            &public_url,
        ));
        let shared = Shared {
            lab,
            mcp,
            lab_counters,
            store: web::Data::new(store),
            dataset: web::Data::from(dataset),
            public_url: web::Data::new(public_url),
            echo,
        };
        let server = serve(listener, shared, settings.handle_signals)
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

/// What every worker's app is given, each piece on its own.
struct Shared {
    store: web::Data<Store>,
    dataset: web::Data<Dataset>,
    public_url: web::Data<PublicUrl>,
    echo: web::Data<EchoService>,
    lab: web::Data<Lab>,
    mcp: web::Data<McpEndpoint>,
    lab_counters: LabCounters,
}

fn serve(listener: TcpListener, shared: Shared, handle_signals: bool) -> std::io::Result<Server> {
    let dataset_version = shared.dataset.version.clone();
    let echo = shared.echo.clone();
    let sockets = echo.clone();
    let metrics = web::Data::new(Metrics::new(
        Box::new(move || sockets.open()),
        &shared.lab_counters,
    ));
    let not_found = web::Data::new(NotFoundPage(pages::not_found));
    let server = HttpServer::new(move || {
        App::new()
            .app_data(shared.store.clone())
            .app_data(shared.dataset.clone())
            .app_data(shared.public_url.clone())
            .app_data(shared.echo.clone())
            .app_data(shared.lab.clone())
            .app_data(not_found.clone())
            .app_data(metrics.clone())
            .app_data(web::PathConfig::default().error_handler(|error, _| {
                Problem::new(ProblemType::InvalidParameter, error.to_string()).into()
            }))
            .wrap(middleware::from_fn(policy::page_policy_by_default))
            .wrap(middleware::from_fn(store::serve_stored))
            .wrap(middleware::from_fn(telemetry::observe))
            .service(labelled(
                "/healthz",
                RouteLabel("healthz"),
                get_or_head().to(healthz),
            ))
            .service(labelled(
                METRICS_URL,
                RouteLabel("metrics"),
                get_or_head().to(metrics::serve),
            ))
            .configure(websocket::config)
            .service(
                web::scope("/api/v1")
                    .app_data(api::API)
                    .wrap(Policy::API.default_headers(&dataset_version))
                    .wrap(
                        Cors::default()
                            .allow_any_origin()
                            .send_wildcard()
                            .allowed_methods(["GET", "HEAD"])
                            .max_age(86_400),
                    )
                    .configure(api::config)
                    .configure(lab::api::config)
                    .default_service(web::to(api_fallback)),
            )
            .service(
                web::scope("/api/docs")
                    .app_data(api::API_DOCS)
                    .wrap(Policy::API_DOCS.default_headers(&dataset_version))
                    .route("", get_or_head().to(api_docs_redirect))
                    .route("/{file:.*}", get_or_head().to(serve_docs)),
            )
            .configure(|cfg| embed::config(cfg, &dataset_version))
            .configure(lab::config)
            .configure(|cfg| mcp::http::config(cfg, shared.mcp.clone(), &dataset_version))
            .configure(pages::config)
            .default_service(web::to(page_fallback))
    })
    // A socket the server ends closes at once: actix would otherwise linger
    // up to a second for the client to close first, which the lab's clients
    // (waiting, as RFC 6455 §7.1.1 asks, for the server) would see as delay.
    .client_disconnect_timeout(std::time::Duration::ZERO)
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

/// glibc gives each allocating thread an arena of its own; every worker
/// renders and compresses, and each arena would fragment as kept answers are
/// replaced and evicted. Two keep rendering parallel. Other
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

/// Swagger UI's files, from the store (see `api::docs`).
async fn serve_docs(
    request: HttpRequest,
    store: web::Data<Store>,
    dataset: web::Data<Dataset>,
    public_url: web::Data<PublicUrl>,
) -> HttpResponse {
    store
        .respond(&request, request.path())
        .unwrap_or_else(|| pages::not_found(&dataset, public_url.as_str(), request.path()))
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

async fn api_fallback(request: HttpRequest) -> HttpResponse {
    method_problem(&request).unwrap_or_else(|| {
        Problem::not_found(format!("no API endpoint at {}", request.path())).error_response()
    })
}

async fn page_fallback(
    request: HttpRequest,
    dataset: web::Data<Dataset>,
    public_url: web::Data<PublicUrl>,
) -> HttpResponse {
    method_problem(&request)
        .unwrap_or_else(|| pages::not_found(&dataset, public_url.as_str(), request.path()))
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
