//! The pipeline that `build` and `check` run: load (config, content, theme) → assemble the
//! site graph → Markdown → render → write, with the build record that lets a build with
//! nothing to do keep its output.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rayon::prelude::*;

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::render::{self, Renderer};
use crate::site::{self, BuildOptions, Site};
use crate::{build_record, config, output};

mod load;
mod output_pass;
pub use load::Loaded;

/// Why a run failed.
#[derive(Debug)]
pub enum Failure {
    /// Wrong arguments or surroundings (no config.toml, an output folder that is not ours): exit 2.
    Usage(String),
    /// Problems in the site's files, each located: exit 1.
    Content(Vec<Diagnostic>),
}

impl Failure {
    /// `dir` has no `config.toml`: what `build`, `check` and `serve` all say.
    pub fn no_config(dir: &Path) -> Failure {
        Failure::Usage(format!(
            "no {} in {}: run `yingcai init` to start a site, or pass --root",
            config::CONFIG_FILE,
            dir.display()
        ))
    }
}

/// The time each stage of a build took. Stages run one after the other and each uses every
/// core; `highlight`, `render` and `write` are parts of a stage, summed over its threads.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Reading the config, every content file and the theme.
    pub load: Duration,
    /// The site graph: teams, locations, slugs, listings.
    pub assemble: Duration,
    /// Every Markdown body to HTML.
    pub markdown: Duration,
    /// Part of `markdown`: syntect highlighting code blocks, summed over threads.
    pub highlight: Duration,
    /// Rendering every output and writing it, in one parallel pass.
    pub render_write: Duration,
    /// Part of `render_write`: templates, feeds and JSON, summed over threads.
    pub render: Duration,
    /// Part of `render_write`: writing files, summed over threads.
    pub write: Duration,
    /// Part of `render_write`: building the search index (see [`crate::search`]).
    pub search: Duration,
    /// Swapping the new output in for the old.
    pub commit: Duration,
    /// Hashing the inputs and checking the output, to skip a build with nothing to do.
    pub check: Duration,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// HTML pages written.
    pub pages: usize,
    /// Files written in all.
    pub files: usize,
    /// Postings built (open, closed and drafts).
    pub postings: usize,
    pub open: usize,
    pub teams: usize,
    pub locations: usize,
    pub resumes: usize,
    pub elapsed: Duration,
    pub timings: Timings,
    /// Warnings, and notes about files kept in the output.
    pub warnings: Vec<Diagnostic>,
    pub notes: Vec<String>,
    /// Nothing the output depends on changed since the build that wrote it, and the output is
    /// as that build left it: it was kept, and nothing was written.
    pub up_to_date: bool,
}

/// The pages at postings' earlier addresses, or the errors of aliases that clash with a page.
pub(crate) fn alias_pages(
    renderer: &Renderer,
    site: &Site,
    outputs: &[render::Output],
) -> Result<Vec<site::aliases::Alias>, Vec<Diagnostic>> {
    let paths: std::collections::HashSet<String> = outputs
        .iter()
        .map(|o| renderer.output_path(site, o))
        .collect();
    match site::aliases::aliases(site, &paths) {
        (aliases, errors) if errors.is_empty() => Ok(aliases),
        (_, errors) => Err(errors),
    }
}

