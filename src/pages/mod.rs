//! The HTML website: templates rendered once at startup, and the routes that
//! serve them.

mod markup;
mod templates;

use std::collections::HashMap;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::dataset::compare::{differences, guidance};
use crate::dataset::model::comparison_url;
use crate::dataset::rfc6455::CodeRange;
use crate::dataset::{Code, Dataset, Family, Language, STANDARD_FAMILY};
use crate::http::resource::{HTML, MARKDOWN, PLAIN_TEXT};
use crate::http::{Resource, get_or_head};
use crate::site::Site;
use templates::{
    CodeMarkdown, CodePage, ComparePage, FamilyPage, HomePage, Layout, LlmsIndex, NotFoundPage,
    PrivateUseNumber, Side,
};

const LLMS_TXT: &str = "/llms.txt";

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.route("/", get_or_head().to(serve_stored))
        .route(LLMS_TXT, get_or_head().to(serve_stored))
        .route("/static/{file:.*}", get_or_head().to(serve_stored))
        .route("/{family}", get_or_head().to(add_trailing_slash))
        .route("/{family}/", get_or_head().to(serve_stored))
        .route("/{family}/{page}", get_or_head().to(code_or_comparison));
}

async fn serve_stored(request: HttpRequest, site: web::Data<Site>) -> HttpResponse {
    site.respond(&request, request.path())
        .unwrap_or_else(|| site.not_found_page())
}

/// `/websocket` → `/websocket/`, the family page's one URL.
async fn add_trailing_slash(
    request: HttpRequest,
    family: web::Path<String>,
    site: web::Data<Site>,
) -> HttpResponse {
    let canonical = format!("{}/", request.path());
    match site.dataset.family(&family) {
        Some(_) => moved_permanently(&canonical),
        None => site.not_found_page(),
    }
}

/// A code or a canonical comparison is stored; a comparison in the reversed
/// order answers 301 to the canonical URL.
async fn code_or_comparison(
    request: HttpRequest,
    path: web::Path<(String, String)>,
    site: web::Data<Site>,
) -> HttpResponse {
    if let Some(response) = site.respond(&request, request.path()) {
        return response;
    }
    let (family, page) = path.into_inner();
    let reversed = page
        .split_once("-vs-")
        .and_then(|(a, b)| Some((a.parse::<u16>().ok()?, b.parse::<u16>().ok()?)))
        .filter(|(a, b)| a > b)
        .map(|(a, b)| comparison_url(&family, a, b));
    match reversed {
        Some(canonical) if site.has(&canonical) => moved_permanently(&canonical),
        _ => site.not_found_page(),
    }
}

fn moved_permanently(location: &str) -> HttpResponse {
    HttpResponse::MovedPermanently()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// Renders every page of the site into `pages`, keyed by URL path.
pub fn render_all(
    dataset: &Dataset,
    pages: &mut HashMap<String, Resource>,
) -> Result<(), askama::Error> {
    let language = dataset.source_language();
    let mut store = |path: String, content_type: &'static str, body: String| {
        pages.insert(path, Resource::new(content_type, body));
    };

    store("/".to_owned(), HTML, render_home(dataset, language)?);
    let index = LlmsIndex {
        ui: &language.ui,
        families: &dataset.families,
    };
    store(LLMS_TXT.to_owned(), PLAIN_TEXT, index.render()?);
    for family in &dataset.families {
        let html = render_family(dataset, language, family)?;
        store(family.url.clone(), HTML, html);
        for code in &family.codes {
            let html = render_code(dataset, language, family, code)?;
            store(code.url.clone(), HTML, html);
            let markdown = CodeMarkdown {
                ui: &language.ui,
                family,
                code,
                range: dataset.range(code.range),
            };
            store(code.markdown_url(), MARKDOWN, markdown.render()?);
        }
        let code_pairs = family.pairs().map(|(a, b)| [Side::Code(a), Side::Code(b)]);
        let private_use_pairs = family.curated_private_use().map(|pair| {
            [pair.a, pair.b].map(|number| match family.code(number) {
                Some(code) => Side::Code(code),
                None => Side::PrivateUse(PrivateUseNumber {
                    number,
                    range: dataset.range(CodeRange::of(number)),
                    meanings: dataset.entries_numbered(number),
                }),
            })
        });
        for sides in code_pairs.chain(private_use_pairs) {
            let path = comparison_url(&family.slug, sides[0].number(), sides[1].number());
            let html = render_comparison(dataset, language, family, sides, &path)?;
            store(path, HTML, html);
        }
    }
    Ok(())
}

