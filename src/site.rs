//! Which surface answers which stored route: the composition the store asks
//! for an answer's body. Nothing is rendered ahead; every answer is a pure
//! function of the dataset, the binary and the public URL, which the store's
//! seed names.

use std::sync::Arc;

use once_cell::sync::Lazy;

use crate::dataset::{Dataset, Edition};
use crate::http::store::{Prepared, Renderer};
use crate::lab::Lab;
use crate::mcp::{Closecodes, LabReports};
use crate::urls::{PublicUrl, Route};
use crate::{api, assets, embed, pages};

pub struct Site {
    dataset: Arc<Dataset>,
    public_url: PublicUrl,
}

impl Site {
    pub fn new(dataset: Arc<Dataset>, public_url: PublicUrl) -> Site {
        Site {
            dataset,
            public_url,
        }
    }

    /// Every stored route: what the export writes and the sitemap's source.
    pub fn routes(&self) -> Vec<Route> {
        let dataset = &self.dataset;
        let mut routes = pages::routes(dataset);
        routes.extend(api::routes(dataset));
        routes.extend(embed::routes(dataset));
        routes.extend(assets::routes());
        routes
    }

    /// How the answer for `route` is made, by the surface that owns it.
    pub fn prepare_route(&self, route: &Route) -> Option<Prepared<'_>> {
        let dataset = &*self.dataset;
        match route {
            Route::Page { .. } | Route::Sitemap | Route::Robots => {
                pages::prepare(dataset, self.public_url.as_str(), route)
            }
            Route::Api { .. } | Route::OpenApi | Route::ApiDocs(_) => {
                api::prepare(dataset, route, surface_docs)
            }
            Route::Badge { .. } => embed::prepare(dataset, route),
            Route::Asset(_) => assets::prepare(route),
        }
    }

    /// The MCP server over this site: its Markdown pages for the resources,
    /// and the lab's reports where this process runs the lab.
    pub fn mcp_server(self: &Arc<Site>, lab: Option<actix_web::web::Data<Lab>>) -> Closecodes {
        let reports = lab.map(|lab| -> LabReports {
            Arc::new(move |run: &str, edition: &Edition| {
                let report = crate::lab::report::report(
                    run,
                    lab.runs.get(run).as_ref(),
                    lab.runs.limits(),
                    edition,
                );
                serde_json::to_value(report).expect("reports serialize")
            })
        });
        Closecodes::new(
            self.dataset.clone(),
            self.public_url.clone(),
            self.clone(),
            reports,
        )
    }

    /// What names every answer's bytes: the dataset's files, the binary
    /// that renders them and the public URL they link to.
    pub fn seed(&self, dataset_fingerprint: u128) -> u128 {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        hasher.update(&dataset_fingerprint.to_le_bytes());
        hasher.update(&BUILD.to_le_bytes());
        hasher.update(self.public_url.as_str().as_bytes());
        hasher.digest128()
    }
}

impl Renderer for Site {
    fn prepare(&self, address: &str) -> Option<Prepared<'_>> {
        let (path, query) = address.split_once('?').unwrap_or((address, ""));
        let route = Route::parse(path, query, |segment| {
            self.dataset.prefixed_edition(segment).is_some()
        })?;
        self.prepare_route(&route)
    }
}

/// The binary's own bytes, hashed once: templates and code are compiled in,
/// so two builds that could answer differently never share ETags. Where the
/// executable cannot be read, its version stands in.
static BUILD: Lazy<u128> = Lazy::new(|| {
    let executable = std::env::current_exe().and_then(std::fs::read);
    match executable {
        Ok(bytes) => xxhash_rust::xxh3::xxh3_128(&bytes),
        Err(error) => {
            tracing::warn!(%error, "the executable cannot be read; ETags name its version only");
            xxhash_rust::xxh3::xxh3_128(env!("CARGO_PKG_VERSION").as_bytes())
        }
    }
});

/// The OpenAPI documents of the surfaces beside the API.
fn surface_docs() -> Vec<utoipa::openapi::OpenApi> {
    vec![crate::websocket::openapi(), crate::lab::openapi()]
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::dataset::DataSource;

    fn site() -> Site {
        let dataset = crate::dataset::load(&DataSource::Embedded).unwrap();
        Site::new(Arc::new(dataset), PublicUrl::new("http://127.0.0.1:8080"))
    }

    #[test]
    fn every_route_has_one_address_that_reads_back_and_answers() {
        let site = site();
        let routes = site.routes();
        let addresses: HashSet<String> = routes.iter().map(Route::address).collect();
        // Two surfaces never claim one address.
        assert_eq!(addresses.len(), routes.len());
        assert!(routes.len() > 3000, "{}", routes.len());
        for route in &routes {
            let address = route.address();
            let (path, query) = address.split_once('?').unwrap_or((&address, ""));
            let read = Route::parse(path, query, |segment| {
                site.dataset.prefixed_edition(segment).is_some()
            });
            assert_eq!(read.as_ref(), Some(route), "{address}");
            assert!(site.prepare(&address).is_some(), "{address}");
        }
    }

    #[test]
    fn an_address_of_nothing_is_not_prepared() {
        let site = site();
        for address in [
            "/websocket/9999",
            "/vi/websocket/9999.md",
            "/no-such-family/",
            "/websocket/1000-vs-4999",
            "/problems/no-such-problem",
            "/api/v1/families/websocket/codes/9999",
            "/api/v1/families?lang=fr",
            "/api/v1/families?lang=en",
            "/api/docs/no-such-file.js",
            "/badge/websocket/9999.svg",
            "/static/no-such-file.css",
            "/fr/websocket/1009",
        ] {
            assert!(site.prepare(address).is_none(), "{address}");
        }
    }
}
