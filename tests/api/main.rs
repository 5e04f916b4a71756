#[path = "../helpers/mod.rs"]
mod helpers;

mod codes;
mod compare;
mod compression;
mod errors;
mod explain;
mod families;
mod families_shared_numbers;
mod http_caching;
mod languages;
mod lookup;
mod methods;
mod openapi;
mod platforms;
mod search;
mod versioning;
