//! The resources: `closecodes://families` (the families as JSON) and, as a
//! template, `closecodes://{family}/{code}`: the code's Markdown page, the
//! same bytes as `/{family}/{code}.md`. `?lang=vi` reads either in another
//! language.

use rmcp::ErrorData;
use rmcp::model::{ReadResourceResult, Resource, ResourceContents, ResourceTemplate};

use super::Closecodes;
use crate::dataset::answers::FamilyList;
use crate::http::checks::edition_for;

const SCHEME: &str = "closecodes://";
const FAMILIES: &str = "closecodes://families";
const CODE_TEMPLATE: &str = "closecodes://{family}/{code}";

pub fn list() -> Vec<Resource> {
    vec![
        Resource::new(FAMILIES, "families")
            .with_title("Every family of close codes")
            .with_description(
                "The families (RFC 6455, Discord, Pusher…) with their sources and code counts, as JSON.",
            )
            .with_mime_type("application/json"),
    ]
}

pub fn templates() -> Vec<ResourceTemplate> {
    vec![
        ResourceTemplate::new(CODE_TEMPLATE, "close-code")
            .with_title("One close code's page")
            .with_description(
                "A code's page as Markdown: what it means, when it is seen, how to fix it, whether to reconnect, and its sources. `family` is a slug from closecodes://families.",
            )
            .with_mime_type("text/markdown"),
    ]
}

pub fn read(server: &Closecodes, uri: &str) -> Result<ReadResourceResult, ErrorData> {
    let not_found = |why: String| ErrorData::resource_not_found(why, None);
    let rest = uri
        .strip_prefix(SCHEME)
        .ok_or_else(|| not_found(format!("{uri}: resources here start with {SCHEME}")))?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let lang = form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == "lang")
        .map(|(_, value)| value.into_owned());
    let edition = edition_for(&server.dataset, lang.as_deref())
        .map_err(|problem| ErrorData::invalid_params(problem.detail, None))?;
    if path == "families" {
        let json =
            serde_json::to_string_pretty(&FamilyList::of(edition)).expect("answers serialize");
        return Ok(ReadResourceResult::new(vec![
            ResourceContents::text(json, uri).with_mime_type("application/json"),
        ]));
    }
    let code = path
        .split_once('/')
        .and_then(|(family, code)| {
            let number = crate::urls::parse_code(code)?;
            edition.family(family)?.code(number)
        })
        .ok_or_else(|| {
            not_found(format!(
                "{uri}: no such code; resources are {CODE_TEMPLATE} with a family of {FAMILIES} and one of its codes"
            ))
        })?;
    let markdown = server
        .pages
        .prepare(&code.markdown_url())
        .map(|prepared| (prepared.render)())
        .ok_or_else(|| not_found(format!("{uri}: this server has no page for it")))?;
    let markdown = String::from_utf8(markdown).expect("pages are UTF-8");
    Ok(ReadResourceResult::new(vec![
        ResourceContents::text(markdown, uri).with_mime_type("text/markdown"),
    ]))
}
