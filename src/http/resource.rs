//! A response body rendered once, served with its validators, caching policy
//! and compression negotiated by `Accept-Encoding`.

use std::io::Write;
use std::sync::OnceLock;

use actix_web::http::StatusCode;
use actix_web::http::header::{
    self, AcceptEncoding, ContentEncoding, Encoding, EntityTag, IfNoneMatch,
};
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
pub const REVALIDATE: &str = "public, max-age=300";
/// Assets whose URL holds a hash of their content never change at that URL.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Bodies smaller than this gain nothing from compression.
const MIN_COMPRESSED_SIZE: usize = 512;

/// A response body with its content type, strong ETag and cache policy. The
/// compressed forms are made on first request and kept.
#[derive(Debug)]
pub struct Resource {
    pub content_type: &'static str,
    pub body: Bytes,
    pub etag: EntityTag,
    pub cache_control: &'static str,
    /// A `Link` header, e.g. the page's oEmbed endpoint.
    pub link: Option<String>,
    gzip: OnceLock<Encoded>,
    brotli: OnceLock<Encoded>,
}

/// One compressed form of a body, with an ETag of its own: a strong ETag
/// names exactly one sequence of bytes.
#[derive(Debug)]
struct Encoded {
    body: Bytes,
    etag: EntityTag,
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
            cache_control: REVALIDATE,
            link: None,
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
        }
    }

    pub fn json<T: Serialize>(value: &T) -> Resource {
        let body = serde_json::to_vec_pretty(value).expect("API types always serialize");
        Resource::new(JSON, body)
    }

    pub fn with_link(mut self, link: String) -> Resource {
        self.link = Some(link);
        self
    }

    pub fn with_cache_control(mut self, cache_control: &'static str) -> Resource {
        self.cache_control = cache_control;
        self
    }

    /// 200 with the best encoding the client accepts, or 304 when the client
    /// already holds that representation.
    pub fn respond(&self, request: &HttpRequest) -> HttpResponse {
        let encoding = self.negotiate(request);
        let (body, etag) = match encoding {
            Some(encoding) => {
                let encoded = self.encoded(encoding);
                (encoded.body.clone(), &encoded.etag)
            }
            None => (self.body.clone(), &self.etag),
        };
        let not_modified = match request.get_header::<IfNoneMatch>() {
            Some(IfNoneMatch::Any) => true,
            // RFC 9110 §13.1.2: `If-None-Match` uses the weak comparison.
            Some(IfNoneMatch::Items(tags)) => tags.iter().any(|tag| tag.weak_eq(etag)),
            None => false,
        };
        let mut response = if not_modified {
            HttpResponse::NotModified()
        } else {
            HttpResponse::Ok()
        };
        response
            .insert_header(header::ETag(etag.clone()))
            .insert_header((header::CACHE_CONTROL, self.cache_control));
        if self.compressible() {
            response.insert_header((header::VARY, "Accept-Encoding"));
        }
        if let Some(link) = &self.link {
            response.insert_header((header::LINK, link.as_str()));
        }
        if not_modified {
            return response.finish();
        }
        response.insert_header((header::CONTENT_TYPE, self.content_type));
        if let Some(encoding) = encoding {
            response.insert_header((header::CONTENT_ENCODING, encoding.as_str()));
        }
        response.body(body)
    }

    /// The body with another status and no validators, e.g. the 404 page.
    pub fn respond_with_status(&self, status: StatusCode) -> HttpResponse {
        HttpResponse::build(status)
            .insert_header((header::CONTENT_TYPE, self.content_type))
            .body(self.body.clone())
    }

    fn compressible(&self) -> bool {
        self.body.len() >= MIN_COMPRESSED_SIZE
            && (self.content_type.starts_with("text/")
                || self.content_type == JSON
                || self.content_type == "image/svg+xml")
    }

    /// Brotli if the client takes it, else gzip, else the body as it is.
    fn negotiate(&self, request: &HttpRequest) -> Option<ContentEncoding> {
        if !self.compressible() {
            return None;
        }
        let accepted = request.get_header::<AcceptEncoding>()?;
        let supported = [Encoding::brotli(), Encoding::gzip(), Encoding::identity()];
        let chosen = accepted.negotiate(supported.iter())?;
        if chosen == Encoding::brotli() {
            Some(ContentEncoding::Brotli)
        } else if chosen == Encoding::gzip() {
            Some(ContentEncoding::Gzip)
        } else {
            None
        }
    }

    fn encoded(&self, encoding: ContentEncoding) -> &Encoded {
        let (cell, suffix) = match encoding {
            ContentEncoding::Brotli => (&self.brotli, "br"),
            _ => (&self.gzip, "gz"),
        };
        cell.get_or_init(|| Encoded {
            body: compress(encoding, &self.body).into(),
            etag: EntityTag::new_strong(format!("{}-{suffix}", self.etag.tag())),
        })
    }
}

fn compress(encoding: ContentEncoding, body: &[u8]) -> Vec<u8> {
    match encoding {
        ContentEncoding::Brotli => {
            let mut out = Vec::new();
            let params = brotli::enc::BrotliEncoderParams {
                quality: 9,
                ..Default::default()
            };
            brotli::BrotliCompress(&mut &body[..], &mut out, &params)
                .expect("compressing into memory cannot fail");
            out
        }
        _ => {
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            encoder
                .write_all(body)
                .expect("compressing into memory cannot fail");
            encoder
                .finish()
                .expect("compressing into memory cannot fail")
        }
    }
}
