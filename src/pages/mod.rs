//! The HTML website: how each page of every language is made (for the
//! store, which makes it when first asked), and the routes of the pages
//! computed per request (search, lookup, explain). A language other than the
//! source language lives under its prefix (`/vi/websocket/1009`).

mod explain;
mod sitemap;
mod templates;

use crate::chrome::PageContext;
use crate::http::policy::Policy;
use crate::http::store::{Prepared, Store};
use crate::urls::{
    EXPLAIN_PATH, PLATFORMS_PATH, Page, PublicUrl, Route, SEARCH_PATH, card_url, lookup_url,
    reversed_comparison,
};

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::{Deserialize, Serialize};

use crate::chrome::{requested_edition, respond_rendered};
use crate::dataset::compare::{differences, guidance};
use crate::dataset::lookup::Lookup;
use crate::dataset::rfc6455::{self, CodeRange, Unexplained};
use crate::dataset::search::{CodeFilters, search, unmatched_number};
use crate::dataset::ui::UiStrings;
use crate::dataset::{Code, Dataset, Edition, Family, STANDARD_FAMILY, route_lang};
use crate::http::problem::ProblemType;
use crate::http::resource::{HTML, MARKDOWN, PLAIN_TEXT, XML};
use crate::http::{Query, Resource, RouteLabel, get_or_head, in_every_language};
use crate::websocket::{self, Ending};
use templates::{
    CodeMarkdown, CodePage, ComparePage, EmbedDocsPage, EmbedWay, FamilyPage, HomePage, LlmsIndex,
    LogLine, LookupPage, NotFoundPage, PlatformsPage, PrivateUseNumber, ProblemPage, SearchPage,
    SearchedNumber, Side, TryIt,
};

/// The pages computed per request, each in the source language and under
/// every language's prefix, then every stored page.
pub fn config(cfg: &mut web::ServiceConfig) {
    in_every_language(cfg, SEARCH_PATH, "search_page", &|| {
        get_or_head().to(search_page)
    });
    in_every_language(cfg, EXPLAIN_PATH, "explain_page", &|| {
        get_or_head().to(explain::explain_page)
    });
    in_every_language(cfg, "/lookup/{n}", "lookup_page", &|| {
        get_or_head().to(lookup_page)
    });
    cfg.route("/{path:.*}", get_or_head().to(serve_page));
}

#[derive(Debug, Deserialize, Serialize)]
struct SearchParams {
    #[serde(default)]
    q: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    family: String,
}

/// `/search?q=`: the API's search rendered as a page, so it works without
/// JavaScript. Computed per request: the queries are endless.
async fn search_page(
    request: HttpRequest,
    params: Query<SearchParams>,
    filters: Query<CodeFilters>,
    dataset: web::Data<Dataset>,
    public_url: web::Data<PublicUrl>,
) -> HttpResponse {
    let Some(edition) = requested_edition(&request, &dataset) else {
        return not_found(&dataset, public_url.as_str(), request.path());
    };
    let ui = &edition.ui;
    // A pasted log line in the search box wants an explanation, not a search.
    if params.family.is_empty()
        && explain::looks_pasted(&params.q)
        && crate::http::checks::checked_text(&params.q).is_ok()
    {
        return explain::see_explanation(edition, &params.q);
    }
    let query_string = serde_urlencoded::to_string(&*params).unwrap_or_default();
    let context = PageContext {
        dataset: &dataset,
        edition,
        public_url: public_url.as_str(),
        path: format!("{SEARCH_PATH}?{query_string}"),
    };
    let family = Some(params.family.as_str()).filter(|slug| !slug.is_empty());
    let unknown_family = family.filter(|slug| edition.family(slug).is_none());
    let (status, hits, message, number) = match crate::http::checks::checked_query(&params.q) {
        // As the API does: a family that does not exist is a mistake to show, not to ignore.
        _ if unknown_family.is_some() => (
            StatusCode::BAD_REQUEST,
            Vec::new(),
            unknown_family.map(|slug| ui.search.unknown_family.replace("{family}", slug)),
            None,
        ),
        _ if params.q.trim().is_empty() => (StatusCode::OK, Vec::new(), None, None),
        Err(_) => (
            StatusCode::BAD_REQUEST,
            Vec::new(),
            Some(
                ui.search
                    .too_long
                    .replace("{max}", &crate::http::checks::MAX_QUERY_CHARS.to_string()),
            ),
            None,
        ),
        Ok(text) => {
            let hits = search(edition, text, family, &filters);
            let template = match hits.len() {
                0 => &ui.search.no_results,
                1 => &ui.search.results_one,
                _ => &ui.search.results,
            };
            let message = template
                .replace("{count}", &hits.len().to_string())
                .replace("{query}", text);
            let number =
                unmatched_number(text, &hits).map(|number| searched_number(edition, number));
            (StatusCode::OK, hits, Some(message), number)
        }
    };
    let mut layout = context.layout(ui.search.title.clone(), ui.search.intro.clone());
    layout.breadcrumbs = vec![context.home_crumb()];
    layout.query = params.q.clone();
    let page = SearchPage {
        message: message.or_else(|| Some(ui.search.intro.clone())),
        layout,
        query: params.q.clone(),
        selected_family: params.family.clone(),
        families: &edition.families,
        hits,
        max_chars: crate::http::checks::MAX_QUERY_CHARS,
        number,
    };
    respond_rendered(&request, status, page.render())
}

