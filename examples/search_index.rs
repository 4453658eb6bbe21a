//! Times building the search index of a site alone, for `benches/search.sh`:
//!
//! ```sh
//! cargo run --release --example search_index -- SITE_DIR [RUNS]
//! ```
//!
//! Loads the site, renders its Markdown and its cards as a build does, then builds the index
//! RUNS times (default 5) on all cores and once on one thread. Prints the fastest wall time on
//! all cores (what the index adds to a build whose other work is done) and the one-thread
//! time (its CPU cost). With `SEARCH_INDEX_OUT=DIR` it also writes the index's files into DIR,
//! to compare what two builds of yingcai write.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use yingcai::site::BuildOptions;
use yingcai::{Loaded, Settings};

/// The allocator the `yingcai` binary uses, so the figures are a build's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: search_index SITE_DIR [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let settings = Settings {
        root,
        base_url: None,
        drafts: false,
        now: yingcai::today(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref()).unwrap_or_else(
            |e| {
                eprintln!("search_index: {e}");
                std::process::exit(2)
            },
        ),
    };
    let loaded = match Loaded::read(&settings) {
        Ok(l) => l,
        Err(_) => {
            eprintln!("search_index: the site does not build; run `yingcai check` on it");
            std::process::exit(1);
        }
    };
    let options = BuildOptions {
        drafts: false,
        now: settings.now,
    };
    let (site, bodies, ..) = loaded.assemble(options);
    let views = loaded.renderer.views_without_search(&site, &bodies);
    let cards = views.cards().expect("cards render");
    let shards = yingcai::search::term_shards(&site);
    let time = |threads: Option<usize>| -> (Duration, usize) {
        let run = || {
            let started = Instant::now();
            let files = loaded.renderer.search_index(&site, &bodies, &cards, shards);
            let bytes = files.meta.len()
                + files.terms.iter().map(Vec::len).sum::<usize>()
                + files.docs.iter().map(Vec::len).sum::<usize>();
            (started.elapsed(), bytes)
        };
        match threads {
            None => run(),
            Some(n) => rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .expect("a thread pool")
                .install(run),
        }
    };
    let mut best = Duration::MAX;
    let mut bytes = 0;
    for _ in 0..runs {
        let (t, b) = time(None);
        best = best.min(t);
        bytes = b;
    }
    let (one, _) = time(Some(1));
    if let Some(dir) = std::env::var_os("SEARCH_INDEX_OUT").map(PathBuf::from) {
        // The files themselves, to compare two builds of yingcai.
        let files = loaded.renderer.search_index(&site, &bodies, &cards, shards);
        std::fs::create_dir_all(&dir).expect("the folder is made");
        std::fs::write(dir.join("meta.json"), &files.meta).expect("written");
        for (i, f) in files.terms.iter().chain(&files.docs).enumerate() {
            std::fs::write(dir.join(format!("{i}.json")), f).expect("written");
        }
    }
    println!(
        "search index alone: {:.1} ms on {} threads (fastest of {runs}), {:.1} ms on one thread, {:.1} MB written, {} postings",
        best.as_secs_f64() * 1000.0,
        rayon::current_num_threads(),
        one.as_secs_f64() * 1000.0,
        bytes as f64 / 1_048_576.0,
        site.jobs.len()
    );
}
