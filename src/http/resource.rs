//! A response body rendered once, served with its validators, caching policy
//! and compression negotiated by `Accept-Encoding`. Every header is built when
//! the resource is, so answering is a lookup and a few reference-count bumps.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock, RwLock};

use actix_web::http::StatusCode;
use actix_web::http::header::{
    self, AcceptEncoding, Encoding, EntityTag, HeaderName, HeaderValue, IfNoneMatch,
};
use actix_web::web::Bytes;
use actix_web::{HttpMessage, HttpRequest, HttpResponse};
use serde::Serialize;

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

/// How many bytes of uncompressed bodies, in the whole process, are kept next
/// to their compressed forms once those exist. Nearly every client takes
/// brotli or gzip; the few that do not (curl, load testers, mirrors) are
/// served the hot pages from this cache and the rest by inflating the gzip
/// form, which keeps the whole site in memory in a fraction of its size.
const IDENTITY_CACHE_BYTES: usize = 6 << 20;
static IDENTITY_CACHE_USED: AtomicUsize = AtomicUsize::new(0);

/// A response body with its content type, strong ETag and cache policy, and
/// its gzip and brotli forms once made (see [`Resource::precompress`]).
#[derive(Debug)]
pub struct Resource {
    pub content_type: &'static str,
    compressible: bool,
    effort: Effort,
    /// The uncompressed body: always kept until the compressed forms exist,
    /// then only while [`IDENTITY_CACHE_BYTES`] allows.
    identity: RwLock<Option<Bytes>>,
    /// The strong ETag of the uncompressed body; the compressed forms' ETags
    /// extend its tag.
    identity_etag: HeaderValue,
    /// Headers every form carries: cache policy, `Vary`, `Link`. A list, not
    /// a `HeaderMap`: thousands of maps would cost megabytes.
    headers: Vec<(HeaderName, HeaderValue)>,
    /// Headers shared by many resources (security policy, CORS), held once.
    shared_headers: Option<SharedHeaders>,
    gzip: OnceLock<Encoded>,
    brotli: OnceLock<Encoded>,
}

/// One compressed form of a body, with an ETag of its own: a strong ETag
/// names exactly one sequence of bytes.
#[derive(Debug)]
struct Encoded {
    body: Bytes,
    etag: HeaderValue,
}

/// A list of headers held once and shared by many resources.
pub type SharedHeaders = Arc<[(HeaderName, HeaderValue)]>;

/// How hard to compress: an answer made for one request is compressed
/// quickly; a stored one is compressed once and sent many times, so with the
/// best settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effort {
    Quick,
    Best,
}

/// The forms a body is stored and sent in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Identity,
    Gzip,
    Brotli,
}

impl Form {
    pub const ALL: [Form; 3] = [Form::Identity, Form::Gzip, Form::Brotli];

    pub fn name(self) -> &'static str {
        match self {
            Form::Identity => "identity",
            Form::Gzip => "gzip",
            Form::Brotli => "br",
        }
    }
}

