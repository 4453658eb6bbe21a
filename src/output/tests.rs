//! Tests of the staging folder and its swap into place.

use super::*;

/// A project folder and its output folder, `public`, not made yet.
fn project() -> (tempfile::TempDir, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("public");
    (root, out)
}

/// One build into `out` of `files` (path, bytes), committed; its notes.
fn build(root: &Path, out: &Path, files: &[(&str, &[u8])]) -> Vec<String> {
    let s = Staging::begin(root, out).unwrap();
    for (path, bytes) in files {
        s.write(path, bytes).unwrap();
    }
    s.commit().unwrap()
}

#[track_caller]
fn assert_text(path: &Path, text: &str) {
    assert_eq!(fs::read_to_string(path).unwrap(), text);
}

/// Writes a file of the user's, `notes.txt`, into `out`.
fn users_notes(out: &Path) {
    fs::create_dir_all(out).unwrap();
    fs::write(out.join("notes.txt"), "precious").unwrap();
}

#[test]
fn commit_replaces_and_keeps_foreign_files() {
    let (root, out) = project();
    build(
        root.path(),
        &out,
        &[("index.html", b"one"), ("jobs/杭州/index.html", b"x")],
    );
    assert_text(&out.join("index.html"), "one");
    fs::write(out.join("CNAME"), "jobs.example.com").unwrap();

    let notes = build(root.path(), &out, &[("index.html", b"two")]);
    assert_text(&out.join("index.html"), "two");
    assert!(!out.join("jobs").exists(), "stale build files go");
    assert_text(&out.join("CNAME"), "jobs.example.com");
    assert_eq!(notes.len(), 1);
}

#[test]
fn an_abandoned_build_leaves_the_old_output() {
    let (root, out) = project();
    build(root.path(), &out, &[("index.html", b"one")]);
    let s = Staging::begin(root.path(), &out).unwrap();
    s.write("index.html", b"broken").unwrap();
    drop(s);
    assert_text(&out.join("index.html"), "one");
    let leftovers: Vec<_> = fs::read_dir(root.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n != BOOKKEEPING_DIR)
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
}

#[test]
fn refuses_folders_it_did_not_write() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("mine");
    users_notes(&out);
    assert!(Staging::begin(root.path(), &out).is_err());
    assert!(Staging::begin(root.path(), root.path()).is_err());
    fs::create_dir_all(root.path().join("content")).unwrap();
    assert!(Staging::begin(root.path(), &root.path().join("content")).is_err());
    assert_text(&out.join("notes.txt"), "precious");
}

#[test]
fn the_output_holds_only_the_site_and_is_recognised_by_identity() {
    let (root, out) = project();
    let s = Staging::begin(root.path(), &out).unwrap();
    s.write("index.html", b"one").unwrap();
    s.commit_with(Some("#record")).unwrap();
    let names: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, ["index.html"], "no bookkeeping in the output");
    assert!(manifest_path(root.path(), &out).is_file());
    assert_eq!(
        intact_manifest_header(root.path(), &out).as_deref(),
        Some("#record")
    );
    // Built again: still ours.
    build(root.path(), &out, &[("index.html", b"two")]);
    assert!(Staging::begin(root.path(), &out).is_ok());
    // A folder made anew where the output was is someone else's.
    fs::remove_dir_all(&out).unwrap();
    users_notes(&out);
    assert!(Staging::begin(root.path(), &out).is_err());
    assert_text(&out.join("notes.txt"), "precious");
}

#[test]
fn an_output_of_an_earlier_version_is_taken_over() {
    let (root, out) = project();
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("index.html"), "old").unwrap();
    fs::write(out.join("CNAME"), "jobs.example.com").unwrap();
    fs::write(out.join(LEGACY_MANIFEST), "#x\nindex.html\t3\t1.1\n").unwrap();
    let notes = build(root.path(), &out, &[("index.html", b"new")]);
    assert_eq!(notes.len(), 1, "CNAME is kept: {notes:?}");
    assert!(!out.join(LEGACY_MANIFEST).exists());
    assert_text(&out.join("CNAME"), "jobs.example.com");
}

#[test]
fn rejects_paths_that_escape() {
    let (root, out) = project();
    let s = Staging::begin(root.path(), &out).unwrap();
    assert!(s.write("../evil", b"x").is_err());
    assert!(s.write("/etc/x", b"x").is_err());
}
