//! The first stage: the config, every content file and the theme, read together so that
//! one run shows every problem; then the site graph and Markdown bodies made from them.

use std::path::Path;
use std::time::{Duration, Instant};

use super::Failure;
use crate::config::{Config, ConfigError, Settings};
use crate::content::{self, Content};
use crate::diagnostic::Diagnostic;
use crate::render::Renderer;
use crate::site::bodies::Bodies;
use crate::site::{self, BuildOptions, Site};
use crate::{markdown, url};

/// Config, content and templates, loaded: everything later stages read.
pub struct Loaded {
    pub config: std::sync::Arc<Config>,
    pub content: Content,
    pub renderer: Renderer,
    pub warnings: Vec<Diagnostic>,
    pub load_time: Duration,
}

impl Loaded {
    /// Reads the config, every content file and the theme; all content problems together.
    pub fn read(settings: &Settings) -> Result<Loaded, Failure> {
        Loaded::read_recorded(settings, None)
    }

    /// [`Loaded::read`], noting the bytes of every content file read in `reads`.
    pub fn read_recorded(
        settings: &Settings,
        reads: Option<&crate::build_record::Reads>,
    ) -> Result<Loaded, Failure> {
        let started = Instant::now();
        let mut config = match Config::load(&settings.root) {
            Ok(c) => c,
            Err(ConfigError::Missing(path)) => {
                return Err(Failure::no_config(path.parent().unwrap_or(Path::new("."))))
            }
            Err(ConfigError::Invalid(mut errors)) => {
                // Content is read without the config: its problems come out in the same run.
                let (_, problems) = Content::load(&settings.root);
                errors.extend(problems);
                return Err(Failure::Content(errors));
            }
        };
        if let Some(url) = &settings.base_url {
            config.base_url =
                url::BaseUrl::parse(url).map_err(|e| Failure::Usage(format!("--base-url: {e}")))?;
        }
        let highlight = config.markdown.highlight_code;
        let (renderer, ((content, problems), ())) = rayon::join(
            || Renderer::new(&settings.root, &config),
            || {
                rayon::join(
                    || Content::load_recorded(&settings.root, reads),
                    || {
                        if highlight {
                            markdown::highlight::warm_up()
                        }
                    },
                )
            },
        );
        let (mut errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
            problems.into_iter().partition(Diagnostic::is_error);
        let renderer = match renderer {
            Ok(r) => Some(r),
            Err(e) => {
                errors.extend(e);
                None
            }
        };
        let config = std::sync::Arc::new(config);
        match renderer {
            Some(renderer) if errors.is_empty() => Ok(Loaded {
                config,
                content,
                renderer,
                warnings,
                load_time: started.elapsed(),
            }),
            _ => {
                errors.extend(what_loaded(settings, &config, &content, &errors));
                // The warnings of the files that did load come out in the same run.
                errors.extend(warnings);
                Err(Failure::Content(errors))
            }
        }
    }

    /// Assembles the site graph and renders every Markdown body.
    pub fn assemble(
        &self,
        options: BuildOptions,
    ) -> (Site, Bodies, Vec<Diagnostic>, Duration, Duration) {
        self.assemble_cached(options, None)
    }

    /// [`Loaded::assemble`], reusing Markdown bodies from `cache` whose inputs did not change.
    pub fn assemble_cached(
        &self,
        options: BuildOptions,
        cache: Option<&site::bodies::BodyCache>,
    ) -> (Site, Bodies, Vec<Diagnostic>, Duration, Duration) {
        let started = Instant::now();
        let (site, mut errors) = Site::assemble(&self.config, &self.content, options);
        let assembled = started.elapsed();
        let started = Instant::now();
        let (bodies, link_errors) = site::bodies::render_all_cached(&site, cache);
        errors.extend(link_errors);
        (site, bodies, errors, assembled, started.elapsed())
    }
}

/// The problems of the content that did load, when a run cannot go on (a file or template
/// failed): the site graph's and the links', so one run shows them all. Links to files that
/// failed to load are not reported broken.
fn what_loaded(
    settings: &Settings,
    config: &std::sync::Arc<Config>,
    content: &Content,
    failed: &[Diagnostic],
) -> Vec<Diagnostic> {
    let options = BuildOptions {
        drafts: settings.drafts,
        now: settings.now,
    };
    let (mut site, mut problems) = Site::assemble(config, content, options);
    for d in failed {
        if content::classify(&d.path).is_some() {
            site.content_hrefs
                .entry(site::content_key(&d.path))
                .or_default();
        }
    }
    problems.extend(site::bodies::render_all_cached(&site, None).1);
    // A resume home whose one resume failed to load: that file's problem says it all.
    let failed_resumes: std::collections::HashSet<&Path> = failed
        .iter()
        .filter(|d| content::classify(&d.path) == Some(content::Kind::Resume))
        .map(|d| d.path.as_path())
        .collect();
    if !failed_resumes.is_empty() && site.resumes.len() + failed_resumes.len() == 1 {
        problems.retain(|p| !p.message.starts_with(site::RESUME_HOME));
    }
    problems
}
