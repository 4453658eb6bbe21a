//! The `yingcai` command: argument parsing, printing and exit codes around the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use yingcai::init::StarterKind;
use yingcai::{Failure, Settings};

#[derive(Parser)]
#[command(
    name = "yingcai",
    version,
    about = "英才 — static careers sites and resumes from Markdown"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (atomically).
    Build {
        /// The site's folder (holding config.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Replace config.toml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// Include draft postings.
        #[arg(long)]
        drafts: bool,
        /// Print the time of each build stage.
        #[arg(long)]
        timings: bool,
    },
    /// Serve the site from memory, rebuild on every change, and reload open pages.
    Serve {
        /// The site's folder (holding config.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The address to listen on; anything but loopback makes the site public.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// The port to listen on (0: any free port).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Include draft postings.
        #[arg(long)]
        drafts: bool,
        /// Open the site in the browser.
        #[arg(long)]
        open: bool,
        /// Also answer requests for this host name (repeatable); by default only the bound
        /// address, localhost, 127.0.0.1 and [::1] are.
        #[arg(long = "allow-host", value_name = "NAME")]
        allow_host: Vec<String>,
    },
    /// Check everything a build reads, and give advice; writes nothing.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Check draft postings too.
        #[arg(long)]
        drafts: bool,
    },
    /// Write a starter site.
    Init {
        /// The folder to create the site in.
        #[arg(default_value = ".")]
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = Kind::Careers)]
        kind: Kind,
    },
    /// Import content written for another generator.
    Import {
        #[command(subcommand)]
        from: ImportFrom,
    },
}

#[derive(Subcommand)]
enum ImportFrom {
    /// Split a single Jekyll careers page (one `###` heading per posting) into posting files.
    Jekyll {
        /// The page to import.
        file: PathBuf,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    Careers,
    Resume,
}

/// Rendering allocates many small strings and frees them across threads; mimalloc does that
/// faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Content(diagnostics)) => {
            let (n, _) = yingcai::diagnostic::print(&diagnostics);
            eprintln!(
                "error: {n} problem{} found; nothing was written",
                if n == 1 { "" } else { "s" }
            );
            ExitCode::from(1)
        }
    }
}

/// Prints each problem once, sorted; returns how many errors and warnings were printed.
/// `1 team`, `2 teams`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `build --timings`: each stage's wall time; parts of a parallel stage as time summed over
/// its threads, which may exceed the stage's wall time.
fn print_timings(report: &yingcai::BuildReport) {
    let t = &report.timings;
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    let threads = rayon::current_num_threads();
    println!(
        "  check         {:>8.1} ms   (hashing inputs, checking the output)",
        ms(t.check)
    );
    if report.up_to_date {
        return;
    }
    println!("  load          {:>8.1} ms", ms(t.load));
    println!("  assemble      {:>8.1} ms", ms(t.assemble));
    println!(
        "  markdown      {:>8.1} ms   (highlight {:.1} ms, summed over {threads} threads)",
        ms(t.markdown),
        ms(t.highlight)
    );
    println!(
        "  render+write  {:>8.1} ms   (render {:.1} ms + write {:.1} ms, summed over {threads} threads)",
        ms(t.render_write),
        ms(t.render),
        ms(t.write)
    );
    println!(
        "  search index  {:>8.1} ms   (part of render+write)",
        ms(t.search)
    );
    println!("  commit        {:>8.1} ms", ms(t.commit));
}

fn settings(root: PathBuf, base_url: Option<String>, drafts: bool) -> Result<Settings, Failure> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let now = yingcai::today(epoch.as_deref()).map_err(Failure::Usage)?;
    Ok(Settings {
        root,
        base_url,
        drafts,
        now,
    })
}

fn run(command: Command) -> Result<ExitCode, Failure> {
    match command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            timings,
        } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            let report = yingcai::build(&settings(root, base_url, drafts)?, &output)?;
            yingcai::diagnostic::print(&report.warnings);
            for note in &report.notes {
                eprintln!("note: {note}");
            }
            println!(
                "{} {} ({}, {} open; {}; {}; {}) in {} ms → {}",
                if report.up_to_date {
                    "up to date (nothing changed):"
                } else {
                    "built"
                },
                count(report.pages, "page", "pages"),
                count(report.postings, "posting", "postings"),
                report.open,
                count(report.teams, "team", "teams"),
                count(report.locations, "location", "locations"),
                count(report.resumes, "resume", "resumes"),
                report.elapsed.as_millis(),
                output.display()
            );
            if timings {
                print_timings(&report);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            root,
            bind,
            port,
            drafts,
            open,
            allow_host,
        } => {
            let now = match std::env::var("SOURCE_DATE_EPOCH") {
                Ok(epoch) => Some(yingcai::today(Some(&epoch)).map_err(Failure::Usage)?),
                Err(_) => None,
            };
            let options = yingcai::serve::ServeOptions {
                root,
                bind,
                port,
                drafts,
                open,
                now,
                allow_hosts: allow_host,
            };
            yingcai::serve::run(&options)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { root, drafts } => {
            let problems = yingcai::check(&settings(root, None, drafts)?)?;
            let (errors, warnings) = yingcai::diagnostic::print(&problems);
            println!("checked: {errors} error(s), {warnings} warning(s)");
            Ok(if errors > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Init { dir, kind } => {
            let kind = match kind {
                Kind::Careers => StarterKind::Careers,
                Kind::Resume => StarterKind::Resume,
            };
            let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
            let today = yingcai::today(epoch.as_deref()).map_err(Failure::Usage)?;
            let written =
                yingcai::init::init(&dir, kind, today.date_naive()).map_err(Failure::Usage)?;
            for path in &written {
                println!("created {}", dir.join(path).display());
            }
            if dir == Path::new(".") {
                println!("next: yingcai build");
            } else {
                println!("next: cd {} && yingcai build", dir.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            from: ImportFrom::Jekyll { file, root },
        } => import_jekyll(&file, &root),
    }
}

fn import_jekyll(file: &Path, root: &Path) -> Result<ExitCode, Failure> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", file.display())))?;
    let now = settings(root.to_path_buf(), None, false)?.now;
    let plan = yingcai::import::jekyll::plan(&text, &now.format("%Y-%m-%d").to_string());
    let shown = file.display();
    for f in &plan.inferred {
        println!("{shown}:{}:1: inferred: {}", f.line, f.message);
    }
    for f in &plan.missing {
        println!("{shown}:{}:1: not found: {}", f.line, f.message);
    }
    for f in &plan.risky {
        eprintln!("{shown}:{}:{}: warning: {}", f.line, f.column, f.message);
    }
    if plan.postings() == 0 {
        eprintln!("error: no posting found in {shown}: each posting starts at a `### ` heading; nothing was written");
        return Ok(ExitCode::from(1));
    }
    let mut written = 0;
    for imported in &plan.files {
        let target = root.join(&imported.path);
        if target.exists() {
            println!("kept {} (exists; not overwritten)", target.display());
            continue;
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Failure::Usage(format!("cannot create {}: {e}", parent.display())))?;
        }
        std::fs::write(&target, &imported.contents)
            .map_err(|e| Failure::Usage(format!("cannot write {}: {e}", target.display())))?;
        println!("created {}", target.display());
        written += 1;
    }
    println!("imported {} file(s) from {shown}", written);
    Ok(ExitCode::SUCCESS)
}
