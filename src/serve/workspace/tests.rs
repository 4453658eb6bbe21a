//! The workspace: reading only what a change touched, and snapshots equal to a build's.

use super::*;
use crate::serve::changes::{classify, plan};
use std::fs;

const POSTING: &str =
    "+++\ntitle = \"Engineer\"\nteam = \"infra\"\ndate = 2026-01-05\n+++\n\nBody.\n";

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "config.toml",
        "title = \"T\"\nbase_url = \"https://example.com/careers/\"\n",
    );
    write(root, "content/jobs/infra/a.md", POSTING);
    write(
        root,
        "content/jobs/b.md",
        POSTING.replace("Engineer", "Manager"),
    );
    dir
}

/// The test site and its workspace.
fn loaded_site() -> (tempfile::TempDir, Workspace) {
    let dir = site();
    let ws = load(dir.path());
    (dir, ws)
}

/// Writes `text` to `path` under `root`, making its folders.
fn write(root: &Path, path: &str, text: impl AsRef<[u8]>) {
    let path = root.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// The workspace of the site at `root`, served from a local origin.
fn load(root: &Path) -> Workspace {
    Workspace::load(root, "http://127.0.0.1:1", false).unwrap()
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_780_000_000, 0).unwrap()
}

/// Tells the workspace that `paths` (under its root) changed; what it applied.
fn changed(ws: &mut Workspace, paths: &[&str]) -> Applied {
    let changes: Vec<_> = paths
        .iter()
        .map(|p| classify(Path::new(p), PathState::of(&ws.root.join(p))))
        .collect();
    ws.apply(&plan(&changes))
}

/// Writes `text` to `path` under the workspace's root and tells it so; what it applied.
fn save(ws: &mut Workspace, path: &str, text: impl AsRef<[u8]>) -> Applied {
    write(&ws.root, path, text);
    changed(ws, &[path])
}

fn outputs(ws: &mut Workspace) -> BTreeMap<String, Vec<u8>> {
    ws.snapshot(now(), None).unwrap().0.render_all().unwrap()
}

/// What `build` makes of the same files, in memory.
fn fresh(root: &Path) -> BTreeMap<String, Vec<u8>> {
    outputs(&mut load(root))
}

#[test]
fn aliases_are_served_too() {
    let dir = site();
    let root = dir.path();
    write(
        root,
        "content/jobs/b.md",
        POSTING.replace("+++\n\n", "aliases = [\"/jobs/old/\"]\n+++\n\n"),
    );
    let built = outputs(&mut load(root));
    let page = String::from_utf8(built["jobs/old/index.html"].clone()).unwrap();
    assert!(
        page.contains("url=http://127.0.0.1:1/careers/jobs/engineer/\""),
        "{page}"
    );
}

#[test]
fn serves_under_the_local_origin_with_the_same_path() {
    let dir = site();
    let ws = Workspace::load(dir.path(), "http://127.0.0.1:4000", false).unwrap();
    assert_eq!(ws.base_path(), Some("/careers/"));
    assert!(ws.problems().is_empty(), "{:?}", ws.problems());
    assert_eq!(ws.content().len(), 2);
}

#[test]
fn a_content_change_reads_only_that_file() {
    let (dir, mut ws) = loaded_site();
    let root = dir.path();
    let applied = save(
        &mut ws,
        "content/jobs/b.md",
        POSTING.replace("Engineer", "Director"),
    );
    assert_eq!(
        applied,
        Applied {
            read: 1,
            changed: true,
            ..Applied::default()
        }
    );
    assert_eq!(outputs(&mut ws), fresh(root));
    // Saved again without a change: nothing to rebuild.
    let applied = changed(&mut ws, &["content/jobs/b.md", "content/jobs/.b.md.swp"]);
    assert!(!applied.changed);
    let applied = changed(&mut ws, &["templates/x.html"]);
    assert!(applied.changed, "a theme reload may change anything");
}

#[test]
fn a_snapshot_renders_only_what_is_asked_for() {
    let dir = site();
    let root = dir.path();
    let ws = load(root);
    let (snapshot, _) = ws.snapshot(now(), None).unwrap();
    assert!(snapshot.contains("jobs/engineer/index.html"));
    assert!(snapshot.get("jobs/nope/index.html").is_none());
    let page = snapshot.get("jobs/engineer/index.html").unwrap().unwrap();
    let again = snapshot.get("jobs/engineer/index.html").unwrap().unwrap();
    assert!(Arc::ptr_eq(&page, &again), "kept once rendered");
    assert_eq!(
        snapshot.render_all().unwrap()["jobs/engineer/index.html"],
        *page
    );
    // A template edit is seen by the next snapshot, not by the one already made.
    fs::create_dir_all(root.join("templates")).unwrap();
    write(root, "templates/404.html", "<p>gone</p>");
    let mut ws = ws;
    changed(&mut ws, &["templates/404.html"]);
    assert_ne!(&*snapshot.get("404.html").unwrap().unwrap(), b"<p>gone</p>");
    assert_eq!(outputs(&mut ws)["404.html"], b"<p>gone</p>");
    assert_eq!(outputs(&mut ws), fresh(root));
}