/// A page rendered for one request: cached and compressed like any answer
/// when it is a 200, sent as it is otherwise.
/// What the search page says about a number no result has: its range, and a
/// link to the number's own page.
fn searched_number(edition: &Edition, number: u16) -> SearchedNumber<'_> {
    let labels = &edition.ui.search;
    let number_text = number.to_string();
    SearchedNumber {
        heading: labels.number_heading.replace("{number}", &number_text),
        range: edition.range(CodeRange::of(number)),
        lookup_url: edition.page_url(&lookup_url(number)),
        lookup_label: labels.number_link.replace("{number}", &number_text),
    }
}

/// `/lookup/{n}`: what any number from 0 to 65535 means, computed per
/// request (65,536 pages per language are too many to keep). A number with
/// leading zeros answers 301 to its canonical page; anything that is not a
/// number from 0 to 65535 is the 404 page.
async fn lookup_page(
    request: HttpRequest,
    dataset: web::Data<Dataset>,
    public_url: web::Data<PublicUrl>,
) -> HttpResponse {
    let Some(edition) = requested_edition(&request, &dataset) else {
        return not_found(&dataset, public_url.as_str(), request.path());
    };
    let text = request.match_info().get("n").unwrap_or_default();
    let Some(number) = rfc6455::parse_number(text) else {
        return not_found_about(&dataset, public_url.as_str(), request.path(), None);
    };
    let path = lookup_url(number);
    if text != number.to_string() {
        return moved_permanently(&edition.page_url(&path));
    }
    let context = PageContext {
        dataset: &dataset,
        edition,
        public_url: public_url.as_str(),
        path,
    };
    respond_rendered(&request, StatusCode::OK, render_lookup(&context, number))
}

fn render_lookup(page: &PageContext, number: u16) -> Result<String, askama::Error> {
    let edition = page.edition;
    let labels = &edition.ui.lookup;
    let fill = |text: &str| text.replace("{number}", &number.to_string());
    let standard = edition.family(STANDARD_FAMILY);
    let unexplained = Unexplained::of(number, standard.and_then(|f| f.code(number)).is_some());
    let mut layout = page.layout(fill(&labels.title), fill(&labels.intro));
    layout.breadcrumbs = vec![page.home_crumb()];
    layout.api_url = page.api_url(crate::urls::api::lookup_url(number));
    LookupPage {
        layout,
        lookup: Lookup::of(edition, number),
        families: &edition.families,
        advice: unexplained.map(|kind| edition.ui.unexplained(kind)),
        // A receiver fails the connection, with a protocol error.
        protocol_error: unexplained
            .filter(|kind| matches!(kind, Unexplained::NeverValid | Unexplained::Unassigned))
            .and_then(|_| standard?.code(PROTOCOL_ERROR)),
    }
    .render()
}

/// RFC 6455 §7.4.1: the code an endpoint closes with on a protocol error.
const PROTOCOL_ERROR: u16 = 1002;

