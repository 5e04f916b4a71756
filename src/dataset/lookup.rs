//! What any number from 0 to 65535 means as a close code: its range, its
//! rules, and every family's entry with that number. The API's
//! `/api/v1/lookup/{n}`, the `/lookup/{n}` page and search all show this.

use serde::Serialize;
use utoipa::ToSchema;

use super::model::{Code, Edition, RangeInfo};
use super::rfc6455::{self, CodeRange};

/// What a number means as a close code.
#[derive(Debug, Serialize, ToSchema)]
pub struct Lookup {
    #[schema(example = "2026.11.25")]
    pub dataset_version: String,
    /// The language of every text in this answer.
    #[schema(example = "en")]
    pub lang: String,
    #[schema(example = 4004)]
    pub number: u16,
    /// The RFC 6455 §7.4.2 range the number falls in.
    pub range: RangeInfo,
    /// Whether an endpoint may put this number in a Close frame.
    pub on_the_wire: bool,
    /// Whether browser JavaScript may pass it to `WebSocket.close()`.
    pub browser_can_send: bool,
    /// Every family's entry with this number; empty when none defines it.
    pub entries: Vec<Code>,
}

impl Lookup {
    pub fn of(edition: &Edition, number: u16) -> Lookup {
        Lookup {
            dataset_version: edition.version.clone(),
            lang: edition.lang.clone(),
            number,
            range: edition.range(CodeRange::of(number)).clone(),
            on_the_wire: rfc6455::may_appear_in_close_frame(number),
            browser_can_send: rfc6455::browser_can_send(number),
            entries: edition
                .entries_numbered(number)
                .into_iter()
                .cloned()
                .collect(),
        }
    }
}
