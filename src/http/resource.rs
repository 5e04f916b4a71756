//! A response body with its validators, caching policy and compression
//! negotiated by `Accept-Encoding`. A resource holds the forms of its body
//! that were asked for (uncompressed, gzip, brotli); a form it lacks is made
//! from another when first asked, quickly, and the store may later replace
//! it with one made with the best settings (see `http::store`).

use std::io::{Read, Write};
use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::http::header::{
    self, AcceptEncoding, Encoding, EntityTag, HeaderName, HeaderValue, IfNoneMatch,
};
use actix_web::web::Bytes;
use actix_web::{HttpMessage, HttpRequest, HttpResponse};
use once_cell::sync::Lazy;
use serde::Serialize;

use super::RouteLabel;
use super::policy::CachePolicy;

pub const HTML: &str = "text/html; charset=utf-8";
pub const JSON: &str = "application/json";
pub const MARKDOWN: &str = "text/markdown; charset=utf-8";
pub const PLAIN_TEXT: &str = "text/plain; charset=utf-8";
pub const XML: &str = "application/xml; charset=utf-8";
pub const SVG: &str = "image/svg+xml";

/// A list of headers held once and shared by many resources.
pub type SharedHeaders = Arc<[(HeaderName, HeaderValue)]>;

/// What an answer computed for one request carries of its own; the security
/// policy of its route is added by `http::policy`'s middleware.
static COMPUTED: Lazy<SharedHeaders> = Lazy::new(|| CachePolicy::Revalidate.headers().into());

/// Everything about an answer but its body: enough to answer 304 without
/// rendering it.
#[derive(Debug, Clone)]
pub struct Meta {
    pub content_type: &'static str,
    compressible: bool,
    /// The tag of the uncompressed body; each compressed form extends it.
    tag: Arc<str>,
    /// Policy headers (security, cache, CORS), shared by every answer of a kind.
    shared: SharedHeaders,
    link: Option<HeaderValue>,
    label: Option<RouteLabel>,
}

impl Meta {
    /// `tag` must change whenever the body would: a content hash, or a hash
    /// of everything the body is a function of.
    pub fn new(content_type: &'static str, tag: String, shared: SharedHeaders) -> Meta {
        Meta {
            content_type,
            compressible: is_compressible(content_type),
            tag: tag.into(),
            shared,
            link: None,
            label: None,
        }
    }

    /// A `Link` header every form carries, e.g. a page's oEmbed endpoint.
    pub fn with_link(mut self, link: Option<String>) -> Meta {
        self.link =
            link.map(|link| HeaderValue::try_from(link).expect("links are built from URLs"));
        self
    }

    /// The metrics label the answer carries, for answers served before routing.
    pub fn with_label(mut self, label: RouteLabel) -> Meta {
        self.label = Some(label);
        self
    }

    /// What `request` takes of this answer: brotli if the client takes it,
    /// else gzip, else the body as it is; and whether gzip would also do.
    pub fn negotiate(&self, request: &HttpRequest) -> Accepts {
        let only = |form| Accepts {
            preferred: form,
            gzip: form == Form::Gzip,
        };
        if !self.compressible {
            return only(Form::Identity);
        }
        // Parsing the header allocates; most clients send none or one of a
        // few common values, which need no parsing.
        let Some(accepted) = request.headers().get(header::ACCEPT_ENCODING) else {
            return only(Form::Identity);
        };
        match accepted.as_bytes() {
            b"gzip, deflate, br" | b"gzip, deflate, br, zstd" | b"br, gzip" => {
                return Accepts {
                    preferred: Form::Brotli,
                    gzip: true,
                };
            }
            b"br" => return only(Form::Brotli),
            b"gzip" | b"gzip, deflate" => return only(Form::Gzip),
            _ => {}
        }
        let Some(accepted) = request.get_header::<AcceptEncoding>() else {
            return only(Form::Identity);
        };
        let supported = [Encoding::brotli(), Encoding::gzip(), Encoding::identity()];
        let preferred = match accepted.negotiate(supported.iter()) {
            Some(chosen) if chosen == Encoding::brotli() => Form::Brotli,
            Some(chosen) if chosen == Encoding::gzip() => Form::Gzip,
            _ => Form::Identity,
        };
        let gzip = preferred != Form::Identity
            && accepted.negotiate([Encoding::gzip(), Encoding::identity()].iter())
                == Some(Encoding::gzip());
        Accepts { preferred, gzip }
    }