#[test]
fn an_edit_in_place_patches_the_snapshot_before_and_equals_a_fresh_build() {
    let (dir, mut ws) = loaded_site();
    let root = dir.path();
    let (first, made) = ws.snapshot(now(), None).unwrap();
    assert!(!made.patched);
    let edit = POSTING
        .replace("Body.", "A new body.")
        .replace("+++\n\n", "level = \"P7\"\n+++\n\n");
    save(&mut ws, "content/jobs/infra/a.md", &edit);
    let (second, made) = ws.snapshot(now(), Some(&first)).unwrap();
    assert!(made.patched, "body and level: the graph is as it was");
    assert_eq!(second.render_all().unwrap(), fresh(root));
    // A new title moves the posting: the whole graph is made again.
    save(
        &mut ws,
        "content/jobs/infra/a.md",
        edit.replace("Engineer", "Architect"),
    );
    let (third, made) = ws.snapshot(now(), Some(&second)).unwrap();
    assert!(!made.patched);
    assert_eq!(third.render_all().unwrap(), fresh(root));
    // Two files at once, or a template: the whole graph too.
    changed(&mut ws, &["templates/x.html"]);
    assert!(!ws.snapshot(now(), Some(&third)).unwrap().1.patched);
}

#[test]
fn an_error_is_kept_until_fixed_and_deletion_clears_it() {
    let (dir, mut ws) = loaded_site();
    let root = dir.path();
    save(&mut ws, "content/jobs/b.md", "+++\ntitel = \"x\"\n+++\n");
    let problems = ws.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, Path::new("content/jobs/b.md"));
    assert!(ws.snapshot(now(), None).is_err());
    fs::remove_file(root.join("content/jobs/b.md")).unwrap();
    changed(&mut ws, &["content/jobs/b.md"]);
    assert!(ws.problems().is_empty());
    assert_eq!(outputs(&mut ws), fresh(root));
}

#[test]
fn renamed_and_deleted_folders() {
    let (dir, mut ws) = loaded_site();
    let root = dir.path();
    fs::rename(
        root.join("content/jobs/infra"),
        root.join("content/jobs/platform"),
    )
    .unwrap();
    let applied = changed(&mut ws, &["content/jobs/infra", "content/jobs/platform"]);
    assert_eq!((applied.read, applied.dropped), (1, 1));
    assert!(ws
        .content()
        .get(Path::new("content/jobs/platform/a.md"))
        .is_some());
    assert_eq!(outputs(&mut ws), fresh(root));
    fs::remove_dir_all(root.join("content/jobs/platform")).unwrap();
    changed(&mut ws, &["content/jobs/platform"]);
    assert_eq!(ws.content().len(), 1);
    assert_eq!(outputs(&mut ws), fresh(root));
}

#[test]
fn config_and_theme_problems_then_recovery() {
    let (dir, mut ws) = loaded_site();
    let root = dir.path();
    save(
        &mut ws,
        "config.toml",
        "title = \"T\"\nbase_url = \"https://example.com/careers/\"\nthme = \"x\"\n",
    );
    assert!(
        ws.problems()[0].message.contains("theme"),
        "{:?}",
        ws.problems()
    );
    save(
        &mut ws,
        "config.toml",
        "title = \"T2\"\nbase_url = \"https://example.com/jobs/\"\n",
    );
    assert_eq!(ws.base_path(), Some("/jobs/"));
    fs::create_dir_all(root.join("templates")).unwrap();
    save(&mut ws, "templates/404.html", "{% if %}");
    assert_eq!(ws.problems()[0].path, Path::new("templates/404.html"));
    save(&mut ws, "templates/404.html", "gone");
    let built = outputs(&mut ws);
    assert_eq!(built["404.html"], b"gone");
    assert_eq!(built, fresh(root));
}

#[test]
fn no_config_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        Workspace::load(dir.path(), "http://127.0.0.1:1", false),
        Err(Failure::Usage(_))
    ));
}
