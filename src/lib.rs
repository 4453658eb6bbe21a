//! yingcai (英才): a static careers-site and resume generator.
//!
//! Modules only. Data flows one way through the stages: [`config`] (config.toml) and
//! [`content`] (front matter → typed models) → [`site`] (the graph: teams, locations, open and
//! closed postings, slugs; Markdown bodies rendered with [`markdown`]) → [`search`] (the index)
//! and [`render`] (templates) → [`output`] (the staged writer). [`build()`] and [`check()`]
//! (in `build.rs`) run these stages, [`build_record`] notes what a build read and wrote,
//! and [`serve`] runs the same stages in memory; [`import`] and [`init`] write content.
//!
//! A module uses only modules below it: the stages, and under them the helpers [`diagnostic`],
//! [`suggest`], [`url`], [`html`], [`lang`] and [`toml_yaml`]. `tests/layers.rs` holds the order
//! and fails on a dependency that runs back up.

mod build;
pub mod build_record;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod html;
pub mod import;
pub mod init;
pub mod json;
pub mod lang;
pub mod markdown;
pub mod output;
pub mod render;
mod scan;
pub mod search;
pub mod serve;
pub mod site;
pub mod suggest;
pub mod toml_yaml;
pub mod url;

pub use build::{build, check, today, BuildReport, Failure, Loaded, Timings};
pub use config::Settings;
