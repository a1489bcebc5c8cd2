//! What serves development and operations rather than the portal's pages: the demo data set,
//! the synthetic data generator, and the private PostgreSQL cluster of `cargo run` and the tests.

pub mod demo;
pub mod generate;
pub mod pgcluster;