impl Resource {
    pub fn new(content_type: &'static str, body: impl Into<Vec<u8>>) -> Resource {
        let body = exact(body.into());
        // A fast 128-bit content hash: the same bytes get the same ETag on
        // every replica, and hashing the whole site takes milliseconds.
        let tag = format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&body));
        let media_type = content_type.split(';').next().unwrap_or_default();
        let compressible = body.len() >= MIN_COMPRESSED_SIZE
            && (media_type.starts_with("text/")
                || matches!(media_type, JSON | "application/xml" | "image/svg+xml"));
        let resource = Resource {
            content_type,
            identity_etag: strong_etag(tag),
            compressible,
            effort: Effort::Quick,
            identity: RwLock::new(Some(body)),
            headers: Vec::new(),
            shared_headers: None,
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
        };
        let vary =
            compressible.then(|| (header::VARY, HeaderValue::from_static("Accept-Encoding")));
        resource.with_headers(
            [(header::CACHE_CONTROL, HeaderValue::from_static(REVALIDATE))]
                .into_iter()
                .chain(vary),
        )
    }

    pub fn json<T: Serialize>(value: &T) -> Resource {
        let body = serde_json::to_vec_pretty(value).expect("API types always serialize");
        Resource::new(JSON, body)
    }

    /// Marks an answer that is kept and served many times: its compressed
    /// forms are made with the best settings.
    pub fn kept(mut self) -> Resource {
        self.effort = Effort::Best;
        self
    }

    pub fn with_link(self, link: String) -> Resource {
        let link = HeaderValue::try_from(link).expect("links are built from URLs");
        self.with_headers([(header::LINK, link)])
    }

    pub fn with_cache_control(self, cache_control: &'static str) -> Resource {
        self.with_headers([(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control),
        )])
    }

    /// Adds headers every answer from this resource carries, e.g. security
    /// policy; the compressed forms are made afterwards and inherit them.
    pub fn with_headers(
        mut self,
        headers: impl IntoIterator<Item = (HeaderName, HeaderValue)>,
    ) -> Resource {
        assert!(
            self.gzip.get().is_none() && self.brotli.get().is_none(),
            "headers are set before compressing"
        );
        for (name, value) in headers {
            self.headers.retain(|(existing, _)| *existing != name);
            self.headers.push((name, value));
        }
        self.headers.shrink_to_fit();
        self
    }

    /// Adds headers that many resources share, e.g. the security policy of a
    /// kind of path; the resource's own headers take precedence.
    pub fn with_shared_headers(mut self, headers: SharedHeaders) -> Resource {
        self.shared_headers = Some(headers);
        self
    }

    /// 200 with the best form the client accepts, or 304 when the client
    /// already holds that form.
    pub fn respond(&self, request: &HttpRequest) -> HttpResponse {
        let form = self.negotiate(request);
        let etag = match form {
            Form::Identity => &self.identity_etag,
            compressed => &self.encoded(compressed).etag,
        };
        let not_modified = request_holds(request, etag);
        let mut response = if not_modified {
            HttpResponse::NotModified().finish()
        } else {
            let body = match form {
                Form::Identity => self.body(),
                compressed => self.encoded(compressed).body.clone(),
            };
            HttpResponse::with_body(StatusCode::OK, body).map_into_boxed_body()
        };
        let headers = response.headers_mut();
        for (name, value) in self.shared_headers.iter().flat_map(|shared| shared.iter()) {
            headers.insert(name.clone(), value.clone());
        }
        for (name, value) in &self.headers {
            headers.insert(name.clone(), value.clone());
        }
        headers.insert(header::ETAG, etag.clone());
        // A 304 carries validators and policy, not the body's metadata.
        if !not_modified {
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(self.content_type),
            );
            if form != Form::Identity {
                headers.insert(
                    header::CONTENT_ENCODING,
                    HeaderValue::from_static(form.name()),
                );
            }
        }
        response
    }

    /// The body with another status and no validators, e.g. the 404 page.
    pub fn respond_with_status(&self, status: StatusCode) -> HttpResponse {
        HttpResponse::build(status)
            .insert_header((header::CONTENT_TYPE, self.content_type))
            .body(self.body())
    }

    /// The uncompressed body, inflated from the gzip form if it was let go.
    pub fn body(&self) -> Bytes {
        if let Some(body) = self.identity.read().expect("never poisoned").as_ref() {
            return body.clone();
        }
        let gzip = &self.gzip.get().expect("let go only once compressed").body;
        let mut body = Vec::new();
        flate2::read::GzDecoder::new(&gzip[..])
            .read_to_end(&mut body)
            .expect("our own gzip form inflates");
        let body = Bytes::from(body);
        if reserve_identity_cache(body.len()) {
            *self.identity.write().expect("never poisoned") = Some(body.clone());
        }
        body
    }

    /// Makes the gzip and brotli forms now rather than on first request, then
    /// lets go of the uncompressed body (see [`IDENTITY_CACHE_BYTES`]).
    pub fn precompress(&self) {
        if !self.compressible {
            return;
        }
        self.encoded(Form::Gzip);
        self.encoded(Form::Brotli);
        *self.identity.write().expect("never poisoned") = None;
    }

    /// Bytes held in memory for one form.
    pub fn stored_bytes(&self, form: Form) -> usize {
        let encoded = |cell: &OnceLock<Encoded>| cell.get().map_or(0, |encoded| encoded.body.len());
        match form {
            Form::Identity => {
                let identity = self.identity.read().expect("never poisoned");
                identity.as_ref().map_or(0, Bytes::len)
            }
            Form::Gzip => encoded(&self.gzip),
            Form::Brotli => encoded(&self.brotli),
        }
    }

    /// Brotli if the client takes it, else gzip, else the body as it is.
    fn negotiate(&self, request: &HttpRequest) -> Form {
        if !self.compressible {
            return Form::Identity;
        }
        // Parsing the header allocates; most clients send none or one of a
        // few common values, which need no parsing.
        let Some(accepted) = request.headers().get(header::ACCEPT_ENCODING) else {
            return Form::Identity;
        };
        match accepted.as_bytes() {
            b"gzip, deflate, br" | b"gzip, deflate, br, zstd" | b"br, gzip" | b"br" => {
                return Form::Brotli;
            }
            b"gzip" | b"gzip, deflate" => return Form::Gzip,
            _ => {}
        }
        let Some(accepted) = request.get_header::<AcceptEncoding>() else {
            return Form::Identity;
        };
        let supported = [Encoding::brotli(), Encoding::gzip(), Encoding::identity()];
        match accepted.negotiate(supported.iter()) {
            Some(chosen) if chosen == Encoding::brotli() => Form::Brotli,
            Some(chosen) if chosen == Encoding::gzip() => Form::Gzip,
            _ => Form::Identity,
        }
    }

    fn encoded(&self, form: Form) -> &Encoded {
        let (cell, suffix) = match form {
            Form::Brotli => (&self.brotli, "br"),
            _ => (&self.gzip, "gz"),
        };
        cell.get_or_init(|| Encoded {
            body: exact(compress(form, self.effort, &self.body())),
            etag: strong_etag(format!("{}-{suffix}", opaque_tag(&self.identity_etag))),
        })
    }
}

