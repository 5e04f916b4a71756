//! `/explain?text=`: the explain engine's answer as a page that works without
//! JavaScript: the best candidate in full, the others with their evidence,
//! what was read, and the pasted text shown back.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::not_found;
use super::templates::{ExplainPage, ExplainedCode, PlatformLine, ReadCode};
use crate::chrome::{PageContext, requested_edition, respond_rendered};
use crate::dataset::explain::{Explanation, MAX_TEXT_CHARS, Role, explain};
use crate::dataset::rfc6455::CodeRange;
use crate::dataset::{Dataset, Edition};
use crate::http::Query;
use crate::urls::{EXPLAIN_PATH, PLATFORMS_PATH, PublicUrl, SEARCH_PATH, lookup_url};

#[derive(Debug, Deserialize)]
pub struct ExplainParams {
    #[serde(default)]
    text: String,
}

/// More than a number or a few words, or punctuation only log lines carry:
/// a paste to explain rather than words to search for.
pub fn looks_pasted(query: &str) -> bool {
    let words = query.split_whitespace().count();
    let has_digit = query.contains(|c: char| c.is_ascii_digit());
    words > 4
        || (has_digit && words > 1)
        || query.contains([':', '(', ')', '[', ']', '{', '}', '=', '"', '<', '>'])
}

/// 303 to the explanation of `text` in the edition's language.
pub fn see_explanation(edition: &Edition, text: &str) -> HttpResponse {
    let query: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("text", text)
        .finish();
    HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            format!("{}?{query}", edition.page_url(EXPLAIN_PATH)),
        ))
        .finish()
}

pub async fn explain_page(
    request: HttpRequest,
    params: Query<ExplainParams>,
    dataset: web::Data<Dataset>,
    public_url: web::Data<PublicUrl>,
) -> HttpResponse {
    let Some(edition) = requested_edition(&request, &dataset) else {
        return not_found(&dataset, public_url.as_str(), request.path());
    };
    let labels = &edition.ui.explain;
    let text = params.text.trim();
    let too_long = text.chars().count() > MAX_TEXT_CHARS;
    let explanation = (!text.is_empty() && !too_long).then(|| explain(&dataset, edition, text));
    let context = PageContext {
        dataset: &dataset,
        edition,
        public_url: public_url.as_str(),
        path: EXPLAIN_PATH.to_owned(),
    };
    let mut layout = context.layout(labels.title.clone(), labels.intro.clone());
    layout.breadcrumbs = vec![context.home_crumb()];
    let (status, message) = if too_long {
        (
            StatusCode::BAD_REQUEST,
            Some(
                labels
                    .too_long
                    .replace("{max}", &MAX_TEXT_CHARS.to_string()),
            ),
        )
    } else if text.is_empty() {
        (StatusCode::OK, Some(labels.empty.clone()))
    } else {
        (StatusCode::OK, None)
    };
    let mut explained = explanation
        .as_ref()
        .map(|explanation| explained_codes(edition, explanation))
        .unwrap_or_default();
    let best = (!explained.is_empty()).then(|| explained.remove(0));
    let page = ExplainPage {
        layout,
        explain_url: edition.page_url(EXPLAIN_PATH),
        text: params.text.clone(),
        max_chars: MAX_TEXT_CHARS,
        message,
        nothing: explanation
            .as_ref()
            .is_some_and(|e| e.candidates.is_empty() && e.observed.codes.is_empty()),
        best,
        others: explained,
        read: explanation
            .as_ref()
            .map(|explanation| read_codes(edition, explanation))
            .unwrap_or_default(),
        observed: explanation
            .as_ref()
            .map(|explanation| &explanation.observed),
        family_names: explanation
            .as_ref()
            .map(|explanation| {
                explanation
                    .observed
                    .families
                    .iter()
                    .filter_map(|slug| edition.family(slug).map(|family| family.name.clone()))
                    .collect()
            })
            .unwrap_or_default(),
        search_url: edition.page_url(SEARCH_PATH),
        platforms: explanation
            .as_ref()
            .map(|explanation| platform_lines(edition, explanation))
            .unwrap_or_default(),
        platforms_url: edition.page_url(PLATFORMS_PATH),
    };
    respond_rendered(&request, status, page.render())
}

fn explained_codes<'e>(
    edition: &'e Edition,
    explanation: &'e Explanation,
) -> Vec<ExplainedCode<'e>> {
    let labels = &edition.ui.explain;
    explanation
        .localized(edition)
        .into_iter()
        .filter_map(|localized| {
            let family = edition.family(&localized.entry.family)?;
            Some(ExplainedCode {
                entry: localized.entry,
                family_name: &family.name,
                range: edition.range(localized.entry.range),
                confidence: labels.confidence_of(localized.candidate.confidence),
                evidence: localized
                    .candidate
                    .evidence
                    .iter()
                    .zip(localized.evidence)
                    .map(|(item, sentence)| (sentence, item.source.clone()))
                    .collect(),
            })
        })
        .collect()
}

fn read_codes<'e>(edition: &'e Edition, explanation: &'e Explanation) -> Vec<ReadCode<'e>> {
    let labels = &edition.ui.explain;
    explanation
        .observed
        .codes
        .iter()
        .map(|observed| ReadCode {
            code: observed.code,
            context: &observed.context,
            role: observed.role.map(|role| match role {
                Role::Received => labels.role_received.as_str(),
                Role::Sent => labels.role_sent.as_str(),
            }),
            refused: observed.refused.then(|| {
                labels
                    .refused_label
                    .replace("{code}", &observed.code.to_string())
            }),
            undefined: observed.defined_by.is_empty().then(|| {
                labels
                    .undefined_number
                    .replace("{code}", &observed.code.to_string())
            }),
            range: edition.range(CodeRange::of(observed.code)),
            lookup_url: edition.page_url(&lookup_url(observed.code)),
            lookup_label: labels
                .lookup_link
                .replace("{code}", &observed.code.to_string()),
        })
        .collect()
}

/// The platforms the text's durations point at, as the page lists them.
fn platform_lines(edition: &Edition, explanation: &Explanation) -> Vec<PlatformLine> {
    let labels = &edition.ui.platforms;
    explanation
        .platforms
        .iter()
        .map(|hint| PlatformLine {
            name: hint.name.clone(),
            url: format!("{}#{}", edition.page_url(PLATFORMS_PATH), hint.slug),
            limit: labels.hint(hint),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::looks_pasted;

    #[test]
    fn pasted_lines_are_told_from_searches() {
        for pasted in [
            "websocket: close 1006 (abnormal closure): unexpected EOF",
            "closed with 4014",
            "Protocol(ResetWithoutClosingHandshake)",
            "the remote party closed the websocket connection without",
        ] {
            assert!(looks_pasted(pasted), "{pasted}");
        }
        for search in [
            "1006",
            "going away",
            "going awy",
            "message too big",
            "thong diep",
            "maxPayload",
        ] {
            assert!(!looks_pasted(search), "{search}");
        }
    }
}
