//! The public paths closecodes answers at, built here so that surfaces link
//! to each other without importing each other (a page links its API answer,
//! a card its page). Layer 0: knows nothing of HTTP or the dataset.

/// The JSON API under `/api/v1`.
pub mod api {
    use crate::dataset::SOURCE_LANGUAGE;

    pub const FAMILIES_URL: &str = "/api/v1/families";
    pub const DATASET_URL: &str = "/api/v1/dataset.json";
    pub const OPENAPI_URL: &str = "/api/v1/openapi.json";
    /// Swagger UI, served by closecodes itself.
    pub const DOCS_URL: &str = "/api/docs/";

    pub fn family_url(family: &str) -> String {
        format!("{FAMILIES_URL}/{family}")
    }

    pub fn code_url(family: &str, code: u16) -> String {
        format!("{FAMILIES_URL}/{family}/codes/{code}")
    }

    pub fn lookup_url(number: u16) -> String {
        format!("/api/v1/lookup/{number}")
    }

    /// The lower code first, as the answer is stored.
    pub fn comparison_url(family: &str, a: u16, b: u16) -> String {
        let (low, high) = (a.min(b), a.max(b));
        format!("{FAMILIES_URL}/{family}/compare/{low}/{high}")
    }

    /// An API URL asking for its answer in `lang`; the source language is the
    /// default and needs no parameter. Also the key answers are stored under.
    pub fn localized(url: &str, lang: &str) -> String {
        if lang == SOURCE_LANGUAGE {
            url.to_owned()
        } else {
            format!("{url}?lang={lang}")
        }
    }
}

/// The answer for a pasted line.
pub const EXPLAIN_PATH: &str = "/explain";
/// The index of the Markdown pages.
pub const LLMS_TXT: &str = "/llms.txt";
/// The page that explains every way to embed a code.
pub const EMBED_DOCS: &str = "/embed";
/// The live WebSocket endpoint.
pub const ECHO_URL: &str = "/ws/echo";

/// The page for any number, in the source language.
pub fn lookup_url(number: u16) -> String {
    format!("/lookup/{number}")
}

/// A code's SVG card, in the source language.
pub fn badge_url(family: &str, code: u16) -> String {
    format!("/badge/{family}/{code}.svg")
}

/// The oEmbed link that makes a page discoverable, for its head and its
/// `Link` header.
pub fn oembed_discovery_url(public_url: &str, page_url: &str) -> String {
    let encoded: String = form_urlencoded::byte_serialize(page_url.as_bytes()).collect();
    format!("{public_url}/oembed?url={encoded}&format=json")
}
