//! Security headers on every answer, by kind of path: pages refuse framing and
//! run only their own scripts; embeds may be framed by any site; the API docs
//! loosen styles for Swagger UI; static assets may be loaded from any origin
//! (the web component is a module script other sites import).

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;

const STRICT: &str =
    "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const EMBED: &str = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors *";
/// Swagger UI's stylesheet draws its icons with data: URLs and its components
/// set inline styles.
const API_DOCS: &str = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// `/embed/…` and `/{lang}/embed/…`.
pub fn is_embed(path: &str) -> bool {
    path.starts_with("/embed/")
        || path
            .split_once("/embed/")
            .is_some_and(|(prefix, _)| prefix.len() > 1 && !prefix[1..].contains('/'))
}

/// The security headers for an answer at `path`; stored answers carry them
/// from startup, everything else gets them from [`headers`].
pub fn headers_for(path: &str) -> Vec<(HeaderName, HeaderValue)> {
    let policy = if is_embed(path) {
        EMBED
    } else if path.starts_with("/api/docs") {
        API_DOCS
    } else {
        STRICT
    };
    let mut headers = vec![
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ),
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(policy),
        ),
    ];
    if policy != EMBED {
        headers.push((header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")));
    }
    if path.starts_with("/static/") {
        headers.push((
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        ));
    }
    headers
}

pub async fn headers(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let headers = headers_for(request.path());
    let mut response = next.call(request).await?;
    for (name, value) in headers {
        response.headers_mut().insert(name, value);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::is_embed;

    #[test]
    fn embeds_are_recognised_in_every_language() {
        assert!(is_embed("/embed/websocket/1009"));
        assert!(is_embed("/vi/embed/websocket/1009-vs-1012"));
        assert!(!is_embed("/websocket/1009"));
        assert!(!is_embed("/a/b/embed/x"));
        assert!(!is_embed("/embedded"));
    }
}
