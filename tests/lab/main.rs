//! The close-handling lab, driven by real clients against the real server:
//! Python websockets, tokio-tungstenite, hand-written raw-socket clients,
//! an Autobahn driver loop and reconnect loops.

#[path = "../helpers/mod.rs"]
mod helpers;

mod api;
mod clients;
mod raw;
mod reconnect;
