//! Embeds for developer portals: framable cards (`/embed/{family}/{code}`,
//! `/embed/{family}/{a}-vs-{b}`), SVG badges (`/badge/{family}/{code}.svg`) and
//! oEmbed (`/oembed?url=`). The page that explains them is `pages`' `/embed`.

mod badge;
mod oembed;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::dataset::compare::{Difference, Facts, differences};
use crate::dataset::model::{comparison_numbers, ordered};
use crate::dataset::rfc6455;
use crate::dataset::{Code, Dataset, Edition, Family, route_lang};
use crate::http::policy::Policy;
use crate::http::problem::ProblemType;
use crate::http::resource::{HTML, SVG};
use crate::http::store::Prepared;
use crate::http::{Problem, Query, Resource, RouteLabel, get_or_head, labelled};
use crate::markup as filters;
use crate::urls::PublicUrl;
use crate::urls::{Route, card_url};

/// Every code's badge in every language.
pub fn routes(dataset: &Dataset) -> Vec<Route> {
    let mut routes = Vec::new();
    for edition in &dataset.editions {
        let lang = route_lang(&edition.lang).map(str::to_owned);
        for family in &edition.families {
            routes.extend(family.codes.iter().map(|code| Route::Badge {
                lang: lang.clone(),
                family: family.slug.clone(),
                code: code.code,
            }));
        }
    }
    routes
}

/// How the badge at `route` is made, when there is one.
pub fn prepare<'a>(dataset: &'a Dataset, route: &Route) -> Option<Prepared<'a>> {
    let Route::Badge { lang, family, code } = route else {
        return None;
    };
    let edition = match lang {
        Some(lang) => dataset.prefixed_edition(lang)?,
        None => dataset.source(),
    };
    let family = edition.family(family)?;
    let code = family.code(*code)?;
    Some(Prepared::new(
        SVG,
        Policy::PAGE,
        EMBED,
        Box::new(move || badge::render(family, code).into_bytes()),
    ))
}

/// The metrics label of every embed: cards, badges, oEmbed.
const EMBED: RouteLabel = RouteLabel("embed");

/// The cards, which other sites may frame, and oEmbed, which answers like a page.
pub fn config(cfg: &mut web::ServiceConfig, dataset_version: &str) {
    cfg.service(labelled("/oembed", EMBED, get_or_head().to(oembed::answer)));
    for path in ["/embed/{family}/{page}", "/{lang}/embed/{family}/{page}"] {
        cfg.service(
            web::resource(path)
                .app_data(EMBED)
                .wrap(Policy::EMBED.default_headers(dataset_version))
                .route(get_or_head().to(card)),
        );
    }
}

/// How the card looks: the reader's system setting by default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    Light,
    Dark,
    #[default]
    Auto,
}

impl Theme {
    pub fn id(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CardParams {
    #[serde(default)]
    theme: Theme,
    /// Only on unprefixed URLs; `/vi/embed/…` already says its language.
    lang: Option<String>,
}

#[derive(Template)]
#[template(path = "embed/card.html")]
struct CardPage<'a> {
    edition: &'a Edition,
    family: &'a Family,
    theme: Theme,
    title: String,
    /// The full page this card summarizes, absolute: the card lives on other sites.
    page_url: String,
    codes: Vec<&'a Code>,
    differences: Vec<Difference>,
}

impl CardPage<'_> {
    fn asset(&self, name: &str) -> &'static str {
        crate::static_files::url(name)
    }
}

/// The codes a card shows: `1009`, or `1001-vs-1012` in either order.
fn numbers(page: &str) -> Option<Vec<u16>> {
    match comparison_numbers(page) {
        Some((a, b)) => Some(vec![a, b]),
        None => Some(vec![rfc6455::parse_code(page)?]),
    }
}

async fn card(
    request: HttpRequest,
    params: Query<CardParams>,
    dataset: web::Data<Dataset>,
    public_url: web::Data<PublicUrl>,
) -> Result<HttpResponse, Problem> {
    let info = request.match_info();
    let (family_slug, page) = (info.query("family"), info.query("page"));
    let edition = match (info.get("lang"), params.lang.as_deref()) {
        (Some(lang), None) => dataset
            .prefixed_edition(lang)
            .ok_or_else(|| Problem::not_found(format!("no embed at {}", request.path())))?,
        (Some(_), Some(_)) => {
            return Err(Problem::new(
                ProblemType::InvalidParameter,
                "the path already names the language; drop `lang`",
            ));
        }
        (None, lang) => crate::http::checks::edition_for(&dataset, lang)?,
    };
    let family = crate::http::checks::find_family(edition, family_slug)?;
    let numbers = numbers(page)
        .ok_or_else(|| Problem::not_found(format!("no code or comparison \"{page}\"")))?;
    let codes = numbers
        .iter()
        .map(|number| {
            family.code(*number).ok_or_else(|| {
                let lookup = edition.page_url(&crate::urls::lookup_url(*number));
                Problem::not_found(format!(
                    "family \"{}\" has no code {number}; what {number} means: {lookup}",
                    family.slug
                ))
            })
        })
        .collect::<Result<Vec<&Code>, Problem>>()?;
    if let [a, b] = codes[..] {
        if a.code == b.code {
            return Err(Problem::new(
                ProblemType::SameCodeTwice,
                format!("compare two different codes, not {} with itself", a.code),
            ));
        }
        if a.code > b.code {
            let (low, high) = ordered(a.code, b.code);
            let query = request.query_string();
            let mut location = card_url(&edition.prefix, &family.slug, &format!("{low}-vs-{high}"));
            if !query.is_empty() {
                location = format!("{location}?{query}");
            }
            return Ok(HttpResponse::MovedPermanently()
                .insert_header((header::LOCATION, location))
                .finish());
        }
    }
    let page_path = match codes[..] {
        [a, b] => family.comparison_url(a.code, b.code),
        _ => codes[0].url.clone(),
    };
    let differences = match codes[..] {
        [a, b] => differences(&Facts::of(a), &Facts::of(b)),
        _ => Vec::new(),
    };
    let title = codes
        .iter()
        .map(|code| format!("{} {}", code.code, code.name))
        .collect::<Vec<_>>()
        .join(" vs ");
    let card = CardPage {
        edition,
        family,
        theme: params.theme,
        title: format!("{title} — {}", edition.ui.site_name),
        page_url: format!("{}{page_path}", public_url.as_str()),
        codes,
        differences,
    };
    // The template is checked at compile time and writes only into a String.
    let html = card.render().expect("embed cards always render");
    Ok(Resource::new(HTML, html).respond(&request))
}
