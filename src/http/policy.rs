//! What an answer's headers promise besides its body, as values: who may
//! frame it and what it may load, how long it may be cached, and whether any
//! origin may read it. A surface names the policy of each of its answers;
//! the live service and the export's `nginx.conf` both turn the same values
//! into headers with [`Policy::headers`], so the two cannot drift.

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::{DefaultHeaders, Next};

/// Every API answer names the dataset version it was rendered from.
pub const DATASET_VERSION_HEADER: &str = "closecodes-dataset-version";

/// The header naming the dataset version, on stored and computed API answers.
pub fn dataset_version_header(version: &str) -> (HeaderName, HeaderValue) {
    (
        HeaderName::from_static(DATASET_VERSION_HEADER),
        HeaderValue::try_from(version).expect("validated dataset versions are ASCII"),
    )
}

/// What a page may load and who may frame it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Security {
    /// Pages and API answers: their own scripts and styles only, never framed.
    Strict,
    /// Cards other sites frame.
    Embed,
    /// Swagger UI, whose stylesheet draws icons with data: URLs and whose
    /// components set inline styles.
    ApiDocs,
}

/// How long a client may reuse an answer without asking again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CachePolicy {
    /// Pages and API answers change only with the dataset, i.e. with a
    /// deploy; clients may reuse them briefly and revalidate with the ETag.
    Revalidate,
    /// An asset whose URL holds a hash of its content never changes there.
    Immutable,
}

pub const REVALIDATE: &str = "public, max-age=300";
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

impl CachePolicy {
    pub fn value(self) -> &'static str {
        match self {
            CachePolicy::Revalidate => REVALIDATE,
            CachePolicy::Immutable => IMMUTABLE,
        }
    }

    pub fn headers(self) -> Vec<(HeaderName, HeaderValue)> {
        vec![(
            header::CACHE_CONTROL,
            HeaderValue::from_static(self.value()),
        )]
    }
}

/// Which origins may read an answer from a script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sharing {
    SameOrigin,
    /// `Access-Control-Allow-Origin: *`: the API, and the assets other sites'
    /// pages load (the web component is a module script).
    AnyOrigin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Policy {
    pub security: Security,
    pub cache: CachePolicy,
    pub sharing: Sharing,
    /// Whether the answer names the dataset version (the API's answers).
    pub versioned: bool,
}

impl Policy {
    pub const PAGE: Policy = Policy {
        security: Security::Strict,
        cache: CachePolicy::Revalidate,
        sharing: Sharing::SameOrigin,
        versioned: false,
    };
    pub const EMBED: Policy = Policy {
        security: Security::Embed,
        ..Policy::PAGE
    };
    pub const API: Policy = Policy {
        sharing: Sharing::AnyOrigin,
        versioned: true,
        ..Policy::PAGE
    };
    /// `/mcp`: the API's headers, but for its own origin's scripts only, as
    /// the MCP server refuses requests from every other origin.
    pub const MCP: Policy = Policy {
        sharing: Sharing::SameOrigin,
        ..Policy::API
    };
    pub const API_DOCS: Policy = Policy {
        security: Security::ApiDocs,
        ..Policy::PAGE
    };
    pub const ASSET: Policy = Policy {
        sharing: Sharing::AnyOrigin,
        ..Policy::PAGE
    };
    pub const FINGERPRINTED_ASSET: Policy = Policy {
        cache: CachePolicy::Immutable,
        ..Policy::ASSET
    };
    /// Every policy an answer can have, for making their headers once.
    pub const ALL: [Policy; 6] = [
        Policy::PAGE,
        Policy::EMBED,
        Policy::API,
        Policy::API_DOCS,
        Policy::ASSET,
        Policy::FINGERPRINTED_ASSET,
    ];

    /// The headers of this policy, the dataset version among them where the
    /// policy says so.
    pub fn headers(self, dataset_version: &str) -> Vec<(HeaderName, HeaderValue)> {
        let mut headers = self.route_headers(dataset_version);
        headers.extend(self.cache.headers());
        headers
    }

    /// The headers of this policy but its caching, which is each answer's
    /// own (a 200 may be cached, a problem not).
    fn route_headers(self, dataset_version: &str) -> Vec<(HeaderName, HeaderValue)> {
        let mut headers = self.security.headers();
        if self.sharing == Sharing::AnyOrigin {
            headers.push((
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            ));
        }
        if self.versioned {
            headers.push(dataset_version_header(dataset_version));
        }
        headers
    }

    /// For registering a route's policy: its headers on every answer of the
    /// route (problems included) that does not set them itself.
    pub fn default_headers(self, dataset_version: &str) -> DefaultHeaders {
        self.route_headers(dataset_version)
            .into_iter()
            .fold(DefaultHeaders::new(), |defaults, header| {
                defaults.add(header)
            })
    }
}

/// The page policy for every answer of a route registered without one (the
/// 404 page, redirects, `/healthz`): an answer without a
/// `Content-Security-Policy` has had no policy applied.
pub async fn page_policy_by_default(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let mut response = next.call(request).await?;
    if !response
        .headers()
        .contains_key(header::CONTENT_SECURITY_POLICY)
    {
        for (name, value) in Policy::PAGE.security.headers() {
            if !response.headers().contains_key(&name) {
                response.headers_mut().insert(name, value);
            }
        }
    }
    Ok(response)
}

const STRICT: &str =
    "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const EMBED: &str = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors *";
const API_DOCS: &str = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

impl Security {
    pub fn headers(self) -> Vec<(HeaderName, HeaderValue)> {
        let policy = match self {
            Security::Strict => STRICT,
            Security::Embed => EMBED,
            Security::ApiDocs => API_DOCS,
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
        if self != Security::Embed {
            headers.push((header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")));
        }
        headers
    }
}
