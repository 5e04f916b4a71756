use actix_web::http::StatusCode;
use actix_web::http::header::{self, EntityTag, IfNoneMatch};
use actix_web::web::Bytes;
use actix_web::{HttpMessage, HttpRequest, HttpResponse};
use serde::Serialize;
use sha2::{Digest, Sha256};

pub const HTML: &str = "text/html; charset=utf-8";
pub const JSON: &str = "application/json";
pub const MARKDOWN: &str = "text/markdown; charset=utf-8";
pub const PLAIN_TEXT: &str = "text/plain; charset=utf-8";

/// Pages and API answers change only with the dataset, i.e. with a deploy;
/// clients may reuse them briefly and revalidate cheaply with the ETag.
const CACHE_CONTROL: &str = "public, max-age=300";

/// A response body rendered once, with its content type and strong ETag.
#[derive(Debug, Clone)]
pub struct Resource {
    pub content_type: &'static str,
    pub body: Bytes,
    pub etag: EntityTag,
}

impl Resource {
    pub fn new(content_type: &'static str, body: impl Into<Bytes>) -> Resource {
        let body = body.into();
        let digest = Sha256::digest(&body);
        let tag: String = digest[..16]
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
        Resource {
            content_type,
            body,
            etag: EntityTag::new_strong(tag),
        }
    }

    pub fn json<T: Serialize>(value: &T) -> Resource {
        let body = serde_json::to_vec_pretty(value).expect("API types always serialize");
        Resource::new(JSON, body)
    }

    /// 200 with the body, or 304 when the client already holds this version.
    pub fn respond(&self, request: &HttpRequest) -> HttpResponse {
        if self.matches(request) {
            return HttpResponse::NotModified()
                .insert_header(header::ETag(self.etag.clone()))
                .insert_header((header::CACHE_CONTROL, CACHE_CONTROL))
                .finish();
        }
        self.respond_with_status(StatusCode::OK)
    }

    /// The body with another status and no validators, e.g. the 404 page.
    pub fn respond_with_status(&self, status: StatusCode) -> HttpResponse {
        let mut response = HttpResponse::build(status);
        response.insert_header((header::CONTENT_TYPE, self.content_type));
        if status == StatusCode::OK {
            response
                .insert_header(header::ETag(self.etag.clone()))
                .insert_header((header::CACHE_CONTROL, CACHE_CONTROL));
        }
        response.body(self.body.clone())
    }

    /// RFC 9110 §13.1.2: `If-None-Match` uses the weak comparison.
    fn matches(&self, request: &HttpRequest) -> bool {
        match request.get_header::<IfNoneMatch>() {
            Some(IfNoneMatch::Any) => true,
            Some(IfNoneMatch::Items(tags)) => tags.iter().any(|tag| tag.weak_eq(&self.etag)),
            None => false,
        }
    }
}
