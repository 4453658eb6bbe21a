//! Development support for yingcai, kept out of the product: [`corpus`], the synthetic
//! careers site that the benchmarks (`examples/gen_corpus.rs`, `benches/*.sh`) and
//! `tests/scale.rs` build, and [`fuzz`], the loader fuzz run (`examples/fuzz.rs`,
//! `tests/fuzz.rs`). Both use only yingcai's public API, and draw from one [`rng::Rng`].

pub mod corpus;
pub mod fuzz;
pub mod rng;
