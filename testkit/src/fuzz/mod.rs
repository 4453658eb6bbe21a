//! A fuzz run of the loader: random and mutated content files and configs (TOML and YAML
//! front matter, Markdown bodies, JSON Resume files), through loading, the site graph,
//! Markdown and rendering, all in memory. It counts panics, and rejected inputs whose
//! messages do not name a place in the file. `cargo run --release --example fuzz`, and a
//! short round in the test suite.

pub mod inputs;

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::rng::Rng;
use inputs::Kind;
use yingcai::config::Config;
use yingcai::content::{self, Content, Item};
use yingcai::diagnostic::Diagnostic;
use yingcai::render::Renderer;
use yingcai::site::{BuildOptions, Site};

/// What a fuzz run found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub cases: u64,
    /// Inputs the loader took.
    pub accepted: u64,
    /// Inputs the loader refused, each with located messages.
    pub rejected: u64,
    /// Outputs rendered from accepted inputs.
    pub rendered: u64,
    pub panics: u64,
    /// Refusals with no message, or a message placed outside the file.
    pub unlocated: u64,
    /// Accepted inputs that templates failed to render.
    pub render_errors: u64,
    /// The first few problems, to run again with `--case`.
    pub failures: Vec<Failure>,
}

/// One problem: the case (its seed), the input, and what went wrong.
#[derive(Debug, Clone)]
pub struct Failure {
    pub case: u64,
    pub path: &'static str,
    pub input: String,
    pub problem: String,
}

impl Report {
    pub fn clean(&self) -> bool {
        self.panics == 0 && self.unlocated == 0 && self.render_errors == 0
    }

    fn fail(&mut self, case: u64, path: &'static str, input: &str, problem: String) {
        if self.failures.len() < 20 {
            self.failures.push(Failure {
                case,
                path,
                input: input.to_string(),
                problem,
            });
        }
    }
}

/// What the run shares between cases: a valid site to put each input into, and the theme.
pub struct Harness {
    config: Config,
    base: Content,
    renderer: Renderer,
    now: DateTime<Utc>,
    seed: u64,
}

const BASE_POSTING: &str = "+++\ntitle = \"数据工程师\"\nteam = \"fuzz\"\ndate = 2026-10-01\nlocations = [\"杭州市\"]\n+++\n见 [团队](@/teams/fuzz.md)。\n";
const BASE_TEAM: &str = "+++\nname = \"模糊测试\"\n+++\n团队。\n";

impl Harness {
    /// A harness whose cases are drawn from `seed`.
    pub fn new(seed: u64) -> Harness {
        let config = Config::parse(
            "title = \"t\"\nbase_url = \"https://example.com/careers/\"\n[organization]\ncountry = \"CN\"\n",
        )
        .expect("the fuzz config is valid");
        let mut base = Content::default();
        for (path, kind, text) in [
            ("content/jobs/base.md", content::Kind::Posting, BASE_POSTING),
            ("content/teams/fuzz.md", content::Kind::Team, BASE_TEAM),
        ] {
            let item = content::parse(kind, Path::new(path), text).expect("the base is valid");
            base.insert(PathBuf::from(path), item);
        }
        // No site folder: the built-in default theme.
        let renderer = Renderer::new(Path::new("/nonexistent-yingcai-fuzz-root"), &config)
            .expect("the default theme loads");
        Harness {
            config,
            base,
            renderer,
            now: DateTime::from_timestamp(1_795_348_800, 0).unwrap_or_default(),
            seed,
        }
    }

    /// Runs `count` cases from `first`, adding to `report`.
    pub fn run(&self, first: u64, count: u64, report: &mut Report) {
        for case in first..first + count {
            self.one(case, report);
        }
    }

