//! oEmbed 1.0 (<https://oembed.com>): a `rich` answer with the iframe card for
//! any code or comparison page of the site, in its language.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::dataset::Dataset;
use crate::dataset::model::comparison_numbers;
use crate::dataset::rfc6455;
use crate::http::problem::ProblemType;
use crate::http::{Problem, Query, Resource};
use crate::urls::{PublicUrl, card_url};

const DEFAULT_WIDTH: u32 = 480;
const CODE_HEIGHT: u32 = 240;
const COMPARISON_HEIGHT: u32 = 420;

#[derive(Debug, Deserialize)]
pub struct OEmbedParams {
    url: String,
    format: Option<String>,
    maxwidth: Option<u32>,
    maxheight: Option<u32>,
}

#[derive(Debug, Serialize)]
struct OEmbed {
    version: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: String,
    provider_name: &'static str,
    provider_url: String,
    cache_age: u32,
    html: String,
    width: u32,
    height: u32,
}

/// The page path of a URL on any host: oEmbed consumers send the URL the
/// reader pasted, which may name the site by another address.
fn page_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let path = &rest[rest.find('/')?..];
    Some(path.split(['?', '#']).next().unwrap_or(path))
}

pub(super) async fn answer(
    request: HttpRequest,
    params: Query<OEmbedParams>,
    dataset: web::Data<Dataset>,
    public_url: web::Data<PublicUrl>,
) -> Result<HttpResponse, Problem> {
    if params
        .format
        .as_deref()
        .is_some_and(|format| format != "json")
    {
        return Err(Problem::new(
            ProblemType::FormatNotImplemented,
            "only format=json is available",
        ));
    }
    let not_embeddable = || {
        Problem::not_found(format!(
            "{} is not a code or comparison page of closecodes",
            params.url
        ))
    };
    let path = page_path(&params.url).ok_or_else(not_embeddable)?;
    let (edition, rest) = dataset.edition_of_path(path);
    let (slug, page) = rest.split_once('/').ok_or_else(not_embeddable)?;
    let family = edition.family(slug).ok_or_else(not_embeddable)?;
    let (title, height) = match comparison_numbers(page) {
        Some((a, b)) => {
            let (Some(a), Some(b)) = (family.code(a), family.code(b)) else {
                return Err(not_embeddable());
            };
            if a.code >= b.code {
                return Err(not_embeddable());
            }
            (
                format!("{} {} vs {} {}", a.code, a.name, b.code, b.name),
                COMPARISON_HEIGHT,
            )
        }
        None => {
            let code = rfc6455::parse_code(page)
                .and_then(|n| family.code(n))
                .ok_or_else(not_embeddable)?;
            (format!("{} {}", code.code, code.name), CODE_HEIGHT)
        }
    };
    let width = params
        .maxwidth
        .map_or(DEFAULT_WIDTH, |max| max.min(DEFAULT_WIDTH));
    let height = params.maxheight.map_or(height, |max| max.min(height));
    let src = format!(
        "{}{}",
        public_url.as_str(),
        card_url(&edition.prefix, &family.slug, page)
    );
    let escaped_title = title
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    let answer = OEmbed {
        version: "1.0",
        kind: "rich",
        html: format!(
            "<iframe src=\"{src}\" width=\"{width}\" height=\"{height}\" style=\"border:0\" loading=\"lazy\" title=\"{escaped_title}\"></iframe>"
        ),
        title,
        provider_name: "closecodes",
        provider_url: public_url.as_str().to_owned(),
        cache_age: 300,
        width,
        height,
    };
    Ok(Resource::json(&answer).respond(&request))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_paths_come_from_any_host() {
        assert_eq!(
            page_path("https://example.org/websocket/1009"),
            Some("/websocket/1009")
        );
        assert_eq!(
            page_path("http://h:8080/vi/websocket/1009?x=1#y"),
            Some("/vi/websocket/1009")
        );
        assert_eq!(page_path("ftp://h/websocket/1009"), None);
        assert_eq!(page_path("https://h"), None);
    }
}
