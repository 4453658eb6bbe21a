//! Importers that turn content written for other site generators into yingcai's
//! content format. Each importer only plans: it returns the files to write and
//! what it inferred, and leaves reading and writing to the caller.

pub mod jekyll;
