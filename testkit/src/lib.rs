//! Development support for yingcai, kept out of the product: [`corpus`], the synthetic
//! careers site that the benchmarks (`examples/gen_corpus.rs`, `benches/*.sh`) and
//! `tests/scale.rs` build, and [`fuzz`], the loader fuzz run (`examples/fuzz.rs`,
//! `tests/fuzz.rs`). Both use only yingcai's public API, and draw from one [`rng::Rng`].

pub mod corpus;
pub mod fuzz;
pub mod rng;

use std::path::Path;

/// Copies the folder `from` into `to`, whole, making `to` when missing: a fixture site for a
/// test or benchmark to change. Panics, naming the path, when a file cannot be copied.
pub fn copy_dir(from: &Path, to: &Path) {
    fn fail<T>(path: &Path, e: std::io::Error) -> T {
        panic!("copying {}: {e}", path.display())
    }
    std::fs::create_dir_all(to).unwrap_or_else(|e| fail(to, e));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| fail(from, e)) {
        let entry = entry.unwrap_or_else(|e| fail(from, e));
        let (path, target) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap_or_else(|e| fail(&path, e));
        }
    }
}

/// `text` with every line that starts with `prefix` (a key and ` = `, say) replaced by
/// `line`, each line ending in a newline: one value of a front matter or config file edited.
pub fn set_lines(text: &str, prefix: &str, line: &str) -> String {
    text.lines()
        .map(|l| if l.starts_with(prefix) { line } else { l })
        .flat_map(|l| [l, "\n"])
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn set_lines_replaces_whole_lines_by_prefix() {
        let text = "+++\ntitle = \"a\"\nteam = \"x\"\ntitles = 1\n+++\nbody";
        assert_eq!(
            super::set_lines(text, "title = ", "title = \"b\""),
            "+++\ntitle = \"b\"\nteam = \"x\"\ntitles = 1\n+++\nbody\n"
        );
    }
}
