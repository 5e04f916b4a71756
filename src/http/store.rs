//! Answers made when first asked and kept within a memory budget. The store
//! knows no surface and no dataset: a [`Renderer`] says what answers at an
//! address and how to make its body. A kept answer holds the forms clients
//! asked for (brotli, gzip, uncompressed); an answer asked for again has its
//! quickly compressed forms remade with the best settings on one background
//! thread, and whatever falls out of the budget is made again when asked.
//!
//! ETags never need the body: an answer's tag is a hash of the seed (the
//! dataset's content, the binary, the public URL) and its address, so a
//! client revalidating an answer that is not kept gets its 304 unrendered.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, web};
use moka::sync::Cache;

use super::RouteLabel;
use super::policy::Policy;
use super::resource::{Form, Meta, Resource, SharedHeaders};

/// The body of an answer, made when [`Prepared::render`] is called.
pub type Render<'a> = Box<dyn FnOnce() -> Vec<u8> + 'a>;

/// What answers at an address, before its body is made.
pub struct Prepared<'a> {
    pub content_type: &'static str,
    pub policy: Policy,
    /// The metrics label of the surface's route.
    pub label: RouteLabel,
    /// A `Link` header, e.g. a page's oEmbed endpoint.
    pub link: Option<String>,
    pub render: Render<'a>,
}

impl<'a> Prepared<'a> {
    pub fn new(
        content_type: &'static str,
        policy: Policy,
        label: RouteLabel,
        render: Render<'a>,
    ) -> Prepared<'a> {
        Prepared {
            content_type,
            policy,
            label,
            link: None,
            render,
        }
    }
}

/// Says what answers at an address (a path, with `?lang=xx` for API answers
/// in another language). Every answer must be a pure function of what the
/// store's seed names.
pub trait Renderer: Send + Sync {
    /// `None` when nothing is stored at `address`; cheap, as it is asked for
    /// every address not kept.
    fn prepare(&self, address: &str) -> Option<Prepared<'_>>;
}

/// How many answers may wait for their best compression; past it, an answer
/// waits for its next request to be queued again.
const UPGRADE_QUEUE: usize = 512;

/// Bookkeeping per kept answer besides its bytes (key, moka's entry, the
/// resource itself), so many tiny answers cannot exceed the budget.
const ENTRY_OVERHEAD: usize = 256;

pub struct Store {
    renderer: Arc<dyn Renderer>,
    seed: u128,
    cache: Cache<String, Arc<Kept>>,
    /// The headers of each policy, made once.
    policies: Vec<(Policy, SharedHeaders)>,
    upgrades: SyncSender<String>,
    stats: Arc<Stats>,
}

/// What the store has done, for `/metrics`.
#[derive(Debug, Default)]
pub struct Stats {
    pub hits: AtomicU64,
    pub renders: AtomicU64,
    pub not_modified_unrendered: AtomicU64,
    pub upgrades: AtomicU64,
}

struct Kept {
    resource: Resource,
    /// Set once the answer is queued for its best compression.
    queued: AtomicBool,
}

impl Kept {
    fn new(resource: Resource) -> Arc<Kept> {
        Arc::new(Kept {
            resource,
            queued: AtomicBool::new(false),
        })
    }
}

impl Store {
    /// `budget` is in bytes; `seed` must change whenever any answer would.
    pub fn new(
        renderer: Arc<dyn Renderer>,
        seed: u128,
        budget: u64,
        dataset_version: &str,
    ) -> Store {
        let cache: Cache<String, Arc<Kept>> = Cache::builder()
            .max_capacity(budget)
            .weigher(|address: &String, kept: &Arc<Kept>| {
                let bytes = address.len() + kept.resource.weight() + ENTRY_OVERHEAD;
                u32::try_from(bytes).unwrap_or(u32::MAX)
            })
            .build();
        let (upgrades, queue) = sync_channel(UPGRADE_QUEUE);
        let stats = Arc::new(Stats::default());
        let worker = (cache.clone(), stats.clone());
        std::thread::Builder::new()
            .name("best-compression".to_owned())
            .spawn(move || compress_at_best(queue, worker.0, &worker.1))
            .expect("a thread starts");
        let policies = Policy::ALL
            .map(|policy| (policy, policy.headers(dataset_version).into()))
            .to_vec();
        Store {
            renderer,
            seed,
            cache,
            policies,
            upgrades,
            stats,
        }
    }