/// `yingcai build`: writes the whole site into `output`, atomically.
pub fn build(settings: &Settings, output: &Path) -> Result<BuildReport, Failure> {
    let started = Instant::now();
    // Files changed in the last two seconds are not trusted to show a later write in their
    // times (see `build_record::fingerprint`).
    let since = std::time::SystemTime::now() - Duration::from_secs(2);
    // The record for the next build needs the inputs hashed: a build that runs anyway hashes
    // the content files as it reads them, and reads only the other inputs again (the
    // fingerprint taken after the build still tells whether a file was written meanwhile).
    let reads = build_record::Reads::default();
    let mut inputs = None;
    let (fingerprint, loaded, check_time) = match previous_record(settings, output) {
        Some(previous) => {
            let fingerprint = build_record::fingerprint(settings, since);
            if fingerprint.is_some() && fingerprint == previous.fingerprint {
                return Ok(up_to_date(previous, started));
            }
            inputs = build_record::inputs(settings);
            if inputs == Some(previous.inputs) {
                return Ok(up_to_date(previous, started));
            }
            let check_time = started.elapsed();
            let loaded = Loaded::read_recorded(settings, Some(&reads));
            (fingerprint, loaded, check_time)
        }
        None => {
            // No output to keep: the fingerprint is taken while the content is read. A file
            // written meanwhile has times after `since`, so no fingerprint, or a second one
            // that differs, and then no record.
            let (fingerprint, loaded) = rayon::join(
                || build_record::fingerprint(settings, since),
                || Loaded::read_recorded(settings, Some(&reads)),
            );
            (fingerprint, loaded, Duration::ZERO)
        }
    };
    let mut loaded = loaded?;
    let options = BuildOptions {
        drafts: settings.drafts,
        now: settings.now,
    };
    // The inputs hashed from what was read (when not hashed already), alongside the site
    // graph, which one thread assembles.
    let (hashed, (mut site, mut bodies, mut errors, assemble_time, markdown_time)) = rayon::join(
        || match inputs {
            Some(_) => inputs,
            None => build_record::inputs_read(settings, &reads),
        },
        || loaded.assemble(options),
    );
    inputs = hashed;
    drop(reads);
    if !errors.is_empty() {
        // The warnings of the files that loaded come out in the same run.
        errors.extend(loaded.warnings.iter().cloned());
        return Err(Failure::Content(errors));
    }
    let render_started = Instant::now();
    let outputs = loaded.renderer.outputs(&site);
    let shards = crate::search::term_shards(&site);
    release_markdown(std::mem::take(&mut loaded.content), &mut site);
    let renderer = &loaded.renderer;
    let aliases = alias_pages(renderer, &site, &outputs).map_err(Failure::Content)?;
    let staging =
        output::Staging::begin(&settings.root, output).map_err(|e| Failure::Usage(e.0))?;
    // What the next build needs to tell that nothing changed (left out when an input changed
    // while this build ran, or when there were warnings, which a skipped build could not
    // repeat) is worked out alongside the writing: every input has been read.
    let mut warnings = loaded.warnings.clone();
    warnings.extend(site::lint::without_place(&site));
    let (written, (recorded_inputs, recheck_time)) = rayon::join(
        || {
            output_pass::write_all(
                renderer,
                &staging,
                output,
                &site,
                &mut bodies,
                &outputs,
                &aliases,
                shards,
            )
        },
        || {
            let started = Instant::now();
            let recorded = warnings
                .is_empty()
                .then(|| unchanged_inputs(settings, fingerprint, inputs, since))
                .flatten();
            (recorded, started.elapsed())
        },
    );
    let written = written.map_err(Failure::Content)?;
    let render_write = render_started.elapsed();
    let open = site.jobs.iter().filter(|j| j.is_published()).count();
    let pages = written.pages;
    let counts = [
        pages,
        outputs.len() + aliases.len(),
        site.jobs.len(),
        open,
        site.teams.len(),
        site.locations.len(),
        site.resumes.len(),
    ];
    let record = recorded_inputs.map(|inputs| build_record::Record {
        inputs,
        fingerprint,
        window: build_record::Window::of(&site, settings.now),
        counts,
    });
    let check_time = check_time + recheck_time;
    let commit_started = Instant::now();
    let notes = staging
        .commit_with(record.map(|r| r.to_line()).as_deref())
        .map_err(|e| Failure::Usage(e.0))?;
    let report = BuildReport {
        pages,
        files: outputs.len() + aliases.len(),
        postings: site.jobs.len(),
        open,
        teams: site.teams.len(),
        locations: site.locations.len(),
        resumes: site.resumes.len(),
        elapsed: started.elapsed(),
        timings: Timings {
            load: loaded.load_time,
            assemble: assemble_time,
            markdown: markdown_time,
            highlight: bodies.highlight_time,
            render_write,
            render: written.render,
            write: written.write,
            search: written.search,
            commit: commit_started.elapsed(),
            check: check_time,
        },
        warnings,
        notes,
        up_to_date: false,
    };
    free_in_background((written.shared, site, bodies, loaded, outputs, aliases));
    Ok(report)
}

/// The hash of the inputs to record for the next build, when no input changed while this
/// build ran: the fingerprint taken before reading them (`None` when one changed just
/// before) is taken again now, or else the inputs are hashed again. `inputs` were hashed
/// from what the build read (`None` when one could not be read).
fn unchanged_inputs(
    settings: &Settings,
    fingerprint: Option<build_record::Inputs>,
    inputs: Option<build_record::Inputs>,
    since: std::time::SystemTime,
) -> Option<build_record::Inputs> {
    // Hashed before the fingerprint is taken again: a file written after the first
    // fingerprint, even while it is hashed here, then changes the second.
    let hashed = match fingerprint {
        Some(_) => inputs.or_else(|| build_record::inputs(settings)),
        None => inputs.filter(|&before| build_record::inputs(settings) == Some(before)),
    };
    let unchanged =
        fingerprint.is_none() || build_record::fingerprint(settings, since) == fingerprint;
    hashed.filter(|_| unchanged)
}

