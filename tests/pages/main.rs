#[path = "../helpers/mod.rs"]
mod helpers;

mod codes;
mod comparisons;
mod markdown;
mod navigation;