/// Serves a stored page or asset. What is not stored may be a URL people
/// reasonably type: a family without its trailing slash, or a comparison in
/// the reversed order; those answer 301 to the canonical page.
async fn serve_page(
    request: HttpRequest,
    store: web::Data<Store>,
    dataset: web::Data<Dataset>,
    public_url: web::Data<PublicUrl>,
) -> HttpResponse {
    let path = request.path();
    if let Some(response) = store.respond(&request, path) {
        return response;
    }
    let with_slash = format!("{path}/");
    if store.has(&with_slash) {
        return moved_permanently(&with_slash);
    }
    if let Some(canonical) = reversed_comparison(path).filter(|c| store.has(c)) {
        return moved_permanently(&canonical);
    }
    not_found(&dataset, public_url.as_str(), path)
}

fn moved_permanently(location: &str) -> HttpResponse {
    HttpResponse::MovedPermanently()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// Every page of one language, in the source language's paths.
pub fn pages_of(edition: &Edition) -> Vec<Page> {
    let mut pages = vec![Page::Home, Page::LlmsTxt, Page::EmbedDocs, Page::Platforms];
    pages.extend(
        ProblemType::ALL
            .iter()
            .map(|kind| Page::Problem(kind.slug().to_owned())),
    );
    for family in &edition.families {
        let slug = &family.slug;
        pages.push(Page::Family(slug.clone()));
        for code in &family.codes {
            pages.push(Page::Code(slug.clone(), code.code));
            pages.push(Page::Markdown(slug.clone(), code.code));
        }
        let code_pairs = family.pairs().map(|(a, b)| (a.code, b.code));
        let private_use_pairs = family.curated_private_use().map(|pair| (pair.a, pair.b));
        for (a, b) in code_pairs.chain(private_use_pairs) {
            pages.push(Page::Comparison(slug.clone(), a, b));
        }
    }
    pages
}

/// Every page of every language, the sitemap and robots.txt.
pub fn routes(dataset: &Dataset) -> Vec<Route> {
    let mut routes = vec![Route::Sitemap, Route::Robots];
    for edition in &dataset.editions {
        let lang = route_lang(&edition.lang);
        routes.extend(
            pages_of(edition)
                .into_iter()
                .map(|page| Route::page(lang, page)),
        );
    }
    routes
}

/// How the page at `route` is made, when there is one.
pub fn prepare<'a>(
    dataset: &'a Dataset,
    public_url: &'a str,
    route: &Route,
) -> Option<Prepared<'a>> {
    let (lang, page) = match route {
        Route::Sitemap => {
            let render = Box::new(move || sitemap::sitemap(dataset, public_url).into_bytes());
            return Some(Prepared::new(XML, Policy::PAGE, RouteLabel::PAGE, render));
        }
        Route::Robots => {
            let render = Box::new(move || sitemap::robots(dataset, public_url).into_bytes());
            return Some(Prepared::new(
                PLAIN_TEXT,
                Policy::PAGE,
                RouteLabel::PAGE,
                render,
            ));
        }
        Route::Page { lang, page } => (lang, page),
        _ => return None,
    };
    let edition = match lang {
        Some(lang) => dataset.prefixed_edition(lang)?,
        None => dataset.source(),
    };
    let context = PageContext {
        dataset,
        edition,
        public_url,
        path: page.path(),
    };
    let (content_type, render): (&'static str, PageRender<'a>) = match page {
        Page::Home => (HTML, Box::new(render_home)),
        Page::LlmsTxt => (
            PLAIN_TEXT,
            Box::new(move |page: &PageContext| {
                LlmsIndex {
                    ui: &page.edition.ui,
                    families: &page.edition.families,
                }
                .render()
            }),
        ),
        Page::EmbedDocs => (HTML, Box::new(render_embed_docs)),
        Page::Platforms => (HTML, Box::new(render_platforms)),
        Page::Problem(slug) => {
            let kind = *ProblemType::ALL.iter().find(|kind| kind.slug() == slug)?;
            (
                HTML,
                Box::new(move |page: &PageContext| render_problem(page, kind)),
            )
        }
        Page::Family(slug) => {
            let family = edition.family(slug)?;
            (
                HTML,
                Box::new(move |page: &PageContext| render_family(page, family)),
            )
        }
        Page::Code(slug, number) | Page::Markdown(slug, number) => {
            let family = edition.family(slug)?;
            let code = family.code(*number)?;
            // The page and its Markdown show the same lines.
            let logs = move || log_lines(dataset, edition, code);
            if matches!(page, Page::Code(..)) {
                (
                    HTML,
                    Box::new(move |page: &PageContext| render_code(page, family, code, &logs())),
                )
            } else {
                (
                    MARKDOWN,
                    Box::new(move |page: &PageContext| {
                        CodeMarkdown {
                            ui: &page.edition.ui,
                            family,
                            code,
                            range: page.edition.range(code.range),
                            logs: &logs(),
                        }
                        .render()
                    }),
                )
            }
        }
        Page::Comparison(slug, a, b) => {
            let family = edition.family(slug)?;
            let sides = comparison_sides(edition, family, *a, *b)?;
            (
                HTML,
                Box::new(move |page: &PageContext| render_comparison(page, family, sides)),
            )
        }
    };
    // Code and comparison pages also name their oEmbed endpoint in a header.
    let link = context
        .oembed_url()
        .map(|oembed| format!("<{oembed}>; rel=\"alternate\"; type=\"application/json+oembed\""));
    let make = Box::new(move || {
        // Templates are checked when compiled and write only into a String.
        render(&context).expect("pages always render").into_bytes()
    });
    let mut prepared = Prepared::new(content_type, Policy::PAGE, RouteLabel::PAGE, make);
    prepared.link = link;
    Some(prepared)
}

