//! Durations written in a pasted text (`after 60s`, `60.002 seconds`,
//! `1m0s`, `10 minutes`), in whole seconds: a connection closed after about a
//! proxy's idle timeout points at the proxy.

/// Every duration of at least a second written with a unit, in the order
/// written. `text` is folded (lowercase).
pub fn read(text: &str) -> Vec<u32> {
    let bytes = text.as_bytes();
    let mut durations = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let starts_number = bytes[at].is_ascii_digit()
            && (at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'.'));
        if !starts_number {
            at += 1;
            continue;
        }
        let (seconds, end) = read_duration(text, at);
        if let Some(seconds) = seconds.filter(|seconds| *seconds >= 1.0) {
            durations.push(seconds.round() as u32);
        }
        at = end.max(at + 1);
    }
    durations
}

/// A duration starting at `start`: one or more number-and-unit parts (Go
/// writes `1m0s`), and where it ends.
fn read_duration(text: &str, start: usize) -> (Option<f64>, usize) {
    let mut total = None;
    let mut at = start;
    while let Some((value, after_number)) = number_at(text, at) {
        let rest = &text[after_number..];
        let gap = rest.len() - rest.trim_start_matches(' ').len();
        // A space is allowed only before a word unit (`60 seconds`, `60 s`).
        let Some((scale, unit_len)) = unit(&rest[gap..]) else {
            break;
        };
        if gap > 1 {
            break;
        }
        total = Some(total.unwrap_or(0.0) + value * scale);
        at = after_number + gap + unit_len;
        if gap > 0 {
            break;
        }
    }
    (total, at)
}

fn number_at(text: &str, at: usize) -> Option<(f64, usize)> {
    let rest = &text[at..];
    let digits = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    if digits == 0 || !rest.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    let number = rest[..digits].trim_end_matches('.');
    Some((number.parse().ok()?, at + number.len()))
}

/// The unit at the start of `rest`, as seconds per unit and its length; the
/// unit must end the word (`60s`, not `60sec2` or `60x`).
fn unit(rest: &str) -> Option<(f64, usize)> {
    const UNITS: [(&str, f64); 16] = [
        ("milliseconds", 0.001),
        ("millisecond", 0.001),
        ("ms", 0.001),
        ("seconds", 1.0),
        ("second", 1.0),
        ("secs", 1.0),
        ("sec", 1.0),
        ("s", 1.0),
        ("minutes", 60.0),
        ("minute", 60.0),
        ("mins", 60.0),
        ("min", 60.0),
        ("m", 60.0),
        ("hours", 3600.0),
        ("hour", 3600.0),
        ("h", 3600.0),
    ];
    UNITS.iter().find_map(|(name, scale)| {
        let after = rest.strip_prefix(name)?;
        // `1m0s`: a unit may be followed by the next part's digits.
        let ends_word = after
            .chars()
            .next()
            .is_none_or(|c| !c.is_ascii_alphabetic());
        ends_word.then_some((*scale, name.len()))
    })
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn durations_are_read_in_seconds() {
        assert_eq!(read("closed after 60s of inactivity"), [60]);
        assert_eq!(read("idle for 60.002 seconds"), [60]);
        assert_eq!(read("timeout 1m0s exceeded"), [60]);
        assert_eq!(read("after 10 minutes, then 2 hours"), [600, 7200]);
        assert_eq!(read("waited 55000ms"), [55]);
        assert_eq!(read("1m30s"), [90]);
        assert_eq!(read("took 4 min"), [240]);
    }

    #[test]
    fn numbers_without_a_unit_or_inside_words_are_not_durations() {
        assert!(read("close 1006 (abnormal closure)").is_empty());
        assert!(read("port 8080, line 60").is_empty());
        assert!(read("sha 3f2a60s9 v2s").is_empty());
        assert!(read("status 200ms-old").is_empty());
        assert!(read("500 ms").is_empty(), "under a second");
        assert!(read("60 sockets").is_empty());
    }
}