pub fn render_not_found(dataset: &Dataset) -> Result<Resource, askama::Error> {
    let language = dataset.source_language();
    let ui = &language.ui;
    let page = NotFoundPage {
        layout: layout(
            dataset,
            language,
            ui.not_found_title.clone(),
            ui.not_found_text.clone(),
            "/",
        ),
        families: &dataset.families,
    };
    Ok(Resource::new(HTML, page.render()?))
}

fn layout<'a>(
    dataset: &'a Dataset,
    language: &'a Language,
    title: String,
    description: String,
    canonical: &str,
) -> Layout<'a> {
    Layout {
        lang: &language.code,
        ui: &language.ui,
        dataset_version: &dataset.version,
        title,
        description,
        canonical: canonical.to_owned(),
        breadcrumbs: Vec::new(),
        api_url: None,
        markdown_url: None,
    }
}

/// Plain text for `<meta name="description">`: the data's backticks dropped.
fn plain(text: &str) -> String {
    text.replace('`', "")
}

fn home_crumb(language: &Language) -> (String, String) {
    (language.ui.home_link.clone(), "/".to_owned())
}

fn family_crumbs(language: &Language, family: &Family) -> Vec<(String, String)> {
    vec![
        home_crumb(language),
        (family.name.clone(), family.url.clone()),
    ]
}

fn render_home(dataset: &Dataset, language: &Language) -> Result<String, askama::Error> {
    let ui = &language.ui;
    let mut layout = layout(
        dataset,
        language,
        format!("{} — {}", ui.site_name, ui.tagline),
        ui.home_intro.clone(),
        "/",
    );
    layout.api_url = Some("/api/v1/families".to_owned());
    HomePage {
        layout,
        families: &dataset.families,
        standard: dataset.family(STANDARD_FAMILY),
        ranges: &dataset.ranges,
    }
    .render()
}

fn render_family(
    dataset: &Dataset,
    language: &Language,
    family: &Family,
) -> Result<String, askama::Error> {
    let mut layout = layout(
        dataset,
        language,
        format!("{} — {}", family.name, language.ui.site_name),
        plain(&family.description),
        &family.url,
    );
    layout.breadcrumbs = vec![home_crumb(language)];
    layout.api_url = Some(crate::api::family_url(&family.slug));
    FamilyPage {
        layout,
        family,
        ranges: family
            .allowed_ranges
            .iter()
            .map(|range| dataset.range(*range))
            .collect(),
    }
    .render()
}

fn render_code(
    dataset: &Dataset,
    language: &Language,
    family: &Family,
    code: &Code,
) -> Result<String, askama::Error> {
    let ui = &language.ui;
    let title = ui
        .code_page_title
        .replace("{code}", &code.code.to_string())
        .replace("{name}", &code.name)
        .replace("{family}", &family.name);
    let mut layout = layout(dataset, language, title, plain(&code.summary), &code.url);
    layout.breadcrumbs = family_crumbs(language, family);
    layout.api_url = Some(crate::api::code_url(&family.slug, code.code));
    layout.markdown_url = Some(code.markdown_url());
    CodePage {
        layout,
        code,
        range: dataset.range(code.range),
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

fn render_comparison(
    dataset: &Dataset,
    language: &Language,
    family: &Family,
    sides: [Side; 2],
    path: &str,
) -> Result<String, askama::Error> {
    let ui = &language.ui;
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
    let mut layout = layout(dataset, language, title, description, path);
    layout.breadcrumbs = family_crumbs(language, family);
    if let Side::Code(code) = a {
        layout
            .breadcrumbs
            .push((code.code.to_string(), code.url.clone()));
    }
    // The API compares codes only; a private-use number has its lookup instead.
    if let (Side::Code(_), Side::Code(_)) = (a, b) {
        layout.api_url = Some(crate::api::comparison_url(
            &family.slug,
            a.number(),
            b.number(),
        ));
    }
    ComparePage {
        layout,
        curated: family.curated(a.number(), b.number()),
        differences: differences(&facts_a, &facts_b),
        guidance: guidance(&facts_a, &facts_b, ui),
        sides,
    }
    .render()
}