type Rendered = Result<String, askama::Error>;

/// Makes one page from its context.
type PageRender<'a> = Box<dyn FnOnce(&PageContext<'a>) -> Rendered + 'a>;

/// The two sides of a comparison page: two codes of the family, or a pair its
/// curated comparisons name with a private-use number.
fn comparison_sides<'a>(
    edition: &'a Edition,
    family: &'a Family,
    a: u16,
    b: u16,
) -> Option<[Side<'a>; 2]> {
    if let (Some(a), Some(b)) = (family.code(a), family.code(b)) {
        return Some([Side::Code(a), Side::Code(b)]);
    }
    family
        .curated_private_use()
        .find(|pair| (pair.a, pair.b) == (a, b))?;
    Some([a, b].map(|number| match family.code(number) {
        Some(code) => Side::Code(code),
        None => Side::PrivateUse(PrivateUseNumber {
            number,
            range: edition.range(CodeRange::of(number)),
            meanings: edition.entries_numbered(number),
        }),
    }))
}

/// The 404 page in the language of `path`; when the address holds a number,
/// it links what that number means.
pub fn not_found(dataset: &Dataset, public_url: &str, path: &str) -> HttpResponse {
    not_found_about(dataset, public_url, path, number_in(path))
}

/// The 404 page in the language of `path`, about `number` if any. Rare and
/// cheap: rendered when asked.
pub fn not_found_about(
    dataset: &Dataset,
    public_url: &str,
    path: &str,
    number: Option<u16>,
) -> HttpResponse {
    let (edition, _) = dataset.edition_of_path(path);
    let html = render_not_found_page(dataset, public_url, edition, number)
        .expect("the 404 page always renders");
    Resource::new(HTML, html).respond_with_status(StatusCode::NOT_FOUND)
}

/// The first part of an address that is a number from 0 to 65535 on its
/// own (`/websocket/4999.md`, not the hex of `/static/style.3f2a1b9c.css`).
fn number_in(path: &str) -> Option<u16> {
    path.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| (1..=5).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
        .find_map(|digits| digits.parse().ok())
}

/// The 404 page in one language; with `number`, it first links the number's
/// lookup page and lists what every family means by that number (someone
/// typed or guessed a code's address).
pub fn render_not_found_page(
    dataset: &Dataset,
    public_url: &str,
    edition: &Edition,
    number: Option<u16>,
) -> Result<String, askama::Error> {
    let ui = &edition.ui;
    let context = PageContext {
        dataset,
        edition,
        public_url,
        path: "/".to_owned(),
    };
    NotFoundPage {
        layout: context.layout(ui.not_found_title.clone(), ui.not_found_text.clone()),
        families: &edition.families,
        suggestions: number
            .map(|n| edition.entries_numbered(n))
            .unwrap_or_default(),
        number,
    }
    .render()
}

