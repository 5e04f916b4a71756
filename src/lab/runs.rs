//! Runs, kept in memory only: bounded in count and in age, the oldest
//! dropped first. A run id is chosen by the client and is not a secret.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use tokio::time::Instant;

use super::cases::Case;
use super::observe::{Observation, Verdict, grade};
use super::reconnect::{self, Attempts};
use crate::metrics::LabCounters;

#[derive(Debug, Clone, Copy)]
pub struct RunLimits {
    pub max_runs: usize,
    pub max_age: Duration,
}

impl Default for RunLimits {
    fn default() -> RunLimits {
        RunLimits {
            max_runs: 1000,
            max_age: Duration::from_secs(3600),
        }
    }
}

/// What one run has done so far.
#[derive(Debug, Clone)]
pub struct Run {
    pub created: SystemTime,
    started: Instant,
    /// The last connection's observation, per case.
    pub results: HashMap<&'static str, Observation>,
    /// Connections of a case still open.
    running: HashMap<&'static str, usize>,
    pub reconnects: HashMap<&'static str, Attempts>,
}

impl Run {
    fn new() -> Run {
        Run {
            created: SystemTime::now(),
            started: Instant::now(),
            results: HashMap::new(),
            running: HashMap::new(),
            reconnects: HashMap::new(),
        }
    }

    pub fn age(&self) -> Duration {
        self.started.elapsed()
    }

    pub fn is_running(&self, case: &str) -> bool {
        self.running.get(case).is_some_and(|open| *open > 0)
    }
}

struct Inner {
    runs: HashMap<String, Run>,
    /// Run ids, oldest first.
    order: VecDeque<String>,
}

pub struct Runs {
    limits: RunLimits,
    inner: Mutex<Inner>,
    counters: LabCounters,
}

impl Runs {
    pub fn new(limits: RunLimits, counters: LabCounters) -> Runs {
        Runs {
            limits,
            inner: Mutex::new(Inner {
                runs: HashMap::new(),
                order: VecDeque::new(),
            }),
            counters,
        }
    }

    pub fn limits(&self) -> RunLimits {
        self.limits
    }

    /// Drops the runs past their age, oldest first. (Only `change` adds a
    /// run, so it alone keeps the count bound.)
    fn expire(&self, inner: &mut Inner) {
        while let Some(oldest) = inner.order.front() {
            let too_old = inner
                .runs
                .get(oldest)
                .is_none_or(|run| run.age() > self.limits.max_age);
            if !too_old {
                break;
            }
            let oldest = inner.order.pop_front().expect("a front");
            inner.runs.remove(&oldest);
        }
    }

    /// Runs `change` on the run, which is made if it is new.
    fn change<R>(&self, run: &str, change: impl FnOnce(&mut Run) -> R) -> R {
        let mut inner = self.inner.lock().expect("runs lock");
        self.expire(&mut inner);
        if !inner.runs.contains_key(run) {
            inner.runs.insert(run.to_owned(), Run::new());
            inner.order.push_back(run.to_owned());
            self.counters.runs.inc();
            // Past the count bound, the oldest other run goes.
            if inner.order.len() > self.limits.max_runs {
                let oldest = inner.order.pop_front().expect("a front");
                inner.runs.remove(&oldest);
            }
        }
        let run = inner.runs.get_mut(run).expect("just made");
        change(run)
    }

    /// A copy of the run as it is now, if it is still kept.
    pub fn get(&self, run: &str) -> Option<Run> {
        let mut inner = self.inner.lock().expect("runs lock");
        self.expire(&mut inner);
        inner.runs.get(run).cloned()
    }

    pub fn started(&self, run: &str, case: &'static Case) {
        self.change(run, |run| *run.running.entry(&case.id).or_default() += 1);
    }

    pub fn finished(&self, run: &str, case: &'static Case, observation: Observation) {
        let verdict = grade(case, &observation, "en").verdict;
        self.change(run, |run| {
            if let Some(open) = run.running.get_mut(case.id.as_str()) {
                *open = open.saturating_sub(1);
            }
            run.results.insert(&case.id, observation);
        });
        self.count(verdict);
    }

    /// Counts a reconnect-case connection; its index among the graded ones.
    pub fn reconnect_opened(&self, run: &str, case: &'static Case) -> Option<usize> {
        let now = Instant::now();
        self.change(run, |run| {
            run.reconnects.entry(&case.id).or_default().open(now)
        })
    }

    pub fn reconnect_ended(&self, run: &str, case: &'static Case, index: usize) {
        let now = Instant::now();
        let completed = self.change(run, |run| {
            let attempts = run.reconnects.entry(&case.id).or_default();
            attempts.end(index, now);
            attempts
                .complete()
                .then(|| reconnect::grade(attempts, now).verdict)
        });
        if let Some(verdict) = completed {
            self.count(verdict);
        }
    }

    fn count(&self, verdict: Verdict) {
        self.counters
            .verdicts
            .with_label_values(&[verdict.as_str()])
            .inc();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::cases::CASES;

    fn runs(max_runs: usize, max_age: Duration) -> Runs {
        Runs::new(RunLimits { max_runs, max_age }, LabCounters::new())
    }

    #[test]
    fn the_oldest_runs_go_first() {
        let runs = runs(2, Duration::from_secs(60));
        for id in ["a", "b", "c"] {
            runs.started(id, &CASES[0]);
        }
        assert!(runs.get("a").is_none());
        assert!(runs.get("b").is_some() && runs.get("c").is_some());
        assert_eq!(runs.counters.runs.get(), 3);
    }

    #[test]
    fn runs_expire_with_age() {
        let runs = runs(10, Duration::ZERO);
        runs.started("a", &CASES[0]);
        std::thread::sleep(Duration::from_millis(5));
        assert!(runs.get("a").is_none());
    }

    #[test]
    fn a_finished_case_is_kept_and_counted() {
        let runs = runs(10, Duration::from_secs(60));
        runs.started("a", &CASES[0]);
        assert!(runs.get("a").unwrap().is_running(&CASES[0].id));
        runs.finished("a", &CASES[0], Observation::default());
        let run = runs.get("a").unwrap();
        assert!(!run.is_running(&CASES[0].id));
        assert!(run.results.contains_key(CASES[0].id.as_str()));
        assert_eq!(runs.counters.verdicts.with_label_values(&["fail"]).get(), 1);
    }
}
