//! The interactive API docs at `/api/docs/`: Swagger UI's files, shipped
//! inside the binary by utoipa-swagger-ui's `vendored` build, made when first
//! asked like every other answer, so they get ETags,
//! compression and caching, and work with no internet.

use std::io::Read;
use std::sync::Arc;

use utoipa_swagger_ui::Config;

use super::OPENAPI_URL;
use crate::http::policy::Policy;
use crate::http::store::Prepared;
use crate::static_files;
use crate::urls::Route;

const INDEX: &str = "index.html";

/// What Swagger UI's `index.html` loads.
const FILES: [&str; 7] = [
    "index.html",
    "index.css",
    "swagger-ui.css",
    "swagger-ui-bundle.js",
    "swagger-ui-standalone-preset.js",
    "swagger-initializer.js",
    "favicon-32x32.png",
];

/// `/api/docs/` and each of its files.
pub fn routes() -> impl Iterator<Item = Route> {
    std::iter::once(Route::ApiDocs(None))
        .chain(FILES.map(|name| Route::ApiDocs(Some(name.to_owned()))))
}

/// Swagger UI's file `name` (`None` for its index), uncompressed: the
/// store compresses it like any answer.
pub fn prepare(name: Option<&str>) -> Option<Prepared<'static>> {
    let name = name.unwrap_or(INDEX);
    let name = *FILES.iter().find(|file| **file == name)?;
    let extension = name.rsplit_once('.').map_or("", |(_, ext)| ext);
    let render = Box::new(move || {
        let config = Arc::new(
            Config::new([OPENAPI_URL])
                // The default validator badge would call validator.swagger.io.
                .validator_url("none")
                .try_it_out_enabled(true),
        );
        let file = utoipa_swagger_ui::serve(name, config)
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("Swagger UI ships {name}"));
        let mut bytes = file.bytes.into_owned();
        if file.gzpipped {
            let mut plain = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut plain)
                .expect("Swagger UI's files are valid gzip");
            bytes = plain;
        }
        bytes
    });
    Some(Prepared::new(
        static_files::content_type(extension),
        Policy::API_DOCS,
        super::API_DOCS,
        render,
    ))
}