    /// The strong ETag of one form made with one effort: a strong ETag names
    /// exactly one sequence of bytes, and the two efforts give two.
    fn etag(&self, form: Form, effort: Effort) -> HeaderValue {
        let suffix = match (form, effort) {
            (Form::Identity, _) => "",
            (Form::Gzip, Effort::Best) => "-gz",
            (Form::Gzip, Effort::Quick) => "-gz-fast",
            (Form::Brotli, Effort::Best) => "-br",
            (Form::Brotli, Effort::Quick) => "-br-fast",
        };
        HeaderValue::try_from(EntityTag::new_strong(format!("{}{suffix}", self.tag)).to_string())
            .expect("hex ETags are valid headers")
    }

    /// 304 when `If-None-Match` names a form of this answer the client takes
    /// (either effort: all decode to the same body); with the ETag the client
    /// holds.
    pub fn not_modified(&self, request: &HttpRequest, accepts: Accepts) -> Option<HttpResponse> {
        if !request.headers().contains_key(header::IF_NONE_MATCH) {
            return None;
        }
        let gzip = (accepts.gzip && accepts.preferred != Form::Gzip).then_some(Form::Gzip);
        let candidates: Vec<HeaderValue> = std::iter::once(accepts.preferred)
            .chain(gzip)
            .flat_map(|form| [Effort::Best, Effort::Quick].map(|effort| self.etag(form, effort)))
            .collect();
        let held = match request.get_header::<IfNoneMatch>()? {
            IfNoneMatch::Any => candidates[0].clone(),
            // RFC 9110 §13.1.2: `If-None-Match` uses the weak comparison,
            // which compares the tags alone.
            IfNoneMatch::Items(tags) => candidates
                .into_iter()
                .find(|etag| tags.iter().any(|tag| tag.tag() == opaque_tag(etag)))?,
        };
        let mut response = HttpResponse::NotModified().finish();
        self.insert_headers(&mut response, held);
        Some(response)
    }

    /// A 304 carries validators and policy, a 200 also the body's metadata.
    fn insert_headers(&self, response: &mut HttpResponse, etag: HeaderValue) {
        let headers = response.headers_mut();
        for (name, value) in self.shared.iter() {
            headers.insert(name.clone(), value.clone());
        }
        if self.compressible {
            headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        }
        if let Some(link) = &self.link {
            headers.insert(header::LINK, link.clone());
        }
        headers.insert(header::ETAG, etag);
        if let Some(label) = self.label {
            response.extensions_mut().insert(label);
        }
    }
}

/// What a request takes: its preferred form, and whether gzip would do
/// when that is brotli (a browser's `gzip, deflate, br`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accepts {
    pub preferred: Form,
    pub gzip: bool,
}

/// The forms a body is kept and sent in.
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

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// How hard a form was compressed: quickly while a request waits, with the
/// best settings off the request path for an answer worth keeping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effort {
    Quick,
    Best,
}

#[derive(Debug, Clone)]
struct Encoded {
    body: Bytes,
    effort: Effort,
    etag: HeaderValue,
}

/// An answer, the forms of its body made so far, and the forms clients
/// asked for (a first request may get a cheaper form it also takes).
#[derive(Debug, Clone)]
pub struct Resource {
    pub meta: Meta,
    identity: Option<Encoded>,
    gzip: Option<Encoded>,
    brotli: Option<Encoded>,
    /// One bit per [`Form`].
    asked: u8,
}

/// What serving a resource gave: the response, and the resource with the
/// form it had to make, for the store to keep instead.
pub struct Served {
    pub response: HttpResponse,
    pub grown: Option<Resource>,
}