    /// The answer at `address` for `request`, or `None` when nothing is
    /// stored there.
    pub fn respond(&self, request: &HttpRequest, address: &str) -> Option<HttpResponse> {
        if let Some(kept) = self.cache.get(address) {
            self.stats.hits.fetch_add(1, Ordering::Relaxed);
            let served = kept.resource.serve(request);
            match served.grown {
                Some(grown) => self.keep(address, grown.kept()),
                // Asked for again: worth its best compression.
                None if kept.resource.needs_best() => self.queue_upgrade(address, &kept),
                None => {}
            }
            return Some(served.response);
        }
        let prepared = self.renderer.prepare(address)?;
        let meta = self.meta(address, &prepared);
        if let Some(response) = meta.not_modified(request, meta.negotiate(request)) {
            self.stats
                .not_modified_unrendered
                .fetch_add(1, Ordering::Relaxed);
            return Some(response);
        }
        self.stats.renders.fetch_add(1, Ordering::Relaxed);
        let resource = Resource::with_meta(meta, (prepared.render)());
        let served = resource.serve(request);
        self.keep(address, served.grown.unwrap_or(resource).kept());
        Some(served.response)
    }

    /// Whether anything is stored at `address`, without making it.
    pub fn has(&self, address: &str) -> bool {
        self.cache.contains_key(address) || self.renderer.prepare(address).is_some()
    }

    /// Bytes kept, by form, and the number of answers kept.
    pub fn kept_bytes(&self) -> ([(Form, usize); 3], u64) {
        self.cache.run_pending_tasks();
        let mut bytes = Form::ALL.map(|form| (form, 0));
        for (_, kept) in self.cache.iter() {
            for (form, total) in &mut bytes {
                *total += kept.resource.held_bytes(*form);
            }
        }
        (bytes, self.cache.entry_count())
    }

    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    fn meta(&self, address: &str, prepared: &Prepared) -> Meta {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        hasher.update(&self.seed.to_le_bytes());
        hasher.update(address.as_bytes());
        let shared = self
            .policies
            .iter()
            .find(|(policy, _)| *policy == prepared.policy)
            .map(|(_, headers)| headers.clone())
            .expect("every policy is in Policy::ALL");
        Meta::new(
            prepared.content_type,
            format!("{:032x}", hasher.digest128()),
            shared,
        )
        .with_link(prepared.link.clone())
        .with_label(prepared.label)
    }

    fn keep(&self, address: &str, resource: Resource) {
        self.cache.insert(address.to_owned(), Kept::new(resource));
    }

    fn queue_upgrade(&self, address: &str, kept: &Kept) {
        if kept.queued.swap(true, Ordering::Relaxed) {
            return;
        }
        if let Err(TrySendError::Full(_)) = self.upgrades.try_send(address.to_owned()) {
            // Too many waiting: the next request queues it again.
            kept.queued.store(false, Ordering::Relaxed);
        }
    }
}

/// The background thread: remakes each queued answer's compressed forms with
/// the best settings, one at a time, so it never takes more than one core.
/// It ends with the store.
fn compress_at_best(queue: Receiver<String>, cache: Cache<String, Arc<Kept>>, stats: &Stats) {
    for address in queue {
        let Some(kept) = cache.get(&address) else {
            continue;
        };
        let best = kept.resource.at_best();
        // Replaced only if the answer is still the one compressed, so that a
        // form added meanwhile is not lost.
        let current = cache.get(&address);
        if current.is_some_and(|current| Arc::ptr_eq(&current, &kept)) {
            cache.insert(address, Kept::new(best));
            stats.upgrades.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Answers GET and HEAD for any stored address straight from the store,
/// before routing; anything else goes on to the routes.
pub async fn serve_stored(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if matches!(*request.method(), Method::GET | Method::HEAD)
        && let Some(store) = request.app_data::<web::Data<Store>>()
    {
        let answer = match request.query_string() {
            "" => store.respond(request.request(), request.path()),
            query => store.respond(request.request(), &format!("{}?{query}", request.path())),
        };
        if let Some(response) = answer {
            return Ok(request.into_response(response).map_into_right_body());
        }
    }
    Ok(next.call(request).await?.map_into_left_body())
}
