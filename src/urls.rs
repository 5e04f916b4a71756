//! The public paths closecodes answers at, built here so that surfaces link
//! to each other without importing each other (a page links its API answer,
//! a card its page). Layer 0: knows nothing of HTTP or the dataset.

/// The JSON API under `/api/v1`.
pub mod api {
    pub const FAMILIES_URL: &str = "/api/v1/families";
    pub const DATASET_URL: &str = "/api/v1/dataset.json";
    pub const PLATFORMS_URL: &str = "/api/v1/platforms";
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

    /// An API URL asking for its answer in `lang` (`None` for the source
    /// language, the default). Also the address answers are stored under.
    pub fn localized(url: &str, lang: Option<&str>) -> String {
        match lang {
            Some(lang) => format!("{url}?lang={lang}"),
            None => url.to_owned(),
        }
    }
}

/// Where people reach the site (canonical URLs, oEmbed, the sitemap),
/// without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(String);

impl PublicUrl {
    pub fn new(url: &str) -> PublicUrl {
        PublicUrl(url.trim_end_matches('/').to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The MCP server over Streamable HTTP.
pub const MCP_URL: &str = "/mcp";

/// The answer for a pasted line.
pub const EXPLAIN_PATH: &str = "/explain";
/// The index of the Markdown pages.
pub const LLMS_TXT: &str = "/llms.txt";
/// The proxies and platforms that close idle connections.
pub const PLATFORMS_PATH: &str = "/platforms";
/// The page that explains every way to embed a code.
pub const EMBED_DOCS: &str = "/embed";
/// The live WebSocket endpoint.
pub const ECHO_URL: &str = "/ws/echo";

/// The search page, in the source language.
pub const SEARCH_PATH: &str = "/search";

/// The embed card of a code (`page` is `1009`) or of a comparison
/// (`1001-vs-1012`); `prefix` is the language's (`/vi`), empty for the source.
pub fn card_url(prefix: &str, family: &str, page: &str) -> String {
    format!("{prefix}/embed/{family}/{page}")
}

/// The canonical address of a comparison asked for in the reversed order:
/// `/websocket/1012-vs-1001` → `/websocket/1001-vs-1012`.
pub fn reversed_comparison(path: &str) -> Option<String> {
    let (folder, page) = path.rsplit_once('/')?;
    let (a, b) = page.split_once("-vs-")?;
    let (a, b) = (parse_code(a)?, parse_code(b)?);
    (a > b).then(|| format!("{folder}/{b}-vs-{a}"))
}

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

/// An answer that is a pure function of the dataset, named by the address it
/// is served at. The store keys answers by [`Route::address`]; a request's
/// path is read back with [`Route::parse`], which accepts only the canonical
/// spelling of each address, so every answer has exactly one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Route {
    /// A page of the website; `lang` is the language prefix (`vi`), `None`
    /// for the source language.
    Page {
        lang: Option<String>,
        page: Page,
    },
    /// An answer of the JSON API; `lang` as for pages, asked for with `?lang=`.
    Api {
        lang: Option<String>,
        answer: ApiAnswer,
    },
    OpenApi,
    /// A file of Swagger UI; `None` for `/api/docs/` itself.
    ApiDocs(Option<String>),
    /// A code's SVG badge.
    Badge {
        lang: Option<String>,
        family: String,
        code: u16,
    },
    /// A file of `static/`, by its name at that URL (`style.css` or the
    /// fingerprinted `style.3f2a1b9c.css`).
    Asset(String),
    Sitemap,
    Robots,
}

/// The pages of one language.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Page {
    Home,
    LlmsTxt,
    EmbedDocs,
    /// The proxies and platforms that close idle connections.
    Platforms,
    /// The page explaining one problem type, by its slug.
    Problem(String),
    Family(String),
    Code(String, u16),
    /// A code's page as Markdown.
    Markdown(String, u16),
    /// Two numbers of a family side by side, the lower first.
    Comparison(String, u16, u16),
}

/// The stored answers of the JSON API.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ApiAnswer {
    Families,
    Dataset,
    Platforms,
    Family(String),
    Code(String, u16),
    /// Two codes of a family, the lower first.
    Comparison(String, u16, u16),
}

