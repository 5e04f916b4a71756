//! Serves the files of `static/` (see `static_files`) at their plain and
//! their fingerprinted URLs.

use crate::http::RouteLabel;
use crate::http::policy::Policy;
use crate::http::store::Prepared;
use crate::static_files::all;
use crate::urls::{Route, STATIC};

/// Every file at its plain and its fingerprinted URL.
pub fn routes() -> impl Iterator<Item = Route> {
    all().iter().flat_map(|asset| {
        [&asset.plain_url, &asset.fingerprinted_url]
            .map(|url| Route::Asset(url.trim_start_matches(STATIC).to_owned()))
    })
}

/// The file at `route`: cacheable forever at its fingerprinted URL, briefly
/// at its plain one.
pub fn prepare(route: &Route) -> Option<Prepared<'static>> {
    let Route::Asset(_) = route else {
        return None;
    };
    let url = route.address();
    let asset = all()
        .iter()
        .find(|asset| asset.plain_url == url || asset.fingerprinted_url == url)?;
    let policy = if asset.fingerprinted_url == url {
        Policy::FINGERPRINTED_ASSET
    } else {
        Policy::ASSET
    };
    let contents = asset.contents;
    Some(Prepared::new(
        asset.content_type,
        policy,
        RouteLabel("asset"),
        Box::new(move || contents.to_vec()),
    ))
}