/// Frees what a build held on a thread of its own: millions of allocations at 100,000
/// postings, some half a second that the build's caller (a command about to exit) need not
/// wait for. When no thread can be started, the closure, and `held` with it, is freed here.
fn free_in_background<T: Send + 'static>(held: T) {
    let _detached = std::thread::Builder::new()
        .name("yingcai-free".into())
        .spawn(move || drop(held));
}

/// Lets go of the postings' Markdown, which a build reads no more once every body is HTML
/// (and the outputs are counted): the content as loaded, and the text each posting holds,
/// a third of what a large site's build holds. `serve` keeps both, to rebuild from.
fn release_markdown(content: crate::content::Content, site: &mut Site) {
    drop(content);
    for job in &mut site.jobs {
        // The site holds the only reference once the content is gone.
        if let Some(posting) = std::sync::Arc::get_mut(&mut job.posting) {
            posting.source.body = String::new();
        }
    }
}

/// What the build that wrote `output` recorded, when its files are as it wrote them and the
/// postings it built are still open or closed as they were then.
fn previous_record(settings: &Settings, output: &Path) -> Option<build_record::Record> {
    output::check_output_dir(&settings.root, output).ok()?;
    let record =
        build_record::Record::parse(&output::intact_manifest_header(&settings.root, output)?)?;
    record.window.contains(settings.now).then_some(record)
}

/// The report of a build that found nothing changed since `previous`: a full build would
/// write the same bytes.
fn up_to_date(previous: build_record::Record, started: Instant) -> BuildReport {
    let [pages, files, postings, open, teams, locations, resumes] = previous.counts;
    BuildReport {
        pages,
        files,
        postings,
        open,
        teams,
        locations,
        resumes,
        elapsed: started.elapsed(),
        timings: Timings {
            check: started.elapsed(),
            ..Timings::default()
        },
        warnings: Vec::new(),
        notes: Vec::new(),
        up_to_date: true,
    }
}

/// `yingcai check`: everything `build` validates (templates rendered in memory), plus advice;
/// writes nothing. Returns every problem found, errors and warnings.
pub fn check(settings: &Settings) -> Result<Vec<Diagnostic>, Failure> {
    let loaded = match Loaded::read(settings) {
        Ok(l) => l,
        Err(Failure::Content(errors)) => return Ok(errors),
        Err(e) => return Err(e),
    };
    let options = BuildOptions {
        drafts: settings.drafts,
        now: settings.now,
    };
    let (site, bodies, mut problems, _, _) = loaded.assemble(options);
    problems.extend(loaded.warnings.iter().cloned());
    let outputs = loaded.renderer.outputs(&site);
    if !problems.iter().any(Diagnostic::is_error) {
        match loaded.renderer.views(&site, &bodies) {
            Ok(views) => problems.extend(
                outputs
                    .par_iter()
                    .filter_map(|o| loaded.renderer.render(&views, o).err())
                    .collect::<Vec<Diagnostic>>(),
            ),
            Err(e) => problems.push(e),
        }
    }
    // Every file the build would write: its outputs, then the pages at earlier addresses.
    let mut written: std::collections::HashSet<String> = outputs
        .iter()
        .map(|o| loaded.renderer.output_path(&site, o))
        .collect();
    match site::aliases::aliases(&site, &written) {
        (aliases, errors) if errors.is_empty() => {
            written.extend(aliases.into_iter().map(|a| a.path));
            problems.extend(site::links::unresolved(&site, &bodies, &written));
        }
        (_, errors) => problems.extend(errors),
    }
    problems.extend(site::lint::lint(&site, settings.now));
    problems.extend(site::slugs::clashes(&site));
    Ok(problems)
}

/// "Today": `SOURCE_DATE_EPOCH` (seconds since 1970) when set, else the clock.
pub fn today(source_date_epoch: Option<&str>) -> Result<DateTime<Utc>, String> {
    match source_date_epoch {
        Some(s) => s
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|secs| DateTime::from_timestamp(secs, 0))
            .ok_or_else(|| {
                format!("SOURCE_DATE_EPOCH=`{s}` is not a number of seconds since 1970")
            }),
        None => Ok(Utc::now()),
    }
}