    /// Runs one case: its input, and every check on it.
    pub fn one(&self, case: u64, report: &mut Report) {
        let mut rng = Rng::new(self.seed ^ case.wrapping_mul(0x2545_f491_4f6c_dd1d));
        let kind = Kind::ALL[rng.below(Kind::ALL.len())];
        let text = inputs::case(kind, &mut rng);
        report.cases += 1;
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| self.check(kind, &text)));
        match outcome {
            Ok(Outcome::Rejected(problem)) => {
                report.rejected += 1;
                if let Some(p) = problem {
                    report.unlocated += 1;
                    report.fail(case, kind.path(), &text, p);
                }
            }
            Ok(Outcome::Rendered(n, errors)) => {
                report.accepted += 1;
                report.rendered += n;
                if let Some(e) = errors {
                    report.render_errors += 1;
                    report.fail(case, kind.path(), &text, e);
                }
            }
            Err(payload) => {
                report.panics += 1;
                let message = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                report.fail(case, kind.path(), &text, format!("panic: {message}"));
            }
        }
    }

    fn check(&self, kind: Kind, text: &str) -> Outcome {
        let path = Path::new(kind.path());
        if kind == Kind::Config {
            return match Config::parse(text) {
                Err(errors) => Outcome::Rejected(
                    errors
                        .iter()
                        .map(|e| Diagnostic::error(path, e.line, e.column, e.message.clone()))
                        .find_map(|d| misplaced(&d, path, text))
                        .or_else(|| errors.is_empty().then(|| "no message".to_string())),
                ),
                Ok(config) => {
                    if config.theme != self.config.theme {
                        // Another theme: the site has none, which must be reported.
                        return match Renderer::new(
                            Path::new("/nonexistent-yingcai-fuzz-root"),
                            &config,
                        ) {
                            Ok(_) => Outcome::Rendered(0, Some("a missing theme loaded".into())),
                            Err(e) if e.is_empty() => Outcome::Rejected(Some("no message".into())),
                            Err(_) => Outcome::Rejected(None),
                        };
                    }
                    self.render(&config, &self.base)
                }
            };
        }
        let kind_of = content::classify(path).expect("fuzz paths are content paths");
        match content::parse(kind_of, path, text) {
            Err(errors) => Outcome::Rejected(
                errors
                    .iter()
                    .find_map(|d| misplaced(d, path, text))
                    .or_else(|| errors.is_empty().then(|| "no message".to_string())),
            ),
            Ok(item) => {
                let mut content = self.base.clone();
                if let Item::Team(_) = item {
                    content.remove(Path::new("content/teams/fuzz.md"));
                }
                content.insert(path.to_path_buf(), item);
                self.render(&self.config, &content)
            }
        }
    }

    /// Assembles, renders the Markdown and every page and feed of a site with the input.
    fn render(&self, config: &Config, content: &Content) -> Outcome {
        let options = BuildOptions {
            drafts: true,
            now: self.now,
        };
        let (site, mut problems) = Site::assemble(config, content, options);
        let (bodies, links) = yingcai::site::bodies::render_all(&site);
        problems.extend(links);
        if let Some(p) = problems.iter().find(|d| d.line == 0 || d.column == 0) {
            return Outcome::Rejected(Some(format!("unlocated: {p}")));
        }
        if !problems.is_empty() {
            return Outcome::Rejected(None);
        }
        let views = match self.renderer.views(&site, &bodies) {
            Ok(v) => v,
            Err(e) => return Outcome::Rendered(0, Some(e.to_string())),
        };
        let mut rendered = 0;
        for output in self.renderer.outputs(&site) {
            if matches!(
                output,
                yingcai::render::Output::Static(_) | yingcai::render::Output::SyntaxCss
            ) {
                continue;
            }
            let result = if self.renderer.streams(&output) {
                let mut bytes = Vec::new();
                self.renderer
                    .render_streamed(&views, &output, &mut bytes)
                    .map_err(|e| match e {
                        yingcai::render::StreamError::Render(d) => d.to_string(),
                        yingcai::render::StreamError::Write(e) => e.to_string(),
                    })
            } else {
                self.renderer
                    .render(&views, &output)
                    .map(drop)
                    .map_err(|d| d.to_string())
            };
            if let Err(e) = result {
                return Outcome::Rendered(rendered, Some(e));
            }
            rendered += 1;
        }
        Outcome::Rendered(rendered, None)
    }
}

enum Outcome {
    /// Refused; with a problem when a message is missing or misplaced.
    Rejected(Option<String>),
    /// Accepted: how many outputs were rendered, and a render error if one failed.
    Rendered(u64, Option<String>),
}

/// Why `d` does not name a place in `text` (the file at `path`), if it does not.
fn misplaced(d: &Diagnostic, path: &Path, text: &str) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    if d.path != path {
        return Some(format!("message names another file: {d}"));
    }
    if d.message.trim().is_empty() {
        return Some(format!("empty message: {d}"));
    }
    let Some(line) = lines.get(d.line.saturating_sub(1)) else {
        return Some(format!(
            "line {} is past the end ({} lines): {d}",
            d.line,
            lines.len()
        ));
    };
    if d.line == 0 || d.column == 0 || d.column > line.chars().count() + 1 {
        return Some(format!(
            "column {} is outside line {}: {d}",
            d.column, d.line
        ));
    }
    None
}

/// Runs `cases` cases from `seed` in one go, with the panic message printer silenced.
pub fn run(cases: u64, seed: u64) -> Report {
    let harness = Harness::new(seed);
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let mut report = Report::default();
    harness.run(0, cases, &mut report);
    panic::set_hook(hook);
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_seed_is_accepted_and_rendered() {
        let harness = Harness::new(1);
        for kind in Kind::ALL {
            for n in 0..2 {
                let mut rng = Rng::new(n);
                let text = inputs::seed(kind, &mut rng);
                match harness.check(kind, text) {
                    Outcome::Rendered(n, None) => assert!(n > 5, "{kind:?}"),
                    Outcome::Rendered(_, Some(e)) => panic!("{kind:?}: {e}"),
                    Outcome::Rejected(p) => panic!(
                        "{kind:?} rejected: {p:?}\n{text}\n{:?}",
                        content::classify(Path::new(kind.path())).map(|k| content::parse(
                            k,
                            Path::new(kind.path()),
                            text
                        )
                        .err())
                    ),
                }
            }
        }
    }
}
