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

use actix_web::{Route, guard, web};

/// GET, and HEAD for the same resource (the body is dropped for HEAD).
pub fn get_or_head() -> Route {
    web::route().guard(guard::Any(guard::Get()).or(guard::Head()))
}
