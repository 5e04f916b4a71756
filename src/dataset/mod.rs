//! The dataset: its file format, loading, validation and the model every
//! surface renders.

pub mod answers;
pub mod compare;
pub mod explain;
pub mod files;
mod load;
pub mod lookup;
pub mod model;
pub mod plain;
pub mod problem;
pub mod rfc6455;
pub mod search;
pub mod source;
mod translate;
pub mod ui;
mod validate;

pub use load::{SOURCE_LANGUAGE, STANDARD_FAMILY, load, route_lang};
pub use model::{Code, CuratedComparison, Dataset, Edition, Family, RangeInfo};
pub use problem::DataProblem;
pub use source::DataSource;
