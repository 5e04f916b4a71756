//! The chrome: the frame every HTML page of every surface shares (the head,
//! header, search box, language switcher, breadcrumbs and footer of
//! `templates/base.html`), and the context a page builds it from.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};

use crate::dataset::ui::UiStrings;
use crate::dataset::{Dataset, Edition, Family, route_lang};
use crate::http::Resource;
use crate::http::resource::HTML;
use crate::urls::{EMBED_DOCS, Page, Route, SEARCH_PATH};

/// What every page needs to know: which language it is in, and its path in
/// the source language (the same for all its translations).
pub struct PageContext<'a> {
    pub dataset: &'a Dataset,
    pub edition: &'a Edition,
    /// Where people reach the site, for absolute URLs.
    pub public_url: &'a str,
    pub path: String,
}

impl<'a> PageContext<'a> {
    /// The frame of this page, titled and described: no breadcrumbs, no
    /// structured data, no API or Markdown twin until the page sets them.
    pub fn layout(&self, title: String, description: String) -> Layout<'a> {
        let edition = self.edition;
        Layout {
            lang: &edition.lang,
            ui: &edition.ui,
            dataset_version: &edition.version,
            title,
            description,
            canonical: self.absolute(&edition.page_url(&self.path)),
            home_url: edition.page_url("/"),
            search_url: edition.page_url(SEARCH_PATH),
            embed_url: edition.page_url(EMBED_DOCS),
            query: String::new(),
            alternates: self
                .dataset
                .editions
                .iter()
                .map(|other| Alternate {
                    lang: &other.lang,
                    name: &other.ui.language_name,
                    url: other.page_url(&self.path),
                    absolute_url: self.absolute(&other.page_url(&self.path)),
                    current: other.lang == edition.lang,
                })
                .collect(),
            default_url: self.absolute(&self.dataset.source().page_url(&self.path)),
            breadcrumbs: Vec::new(),
            oembed_url: self.oembed_url(),
            json_ld: None,
            social_image: None,
            og_type: "website",
            api_url: None,
            markdown_url: None,
        }
    }

    /// The oEmbed discovery URL of a code or a comparison of two codes, the
    /// pages that have an embed card.
    pub fn oembed_url(&self) -> Option<String> {
        // The path is in the source language: no prefix to recognise.
        let embeddable = match Route::parse(&self.path, "", |_| false)? {
            Route::Page {
                page: Page::Code(slug, code),
                ..
            } => self.edition.family(&slug)?.code(code).is_some(),
            Route::Page {
                page: Page::Comparison(slug, a, b),
                ..
            } => {
                let family = self.edition.family(&slug)?;
                family.code(a).is_some() && family.code(b).is_some()
            }
            _ => false,
        };
        embeddable.then(|| {
            let page_url = self.absolute(&self.edition.page_url(&self.path));
            crate::urls::oembed_discovery_url(self.public_url, &page_url)
        })
    }

    /// A path made absolute with the site's public address.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.public_url)
    }

    /// The breadcrumb to the home page in this page's language.
    pub fn home_crumb(&self) -> (String, String) {
        (
            self.edition.ui.home_link.clone(),
            self.edition.page_url("/"),
        )
    }

    /// The breadcrumbs to a family's page: home, then the family.
    pub fn family_crumbs(&self, family: &Family) -> Vec<(String, String)> {
        vec![self.home_crumb(), (family.name.clone(), family.url.clone())]
    }

    /// An API URL in this page's language.
    pub fn api_url(&self, url: String) -> Option<String> {
        Some(crate::urls::api::localized(
            &url,
            route_lang(&self.edition.lang),
        ))
    }
}

/// What the shared layout needs from every page.
pub struct Layout<'a> {
    pub lang: &'a str,
    pub ui: &'a UiStrings,
    pub dataset_version: &'a str,
    pub title: String,
    pub description: String,
    pub canonical: String,
    /// The home page in this page's language.
    pub home_url: String,
    /// The search page in this page's language, where the header's search box submits.
    pub search_url: String,
    /// The page explaining embeds, in this page's language.
    pub embed_url: String,
    /// What the search box shows: the query on the search page, else empty.
    pub query: String,
    /// This page in every language, this one included.
    pub alternates: Vec<Alternate<'a>>,
    /// This page in the source language, absolute, for `hreflang="x-default"`.
    pub default_url: String,
    /// Links from the home page down to this page's parent.
    pub breadcrumbs: Vec<(String, String)>,
    /// Structured data (schema.org JSON-LD), ready to put in a script element.
    pub json_ld: Option<String>,
    /// The social card image (OpenGraph, Twitter), absolute.
    pub social_image: Option<String>,
    /// `article` for codes and comparisons, `website` for the rest.
    pub og_type: &'static str,
    /// The page's oEmbed endpoint, if the page has an embed card.
    pub oembed_url: Option<String>,
    /// The API answer with the same content, if there is one.
    pub api_url: Option<String>,
    /// The Markdown variant of this page, if there is one.
    pub markdown_url: Option<String>,
}

impl Layout<'_> {
    /// The header's search box takes a whole pasted line: the search page
    /// sends one on to explain.
    pub fn max_paste_chars(&self) -> usize {
        crate::dataset::explain::MAX_TEXT_CHARS
    }

    /// The fingerprinted URL of a file in `static/`.
    pub fn asset(&self, name: &str) -> &'static str {
        crate::static_files::url(name)
    }

    /// The page for any number, in this page's language.
    pub fn lookup_url(&self, number: &u16) -> String {
        let prefix = self.home_url.trim_end_matches('/');
        format!("{prefix}{}", crate::urls::lookup_url(*number))
    }
}

/// The same page in one language, for `hreflang` links and the language switcher.
pub struct Alternate<'a> {
    pub lang: &'a str,
    /// The language's name for itself.
    pub name: &'a str,
    pub url: String,
    /// The same, with the site's public address, for `hreflang` links.
    pub absolute_url: String,
    pub current: bool,
}

/// The edition of a page computed per request: the source language, or the
/// one its `{lang}` prefix names; `None` for an unknown prefix.
pub fn requested_edition<'a>(request: &HttpRequest, dataset: &'a Dataset) -> Option<&'a Edition> {
    match request.match_info().get("lang") {
        None => Some(dataset.source()),
        Some(lang) => dataset.prefixed_edition(lang),
    }
}

/// A page computed per request, as HTML with its validators.
pub fn respond_rendered(
    request: &HttpRequest,
    status: StatusCode,
    rendered: Result<String, askama::Error>,
) -> HttpResponse {
    match rendered {
        Ok(html) if status == StatusCode::OK => Resource::new(HTML, html).respond(request),
        Ok(html) => Resource::new(HTML, html).respond_with_status(status),
        Err(error) => HttpResponse::InternalServerError().body(error.to_string()),
    }
}

/// The site's 404 page, given to surfaces by the composition root so that
/// a surface answers an address it cannot serve as every other page does.
#[derive(Clone, Copy)]
pub struct NotFoundPage(pub fn(&Dataset, &str, &str) -> HttpResponse);
