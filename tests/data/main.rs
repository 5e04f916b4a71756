#[path = "../helpers/mod.rs"]
mod helpers;

mod registry;
mod validation;

pub use helpers::dataset_copy::DatasetCopy;