impl Resource {
    /// An answer computed for one request: its ETag is a hash of its bytes.
    pub fn new(content_type: &'static str, body: impl Into<Vec<u8>>) -> Resource {
        let body = body.into();
        let tag = format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&body));
        Resource::with_meta(Meta::new(content_type, tag, COMPUTED.clone()), body)
    }

    pub fn json<T: Serialize>(value: &T) -> Resource {
        Resource::new(JSON, json_body(value))
    }

    /// The uncompressed body of an answer described by `meta`.
    pub fn with_meta(meta: Meta, body: Vec<u8>) -> Resource {
        let identity = Encoded {
            etag: meta.etag(Form::Identity, Effort::Best),
            body: exact(body),
            effort: Effort::Best,
        };
        Resource {
            meta,
            identity: Some(identity),
            gzip: None,
            brotli: None,
            asked: 0,
        }
    }

    /// The answer for `request`: 304 when the client holds it, else 200 with
    /// the form it prefers, or gzip when that is all there is and the client
    /// takes it. A missing form is made now, quickly: gzip when the client
    /// takes it (the cheapest to make), else what it asked for.
    pub fn serve(&self, request: &HttpRequest) -> Served {
        let accepts = self.meta.negotiate(request);
        if let Some(response) = self.meta.not_modified(request, accepts) {
            return Served {
                response,
                grown: None,
            };
        }
        let wanted = accepts.preferred;
        let stand_in = accepts.gzip.then_some(Form::Gzip);
        let held = self
            .form(wanted)
            .map(|encoded| (wanted, encoded.clone()))
            .or_else(|| stand_in.and_then(|form| Some((form, self.form(form)?.clone()))));
        let newly_asked = self.asked & wanted.bit() == 0;
        let (form, encoded, grown) = match held {
            Some((form, encoded)) => {
                let grown = newly_asked.then(|| self.clone().asked_for(wanted));
                (form, encoded, grown)
            }
            None => {
                let form = stand_in.unwrap_or(wanted);
                let encoded = self.make(form, Effort::Quick, &self.body());
                let grown = self.with_form(form, encoded.clone()).asked_for(wanted);
                (form, encoded, Some(grown))
            }
        };
        let mut response =
            HttpResponse::with_body(StatusCode::OK, encoded.body).map_into_boxed_body();
        self.meta.insert_headers(&mut response, encoded.etag);
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.meta.content_type),
        );
        if form != Form::Identity {
            headers.insert(
                header::CONTENT_ENCODING,
                HeaderValue::from_static(form.name()),
            );
        }
        Served { response, grown }
    }

    pub fn respond(&self, request: &HttpRequest) -> HttpResponse {
        self.serve(request).response
    }

    /// The body with another status and no validators, e.g. the 404 page.
    pub fn respond_with_status(&self, status: StatusCode) -> HttpResponse {
        HttpResponse::build(status)
            .insert_header((header::CONTENT_TYPE, self.meta.content_type))
            .body(self.body())
    }

    /// The uncompressed body, decoded from a compressed form when that is
    /// all this resource holds.
    pub fn body(&self) -> Bytes {
        if let Some(identity) = &self.identity {
            return identity.body.clone();
        }
        let mut body = Vec::new();
        if let Some(gzip) = &self.gzip {
            flate2::read::GzDecoder::new(&gzip.body[..])
                .read_to_end(&mut body)
                .expect("our own gzip form inflates");
        } else {
            let brotli = self.brotli.as_ref().expect("a resource holds a form");
            brotli::BrotliDecompress(&mut &brotli.body[..], &mut body)
                .expect("our own brotli form decodes");
        }
        Bytes::from(body)
    }

    /// Whether a compressed form clients asked for is missing or was made
    /// quickly: what [`Resource::at_best`] would change.
    pub fn needs_best(&self) -> bool {
        [Form::Gzip, Form::Brotli].into_iter().any(|form| {
            self.asked & form.bit() != 0
                && self
                    .form(form)
                    .is_none_or(|encoded| encoded.effort == Effort::Quick)
        })
    }

    /// The forms clients asked for, each compressed one made with the best
    /// settings; a stand-in form nobody asked for is let go.
    pub fn at_best(&self) -> Resource {
        let body = self.body();
        let best = |form: Form, held: &Option<Encoded>| {
            if self.asked & form.bit() == 0 {
                return None;
            }
            Some(match held {
                Some(encoded) if encoded.effort == Effort::Best => encoded.clone(),
                _ => self.make(form, Effort::Best, &body),
            })
        };
        Resource {
            meta: self.meta.clone(),
            identity: self.kept_identity(),
            gzip: best(Form::Gzip, &self.gzip),
            brotli: best(Form::Brotli, &self.brotli),
            asked: self.asked,
        }
    }

    /// The resource to keep: an uncompressed body only for the clients that
    /// asked for one.
    pub fn kept(mut self) -> Resource {
        self.identity = self.kept_identity();
        self
    }

    /// The uncompressed body, if clients asked for it or nothing else holds it.
    fn kept_identity(&self) -> Option<Encoded> {
        let compressed = self.gzip.is_some() || self.brotli.is_some();
        let asked = self.asked & Form::Identity.bit() != 0;
        self.identity.clone().filter(|_| asked || !compressed)
    }

    fn asked_for(mut self, form: Form) -> Resource {
        self.asked |= form.bit();
        self
    }

    /// Bytes held for one form.
    pub fn held_bytes(&self, form: Form) -> usize {
        self.form(form).map_or(0, |encoded| encoded.body.len())
    }

    /// Bytes held in every form.
    pub fn weight(&self) -> usize {
        Form::ALL.map(|form| self.held_bytes(form)).iter().sum()
    }

    fn form(&self, form: Form) -> Option<&Encoded> {
        match form {
            Form::Identity => self.identity.as_ref(),
            Form::Gzip => self.gzip.as_ref(),
            Form::Brotli => self.brotli.as_ref(),
        }
    }

    fn with_form(&self, form: Form, encoded: Encoded) -> Resource {
        let mut grown = self.clone();
        *match form {
            Form::Identity => &mut grown.identity,
            Form::Gzip => &mut grown.gzip,
            Form::Brotli => &mut grown.brotli,
        } = Some(encoded);
        grown
    }

    fn make(&self, form: Form, effort: Effort, body: &Bytes) -> Encoded {
        let body = match form {
            Form::Identity => body.clone(),
            compressed => exact(compress(compressed, effort, body)),
        };
        Encoded {
            body,
            effort,
            etag: self.meta.etag(form, effort),
        }
    }
}

