//! A build with nothing to do keeps the output as it is; every other build writes it anew.
//! Either way the output is byte for byte what a full build into an empty folder writes.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::{assert_stdout, snapshot, without_times, yingcai, Site, TODAY_EPOCH};

/// Builds into a fresh folder with the same arguments: what the output must equal.
fn fresh_build(
    site: &Site,
    extra: &[&str],
    epoch: &str,
) -> std::collections::BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("public");
    let mut args = vec!["build", "--output", target.to_str().unwrap()];
    args.extend_from_slice(extra);
    build_at(site.root(), &args, epoch);
    without_manifest(snapshot(&target))
}

fn without_manifest(
    mut files: std::collections::BTreeMap<String, Vec<u8>>,
) -> std::collections::BTreeMap<String, Vec<u8>> {
    files.remove(".yingcai-manifest");
    files
}

/// Runs the binary in `root` at `epoch`; the run must succeed.
fn build_at(root: &Path, args: &[&str], epoch: &str) -> std::process::Output {
    let run = Command::new(env!("CARGO_BIN_EXE_yingcai"))
        .args(args)
        .current_dir(root)
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .expect("the yingcai binary runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    run
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Builds `site` (with `extra` arguments) at `epoch`; whether the build found nothing to do.
fn rebuild(site: &Site, extra: &[&str], epoch: &str) -> bool {
    let mut args = vec!["build"];
    args.extend_from_slice(extra);
    let run = build_at(site.root(), &args, epoch);
    let out = stdout(&run);
    assert_eq!(
        without_manifest(snapshot(&site.public())),
        fresh_build(site, extra, epoch),
        "output differs from a fresh build after:\n{out}"
    );
    out.starts_with("up to date")
}

/// A site with a posting that closes on 2026-12-31, and one that closed before "today".
fn site() -> Site {
    Site::basic_with(&[
        (
            "content/jobs/closing.md",
            "+++\ntitle = \"前端工程师\"\nteam = \"infra\"\ndate = 2026-11-01\nvalid_through = 2026-12-31\nlocations = [\"上海市\"]\n+++\n正文。\n",
        ),
        (
            "content/jobs/closed.md",
            "+++\ntitle = \"测试工程师\"\nteam = \"infra\"\ndate = 2026-09-01\nvalid_through = 2026-10-31\n+++\n已结束。\n",
        ),
    ])
}

/// The output's files change time only on a later clock tick than the build's own writes.
/// A sleep, not a wait on a condition: what it waits for is the clock, so that file times
/// differ.
fn after_a_tick() {
    std::thread::sleep(Duration::from_millis(30));
}

#[test]
fn nothing_changed_keeps_the_output() {
    let site = site();
    assert!(
        !rebuild(&site, &[], TODAY_EPOCH),
        "a first build does the work"
    );
    let before = snapshot(&site.public());
    assert!(rebuild(&site, &[], TODAY_EPOCH), "nothing changed");
    assert_eq!(
        snapshot(&site.public()),
        before,
        "the output, manifest included, is untouched"
    );
    let run = yingcai(&["build", "--timings"], site.root());
    assert_eq!(
        without_times(run.stdout.lines().next().unwrap_or("")),
        "up to date (nothing changed): 11 pages (3 postings, 2 open; 1 team; 3 locations; 0 resumes) in N ms → ./public",
        "{}",
        run.stdout
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no staging folder is left: {leftovers:?}"
    );
}

#[test]
fn settled_inputs_are_checked_by_their_metadata_and_still_see_a_change() {
    let site = site();
    // Files written in the last two seconds are hashed; older ones are compared by metadata.
    // A sleep, not a wait on a condition: the files must grow older than that.
    std::thread::sleep(Duration::from_millis(2100));
    assert!(!rebuild(&site, &[], TODAY_EPOCH));
    assert!(rebuild(&site, &[], TODAY_EPOCH), "nothing changed");
    let header =
        std::fs::read_to_string(yingcai::output::manifest_path(site.root(), &site.public()))
            .unwrap();
    let fields: Vec<&str> = header
        .lines()
        .find(|l| l.starts_with('#'))
        .unwrap()
        .split(' ')
        .collect();
    assert_ne!(fields[2], "-", "settled inputs are fingerprinted: {header}");
    // The same number of bytes, written at once after the check.
    let path = site.root().join("content/jobs/backend.md");
    let text = std::fs::read_to_string(&path).unwrap();
    site.write("content/jobs/backend.md", &text.replace("存储", "计算"));
    assert!(
        !rebuild(&site, &[], TODAY_EPOCH),
        "a same-size edit builds again"
    );
    assert!(site.read_job("后端工程师").contains("负责计算系统"));
}

#[test]
fn any_change_to_an_input_builds_again() {
    let site = site();
    rebuild(&site, &[], TODAY_EPOCH);
    site.write(
        "content/jobs/backend.md",
        &std::fs::read_to_string(site.root().join("content/jobs/backend.md"))
            .unwrap()
            .replace("负责存储系统", "负责计算系统"),
    );
    assert!(!rebuild(&site, &[], TODAY_EPOCH), "a posting changed");
    assert!(rebuild(&site, &[], TODAY_EPOCH));
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p>没有这个页面</p>{% endblock main %}",
    );
    assert!(!rebuild(&site, &[], TODAY_EPOCH), "a template was added");
    site.write("static/CNAME", "jobs.example.com\n");
    assert!(!rebuild(&site, &[], TODAY_EPOCH), "a static file was added");
    std::fs::remove_file(site.root().join("content/jobs/closing.md")).unwrap();
    assert!(!rebuild(&site, &[], TODAY_EPOCH), "a posting was removed");
    site.write(
        "config.toml",
        &format!("{}\n[extra]\nslogan = \"x\"\n", common::BASIC_CONFIG),
    );
    assert!(!rebuild(&site, &[], TODAY_EPOCH), "the config changed");
    assert!(rebuild(&site, &[], TODAY_EPOCH));
}

#[test]
fn other_arguments_build_again() {
    let site = site();
    rebuild(&site, &[], TODAY_EPOCH);
    assert!(!rebuild(&site, &["--drafts"], TODAY_EPOCH));
    assert!(rebuild(&site, &["--drafts"], TODAY_EPOCH));
    assert!(!rebuild(
        &site,
        &["--base-url", "https://jobs.example.com/"],
        TODAY_EPOCH
    ));
    assert!(!rebuild(&site, &[], TODAY_EPOCH));
}

#[test]
fn a_posting_closing_builds_again() {
    let site = site();
    rebuild(&site, &[], TODAY_EPOCH);
    // 2026-12-20: every posting is as it was.
    assert!(rebuild(&site, &[], "1797768000"));
    // 2027-01-01 12:00 UTC: "前端工程师" closed at the end of 2026-12-31.
    assert!(!rebuild(&site, &[], "1798804800"));
    assert!(site.read("jobs/前端工程师/index.html").contains("noindex"));
    // The clock set back before "测试工程师" closed: it is open again.
    assert!(!rebuild(&site, &[], "1790000000"));
}

#[test]
fn a_changed_or_missing_output_file_builds_again() {
    let site = site();
    rebuild(&site, &[], TODAY_EPOCH);
    after_a_tick();
    let index = site.public().join("index.html");
    let text = std::fs::read_to_string(&index).unwrap();
    // Same size, other bytes.
    std::fs::write(&index, text.replacen("加入我们", "加入他们", 1)).unwrap();
    assert!(
        !rebuild(&site, &[], TODAY_EPOCH),
        "an edited page is written again"
    );
    std::fs::remove_file(site.public().join("feed.xml")).unwrap();
    assert!(
        !rebuild(&site, &[], TODAY_EPOCH),
        "a deleted file is written again"
    );
    std::fs::write(site.public().join("CNAME"), "jobs.example.com\n").unwrap();
    let run = yingcai(&["build"], site.root());
    // A file of the user's own changes nothing.
    assert_stdout(
        &run,
        "up to date (nothing changed): 11 pages (3 postings, 2 open; 1 team; 3 locations; 0 resumes) in N ms → ./public\n",
    );
    assert_eq!(site.read("CNAME"), "jobs.example.com\n");
}

#[test]
fn a_site_with_warnings_always_builds() {
    let site = site();
    site.write("content/notes.md", "stray\n");
    for _ in 0..2 {
        let run = yingcai(&["build"], site.root());
        assert_stdout(&run, "built 11 pages (3 postings, 2 open; 1 team; 3 locations; 0 resumes) in N ms → ./public\n");
        assert_eq!(run.stderr, "content/notes.md:1:1: warning: ignored: content files go in content/jobs/, content/teams/ or content/resumes/\n", "the warning is shown every time");
    }
}
