#[path = "../helpers/mod.rs"]
mod helpers;

mod codes;
mod comparisons;
mod crawl;
mod embeds;
mod explain;
mod languages;
mod lookup;
mod markdown;
mod navigation;
mod platforms;
mod search;
mod seo;
