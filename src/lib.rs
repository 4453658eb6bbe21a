//! yingcai (英才): a static careers-site and resume generator.
//!
//! Modules only. Data flows one way through them: [`config`] → [`content`] (front matter →
//! typed models) → [`site`] (the graph: teams, locations, open and closed postings, routes;
//! Markdown bodies with [`markdown`]) → templates ([`render`]) → [`output`]. [`build()`] and
//! [`check()`] (in `build.rs`) run these stages; [`serve`] runs the same stages in memory.

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
