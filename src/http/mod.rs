//! HTTP plumbing shared by every surface, knowing none of them: answers with
//! their validators and forms, the store that makes and keeps them, header
//! policies as values, query checks, and RFC 9457 problem answers.

pub mod capacity;
pub mod checks;
pub mod policy;
pub mod problem;
pub mod query;
pub mod resource;
pub mod store;

pub use problem::Problem;
pub use query::Query;
pub use resource::Resource;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, Route, guard, web};

/// The metrics label of the routes a surface registers (`page`, `api`,
/// `api_search`…), chosen where they are registered: as app data on a scope
/// or resource, and on the answers the store serves before routing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteLabel(pub &'static str);

impl RouteLabel {
    /// The stored pages, and anything no registered route answered (the 404 page).
    pub const PAGE: RouteLabel = RouteLabel("page");
}

/// A resource at `path` answering with `route`, counted under `label`; any
/// other method gets the read-only service's 405 (or 204 for OPTIONS).
pub fn labelled(path: &str, label: RouteLabel, route: Route) -> actix_web::Resource {
    web::resource(path)
        .app_data(label)
        .route(route)
        .default_service(web::to(|request: HttpRequest| async move {
            problem::method_problem(&request).unwrap_or_else(|| HttpResponse::NotFound().finish())
        }))
}

/// GET, and HEAD for the same resource (the body is dropped for HEAD).
pub fn get_or_head() -> Route {
    web::route().guard(guard::Any(guard::Get()).or(guard::Head()))
}

/// A WebSocket endpoint's answer to a plain HTTP request: 426 with a hint of
/// how to connect.
pub fn require_websocket(request: &HttpRequest, hint: &str) -> Result<(), Problem> {
    let wants_websocket = request
        .headers()
        .get(header::UPGRADE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.eq_ignore_ascii_case("websocket"));
    if wants_websocket {
        Ok(())
    } else {
        Err(Problem::new(
            problem::ProblemType::UpgradeRequired,
            format!(
                "{} is a WebSocket endpoint: connect with a WebSocket client, {hint}",
                request.path()
            ),
        ))
    }
}

/// Registers a page computed per request at `path` and under every
/// language's prefix (`/{lang}{path}`).
pub fn in_every_language(
    cfg: &mut web::ServiceConfig,
    path: &str,
    label: &'static str,
    route: &dyn Fn() -> Route,
) {
    for path in [path.to_owned(), format!("/{{lang}}{path}")] {
        cfg.service(labelled(&path, RouteLabel(label), route()));
    }
}
