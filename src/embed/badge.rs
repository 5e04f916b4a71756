//! `/badge/{family}/{code}.svg`: the code's number and name as an image, for
//! READMEs and anywhere else Markdown shows images. Made when first asked.

use askama::Template;

use crate::dataset::{Code, Family};

/// Names longer than this are cut with an ellipsis so the badge keeps its width.
const MAX_NAME_CHARS: usize = 34;

#[derive(Template)]
#[template(path = "embed/badge.svg", escape = "html")]
struct Badge<'a> {
    family: &'a Family,
    code: &'a Code,
    name: String,
}

/// The badge of one code.
pub fn render(family: &Family, code: &Code) -> String {
    let name = if code.name.chars().count() > MAX_NAME_CHARS {
        let cut: String = code.name.chars().take(MAX_NAME_CHARS - 1).collect();
        format!("{cut}…")
    } else {
        code.name.clone()
    };
    // The template is checked when compiled and writes only into a String.
    Badge { family, code, name }
        .render()
        .expect("badges always render")
}
