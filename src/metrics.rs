//! Prometheus metrics, served at `/metrics`: requests by route and status,
//! their latency, open WebSockets, what the store keeps (bytes by form,
//! answers) and does (hits, renders, unrendered 304s, best compressions), and
//! the process's own figures (resident memory, CPU, open files).

use std::sync::atomic::Ordering;
use std::time::Duration;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry,
    TextEncoder,
};

use crate::http::store::Store;
use crate::urls::ECHO_URL;

/// Says how many `/ws/echo` sockets are open, when scraped.
pub type OpenSockets = Box<dyn Fn() -> usize + Send + Sync>;

pub const METRICS_URL: &str = "/metrics";

/// Upper bounds of the latency buckets, in seconds: a stored answer takes tens
/// of microseconds, a search a few milliseconds.
const LATENCY_BUCKETS: [f64; 14] = [
    0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
    1.0,
];

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
    pub fn new(open_sockets: OpenSockets) -> Metrics {
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

    /// Counts one answered request; `route` comes from [`route_of`].
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

/// The route label of a request: one per surface, and one each for the API
/// answers computed per request, so that the label set stays small whatever
/// paths clients ask for.
pub fn route_of(path: &str) -> &'static str {
    if let Some(api) = path.strip_prefix("/api/v1/") {
        return match api.split('/').next() {
            Some("search") => "api_search",
            Some("lookup") => "api_lookup",
            _ => "api",
        };
    }
    match path {
        "/healthz" => "healthz",
        METRICS_URL => "metrics",
        ECHO_URL => "websocket",
        _ if path.starts_with("/api/docs") => "api_docs",
        _ if path.starts_with("/static/") => "asset",
        _ if is_embed(path) => "embed",
        // `/search` and `/{lang}/search`.
        _ if path.ends_with("/search") && path.matches('/').count() <= 2 => "search_page",
        _ if is_lookup_page(path) => "lookup_page",
        _ => "page",
    }
}

/// `/embed/…` and `/{lang}/embed/…`.
fn is_embed(path: &str) -> bool {
    path.starts_with("/embed/")
        || path
            .split_once("/embed/")
            .is_some_and(|(prefix, _)| prefix.len() > 1 && !prefix[1..].contains('/'))
}

/// `/lookup/{n}` and `/{lang}/lookup/{n}`, rendered per request.
fn is_lookup_page(path: &str) -> bool {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    matches!(segments[..], ["lookup", _] | [_, "lookup", _])
}

#[cfg(test)]
mod tests {
    use super::route_of;

    #[test]
    fn routes_are_few_and_named_by_surface() {
        assert_eq!(route_of("/"), "page");
        assert_eq!(route_of("/websocket/1009"), "page");
        assert_eq!(route_of("/vi/websocket/1009-vs-1012"), "page");
        assert_eq!(route_of("/search"), "search_page");
        assert_eq!(route_of("/vi/search"), "search_page");
        assert_eq!(route_of("/lookup/4999"), "lookup_page");
        assert_eq!(route_of("/vi/lookup/abc"), "lookup_page");
        assert_eq!(route_of("/embed/websocket/1009"), "embed");
        assert_eq!(route_of("/vi/embed/websocket/1009"), "embed");
        assert_eq!(route_of("/static/style.css"), "asset");
        assert_eq!(route_of("/api/v1/families/websocket/codes/1009"), "api");
        assert_eq!(route_of("/api/v1/search"), "api_search");
        assert_eq!(route_of("/api/v1/lookup/4004"), "api_lookup");
        assert_eq!(route_of("/api/docs/"), "api_docs");
        assert_eq!(route_of("/ws/echo"), "websocket");
        assert_eq!(route_of("/healthz"), "healthz");
        assert_eq!(route_of("/metrics"), "metrics");
        assert_eq!(route_of("/no/such/page"), "page");
    }
}
