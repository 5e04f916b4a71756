//! `/badge/{family}/{code}.svg`: the code's number and name as an image, for
//! READMEs and anywhere else Markdown shows images. Rendered at startup.

use crate::http::Answers;

use askama::Template;

use crate::dataset::{Code, Dataset, Family};
use crate::http::Resource;

pub const SVG: &str = "image/svg+xml";

/// Names longer than this are cut with an ellipsis so the badge keeps its width.
const MAX_NAME_CHARS: usize = 34;

#[derive(Template)]
#[template(path = "embed/badge.svg", escape = "html")]
struct Badge<'a> {
    family: &'a Family,
    code: &'a Code,
    name: String,
}

pub fn render_all(dataset: &Dataset, resources: &mut Answers) -> Result<(), askama::Error> {
    for edition in &dataset.editions {
        for family in &edition.families {
            for code in &family.codes {
                let name = if code.name.chars().count() > MAX_NAME_CHARS {
                    let cut: String = code.name.chars().take(MAX_NAME_CHARS - 1).collect();
                    format!("{cut}…")
                } else {
                    code.name.clone()
                };
                let svg = Badge { family, code, name }.render()?;
                let path = edition.page_url(&crate::urls::badge_url(&family.slug, code.code));
                resources.add(path, Resource::new(SVG, svg));
            }
        }
    }
    Ok(())
}
