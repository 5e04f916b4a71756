//! The query of `/ws/echo`, checked before the upgrade: a code the endpoint
//! cannot honestly send is refused with the reason, never sent anyway.

use std::time::Duration;

use serde::Deserialize;
use utoipa::IntoParams;

use crate::dataset::rfc6455;
use crate::http::Problem;
use crate::http::problem::ProblemType;

/// The longest wait before closing, in milliseconds.
pub const MAX_AFTER_MS: u64 = 60_000;
/// A Close frame's payload is at most 125 bytes, 2 of them the code (RFC 6455 §5.5).
pub const MAX_REASON_BYTES: usize = 123;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EchoParams {
    /// Close with this code: 1000–1003, 1007–1014 or 3000–4999 are sent as
    /// they are; 1005 sends a Close frame without a code and 1006 drops the
    /// connection without one, so the client reports those codes itself.
    #[param(example = 1012, minimum = 1000, maximum = 4999)]
    pub close: Option<u16>,
    /// Wait this many milliseconds before closing (needs `close`).
    #[param(example = 500, minimum = 0, maximum = 60000)]
    pub after: Option<u64>,
    /// The close reason, at most 123 bytes of UTF-8 (needs a `close` code
    /// that goes in a Close frame).
    #[param(example = "deploying", max_length = 123)]
    pub reason: Option<String>,
}

/// How the server ends the socket on request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// A Close frame with this code and reason.
    Code(u16, String),
    /// A Close frame with no status code: the client reports 1005.
    NoStatus,
    /// The TCP connection dropped with no Close frame: the client reports 1006.
    Drop,
}

fn refuse(detail: String) -> Problem {
    Problem::new(ProblemType::InvalidParameter, detail)
}

impl EchoParams {
    /// What to do and when, or a problem saying why the request cannot be honoured.
    pub fn ending(&self) -> Result<Option<(Ending, Duration)>, Problem> {
        let reason = self.reason.clone().unwrap_or_default();
        if reason.len() > MAX_REASON_BYTES {
            return Err(refuse(format!(
                "`reason` is {} bytes of UTF-8; a Close frame holds at most {MAX_REASON_BYTES}",
                reason.len()
            )));
        }
        if self.after.is_some_and(|after| after > MAX_AFTER_MS) {
            return Err(refuse(format!(
                "`after` is at most {MAX_AFTER_MS} milliseconds"
            )));
        }
        let Some(code) = self.close else {
            if self.after.is_some() || self.reason.is_some() {
                return Err(refuse("`after` and `reason` need `close`".to_owned()));
            }
            return Ok(None);
        };
        let ending = match code {
            1005 | 1006 if self.reason.is_some() => {
                return Err(refuse(format!(
                    "{code} has no Close frame status, so it cannot carry a reason"
                )));
            }
            1005 => Ending::NoStatus,
            1006 => Ending::Drop,
            1004 => {
                return Err(refuse(
                    "1004 is reserved: RFC 6455 gives it no meaning and no endpoint may send it"
                        .to_owned(),
                ));
            }
            1015 => {
                return Err(refuse(
                    "1015 is reported locally when the TLS handshake fails; it is never sent in a Close frame"
                        .to_owned(),
                ));
            }
            1016..=2999 => {
                return Err(refuse(format!(
                    "{code} is unassigned in the range RFC 6455 keeps for the protocol; peers treat it as a protocol error"
                )));
            }
            code if !(1000..=4999).contains(&code) => {
                return Err(refuse(format!(
                    "{code} is outside 1000-4999: RFC 6455 gives no meaning to numbers below 1000 or above 4999"
                )));
            }
            code => {
                debug_assert!(rfc6455::may_appear_in_close_frame(code));
                Ending::Code(code, reason)
            }
        };
        Ok(Some((
            ending,
            Duration::from_millis(self.after.unwrap_or(0)),
        )))
    }
}

/// How `/ws/echo?close={code}` ends, or `None` when it refuses the code.
pub fn ending_for(code: u16) -> Option<Ending> {
    let params = EchoParams {
        close: Some(code),
        after: None,
        reason: None,
    };
    params.ending().ok().flatten().map(|(ending, _)| ending)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(close: Option<u16>, after: Option<u64>, reason: Option<&str>) -> EchoParams {
        EchoParams {
            close,
            after,
            reason: reason.map(str::to_owned),
        }
    }

    #[test]
    fn wire_codes_are_sent_and_the_others_simulated_or_refused() {
        for code in [1000, 1003, 1007, 1014, 3000, 4999] {
            let (ending, _) = params(Some(code), None, None).ending().unwrap().unwrap();
            assert_eq!(ending, Ending::Code(code, String::new()));
        }
        let ending = |code| params(Some(code), None, None).ending().unwrap().unwrap().0;
        assert_eq!(ending(1005), Ending::NoStatus);
        assert_eq!(ending(1006), Ending::Drop);
        for code in [0, 999, 1004, 1015, 1016, 2999, 5000, 65535] {
            assert!(params(Some(code), None, None).ending().is_err(), "{code}");
        }
    }

    #[test]
    fn reasons_and_delays_are_bounded() {
        assert!(
            params(Some(1000), Some(60_000), Some(&"é".repeat(61)))
                .ending()
                .is_ok()
        );
        assert!(
            params(Some(1000), None, Some(&"é".repeat(62)))
                .ending()
                .is_err()
        );
        assert!(params(Some(1000), Some(60_001), None).ending().is_err());
        assert!(params(None, Some(10), None).ending().is_err());
        assert!(params(Some(1006), None, Some("x")).ending().is_err());
        assert_eq!(params(None, None, None).ending().unwrap(), None);
    }
}
