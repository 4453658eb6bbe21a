//! Tests of the build record: input hashes, fingerprints and the window of "today".

use super::*;

/// The hash is written to disk and read by later builds, possibly of another yingcai
/// or Rust release: its value for given input never changes.
#[test]
fn the_recorded_hash_has_a_fixed_definition() {
    let mut h = Hash128::new();
    h.path(Path::new("content/jobs/a.md"));
    h.u64(7);
    h.bytes("工程师".as_bytes());
    assert_eq!(h.finish(), (6465807374430457279, 3155401472898065845));
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn settings(root: &Path) -> Settings {
    Settings {
        root: root.to_path_buf(),
        base_url: None,
        drafts: false,
        now: Utc::now(),
    }
}

#[test]
fn hashes_taken_while_reading_are_those_of_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let jobs = dir.path().join("content/jobs");
    std::fs::create_dir_all(&jobs).unwrap();
    std::fs::create_dir_all(dir.path().join("static")).unwrap();
    std::fs::write(dir.path().join("config.toml"), "title = \"x\"\n").unwrap();
    std::fs::write(jobs.join("a.md"), "+++\ntitle = \"后端\"\n+++\n正文\n").unwrap();
    std::fs::write(jobs.join("b.md"), "+++\ntitle = \"前端\"\n+++\n正文\n").unwrap();
    std::fs::write(dir.path().join("static/CNAME"), "jobs.example.com\n").unwrap();
    let settings = settings(dir.path());
    let reads = Reads::default();
    crate::content::Content::load_recorded(dir.path(), Some(&reads));
    assert_eq!(reads.0.lock().unwrap().len(), 2, "both postings noted");
    assert_eq!(inputs_read(&settings, &reads), inputs(&settings));
    // What was read is what is hashed: bytes read before a change stand for the file.
    std::fs::write(jobs.join("a.md"), "+++\ntitle = \"测试\"\n+++\n正文\n").unwrap();
    assert_ne!(inputs_read(&settings, &reads), inputs(&settings));
    // A file the build did not read is read now.
    let empty = Reads::default();
    assert_eq!(inputs_read(&settings, &empty), inputs(&settings));
}

#[test]
fn fingerprints_see_every_write_and_distrust_fresh_files() {
    let dir = tempfile::tempdir().unwrap();
    let posting = dir.path().join("content/jobs/a.md");
    std::fs::create_dir_all(posting.parent().unwrap()).unwrap();
    std::fs::write(dir.path().join("config.toml"), "title = \"x\"\n").unwrap();
    std::fs::write(&posting, "+++\ntitle = \"后端\"\n+++\n正文\n").unwrap();
    let settings = settings(dir.path());
    let later = SystemTime::now() + Duration::from_secs(3600);
    let first = fingerprint(&settings, later).expect("older files are trusted");
    assert_eq!(
        fingerprint(&settings, later),
        Some(first),
        "reads change nothing"
    );
    assert_eq!(
        fingerprint(&settings, UNIX_EPOCH),
        None,
        "files changed since `since` give no fingerprint"
    );
    let hash = inputs(&settings).unwrap();
    // Same length, same bytes: the write alone changes the fingerprint, not the hash.
    std::fs::write(&posting, "+++\ntitle = \"后端\"\n+++\n正文\n").unwrap();
    assert_ne!(fingerprint(&settings, later), Some(first));
    assert_eq!(inputs(&settings), Some(hash));
    std::fs::write(&posting, "+++\ntitle = \"前端\"\n+++\n正文\n").unwrap();
    assert_ne!(inputs(&settings), Some(hash), "same length, other bytes");
}

#[test]
fn record_round_trips() {
    let record = Record {
        inputs: Inputs(1, u64::MAX),
        fingerprint: Some(Inputs(7, 8)),
        window: Window {
            after: Some(at("2026-11-01T23:59:59Z")),
            until: None,
        },
        counts: [1, 2, 3, 4, 5, 6, 7],
    };
    let line = record.to_line();
    assert!(line.starts_with('#') && !line.contains('\n'));
    assert_eq!(Record::parse(&line), Some(record.clone()));
    let untrusted = Record {
        fingerprint: None,
        ..record
    };
    assert_eq!(Record::parse(&untrusted.to_line()), Some(untrusted));
    assert_eq!(Record::parse("#yingcai-build-2 zz"), None);
    assert_eq!(Record::parse("index.html"), None);
}

#[test]
fn window_bounds_are_the_nearest_closings() {
    let window = Window {
        after: Some(at("2026-11-01T23:59:59Z")),
        until: Some(at("2026-12-01T23:59:59Z")),
    };
    assert!(window.contains(at("2026-11-22T12:00:00Z")));
    assert!(window.contains(at("2026-12-01T23:59:59Z")));
    assert!(!window.contains(at("2026-12-02T00:00:00Z")));
    assert!(!window.contains(at("2026-11-01T23:59:59Z")));
    assert!(Window {
        after: None,
        until: None
    }
    .contains(at("1999-01-01T00:00:00Z")));
}
