//! Facts that RFC 6455 and the WHATWG WebSockets standard fix for every number,
//! whatever family uses it. They are computed here and nowhere else.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The status code ranges of RFC 6455 §7.4.2, plus the numbers above 4999 that a
/// 16-bit status field can carry but no range covers.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
pub enum CodeRange {
    #[serde(rename = "0-999")]
    Unused,
    #[serde(rename = "1000-2999")]
    Protocol,
    #[serde(rename = "3000-3999")]
    Registered,
    #[serde(rename = "4000-4999")]
    Private,
    #[serde(rename = "5000-65535")]
    Undefined,
}

// How numbers are written in addresses and typed by people is the URLs'
// business; the rules for what a number means stay here.
pub use crate::urls::{parse_code, parse_number};

impl CodeRange {
    pub const ALL: [CodeRange; 5] = [
        CodeRange::Unused,
        CodeRange::Protocol,
        CodeRange::Registered,
        CodeRange::Private,
        CodeRange::Undefined,
    ];

    pub fn of(code: u16) -> CodeRange {
        match code {
            0..=999 => CodeRange::Unused,
            1000..=2999 => CodeRange::Protocol,
            3000..=3999 => CodeRange::Registered,
            4000..=4999 => CodeRange::Private,
            _ => CodeRange::Undefined,
        }
    }

    pub fn bounds(self) -> (u16, u16) {
        match self {
            CodeRange::Unused => (0, 999),
            CodeRange::Protocol => (1000, 2999),
            CodeRange::Registered => (3000, 3999),
            CodeRange::Private => (4000, 4999),
            CodeRange::Undefined => (5000, u16::MAX),
        }
    }

    /// The identifier used in data files, URLs and the API, e.g. `1000-2999`.
    pub fn id(self) -> &'static str {
        match self {
            CodeRange::Unused => "0-999",
            CodeRange::Protocol => "1000-2999",
            CodeRange::Registered => "3000-3999",
            CodeRange::Private => "4000-4999",
            CodeRange::Undefined => "5000-65535",
        }
    }

    pub fn from_id(id: &str) -> Option<CodeRange> {
        CodeRange::ALL.into_iter().find(|range| range.id() == id)
    }
}

/// RFC 6455 §7.4.1: 1005, 1006 and 1015 "MUST NOT be set as a status code in a
/// Close control frame by an endpoint"; numbers outside the defined ranges have no
/// meaning a peer could act on.
pub fn may_appear_in_close_frame(code: u16) -> bool {
    matches!(code, 1000..=4999) && !matches!(code, 1005 | 1006 | 1015)
}

/// WHATWG WebSockets, `close(code, reason)`: any code other than 1000 or
/// 3000–4999 throws an `InvalidAccessError`.
pub fn browser_can_send(code: u16) -> bool {
    code == 1000 || (3000..=4999).contains(&code)
}

/// What a number means when the IANA registry assigns it no code, by its
/// RFC 6455 §7.4.2 range: what a reader of a log should make of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unexplained {
    /// 0–999 and 5000–65535: never valid in a Close frame.
    NeverValid,
    /// 1000–2999 without an IANA entry: a peer that sends it is non-conforming.
    Unassigned,
    /// 3000–3999 without an IANA entry: whatever the library that sends it says.
    Unregistered,
    /// 4000–4999: whatever the service that sends it documents.
    PrivateUse,
}

impl Unexplained {
    /// `None` for a number the IANA registry assigns (`registered`).
    pub fn of(code: u16, registered: bool) -> Option<Unexplained> {
        if registered {
            return None;
        }
        Some(match CodeRange::of(code) {
            CodeRange::Unused | CodeRange::Undefined => Unexplained::NeverValid,
            CodeRange::Protocol => Unexplained::Unassigned,
            CodeRange::Registered => Unexplained::Unregistered,
            CodeRange::Private => Unexplained::PrivateUse,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_in_a_path_has_one_spelling() {
        assert_eq!(parse_code("1009"), Some(1009));
        assert_eq!(parse_code("0"), Some(0));
        assert_eq!(parse_code("65535"), Some(65535));
        for bad in [
            "01009", "00", "65536", "-1", "+5", "", " 1", "1.0", "1e3", "١٠٠٩",
        ] {
            assert_eq!(parse_code(bad), None, "{bad}");
        }
        assert_eq!(
            parse_number("01009"),
            Some(1009),
            "what a person types may have zeros"
        );
        assert_eq!(parse_number("+5"), None);
    }

    #[test]
    fn ranges_cover_every_number_exactly_once() {
        let mut expected_start = 0u32;
        for range in CodeRange::ALL {
            let (first, last) = range.bounds();
            assert_eq!(u32::from(first), expected_start, "{range:?}");
            assert_eq!(CodeRange::of(first), range);
            assert_eq!(CodeRange::of(last), range);
            assert_eq!(CodeRange::from_id(range.id()), Some(range));
            expected_start = u32::from(last) + 1;
        }
        assert_eq!(expected_start, 65536);
    }

    #[test]
    fn reserved_codes_never_go_on_the_wire() {
        for code in [1005, 1006, 1015, 999, 5000] {
            assert!(!may_appear_in_close_frame(code), "{code}");
        }
        for code in [1000, 1004, 1011, 1014, 3000, 4999] {
            assert!(may_appear_in_close_frame(code), "{code}");
        }
    }

    #[test]
    fn numbers_without_a_registered_code_are_read_by_their_range() {
        assert_eq!(Unexplained::of(1006, true), None);
        assert_eq!(Unexplained::of(0, false), Some(Unexplained::NeverValid));
        assert_eq!(Unexplained::of(65535, false), Some(Unexplained::NeverValid));
        assert_eq!(Unexplained::of(1016, false), Some(Unexplained::Unassigned));
        assert_eq!(
            Unexplained::of(3001, false),
            Some(Unexplained::Unregistered)
        );
        assert_eq!(Unexplained::of(4999, false), Some(Unexplained::PrivateUse));
    }

    #[test]
    fn browsers_send_only_1000_and_3000_to_4999() {
        assert!(browser_can_send(1000));
        assert!(browser_can_send(3000));
        assert!(browser_can_send(4999));
        assert!(!browser_can_send(1001));
        assert!(!browser_can_send(2999));
        assert!(!browser_can_send(5000));
    }
}
