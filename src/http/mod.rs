//! HTTP plumbing shared by every surface, knowing none of them: answers with
//! their validators and forms, the store that makes and keeps them, header
//! policies as values, query checks, and RFC 9457 problem answers.

pub mod checks;
pub mod policy;
pub mod problem;
pub mod query;
pub mod resource;
pub mod store;

pub use problem::Problem;
pub use query::Query;
pub use resource::Resource;

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
