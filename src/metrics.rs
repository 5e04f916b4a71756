//! Prometheus metrics, served at `/metrics`: requests by route and status,
//! their latency, open WebSockets, what the store keeps (bytes by form,
//! answers) and does (hits, renders, unrendered 304s, best compressions), and
//! the process's own figures (resident memory, CPU, open files).

use std::sync::atomic::Ordering;
use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, IntGaugeVec, Opts,
    Registry, TextEncoder,
};

use crate::http::store::Store;

/// Says how many `/ws/echo` sockets are open, when scraped.
pub type OpenSockets = Box<dyn Fn() -> usize + Send + Sync>;

pub const METRICS_URL: &str = "/metrics";

/// Upper bounds of the latency buckets, in seconds: a stored answer takes tens
/// of microseconds, a search a few milliseconds.
const LATENCY_BUCKETS: [f64; 14] = [
    0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
    1.0,
];

/// What the close-handling lab counts: runs begun, and verdicts given as
/// each case's connection ends.
#[derive(Clone)]
pub struct LabCounters {
    pub runs: IntCounter,
    pub verdicts: IntCounterVec,
}

impl LabCounters {
    pub fn new() -> LabCounters {
        LabCounters {
            runs: IntCounter::new("closecodes_lab_runs_total", "Lab runs begun")
                .expect("valid metric"),
            verdicts: IntCounterVec::new(
                Opts::new(
                    "closecodes_lab_verdicts_total",
                    "Verdicts of lab cases, counted as each case's connection ends",
                ),
                &["verdict"],
            )
            .expect("valid metric"),
        }
    }
}

impl Default for LabCounters {
    fn default() -> LabCounters {
        LabCounters::new()
    }
}

pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    websockets_open: IntGauge,
    stored_bytes: IntGaugeVec,
    stored_answers: IntGauge,
    store_events: IntCounterVec,
    open_sockets: OpenSockets,
}

impl Metrics {
    pub fn new(open_sockets: OpenSockets, lab: &LabCounters) -> Metrics {
        let requests = IntCounterVec::new(
            Opts::new("closecodes_http_requests_total", "HTTP requests answered"),
            &["route", "status"],
        )
        .expect("valid metric");
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "closecodes_http_request_duration_seconds",
                "Time from a request's arrival to its answer being ready",
            )
            .buckets(LATENCY_BUCKETS.to_vec()),
            &["route"],
        )
        .expect("valid metric");
        let websockets_open =
            IntGauge::new("closecodes_websockets_open", "Open /ws/echo sockets").expect("valid");
        let stored_bytes = IntGaugeVec::new(
            Opts::new(
                "closecodes_stored_bytes",
                "Bytes of answers the store keeps in memory, by form",
            ),
            &["form"],
        )
        .expect("valid metric");
        let stored_answers = IntGauge::new(
            "closecodes_stored_answers",
            "Answers the store keeps in memory",
        )
        .expect("valid metric");
        let store_events = IntCounterVec::new(
            Opts::new(
                "closecodes_store_events_total",
                "What the store did: answered from memory (hit), made an answer (render), \
                 answered 304 without making it (not_modified_unrendered), remade an \
                 answer's compressed forms with the best settings (best_compression)",
            ),
            &["event"],
        )
        .expect("valid metric");
        let registry = Registry::new();
        registry.register(Box::new(requests.clone())).expect("new");
        registry.register(Box::new(latency.clone())).expect("new");
        registry
            .register(Box::new(websockets_open.clone()))
            .expect("new");
        registry
            .register(Box::new(stored_bytes.clone()))
            .expect("new");
        registry
            .register(Box::new(stored_answers.clone()))
            .expect("new");
        registry
            .register(Box::new(store_events.clone()))
            .expect("new");
        registry.register(Box::new(lab.runs.clone())).expect("new");
        registry
            .register(Box::new(lab.verdicts.clone()))
            .expect("new");
        // The process's own figures come from /proc: Linux only.
        #[cfg(target_os = "linux")]
        registry
            .register(Box::new(
                prometheus::process_collector::ProcessCollector::for_self(),
            ))
            .expect("new");
        Metrics {
            registry,
            requests,
            latency,
            websockets_open,
            stored_bytes,
            stored_answers,
            store_events,
            open_sockets,
        }
    }

    /// Counts one answered request under its route's label (`http::RouteLabel`).
    pub fn observe(&self, route: &str, status: StatusCode, elapsed: Duration) {
        self.requests
            .with_label_values(&[route, status.as_str()])
            .inc();
        self.latency
            .with_label_values(&[route])
            .observe(elapsed.as_secs_f64());
    }

    fn render(&self, store: &Store) -> String {
        self.websockets_open.set((self.open_sockets)() as i64);
        let (bytes, answers) = store.kept_bytes();
        for (form, bytes) in bytes {
            self.stored_bytes
                .with_label_values(&[form.name()])
                .set(bytes as i64);
        }
        self.stored_answers.set(answers as i64);
        let stats = store.stats();
        for (event, count) in [
            ("hit", &stats.hits),
            ("render", &stats.renders),
            ("not_modified_unrendered", &stats.not_modified_unrendered),
            ("best_compression", &stats.upgrades),
        ] {
            // Counters only grow: add what happened since the last scrape.
            let counter = self.store_events.with_label_values(&[event]);
            counter.inc_by(count.load(Ordering::Relaxed).saturating_sub(counter.get()));
        }
        let mut text = Vec::new();
        TextEncoder::new()
            .encode(&self.registry.gather(), &mut text)
            .expect("the text format writes into memory");
        String::from_utf8(text).expect("the text format is UTF-8")
    }
}

pub async fn serve(metrics: web::Data<Metrics>, store: web::Data<Store>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(prometheus::TEXT_FORMAT)
        .insert_header(("cache-control", "no-store"))
        .body(metrics.render(&store))
}
