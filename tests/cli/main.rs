//! The `closecodes` binary itself, run as a user runs it.

#[path = "../helpers/mod.rs"]
mod helpers;

mod binary;
mod graceful;
mod signals;

use std::process::{Child, ExitStatus};
use std::time::{Duration, Instant};

/// Waits for the process to exit, killing it after `limit` so that a server
/// that wrongly keeps running fails the test instead of hanging it.
pub fn wait_at_most(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
