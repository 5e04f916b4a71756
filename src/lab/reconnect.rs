//! Reconnect grading: the run's connections to `reconnect-{code}` are closed
//! shortly after they open, and the gaps between one connection's end and
//! the next one's start are held against RFC 6455 §7.2.3: a random delay
//! before the first reconnect, longer delays after each failed one.

use std::time::Duration;

use tokio::time::Instant;

use super::observe::Verdict;

/// Connections closed with the case's code; the one after them is closed
/// with 1000 and ends the case.
pub const ATTEMPTS: usize = 4;
/// How long a connection stays open before the server closes it.
pub const CLOSE_AFTER: Duration = Duration::from_millis(200);
/// A run that has not reconnected for this long has stopped.
pub const GIVE_UP_AFTER: Duration = Duration::from_secs(30);
/// The later gaps must add up to this many times the earlier ones.
const GROWTH: f64 = 1.5;
/// Consecutive gaps whose ratios all lie within this spread come from a
/// fixed sequence, not a random one.
const FIXED_SPREAD: f64 = 1.1;

/// The connections one run made to one reconnect case.
#[derive(Debug, Clone, Default)]
pub struct Attempts {
    /// When each connection opened and, once over, ended.
    pub connections: Vec<(Instant, Option<Instant>)>,
    /// Connections past the graded ones (the client went on after 1000).
    pub extra: usize,
}

impl Attempts {
    /// Counts a new connection; its index, or `None` past the graded ones.
    pub fn open(&mut self, now: Instant) -> Option<usize> {
        if self.connections.len() > ATTEMPTS {
            self.extra += 1;
            return None;
        }
        self.connections.push((now, None));
        Some(self.connections.len() - 1)
    }

    pub fn end(&mut self, index: usize, now: Instant) {
        if let Some(connection) = self.connections.get_mut(index) {
            connection.1 = Some(now);
        }
    }

    /// Whether the last graded connection is over.
    pub fn complete(&self) -> bool {
        self.connections.len() == ATTEMPTS + 1 && self.connections[ATTEMPTS].1.is_some()
    }

    /// From each connection's end to the next one's start.
    pub fn gaps(&self) -> Vec<Duration> {
        self.connections
            .windows(2)
            .filter_map(|pair| {
                let ended = pair[0].1?;
                Some(pair[1].0.saturating_duration_since(ended))
            })
            .collect()
    }
}

/// The grade, and in words what was seen (English and Vietnamese).
pub struct ReconnectGrade {
    pub verdict: Verdict,
    pub gaps_ms: Vec<u64>,
    pub observed: (String, String),
}

pub fn grade(attempts: &Attempts, now: Instant) -> ReconnectGrade {
    let gaps = attempts.gaps();
    let gaps_ms: Vec<u64> = gaps.iter().map(|gap| gap.as_millis() as u64).collect();
    let listed = gaps_ms
        .iter()
        .map(|gap| format!("{gap} ms"))
        .collect::<Vec<_>>()
        .join(", ");
    if !attempts.complete() {
        let last_end = attempts
            .connections
            .last()
            .and_then(|(opened, ended)| ended.or(Some(*opened)));
        let stalled = last_end.is_some_and(|at| now.saturating_duration_since(at) > GIVE_UP_AFTER);
        let made = attempts.connections.len();
        return if stalled {
            ReconnectGrade {
                verdict: Verdict::Fail,
                observed: (
                    format!(
                        "Stopped reconnecting after {made} connection(s) (gaps: {listed}); nothing for {} s.",
                        GIVE_UP_AFTER.as_secs()
                    ),
                    format!(
                        "Ngừng kết nối lại sau {made} kết nối (khoảng chờ: {listed}); không có gì trong {} giây.",
                        GIVE_UP_AFTER.as_secs()
                    ),
                ),
                gaps_ms,
            }
        } else {
            ReconnectGrade {
                verdict: Verdict::NotRun,
                observed: (
                    format!(
                        "In progress: {made} of {} connections so far.",
                        ATTEMPTS + 1
                    ),
                    format!("Đang chạy: {made} trên {} kết nối.", ATTEMPTS + 1),
                ),
                gaps_ms,
            }
        };
    }
    let seconds = |gap: &Duration| gap.as_secs_f64();
    let half = gaps.len() / 2;
    let earlier: f64 = gaps[..half].iter().map(seconds).sum();
    let later: f64 = gaps[half..].iter().map(seconds).sum();
    let backs_off = later >= GROWTH * earlier && later >= 0.25;
    // A millisecond more on every gap keeps a zero gap from dividing.
    let ratios: Vec<f64> = gaps
        .windows(2)
        .map(|pair| (seconds(&pair[1]) + 0.001) / (seconds(&pair[0]) + 0.001))
        .collect();
    let (low, high) = ratios
        .iter()
        .fold((f64::MAX, f64::MIN), |(low, high), ratio| {
            (low.min(*ratio), high.max(*ratio))
        });
    let fixed = high / low <= FIXED_SPREAD;
    let (verdict, en, vi) = match (backs_off, fixed) {
        (true, false) => (
            Verdict::Pass,
            "the delays grow and vary: backoff with jitter".to_owned(),
            "khoảng chờ tăng dần và thay đổi: backoff có jitter".to_owned(),
        ),
        (true, true) => (
            Verdict::Fail,
            "the delays grow by a fixed factor with no randomness: every client would reconnect in step".to_owned(),
            "khoảng chờ tăng theo một hệ số cố định, không ngẫu nhiên: mọi client sẽ kết nối lại cùng lúc".to_owned(),
        ),
        (false, _) => (
            Verdict::Fail,
            "the delays do not grow: a reconnect loop that would hammer a restarting server".to_owned(),
            "khoảng chờ không tăng: vòng kết nối lại sẽ dồn dập vào máy chủ đang khởi động lại".to_owned(),
        ),
    };
    ReconnectGrade {
        verdict,
        observed: (
            format!("Gaps before each reconnect: {listed}; {en}."),
            format!("Khoảng chờ trước mỗi lần kết nối lại: {listed}; {vi}."),
        ),
        gaps_ms,
    }
}

