//! `/sitemap.xml` and `/robots.txt`: every page in every language, each with
//! its language alternates, for crawlers.

use crate::dataset::Dataset;
use crate::urls::{Page, SITEMAP};

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Every HTML page of every language, each with its alternates.
pub fn sitemap(dataset: &Dataset, public_url: &str) -> String {
    // Every page in the source language; its translations share its path.
    let mut paths: Vec<String> = super::pages_of(dataset.source())
        .into_iter()
        .filter(|page| !matches!(page, Page::LlmsTxt | Page::Markdown(..)))
        .map(|page| page.path())
        .collect();
    paths.sort_unstable();

    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for path in &paths {
        let alternates: String = dataset
            .editions
            .iter()
            .map(|edition| (edition.lang.as_str(), edition.page_url(path)))
            .chain([("x-default", dataset.source().page_url(path))])
            .map(|(lang, url)| {
                format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\"/>\n",
                    xml_escape(&format!("{public_url}{url}"))
                )
            })
            .collect();
        for edition in &dataset.editions {
            let location = xml_escape(&format!("{public_url}{}", edition.page_url(path)));
            xml.push_str(&format!(
                "  <url>\n    <loc>{location}</loc>\n{alternates}  </url>\n"
            ));
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

/// Crawlers may read everything but embed cards and search results.
pub fn robots(dataset: &Dataset, public_url: &str) -> String {
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    for edition in &dataset.editions {
        // Cards for other sites and endless search results are not pages to
        // index. Explain answers may be crawled: each names `/explain` canonical.
        robots.push_str(&format!(
            "Disallow: {0}/embed/\nDisallow: {0}/search\n",
            edition.prefix
        ));
    }
    robots.push_str(&format!("\nSitemap: {public_url}{SITEMAP}\n"));
    robots
}