/// JSON for a `<script type="application/ld+json">`: `</` cannot end the
/// element early.
fn json_ld(value: &serde_json::Value) -> String {
    value.to_string().replace("</", "<\\/")
}

/// Plain text for `<meta name="description">`: the data's backticks dropped.
fn plain(text: &str) -> String {
    text.replace('`', "")
}

fn render_home(page: &PageContext) -> Result<String, askama::Error> {
    let edition = page.edition;
    let ui = &edition.ui;
    let mut layout = page.layout(
        format!("{} — {}", ui.site_name, ui.tagline),
        ui.home_intro.clone(),
    );
    layout.api_url = page.api_url(crate::urls::api::FAMILIES_URL.to_owned());
    HomePage {
        layout,
        explain_url: edition.page_url(EXPLAIN_PATH),
        public_url: page.public_url,
        max_chars: crate::dataset::explain::MAX_TEXT_CHARS,
        families: &edition.families,
        standard: edition.family(STANDARD_FAMILY),
        ranges: &edition.ranges,
    }
    .render()
}

/// The example every snippet on `/embed` uses: 1009, the most looked-up code.
const EXAMPLE: (&str, u16) = (STANDARD_FAMILY, 1009);

fn render_embed_docs(page: &PageContext) -> Result<String, askama::Error> {
    let ui = &page.edition.ui;
    let labels = &ui.embed;
    let (slug, number) = EXAMPLE;
    let origin = page.public_url;
    let prefix = &page.edition.prefix;
    let title = page
        .edition
        .family(slug)
        .and_then(|family| family.code(number))
        .map_or_else(
            || number.to_string(),
            |code| format!("{number} {}", code.name),
        );
    let page_url = format!("{origin}{prefix}/{slug}/{number}");
    let embed_url = format!("{origin}{}", card_url(prefix, slug, &number.to_string()));
    let lang = &page.edition.lang;
    let iframe = format!(
        "<iframe src=\"{embed_url}\" width=\"480\" height=\"240\" style=\"border:0\" loading=\"lazy\" title=\"{title}\"></iframe>"
    );
    let ways = vec![
        EmbedWay {
            id: "iframe",
            heading: &labels.iframe_heading,
            text: &labels.iframe_text,
            syntax: "html",
            code: iframe.clone(),
        },
        EmbedWay {
            id: "web-component",
            heading: &labels.component_heading,
            text: &labels.component_text,
            syntax: "html",
            code: format!(
                "<script type=\"module\" src=\"{origin}/static/close-code.js\"></script>\n\n<close-code family=\"{slug}\" code=\"{number}\" lang=\"{lang}\">\n  <a href=\"{page_url}\">{title}</a>\n</close-code>"
            ),
        },
        EmbedWay {
            id: "badge",
            heading: &labels.badge_heading,
            text: &labels.badge_text,
            syntax: "markdown",
            code: format!("[![{title}]({origin}{prefix}/badge/{slug}/{number}.svg)]({page_url})"),
        },
        EmbedWay {
            id: "oembed",
            heading: &labels.oembed_heading,
            text: &labels.oembed_text,
            syntax: "sh",
            code: format!(
                "curl '{}'",
                crate::urls::oembed_discovery_url(origin, &page_url)
            ),
        },
        EmbedWay {
            id: "docusaurus",
            heading: &labels.docusaurus_heading,
            text: &labels.docusaurus_text,
            syntax: "jsx",
            code: format!(
                "<iframe\n  src=\"{embed_url}\"\n  width=\"480\"\n  height=\"240\"\n  style={{{{ border: 0 }}}}\n  loading=\"lazy\"\n  title=\"{title}\"\n/>"
            ),
        },
        EmbedWay {
            id: "backstage",
            heading: &labels.backstage_heading,
            text: &labels.backstage_text,
            syntax: "tsx",
            code: format!(
                "import {{ InfoCard }} from '@backstage/core-components';\n\nexport const CloseCodeCard = () => (\n  <InfoCard title=\"{title}\">\n    <iframe src=\"{embed_url}\" width=\"100%\" height=\"240\" style={{{{ border: 0 }}}} title=\"{title}\" />\n  </InfoCard>\n);"
            ),
        },
        EmbedWay {
            id: "readme",
            heading: &labels.readme_heading,
            text: &labels.readme_text,
            syntax: "html",
            code: iframe,
        },
        EmbedWay {
            id: "wordpress",
            heading: &labels.wordpress_heading,
            text: &labels.wordpress_text,
            syntax: "php",
            code: format!(
                "add_action( 'init', function () {{\n    wp_oembed_add_provider( '{origin}/*', '{origin}/oembed' );\n}} );"
            ),
        },
    ];
    let mut layout = page.layout(labels.title.clone(), plain(&labels.intro));
    layout.breadcrumbs = vec![page.home_crumb()];
    EmbedDocsPage {
        layout,
        // The preview frames this server itself, whatever address it is reached at.
        example_embed_url: card_url(prefix, slug, &number.to_string()),
        example_title: title,
        ways,
    }
    .render()
}

