#[path = "../helpers/mod.rs"]
mod helpers;

mod depth;
mod explain;
mod families;
mod registry;
mod translations;
mod validation;

pub use helpers::dataset_copy::DatasetCopy;
