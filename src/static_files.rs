//! The files in `static/`, compiled into the binary, and their URLs. Each is
//! served (by the `assets` surface) at its plain URL (`/static/style.css`, briefly cacheable, for people who link to
//! it) and at a fingerprinted URL (`/static/style.3f2a1b9c.css`, cacheable
//! forever) that the pages use, so a deploy never serves stale CSS.

use std::collections::HashMap;

use include_dir::{Dir, include_dir};
use once_cell::sync::Lazy;
use sha2::{Digest, Sha256};

use crate::urls::STATIC;

static FILES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/static");

pub struct Asset {
    pub name: &'static str,
    pub plain_url: String,
    pub fingerprinted_url: String,
    pub content_type: &'static str,
    pub contents: &'static [u8],
}

static ASSETS: Lazy<Vec<Asset>> = Lazy::new(|| {
    FILES
        .files()
        .filter_map(|file| {
            let name = file.path().to_str()?;
            let (stem, extension) = name.rsplit_once('.')?;
            let digest = Sha256::digest(file.contents());
            let hash: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
            Some(Asset {
                name,
                plain_url: format!("{STATIC}{name}"),
                fingerprinted_url: format!("{STATIC}{stem}.{hash}.{extension}"),
                content_type: content_type(extension),
                contents: file.contents(),
            })
        })
        .collect()
});

static BY_NAME: Lazy<HashMap<&'static str, &'static Asset>> =
    Lazy::new(|| ASSETS.iter().map(|asset| (asset.name, asset)).collect());

pub fn all() -> &'static [Asset] {
    &ASSETS
}

/// The fingerprinted URL of a file in `static/`.
///
/// # Panics
/// When there is no such file: templates name assets literally, and a test
/// renders every page, so a typo fails the tests.
pub fn url(name: &str) -> &'static str {
    match BY_NAME.get(name) {
        Some(asset) => &asset.fingerprinted_url,
        None => panic!("static/{name} does not exist"),
    }
}

pub fn content_type(extension: &str) -> &'static str {
    match extension {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
