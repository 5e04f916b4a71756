//! Data texts are plain text with backticks around inline code and blank lines
//! between paragraphs. These askama filters turn them into safe HTML.

use askama::filters::Safe;
use askama::{Result, Values};

/// Paragraphs with inline code: `<p>…<code>…</code>…</p>`.
#[askama::filter_fn]
pub fn paragraphs(text: impl ToString, _: &dyn Values) -> Result<Safe<String>> {
    let html = text
        .to_string()
        .split("\n\n")
        .map(str::trim)
        .filter(|paragraph| !paragraph.is_empty())
        .map(|paragraph| format!("<p>{}</p>", inline_html(paragraph)))
        .collect();
    Ok(Safe(html))
}

/// One line with inline code and no paragraph markup.
#[askama::filter_fn]
pub fn inline(text: impl ToString, _: &dyn Values) -> Result<Safe<String>> {
    Ok(Safe(inline_html(&text.to_string())))
}

fn inline_html(text: &str) -> String {
    let mut html = String::with_capacity(text.len() + 16);
    for (index, part) in text.split('`').enumerate() {
        // Odd parts sit between backticks.
        if index % 2 == 1 {
            html.push_str("<code>");
            html.push_str(&escape(part));
            html.push_str("</code>");
        } else {
            html.push_str(&escape(part));
        }
    }
    html
}

fn escape(text: &str) -> String {
    match askama::filters::escape(text, askama::filters::Html) {
        Ok(escaped) => escaped.to_string(),
        Err(never) => match never {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backticks_become_code_and_html_is_escaped() {
        assert_eq!(
            inline_html("call `ws.close(1000)` <now>"),
            "call <code>ws.close(1000)</code> &#60;now&#62;"
        );
        assert_eq!(inline_html("`<b>`"), "<code>&#60;b&#62;</code>");
    }
}