pub const SITEMAP: &str = "/sitemap.xml";
pub const ROBOTS: &str = "/robots.txt";
pub const PROBLEMS: &str = "/problems/";
/// Where the files of `static/` are served.
pub const STATIC: &str = "/static/";

impl Route {
    pub fn page(lang: Option<&str>, page: Page) -> Route {
        Route::Page {
            lang: lang.map(str::to_owned),
            page,
        }
    }

    pub fn api(lang: Option<&str>, answer: ApiAnswer) -> Route {
        Route::Api {
            lang: lang.map(str::to_owned),
            answer,
        }
    }

    /// The address the answer is served at: its path, and `?lang=xx` for an
    /// API answer in another language.
    pub fn address(&self) -> String {
        match self {
            Route::Page { lang, page } => format!("{}{}", prefix(lang), page.path()),
            Route::Api { lang, answer } => {
                let path = answer.path();
                match lang {
                    Some(lang) => format!("{path}?lang={lang}"),
                    None => path,
                }
            }
            Route::OpenApi => api::OPENAPI_URL.to_owned(),
            Route::ApiDocs(file) => format!("{}{}", api::DOCS_URL, file.as_deref().unwrap_or("")),
            Route::Badge { lang, family, code } => {
                format!("{}{}", prefix(lang), badge_url(family, *code))
            }
            Route::Asset(name) => format!("{STATIC}{name}"),
            Route::Sitemap => SITEMAP.to_owned(),
            Route::Robots => ROBOTS.to_owned(),
        }
    }

    /// The route answered at `path` with `query`, when that is the canonical
    /// address of one; `is_language` says which first segments are language
    /// prefixes. Whether the family or code exists is the dataset's to say.
    pub fn parse(path: &str, query: &str, is_language: impl Fn(&str) -> bool) -> Option<Route> {
        let route = Route::read(path, query, is_language)?;
        let asked = match query {
            "" => route.address() == path,
            query => route.address() == format!("{path}?{query}"),
        };
        // Anything but the one spelling (`01009`, `?lang=en`) is not stored.
        asked.then_some(route)
    }

    fn read(path: &str, query: &str, is_language: impl Fn(&str) -> bool) -> Option<Route> {
        if let Some(rest) = path.strip_prefix("/api/") {
            return read_api(rest, query);
        }
        if !query.is_empty() {
            return None;
        }
        if let Some(name) = path.strip_prefix(STATIC) {
            return (!name.is_empty() && !name.contains('/'))
                .then(|| Route::Asset(name.to_owned()));
        }
        match path {
            SITEMAP => return Some(Route::Sitemap),
            ROBOTS => return Some(Route::Robots),
            _ => {}
        }
        let relative = path.strip_prefix('/')?;
        let (lang, rest) = match relative.split_once('/') {
            Some((first, rest)) if is_language(first) => (Some(first.to_owned()), rest),
            _ => (None, relative),
        };
        if let Some(badge) = rest.strip_prefix("badge/") {
            let (family, file) = badge.split_once('/')?;
            let code = parse_code(file.strip_suffix(".svg")?)?;
            return Some(Route::Badge {
                lang,
                family: family.to_owned(),
                code,
            });
        }
        Some(Route::Page {
            lang,
            page: Page::read(rest)?,
        })
    }
}

impl Page {
    /// The path in the source language.
    pub fn path(&self) -> String {
        match self {
            Page::Home => "/".to_owned(),
            Page::LlmsTxt => LLMS_TXT.to_owned(),
            Page::EmbedDocs => EMBED_DOCS.to_owned(),
            Page::Platforms => PLATFORMS_PATH.to_owned(),
            Page::Problem(slug) => format!("{PROBLEMS}{slug}"),
            Page::Family(family) => format!("/{family}/"),
            Page::Code(family, code) => format!("/{family}/{code}"),
            Page::Markdown(family, code) => format!("/{family}/{code}.md"),
            Page::Comparison(family, a, b) => format!("/{family}/{a}-vs-{b}"),
        }
    }

