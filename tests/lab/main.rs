//! The close-handling lab, driven by real clients against the real server:
//! the `/lab` page's own loops (Python websockets, Node.js ws, the JDK's
//! client), tokio-tungstenite as an Autobahn driver, hand-written raw-socket
//! clients and reconnect loops.

#[path = "../helpers/mod.rs"]
mod helpers;

mod api;
mod clients;
mod raw;
mod reconnect;
mod snippets;
