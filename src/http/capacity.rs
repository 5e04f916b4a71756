//! A bounded count of open sockets: a place is taken when one opens and
//! given back when its [`Slot`] is dropped.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct Capacity {
    limit: usize,
    open: AtomicUsize,
}

impl Capacity {
    pub fn new(limit: usize) -> Arc<Capacity> {
        Arc::new(Capacity {
            limit,
            open: AtomicUsize::new(0),
        })
    }

    pub fn open(&self) -> usize {
        self.open.load(Ordering::Acquire)
    }

    /// A place among the open sockets, or `None` when they are all taken.
    pub fn take(self: &Arc<Self>) -> Option<Slot> {
        self.open
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |open| {
                (open < self.limit).then_some(open + 1)
            })
            .ok()
            .map(|_| Slot(self.clone()))
    }
}

/// One open socket; the count goes down when it is dropped.
pub struct Slot(Arc<Capacity>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.open.fetch_sub(1, Ordering::AcqRel);
    }
}