/// Rendering and compressing grow their buffers by doubling; thousands of
/// bodies kept with their spare capacity would cost twice their size.
fn exact(mut body: Vec<u8>) -> Bytes {
    body.shrink_to_fit();
    Bytes::from(body)
}

fn strong_etag(tag: String) -> HeaderValue {
    HeaderValue::try_from(EntityTag::new_strong(tag).to_string())
        .expect("hex ETags are valid headers")
}

/// The tag inside one of our strong ETags, without its quotes.
fn opaque_tag(etag: &HeaderValue) -> &str {
    let quoted = etag.to_str().expect("our ETags are ASCII");
    &quoted[1..quoted.len() - 1]
}

/// Whether `If-None-Match` names the representation about to be sent.
fn request_holds(request: &HttpRequest, etag: &HeaderValue) -> bool {
    if !request.headers().contains_key(header::IF_NONE_MATCH) {
        return false;
    }
    match request.get_header::<IfNoneMatch>() {
        Some(IfNoneMatch::Any) => true,
        // RFC 9110 §13.1.2: `If-None-Match` uses the weak comparison, which
        // compares the tags alone.
        Some(IfNoneMatch::Items(tags)) => tags.iter().any(|tag| tag.tag() == opaque_tag(etag)),
        None => false,
    }
}

fn reserve_identity_cache(len: usize) -> bool {
    IDENTITY_CACHE_USED
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |used| {
            (used + len <= IDENTITY_CACHE_BYTES).then_some(used + len)
        })
        .is_ok()
}

fn compress(form: Form, effort: Effort, body: &[u8]) -> Vec<u8> {
    match form {
        Form::Brotli => {
            let mut out = Vec::new();
            let params = brotli::enc::BrotliEncoderParams {
                quality: match effort {
                    Effort::Quick => 4,
                    Effort::Best => 9,
                },
                // A window just big enough for the body: same output, far
                // less encoder memory for the many small pages.
                lgwin: window_bits(body.len()),
                ..Default::default()
            };
            brotli::BrotliCompress(&mut &body[..], &mut out, &params)
                .expect("compressing into memory cannot fail");
            out
        }
        _ => {
            let level = match effort {
                Effort::Quick => flate2::Compression::fast(),
                Effort::Best => flate2::Compression::best(),
            };
            let mut encoder = flate2::write::GzEncoder::new(Vec::new(), level);
            encoder
                .write_all(body)
                .expect("compressing into memory cannot fail");
            encoder
                .finish()
                .expect("compressing into memory cannot fail")
        }
    }
}

/// Brotli's window, 2^lgwin - 16 bytes, between its limits of 10 and 24 bits.
fn window_bits(len: usize) -> i32 {
    let bits = usize::BITS - (len + 16).leading_zeros();
    bits.clamp(10, 24) as i32
}

#[cfg(test)]
mod tests {
    use super::window_bits;

    #[test]
    fn the_brotli_window_covers_the_body() {
        assert_eq!(window_bits(0), 10);
        assert_eq!(window_bits(1_000), 10);
        assert_eq!(window_bits(20_000), 15);
        assert!((1usize << window_bits(20_000)) - 16 >= 20_000);
        assert_eq!(window_bits(100 << 20), 24);
    }
}
