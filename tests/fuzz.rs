//! A short fuzz round on every test run: random and mutated content and configs never panic,
//! every refusal names a place in its file, and every accepted input renders.

use yingcai_testkit::fuzz::{Harness, Report};

#[test]
fn a_short_fuzz_round_finds_nothing() {
    let seed = std::env::var("YINGCAI_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(7);
    let mut report = Report::default();
    Harness::new(seed).run(0, 3000, &mut report);
    assert!(report.accepted > 100 && report.rejected > 100, "{report:?}");
    assert!(
        report.rendered > 1000,
        "accepted inputs reach the templates: {report:?}"
    );
    assert!(
        report.clean(),
        "seed {seed}: {} panics, {} unlocated, {} render errors; first: {:#?}",
        report.panics,
        report.unlocated,
        report.render_errors,
        report.failures.first()
    );
}
