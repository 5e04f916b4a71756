//! The HTML website: templates rendered once at startup, and the routes that
//! serve them.

mod markup;
mod templates;

use std::collections::HashMap;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::dataset::compare::{differences, guidance};
use crate::dataset::model::{code_url, comparison_url};
use crate::dataset::{Code, Dataset, Family, Language, STANDARD_FAMILY};
use crate::http::resource::{HTML, MARKDOWN, PLAIN_TEXT};
use crate::http::{Resource, get_or_head};
use crate::site::Site;
use templates::{
    CodeMarkdown, CodePage, ComparePage, FamilyPage, HomePage, Layout, LlmsIndex, NotFoundPage,
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
        .and_then(|(a, b)| Some((a.parse::<u16>().ok()?, b.parse::<u16>().ok()?)));
    match (site.dataset.family(&family), reversed) {
        (Some(found), Some((a, b)))
            if a > b && found.code(a).is_some() && found.code(b).is_some() =>
        {
            moved_permanently(&comparison_url(&family, a, b))
        }
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
        for (a, b) in family.pairs() {
            let path = comparison_url(&family.slug, a.code, b.code);
            let html = render_comparison(dataset, language, family, a, b, &path)?;
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
    }
    .render()
}

fn render_comparison(
    dataset: &Dataset,
    language: &Language,
    family: &Family,
    a: &Code,
    b: &Code,
    path: &str,
) -> Result<String, askama::Error> {
    let ui = &language.ui;
    let title = ui
        .comparison_title
        .replace("{a}", &a.code.to_string())
        .replace("{a_name}", &a.name)
        .replace("{b}", &b.code.to_string())
        .replace("{b_name}", &b.name);
    let description = format!("{} {}", plain(&a.summary), plain(&b.summary));
    let mut layout = layout(dataset, language, title, description, path);
    layout.breadcrumbs = family_crumbs(language, family);
    layout
        .breadcrumbs
        .push((a.code.to_string(), code_url(&family.slug, a.code)));
    layout.api_url = Some(crate::api::comparison_url(&family.slug, a.code, b.code));
    ComparePage {
        layout,
        curated: family.curated(a.code, b.code),
        a,
        b,
        both: [a, b],
        differences: differences(a, b),
        guidance: guidance(a, b, ui),
    }
    .render()
}
