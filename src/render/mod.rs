//! Template rendering: Tera set up once per build, a view struct per page, every output file.

pub mod cards;
pub mod context;
pub mod feeds;
mod index;
pub mod json_resume;
pub mod jsonld;
mod listing;
mod outputs;
mod pages;
mod templates;
pub mod theme;
mod theme_checks;
pub mod views;

use std::path::Path;

use serde::Serialize;
use tera::{Tera, Value};

use crate::config::Config;
use crate::content::slug::stable_id;
use crate::diagnostic::Diagnostic;
use crate::markdown::Rendered;
use crate::site::Site;
pub use listing::Listing;
pub use outputs::Output;
use pages::Prepared;
use templates::Origins;
use theme::Theme;
pub use theme_checks::{REQUIRED_STRINGS, REQUIRED_TEMPLATES};
use views::{AssetVersions, Views};

/// Why [`Renderer::render_streamed`] failed.
#[derive(Debug)]
pub enum StreamError {
    /// A template failed.
    Render(Diagnostic),
    /// The writer failed.
    Write(std::io::Error),
}

impl From<std::io::Error> for StreamError {
    fn from(e: std::io::Error) -> Self {
        StreamError::Write(e)
    }
}
/// Templates, theme files and strings, ready to render any page of a site.
pub struct Renderer {
    tera: Tera,
    theme: Theme,
    origins: Origins,
    versions: AssetVersions,
}

impl Renderer {
    /// Loads the site's theme and templates; template syntax errors are reported here.
    pub fn new(root: &Path, config: &Config) -> Result<Renderer, Vec<Diagnostic>> {
        let theme = Theme::load(root, &config.theme)?;
        let mut errors = theme_checks::check(&theme, &config.theme);
        let (tera, origins) = match templates::load(&theme) {
            Ok(loaded) if errors.is_empty() => loaded,
            Ok(_) => return Err(errors),
            Err(problems) => {
                errors.extend(problems);
                return Err(errors);
            }
        };
        let versions = AssetVersions {
            stylesheet: theme
                .static_files
                .get("style.css")
                .map(|b| asset_hash(b))
                .unwrap_or_default(),
            script: theme
                .static_files
                .get("yingcai.js")
                .map(|b| asset_hash(b))
                .unwrap_or_default(),
            search: theme
                .static_files
                .get("search.js")
                .map(|b| asset_hash(b))
                .unwrap_or_default(),
        };
        Ok(Renderer {
            tera,
            theme,
            origins,
            versions,
        })
    }
    /// The same renderer for the live preview: the theme's stylesheet and script are linked
    /// without their cache-busting query (the preview server forbids caching anyway), so that
    /// a stylesheet edit changes the stylesheet alone and no page has to be rendered again.
    /// The search script keeps its hash: only the home page names it.
    pub fn for_preview(mut self) -> Renderer {
        self.versions = AssetVersions {
            search: std::mem::take(&mut self.versions.search),
            ..AssetVersions::default()
        };
        self
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// Views for a site, with every posting's card and the search index made: build once
    /// per build and share across pages.
    pub fn views<'a>(
        &'a self,
        site: &'a Site,
        bodies: &'a crate::site::bodies::Bodies,
    ) -> Result<Views<'a>, Diagnostic> {
        let views = self.lazy_views(site, bodies);
        views.fill_cards()?;
        if Self::has_listings(site) {
            views.search()?;
        }
        Ok(views)
    }

    /// Views for a site whose cards and search index are made only when a page needs them
    /// (as `serve` renders the pages asked for).
    pub fn lazy_views<'a>(
        &'a self,
        site: &'a Site,
        bodies: &'a crate::site::bodies::Bodies,
    ) -> Views<'a> {
        Views::new(site, bodies, self, &self.versions)
    }
    /// Writes an output for which [`Renderer::streams`] holds, piece by piece; other outputs
    /// are rendered whole first.
    pub fn render_streamed(
        &self,
        views: &Views<'_>,
        output: &Output,
        w: &mut dyn std::io::Write,
    ) -> Result<(), StreamError> {
        match output {
            Output::Feed => feeds::atom_to(views, w).map_err(StreamError::Write),
            Output::JobsJson => feeds::jobs_json_to(views, w).map_err(StreamError::Write),
            _ => match self.prepare(views, output).map_err(StreamError::Render)? {
                Prepared::Page(name, values) => self
                    .tera
                    .render_to(name, &context(values), w)
                    .map_err(|e| match e.kind() {
                        tera::ErrorKind::Io(kind) => StreamError::Write((*kind).into()),
                        _ => StreamError::Render(self.template_error(&e, name)),
                    }),
                Prepared::Bytes(bytes) => w.write_all(&bytes).map_err(StreamError::Write),
            },
        }
    }

    /// Renders one output file.
    pub fn render(&self, views: &Views<'_>, output: &Output) -> Result<Vec<u8>, Diagnostic> {
        self.finish(self.prepare(views, output)?, PAGE_BYTES)
    }

    /// A Tera error met rendering template `name`, at the file, line and column it names.
    fn template_error(&self, err: &tera::Error, name: &str) -> Diagnostic {
        templates::diagnostic(err, &self.origins, Some(name))
    }

    /// Renders `prepared` into a buffer of `size` bytes to start with.
    fn finish(&self, prepared: Prepared, size: usize) -> Result<Vec<u8>, Diagnostic> {
        match prepared {
            Prepared::Page(name, values) => {
                // Into bytes: Tera's `render` would check the whole page is UTF-8 again.
                let mut bytes = Vec::with_capacity(size);
                self.tera
                    .render_to(name, &context(values), &mut bytes)
                    .map_err(|e| self.template_error(&e, name))?;
                Ok(bytes)
            }
            Prepared::Bytes(bytes) => Ok(bytes),
        }
    }
    /// Renders posting `i`'s page from its rendered body (which `views` need not hold).
    pub fn render_posting(
        &self,
        views: &Views<'_>,
        i: usize,
        body: &Rendered,
    ) -> Result<Vec<u8>, Diagnostic> {
        // The page holds the body twice, once escaped in its JSON-LD: a buffer that fits
        // it at once is not copied as it grows.
        let size = (8 << 10) + body.html.len() * 5 / 2;
        self.finish(self.prepare_posting(views, i, body)?, size)
    }
}

/// Room for a page, to start with.
const PAGE_BYTES: usize = 16 << 10;

/// A view as a Tera value, converted straight from the struct (no JSON tree in between).
fn to_value<T: Serialize + ?Sized>(value: &T) -> Value {
    Value::from_serializable(value)
}

/// A template context from names and values.
fn context(values: Vec<(&'static str, Value)>) -> tera::Context {
    let mut context = tera::Context::new();
    for (name, value) in values {
        context.insert_value(name, value);
    }
    context
}
/// A short content hash for cache-busting query strings.
pub(crate) fn asset_hash(bytes: &[u8]) -> String {
    stable_id(&String::from_utf8_lossy(bytes))
}
