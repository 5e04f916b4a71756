//! Query-string parameters whose errors name the parameter: `range: unknown
//! variant "1-2", expected one of …` rather than actix's anonymous message.

use std::future::{Ready, ready};
use std::ops::Deref;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use serde::de::DeserializeOwned;

use super::Problem;
use super::problem::ProblemType;

/// Like `actix_web::web::Query`, but a bad value is a 400 problem naming the
/// parameter.
pub struct Query<T>(pub T);

impl<T> Deref for Query<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

pub fn parse<T: DeserializeOwned>(query_string: &str) -> Result<T, Problem> {
    let deserializer =
        serde_urlencoded::Deserializer::new(form_urlencoded::parse(query_string.as_bytes()));
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let parameter = error.path().to_string();
        let message = error.into_inner().to_string();
        Problem::new(
            ProblemType::InvalidParameter,
            match parameter.as_str() {
                "" | "." => format!("invalid query: {message}"),
                _ => format!("invalid query parameter `{parameter}`: {message}"),
            },
        )
    })
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = Problem;
    type Future = Ready<Result<Self, Problem>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(parse(request.query_string()).map(Query))
    }
}