/// Whether answers of this type are sent compressed: text, JSON, XML, SVG.
pub fn is_compressible(content_type: &str) -> bool {
    let media_type = content_type.split(';').next().unwrap_or_default();
    media_type.starts_with("text/") || matches!(media_type, JSON | "application/xml" | SVG)
}

/// A body's gzip form with the best settings, as kept answers end up; for
/// the static export, whose nginx serves it with `gzip_static`.
pub fn best_gzip(body: &[u8]) -> Vec<u8> {
    compress(Form::Gzip, Effort::Best, body)
}

/// The bytes of an API answer: pretty JSON, as every API answer is sent.
pub fn json_body<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec_pretty(value).expect("API types always serialize")
}

/// Rendering and compressing grow their buffers by doubling; thousands of
/// bodies kept with their spare capacity would cost twice their size.
fn exact(mut body: Vec<u8>) -> Bytes {
    body.shrink_to_fit();
    Bytes::from(body)
}

/// The tag inside one of our strong ETags, without its quotes.
fn opaque_tag(etag: &HeaderValue) -> &str {
    let quoted = etag.to_str().expect("our ETags are ASCII");
    &quoted[1..quoted.len() - 1]
}

fn compress(form: Form, effort: Effort, body: &[u8]) -> Vec<u8> {
    match form {
        Form::Brotli => {
            let mut out = Vec::new();
            let params = brotli::enc::BrotliEncoderParams {
                quality: match effort {
                    Effort::Quick => 4,
                    Effort::Best => 11,
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
