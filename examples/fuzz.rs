//! Fuzzes the loader: random and mutated content files and configs through loading, the site
//! graph, Markdown and rendering, in memory, on the stable toolchain.
//!
//! ```text
//! cargo run --release --example fuzz -- --cases 1000000 [--seed 1]
//! cargo run --release --example fuzz -- --case 1234 [--seed 1]   # one case again, shown
//! ```
//!
//! Prints the figures, and each problem (panic, a refusal without a located message, a render
//! error) with its case number; the inputs go to `target/fuzz-failures/`. Exits 1 on any.

use std::time::Instant;

use yingcai_testkit::fuzz::{Harness, Report};

fn value(args: &[String], name: &str) -> Option<u64> {
    let i = args.iter().position(|a| a == name)?;
    match args
        .get(i + 1)
        .and_then(|v| v.replace('_', "").parse().ok())
    {
        Some(v) => Some(v),
        None => {
            eprintln!("{name} needs a number");
            std::process::exit(2);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seed = value(&args, "--seed").unwrap_or(1);
    let harness = Harness::new(seed);
    if let Some(case) = value(&args, "--case") {
        let mut report = Report::default();
        harness.one(case, &mut report);
        println!("{report:#?}");
        return;
    }
    let cases = value(&args, "--cases").unwrap_or(10_000);
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let started = Instant::now();
    let mut report = Report::default();
    let step = (cases / 10).max(1);
    let mut done = 0;
    while done < cases {
        let n = step.min(cases - done);
        harness.run(done, n, &mut report);
        done += n;
        eprintln!(
            "  {done} cases, {:.0} s, {} panics",
            started.elapsed().as_secs_f64(),
            report.panics
        );
    }
    std::panic::set_hook(hook);
    let secs = started.elapsed().as_secs_f64();
    println!(
        "fuzz: seed {seed}, {} cases in {secs:.1} s ({:.0} cases/s, one thread)",
        report.cases,
        report.cases as f64 / secs
    );
    println!(
        "  accepted {} (rendered {} outputs), rejected {} — panics {}, rejected without a located message {}, render errors {}",
        report.accepted, report.rendered, report.rejected, report.panics, report.unlocated, report.render_errors
    );
    if !report.failures.is_empty() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures");
        let _ = std::fs::create_dir_all(&dir);
        for f in &report.failures {
            println!("case {} ({}): {}", f.case, f.path, f.problem);
            let _ = std::fs::write(dir.join(format!("case-{}.txt", f.case)), &f.input);
        }
        println!("inputs in {}", dir.display());
    }
    if !report.clean() {
        std::process::exit(1);
    }
}
