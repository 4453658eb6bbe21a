//! Writes a synthetic careers site for benchmarks, the same every time for the same arguments:
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --postings 10000 --seed 1 --out /tmp/site
//! ```
//!
//! `--today YYYY-MM-DD` fixes the day the site is meant to be built on (default: the day of
//! `SOURCE_DATE_EPOCH`, else today); most postings close after it, about one in nine before.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use yingcai_testkit::corpus::{self, Spec};

const USAGE: &str = "usage: gen_corpus --postings N [--seed S] --out DIR [--today YYYY-MM-DD]";

fn parse(args: &[String]) -> Result<(Spec, PathBuf), String> {
    let mut postings = None;
    let mut seed = 1u64;
    let mut out = None;
    let mut today = None;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || {
            it.next()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match flag.as_str() {
            "--postings" => {
                postings = Some(
                    value()?
                        .parse::<usize>()
                        .map_err(|e| format!("--postings: {e}"))?,
                )
            }
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--out" => out = Some(PathBuf::from(value()?)),
            "--today" => {
                today = Some(
                    NaiveDate::parse_from_str(value()?, "%Y-%m-%d")
                        .map_err(|e| format!("--today: {e}"))?,
                )
            }
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let today = match today {
        Some(d) => d,
        None => yingcai::today(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())?.date_naive(),
    };
    let postings = postings.ok_or_else(|| format!("--postings is required\n{USAGE}"))?;
    let out = out.ok_or_else(|| format!("--out is required\n{USAGE}"))?;
    Ok((
        Spec {
            postings,
            seed,
            today,
        },
        out,
    ))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (spec, out) = match parse(&args) {
        Ok(p) => p,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    if out.join("content").exists() || out.join("config.toml").exists() {
        eprintln!(
            "{} already holds a site: remove it or choose another --out",
            out.display()
        );
        return ExitCode::from(2);
    }
    match corpus::write(&spec, &out) {
        Ok(s) => {
            println!(
                "wrote {} postings ({} open, {} closed, {} drafts, {} with code), {} teams, {} locations, {} resumes: {:.1} MB in {}",
                s.postings,
                s.open,
                s.closed,
                s.drafts,
                s.code_blocks,
                s.teams,
                s.locations,
                s.resumes,
                s.bytes as f64 / 1e6,
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot write {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}
