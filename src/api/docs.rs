//! The interactive API docs at `/api/docs/`: Swagger UI's files, shipped
//! inside the binary by utoipa-swagger-ui's `vendored` build, rendered into
//! the site's store at startup like every other answer, so they get ETags,
//! compression and caching, and work with no internet.

use crate::http::Answers;
use crate::urls::api::DOCS_URL;
use std::io::Read;
use std::sync::Arc;

use utoipa_swagger_ui::Config;

use super::OPENAPI_URL;
use crate::assets;
use crate::http::Resource;

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

pub fn render_all(answers: &mut Answers) {
    let config = Arc::new(
        Config::new([OPENAPI_URL])
            // The default validator badge would call validator.swagger.io.
            .validator_url("none")
            .try_it_out_enabled(true),
    );
    for name in FILES {
        let file = utoipa_swagger_ui::serve(name, config.clone())
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
        let extension = name.rsplit_once('.').map_or("", |(_, ext)| ext);
        let resource = || Resource::new(assets::content_type(extension), bytes.clone());
        if name == "index.html" {
            answers.add(DOCS_URL.to_owned(), resource());
        }
        answers.add(format!("{DOCS_URL}{name}"), resource());
    }
}