fn render_platforms(page: &PageContext) -> Result<String, askama::Error> {
    let edition = page.edition;
    let labels = &edition.ui.platforms;
    let mut layout = page.layout(labels.title.clone(), plain(&labels.intro));
    layout.breadcrumbs = vec![page.home_crumb()];
    layout.api_url = page.api_url(crate::urls::api::PLATFORMS_URL.to_owned());
    PlatformsPage {
        layout,
        platforms: &edition.platforms,
        labels,
    }
    .render()
}

fn render_problem(page: &PageContext, kind: ProblemType) -> Result<String, askama::Error> {
    let ui = &page.edition.ui;
    let text = ui.problem(kind);
    let mut layout = page.layout(text.title.clone(), plain(&text.description));
    layout.breadcrumbs = vec![page.home_crumb()];
    let status = kind.status();
    ProblemPage {
        layout,
        kind,
        text,
        status: format!(
            "{} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        ),
    }
    .render()
}

fn render_family(page: &PageContext, family: &Family) -> Result<String, askama::Error> {
    let edition = page.edition;
    let mut layout = page.layout(
        format!("{} — {}", family.name, edition.ui.site_name),
        plain(&family.description),
    );
    layout.breadcrumbs = vec![page.home_crumb()];
    layout.api_url = page.api_url(crate::urls::api::family_url(&family.slug));
    FamilyPage {
        layout,
        family,
        ranges: family
            .allowed_ranges
            .iter()
            .map(|range| edition.range(*range))
            .collect(),
    }
    .render()
}

fn render_code(
    page: &PageContext,
    family: &Family,
    code: &Code,
    logs: &[LogLine],
) -> Result<String, askama::Error> {
    let edition = page.edition;
    let title = edition
        .ui
        .code_page_title
        .replace("{code}", &code.code.to_string())
        .replace("{name}", &code.name)
        .replace("{family}", &family.name);
    let mut layout = page.layout(title, plain(&code.summary));
    layout.breadcrumbs = page.family_crumbs(family);
    layout.api_url = page.api_url(crate::urls::api::code_url(&family.slug, code.code));
    layout.markdown_url = Some(code.markdown_url());
    layout.og_type = "article";
    layout.social_image =
        Some(page.absolute(&edition.page_url(&crate::urls::badge_url(&family.slug, code.code))));
    layout.json_ld = Some(json_ld(&serde_json::json!({
        "@context": "https://schema.org",
        "@type": "TechArticle",
        "headline": format!("{} {}", code.code, code.name),
        "alternativeHeadline": code.official_name,
        "description": plain(&code.summary),
        "inLanguage": edition.lang,
        "url": layout.canonical,
        "about": family.name,
        "dateModified": page.dataset.date,
        "isBasedOn": code.references.iter().map(|r| &r.url).collect::<Vec<_>>(),
        "publisher": {"@type": "Organization", "name": edition.ui.site_name},
    })));
    CodePage {
        layout,
        family,
        code,
        range: edition.range(code.range),
        related: code
            .related
            .iter()
            .filter_map(|number| family.code(*number))
            .collect(),
        others: family
            .codes
            .iter()
            .filter(|other| other.code != code.code)
            .collect(),
        try_it: try_it(&edition.ui, code.code),
        logs,
        // The standard codes a proxy's timeout produces, not a family's own.
        platforms_url: (family.slug == STANDARD_FAMILY
            && edition
                .platforms
                .iter()
                .any(|platform| platform.client_sees.contains(&code.code)))
        .then(|| edition.page_url(PLATFORMS_PATH)),
        private_use_pairs: family
            .curated_private_use()
            .filter_map(|pair| match (pair.a, pair.b) {
                (number, other) | (other, number) if number == code.code => Some(other),
                _ => None,
            })
            .collect(),
    }
    .render()
}

/// "How it looks in logs": what libraries print for the code, for its page
/// and its Markdown.
fn log_lines<'a>(dataset: &'a Dataset, edition: &Edition, code: &Code) -> Vec<LogLine<'a>> {
    dataset
        .knowledge
        .messages_for(&code.family, code.code)
        .into_iter()
        .map(|(library, message, line)| LogLine {
            line,
            library: edition
                .ui
                .explain
                .logs_source
                .replace("{library}", &library.name)
                .replace("{language}", &library.language),
            source: &message.source,
        })
        .collect()
}