    /// A path without its language prefix and leading slash.
    fn read(relative: &str) -> Option<Page> {
        match relative {
            "" => return Some(Page::Home),
            "llms.txt" => return Some(Page::LlmsTxt),
            "embed" => return Some(Page::EmbedDocs),
            "platforms" => return Some(Page::Platforms),
            _ => {}
        }
        let (folder, page) = relative.split_once('/')?;
        if folder.is_empty() || page.contains('/') {
            return None;
        }
        if folder == PROBLEMS.trim_matches('/') {
            return (!page.is_empty()).then(|| Page::Problem(page.to_owned()));
        }
        let family = folder.to_owned();
        if page.is_empty() {
            return Some(Page::Family(family));
        }
        if let Some(code) = page.strip_suffix(".md") {
            return Some(Page::Markdown(family, parse_code(code)?));
        }
        if let Some((a, b)) = page.split_once("-vs-") {
            let (a, b) = (parse_code(a)?, parse_code(b)?);
            return (a < b).then_some(Page::Comparison(family, a, b));
        }
        Some(Page::Code(family, parse_code(page)?))
    }
}

impl ApiAnswer {
    pub fn path(&self) -> String {
        match self {
            ApiAnswer::Families => api::FAMILIES_URL.to_owned(),
            ApiAnswer::Dataset => api::DATASET_URL.to_owned(),
            ApiAnswer::Platforms => api::PLATFORMS_URL.to_owned(),
            ApiAnswer::Family(family) => api::family_url(family),
            ApiAnswer::Code(family, code) => api::code_url(family, *code),
            ApiAnswer::Comparison(family, a, b) => api::comparison_url(family, *a, *b),
        }
    }
}

/// `rest` is the path after `/api/`.
fn read_api(rest: &str, query: &str) -> Option<Route> {
    if let Some(file) = rest.strip_prefix("docs/") {
        if !query.is_empty() || file.contains('/') {
            return None;
        }
        return Some(Route::ApiDocs((!file.is_empty()).then(|| file.to_owned())));
    }
    let rest = rest.strip_prefix("v1/")?;
    if rest == "openapi.json" {
        return query.is_empty().then_some(Route::OpenApi);
    }
    let lang = match query {
        "" => None,
        query => {
            let lang = query.strip_prefix("lang=")?;
            let is_code = !lang.is_empty()
                && lang
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !is_code {
                return None;
            }
            Some(lang.to_owned())
        }
    };
    let answer = match rest {
        "families" => ApiAnswer::Families,
        "dataset.json" => ApiAnswer::Dataset,
        "platforms" => ApiAnswer::Platforms,
        _ => {
            let family_path = rest.strip_prefix("families/")?;
            let mut parts = family_path.split('/');
            let family = parts.next().filter(|slug| !slug.is_empty())?.to_owned();
            match (parts.next(), parts.next(), parts.next(), parts.next()) {
                (None, ..) => ApiAnswer::Family(family),
                (Some("codes"), Some(code), None, _) => ApiAnswer::Code(family, parse_code(code)?),
                (Some("compare"), Some(a), Some(b), None) => {
                    let (a, b) = (parse_code(a)?, parse_code(b)?);
                    if a >= b {
                        return None;
                    }
                    ApiAnswer::Comparison(family, a, b)
                }
                _ => return None,
            }
        }
    };
    Some(Route::Api { lang, answer })
}

fn prefix(lang: &Option<String>) -> String {
    lang.as_deref()
        .map_or(String::new(), |lang| format!("/{lang}"))
}

/// A number written in decimal digits only (no sign, space or point), 0 to
/// 65535: what a person may type for a code.
pub fn parse_number(text: &str) -> Option<u16> {
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| text.parse().ok()).flatten()
}

