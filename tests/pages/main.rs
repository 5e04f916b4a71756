#[path = "../helpers/mod.rs"]
mod helpers;

mod codes;
mod comparisons;
mod embeds;
mod languages;
mod markdown;
mod navigation;
mod search;
