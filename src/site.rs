//! Every page, API answer and asset, rendered once at startup and kept in
//! memory. Serving is a lookup by path.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};

use crate::dataset::Dataset;
use crate::http::Resource;
use crate::http::resource::{HTML, IMMUTABLE};
use crate::{api, assets, embed, pages};

pub struct Site {
    pub dataset: Dataset,
    /// Where people reach the site, without a trailing slash.
    pub public_url: String,
    resources: HashMap<String, Resource>,
    /// The 404 page of each language, by language code.
    not_found: HashMap<String, Resource>,
}

impl Site {
    /// `public_url` is where people reach the site (canonical URLs, oEmbed).
    pub fn build(dataset: Dataset, public_url: &str) -> Result<Site, askama::Error> {
        let mut resources = HashMap::new();
        pages::render_all(&dataset, public_url, &mut resources)?;
        api::render_all(&dataset, &mut resources);
        embed::render_badges(&dataset, &mut resources)?;
        for asset in assets::all() {
            let resource = || Resource::new(asset.content_type, asset.contents);
            resources.insert(asset.plain_url.clone(), resource());
            resources.insert(
                asset.fingerprinted_url.clone(),
                resource().with_cache_control(IMMUTABLE),
            );
        }
        let not_found = pages::render_not_found(&dataset, public_url)?;
        Ok(Site {
            public_url: public_url.to_owned(),
            dataset,
            resources,
            not_found,
        })
    }

    pub fn get(&self, path: &str) -> Option<&Resource> {
        self.resources.get(path)
    }

    /// Every stored path, for tests and for listing what is served.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.resources.keys().map(String::as_str)
    }

    pub fn has(&self, path: &str) -> bool {
        self.resources.contains_key(path)
    }

    pub fn respond(&self, request: &HttpRequest, path: &str) -> Option<HttpResponse> {
        self.get(path).map(|resource| resource.respond(request))
    }

    /// The plain 404 page of a language, e.g. for a static export.
    pub fn not_found_body(&self, lang: &str) -> Bytes {
        self.not_found[lang].body.clone()
    }

    /// The 404 page in the language of the path that was asked for.
    pub fn not_found_page(&self, path: &str) -> HttpResponse {
        let (edition, _) = self.dataset.edition_of_path(path);
        let number = number_in(path).filter(|n| !edition.entries_numbered(*n).is_empty());
        let Some(number) = number else {
            return self.not_found[&edition.lang].respond_with_status(StatusCode::NOT_FOUND);
        };
        // Rare and cheap: rendered when asked. The template writes only into a String.
        let html =
            pages::render_not_found_page(&self.dataset, &self.public_url, edition, Some(number))
                .expect("the 404 page always renders");
        Resource::new(HTML, html).respond_with_status(StatusCode::NOT_FOUND)
    }
}

/// The first run of 1 to 5 digits in an address that fits a close code.
fn number_in(path: &str) -> Option<u16> {
    path.split(|c: char| !c.is_ascii_digit())
        .find(|digits| (1..=5).contains(&digits.len()))
        .and_then(|digits| digits.parse().ok())
}
