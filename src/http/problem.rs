use std::fmt;

use actix_web::body::BoxBody;
use actix_web::http::header;
use actix_web::http::{Method, StatusCode};
use actix_web::{HttpRequest, HttpResponse, Responder, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// The service is read-only: these are the only methods anything accepts.
pub const ALLOWED_METHODS: &str = "GET, HEAD, OPTIONS";

/// Every kind of error the service answers with. Each has a page at
/// `/problems/{slug}` that explains it, so a problem's `type` resolves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemType {
    /// No family, code, endpoint or page at that address.
    NotFound,
    /// A number that is not an integer from 0 to 65535.
    NotACloseCode,
    /// A comparison of a code with itself.
    SameCodeTwice,
    /// A `lang` the dataset does not have.
    UnknownLanguage,
    /// A query parameter with a value it cannot take.
    InvalidParameter,
    /// Anything but GET, HEAD or OPTIONS: the service is read-only.
    MethodNotAllowed,
    /// A plain HTTP request to the WebSocket endpoint.
    UpgradeRequired,
    /// An oEmbed format other than JSON.
    FormatNotImplemented,
}

impl ProblemType {
    pub const ALL: [ProblemType; 8] = [
        ProblemType::NotFound,
        ProblemType::NotACloseCode,
        ProblemType::SameCodeTwice,
        ProblemType::UnknownLanguage,
        ProblemType::InvalidParameter,
        ProblemType::MethodNotAllowed,
        ProblemType::UpgradeRequired,
        ProblemType::FormatNotImplemented,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            ProblemType::NotFound => "not-found",
            ProblemType::NotACloseCode => "not-a-close-code",
            ProblemType::SameCodeTwice => "same-code-twice",
            ProblemType::UnknownLanguage => "unknown-language",
            ProblemType::InvalidParameter => "invalid-parameter",
            ProblemType::MethodNotAllowed => "method-not-allowed",
            ProblemType::UpgradeRequired => "upgrade-required",
            ProblemType::FormatNotImplemented => "format-not-implemented",
        }
    }

    pub fn status(self) -> StatusCode {
        match self {
            ProblemType::NotFound => StatusCode::NOT_FOUND,
            ProblemType::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ProblemType::UpgradeRequired => StatusCode::UPGRADE_REQUIRED,
            ProblemType::FormatNotImplemented => StatusCode::NOT_IMPLEMENTED,
            _ => StatusCode::BAD_REQUEST,
        }
    }

    /// A request that gets this problem.
    pub fn example(self) -> &'static str {
        match self {
            ProblemType::NotFound => "GET /api/v1/families/websocket/codes/1016",
            ProblemType::NotACloseCode => "GET /api/v1/lookup/70000",
            ProblemType::SameCodeTwice => "GET /api/v1/families/websocket/compare/1000/1000",
            ProblemType::UnknownLanguage => "GET /api/v1/families?lang=fr",
            ProblemType::InvalidParameter => "GET /api/v1/search?q=1006&reconnect=later",
            ProblemType::MethodNotAllowed => "POST /api/v1/families",
            ProblemType::UpgradeRequired => "GET /ws/echo?close=1000 (without Upgrade: websocket)",
            ProblemType::FormatNotImplemented => {
                "GET /oembed?url=http://127.0.0.1:8080/websocket/1009&format=xml"
            }
        }
    }

    /// The page that explains this problem type, in the source language.
    pub fn url(self) -> String {
        crate::urls::Page::Problem(self.slug().to_owned()).path()
    }
}

/// An error answer in the RFC 9457 format.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "/problems/not-found",
    "title": "Not Found",
    "status": 404,
    "detail": "family \"websocket\" has no code 1016"
}))]
pub struct Problem {
    /// A page explaining this kind of problem, relative to this server:
    /// `/problems/not-found`, `/problems/not-a-close-code`, `/problems/same-code-twice`,
    /// `/problems/unknown-language`, `/problems/invalid-parameter`,
    /// `/problems/method-not-allowed`, `/problems/upgrade-required` or
    /// `/problems/format-not-implemented`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The HTTP status phrase.
    pub title: String,
    pub status: u16,
    /// What was wrong with this request, in words.
    pub detail: String,
}

impl Problem {
    pub fn new(kind: ProblemType, detail: impl Into<String>) -> Problem {
        let status = kind.status();
        Problem {
            kind: kind.url(),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: detail.into(),
        }
    }

    pub fn not_found(detail: impl Into<String>) -> Problem {
        Problem::new(ProblemType::NotFound, detail)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.title, self.detail)
    }
}

impl ResponseError for Problem {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((header::CONTENT_TYPE, PROBLEM_JSON));
        if self.status == StatusCode::METHOD_NOT_ALLOWED.as_u16() {
            response.insert_header((header::ALLOW, ALLOWED_METHODS));
        }
        if self.status == StatusCode::UPGRADE_REQUIRED.as_u16() {
            response.insert_header((header::UPGRADE, "websocket"));
        }
        response.json(self)
    }
}

/// Lets a handler answer with a problem directly, as fallback routes do.
impl Responder for Problem {
    type Body = BoxBody;

    fn respond_to(self, _: &HttpRequest) -> HttpResponse {
        self.error_response()
    }
}

/// What no route answered: a 405 for a method the read-only service never
/// accepts, the methods it does accept for OPTIONS, else nothing is there.
pub fn method_problem(request: &HttpRequest) -> Option<HttpResponse> {
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
