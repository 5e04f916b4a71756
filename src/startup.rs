//! Builds the application: loads and renders the dataset, binds the listener
//! and wires every surface into one actix-web server.

use std::fmt;
use std::net::{SocketAddr, TcpListener};
use std::time::Instant;

use actix_cors::Cors;
use actix_web::dev::Server;
use actix_web::http::{Method, header};
use actix_web::middleware::{self, DefaultHeaders, Logger};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, ResponseError, web};

use crate::configuration::Settings;
use crate::dataset::{self, DataProblem};
use crate::http::problem::{ALLOWED_METHODS, ProblemType};
use crate::http::{Problem, get_or_head, security};
use crate::site::Site;
use crate::websocket::{self, EchoService};
use crate::{api, embed, pages};

/// Every API answer names the dataset version it was rendered from.
pub const DATASET_VERSION_HEADER: &str = "closecodes-dataset-version";

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
        let dataset = dataset::load(&settings.data).map_err(StartupError::Data)?;
        let site = Site::build(dataset, &settings.public_url).map_err(StartupError::Render)?;
        tracing::info!(
            resources = site.paths().count(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "dataset loaded and rendered"
        );

        let listener = TcpListener::bind(&settings.bind)
            .map_err(|error| StartupError::Bind(settings.bind.clone(), error))?;
        let address = listener
            .local_addr()
            .map_err(|error| StartupError::Bind(settings.bind.clone(), error))?;
        let echo = web::Data::new(EchoService::new(settings.websocket));
        let server = serve(
            listener,
            web::Data::new(site),
            echo,
            settings.handle_signals,
        )
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
    let server = HttpServer::new(move || {
        App::new()
            .app_data(site.clone())
            .app_data(echo_for_app.clone())
            .app_data(web::PathConfig::default().error_handler(|error, _| {
                Problem::new(ProblemType::InvalidParameter, error.to_string()).into()
            }))
            .wrap(middleware::from_fn(security::headers))
            .wrap(Logger::new("%a \"%r\" %s %b %Dms"))
            .route("/healthz", get_or_head().to(healthz))
            .configure(websocket::config)
            .service(
                web::scope("/api/v1")
                    .wrap(
                        DefaultHeaders::new()
                            .add((DATASET_VERSION_HEADER, dataset_version.as_str())),
                    )
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

/// Swagger UI's files, from the store (see `api::docs`).
async fn serve_docs(request: HttpRequest, site: web::Data<Site>) -> HttpResponse {
    site.respond(&request, request.path())
        .unwrap_or_else(|| site.not_found_page(request.path()))
}

async fn api_docs_redirect() -> HttpResponse {
    HttpResponse::MovedPermanently()
        .insert_header((header::LOCATION, api::docs::DOCS_URL))
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
async fn shutdown_requested() {
    use tokio::signal::unix::{SignalKind, signal};
    let mut terminate = signal(SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate.recv() => {}
    }
    tracing::info!("shutdown requested; finishing in-flight requests");
}