/// A close code as the site's URLs write it: [`parse_number`] without
/// leading zeros, so each code has one address (`/websocket/1009`, never
/// `/websocket/01009`). Every surface parses a code in a path with this.
pub fn parse_code(text: &str) -> Option<u16> {
    parse_number(text).filter(|_| text.len() == 1 || !text.starts_with('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(address: &str) -> Option<Route> {
        let (path, query) = address.split_once('?').unwrap_or((address, ""));
        Route::parse(path, query, |segment| segment == "vi")
    }

    #[test]
    fn every_address_reads_back_as_its_route() {
        let routes = [
            Route::page(None, Page::Home),
            Route::page(Some("vi"), Page::Home),
            Route::page(None, Page::LlmsTxt),
            Route::page(Some("vi"), Page::EmbedDocs),
            Route::page(Some("vi"), Page::Platforms),
            Route::api(Some("vi"), ApiAnswer::Platforms),
            Route::page(None, Page::Problem("not-found".into())),
            Route::page(None, Page::Family("websocket".into())),
            Route::page(Some("vi"), Page::Code("websocket".into(), 1009)),
            Route::page(None, Page::Markdown("websocket".into(), 1009)),
            Route::page(None, Page::Comparison("websocket".into(), 1001, 1012)),
            Route::api(None, ApiAnswer::Families),
            Route::api(Some("vi"), ApiAnswer::Dataset),
            Route::api(None, ApiAnswer::Family("sockjs".into())),
            Route::api(Some("vi"), ApiAnswer::Code("websocket".into(), 0)),
            Route::api(None, ApiAnswer::Comparison("websocket".into(), 1000, 1001)),
            Route::OpenApi,
            Route::ApiDocs(None),
            Route::ApiDocs(Some("swagger-ui.css".into())),
            Route::Badge {
                lang: Some("vi".into()),
                family: "websocket".into(),
                code: 1009,
            },
            Route::Asset("style.3f2a1b9c.css".into()),
            Route::Sitemap,
            Route::Robots,
        ];
        for route in routes {
            assert_eq!(parse(&route.address()), Some(route.clone()), "{route:?}");
        }
    }

    #[test]
    fn only_the_canonical_spelling_is_a_route() {
        for address in [
            "/websocket/01009",
            "/websocket/1012-vs-1001",
            "/websocket/1009-vs-1009",
            "/websocket",
            "/vi",
            "/websocket/1009/",
            "/websocket/70000",
            "/websocket/+1009",
            "/api/v1/families?lang=",
            "/api/v1/families?lang=vi&x=1",
            "/api/v1/families/websocket/codes/01009",
            "/api/v1/families/websocket/compare/1012/1001",
            "/api/v1/families/",
            "/api/v1/openapi.json?lang=vi",
            "/api/docs/a/b",
            "/static/",
            "/static/a/b.css",
            "/websocket/1009?theme=dark",
            "/badge/websocket/1009",
            "//websocket/1009",
            "/problems/",
        ] {
            assert_eq!(parse(address), None, "{address}");
        }
    }
}

/// The close-handling lab.
pub mod lab {
    /// The page that explains the lab, under each language's prefix.
    pub const PAGE: &str = "/lab";
    pub const CASES_URL: &str = "/api/v1/lab/cases";
    /// Where each case's WebSocket lives: `/ws/lab/{case}?run=`.
    pub const SOCKETS: &str = "/ws/lab";
    /// The Autobahn fuzzingserver's endpoints, under this base URL.
    pub const AUTOBAHN: &str = "/ws/lab/autobahn";

    pub fn case_url(case: &str, run: &str) -> String {
        format!("{SOCKETS}/{case}?run={run}")
    }

    pub fn run_api_url(run: &str) -> String {
        format!("/api/v1/lab/runs/{run}")
    }

    /// A run's report page, in the source language.
    pub fn run_page_url(run: &str) -> String {
        format!("{PAGE}/runs/{run}")
    }

    /// 1–64 letters, digits, `-` or `_`: safe in a path and a query, and
    /// what the deployment's router hashes on.
    pub fn is_run_id(text: &str) -> bool {
        (1..=64).contains(&text.len())
            && text
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
    }
}