fn try_it(ui: &UiStrings, code: u16) -> Option<TryIt> {
    let labels = &ui.try_it;
    let (query, explanation) = match websocket::ending_for(code)? {
        Ending::Code(..) => (format!("close={code}&reason=closecodes+demo"), &labels.sent),
        Ending::NoStatus => (format!("close={code}"), &labels.simulated_1005),
        Ending::Drop => (format!("close={code}"), &labels.simulated_1006),
    };
    Some(TryIt {
        url: format!("{}?{query}", websocket::ECHO_URL),
        explanation: explanation.replace("{code}", &code.to_string()),
    })
}

fn render_comparison(
    page: &PageContext,
    family: &Family,
    sides: [Side; 2],
) -> Result<String, askama::Error> {
    let ui = &page.edition.ui;
    let [a, b] = &sides;
    let title = ui
        .comparison_title
        .replace("{a}", &a.number().to_string())
        .replace("{a_name}", a.name(ui))
        .replace("{b}", &b.number().to_string())
        .replace("{b_name}", b.name(ui));
    let description = sides
        .iter()
        .map(|side| match side {
            Side::Code(code) => plain(&code.summary),
            Side::PrivateUse(private) => plain(&private.range.description),
        })
        .collect::<Vec<_>>()
        .join(" ");
    let (facts_a, facts_b) = (a.facts(), b.facts());
    let mut layout = page.layout(title, description);
    layout.breadcrumbs = page.family_crumbs(family);
    if let Side::Code(code) = a {
        layout
            .breadcrumbs
            .push((code.code.to_string(), code.url.clone()));
    }
    // The API compares codes only; a private-use number has its lookup instead.
    if let (Side::Code(_), Side::Code(_)) = (a, b) {
        layout.api_url = page.api_url(crate::urls::api::comparison_url(
            &family.slug,
            a.number(),
            b.number(),
        ));
    }
    let curated = family.curated(a.number(), b.number());
    let guidance = guidance(&facts_a, &facts_b, ui);
    let answer = match curated {
        Some(curated) => plain(&curated.when_to_use_which),
        None => plain(&guidance.join(" ")),
    };
    layout.og_type = "article";
    layout.json_ld = Some(json_ld(&serde_json::json!({
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "inLanguage": page.edition.lang,
        "url": layout.canonical,
        "mainEntity": [{
            "@type": "Question",
            "name": ui.faq_question
                .replace("{a}", &format!("{} {}", a.number(), a.name(ui)))
                .replace("{b}", &format!("{} {}", b.number(), b.name(ui))),
            "acceptedAnswer": {"@type": "Answer", "text": answer},
        }],
    })));
    ComparePage {
        layout,
        curated,
        differences: differences(&facts_a, &facts_b),
        guidance,
        sides,
    }
    .render()
}
