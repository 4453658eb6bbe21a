//! The modules of `src/` depend on each other one way: every `crate::X` path in a top-level
//! module's files (its tests included) names a module of a lower layer, so there is no cycle
//! and data flows config → content → Markdown → site graph → render → output, with `build`,
//! `serve` and `import` on top. A new module must be given a layer here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The top-level modules of `src/`, lowest layer first: a module may use modules of lower
/// layers only (and none of its own layer).
const LAYERS: &[&[&str]] = &[
    // Foundations: types and helpers every stage uses.
    &["scan"],
    &["json"],
    &["diagnostic", "suggest", "url", "html", "lang"],
    &["toml_yaml"],
    // The stages. `content` also holds the slug rules, whose mode `config` names.
    &["content"],
    &["config"],
    &["markdown"],
    &["site"],
    &["search"],
    &["render"],
    &["output"],
    // What runs the stages.
    &["build_record", "import", "init"],
    &["build"],
    &["serve"],
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// `text` with comments, string and character literals blanked (newlines kept).
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut i = 0;
    let blank = |out: &mut String, from: &[char]| {
        out.extend(from.iter().map(|&c| if c == '\n' { '\n' } else { ' ' }))
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let start = i;
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == 'r'
            && (i == 0
                || !ident(chars[i - 1])
                || (chars[i - 1] == 'b' && (i < 2 || !ident(chars[i - 2]))))
            && matches!(next, Some('"') | Some('#'))
        {
            let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            i += 2 + hashes;
            while i < chars.len() {
                if chars[i] == '"'
                    && chars[i + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|&&h| h == '#')
                        .count()
                        == hashes
                {
                    i += 1 + hashes;
                    break;
                }
                i += 1;
            }
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
        } else if c == '\'' && next == Some('\\') {
            i += 2;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            i += 3;
        } else {
            out.push(c);
            i += 1;
            continue;
        }
        let end = i.min(chars.len());
        blank(&mut out, &chars[start..end]);
    }
    out
}

/// The first segment of every path that starts with `crate::` in `code`, with its line;
/// `crate::{a::b, c}` gives `a` and `c`.
fn crate_paths(code: &str) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        if code[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            continue;
        }
        let line = code[..at].matches('\n').count() + 1;
        let rest = code[at + "crate::".len()..].trim_start();
        let first = |s: &str| -> String {
            s.trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect()
        };
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.push((first(&item), line));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 {
                    item.push(c);
                }
            }
            found.push((first(&item), line));
        } else {
            found.push((first(rest), line));
        }
    }
    found.retain(|(name, _)| !name.is_empty());
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every `crate::` edge between top-level modules: (from, to) → where.
fn edges() -> BTreeMap<(String, String), Vec<String>> {
    let src = src();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut edges: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap();
        let top = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = top.strip_suffix(".rs").unwrap_or(&top).to_string();
        if module == "lib" || module == "main" {
            continue;
        }
        let code = code_only(&std::fs::read_to_string(&file).unwrap());
        for (to, line) in crate_paths(&code) {
            if to != module {
                let place = format!("src/{}:{line}", relative.display());
                edges.entry((module.clone(), to)).or_default().push(place);
            }
        }
    }
    edges
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

#[test]
fn every_module_of_src_has_a_layer() {
    let mut modules = BTreeSet::new();
    for entry in std::fs::read_dir(src()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            modules.insert(name);
        } else if let Some(module) = name.strip_suffix(".rs") {
            modules.insert(module.to_string());
        }
    }
    modules.remove("lib");
    modules.remove("main");
    let missing: Vec<&String> = modules.iter().filter(|m| layer_of(m).is_none()).collect();
    assert!(missing.is_empty(), "modules without a layer: {missing:?}");
    let listed: BTreeSet<String> = LAYERS
        .iter()
        .flat_map(|l| l.iter())
        .map(|m| m.to_string())
        .collect();
    assert_eq!(listed, modules, "LAYERS names a module src/ does not have");
}

#[test]
fn modules_use_only_lower_layers() {
    let upward: Vec<String> = edges()
        .into_iter()
        .filter(|((from, to), _)| match (layer_of(from), layer_of(to)) {
            (Some(a), Some(b)) => b >= a,
            _ => false,
        })
        .map(|((from, to), places)| format!("{from} → {to}: {}", places.join(", ")))
        .collect();
    assert!(
        upward.is_empty(),
        "dependencies that run back up:\n{}",
        upward.join("\n")
    );
}

#[test]
fn paths_are_found_in_code_only() {
    let code = code_only(
        "use crate::{config::Config, site::{Job, Site}};\n\
         // crate::serve in a comment\n\
         let s = \"crate::build\"; let r = r#\"crate::init\"#; let c = '\"';\n\
         fn f<'a>(x: &'a str) -> bool { crate::lang::is_cjk_letter('x') }\n\
         /* crate::output /* nested */ crate::import */ let x = yingcai_crate::foo;",
    );
    let names: Vec<String> = crate_paths(&code).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["config", "site", "lang"]);
}