/// The rule, as the page and the report write it.
pub fn rule() -> (String, String) {
    (
        format!(
            "Graded from the {ATTEMPTS} gaps between a closed connection and the next one. Pass: the last two gaps add up to at least {GROWTH}× the first two (and to 250 ms or more), and the gaps do not follow a fixed sequence (their ratios differ by more than {:.0} %). A tight loop fails the first rule, a fixed delay or a deterministic doubling the second. One run is one sample: a client with full jitter can fail by chance; run it again.",
            (FIXED_SPREAD - 1.0) * 100.0
        ),
        format!(
            "Chấm từ {ATTEMPTS} khoảng chờ giữa một kết nối bị đóng và kết nối kế tiếp. Đạt: hai khoảng cuối cộng lại ít nhất bằng {GROWTH} lần hai khoảng đầu (và từ 250 ms trở lên), và các khoảng chờ không theo một dãy cố định (tỉ lệ giữa chúng chênh nhau hơn {:.0} %). Kết nối lại liên tục không đạt quy tắc đầu, khoảng chờ cố định hay nhân đôi tất định không đạt quy tắc sau. Một lượt chạy chỉ là một mẫu: client dùng full jitter có thể trượt do ngẫu nhiên; hãy chạy lại.",
            (FIXED_SPREAD - 1.0) * 100.0
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempts_with_gaps(gaps_ms: &[u64]) -> Attempts {
        let start = Instant::now();
        let mut attempts = Attempts::default();
        let mut at = start;
        for (index, gap) in std::iter::once(&0).chain(gaps_ms).enumerate() {
            at += Duration::from_millis(*gap);
            let opened = at;
            at += Duration::from_millis(200);
            attempts.open(opened);
            attempts.end(index, at);
        }
        attempts
    }

    #[test]
    fn a_tight_loop_fails_and_jittered_backoff_passes() {
        let now = Instant::now() + Duration::from_secs(60);
        assert_eq!(
            grade(&attempts_with_gaps(&[2, 1, 3, 2]), now).verdict,
            Verdict::Fail
        );
        assert_eq!(
            grade(&attempts_with_gaps(&[1000, 1000, 1000, 1000]), now).verdict,
            Verdict::Fail
        );
        assert_eq!(
            grade(&attempts_with_gaps(&[100, 200, 400, 800]), now).verdict,
            Verdict::Fail
        );
        assert_eq!(
            grade(&attempts_with_gaps(&[140, 310, 520, 1330]), now).verdict,
            Verdict::Pass
        );
    }

    #[test]
    fn an_unfinished_run_is_in_progress_then_stalled() {
        let mut attempts = Attempts::default();
        let start = Instant::now();
        attempts.open(start);
        attempts.end(0, start + CLOSE_AFTER);
        assert_eq!(
            grade(&attempts, start + Duration::from_secs(1)).verdict,
            Verdict::NotRun
        );
        assert_eq!(
            grade(&attempts, start + GIVE_UP_AFTER * 2).verdict,
            Verdict::Fail
        );
    }
}
