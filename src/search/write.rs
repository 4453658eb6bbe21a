//! The search index's files as bytes: the same index always gives the same bytes.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::{Bm25, Doc, Files, Scored, DOCS_PER_CHUNK};
use crate::site::Site;

/// Format version of the files, for `search.js`.
pub const VERSION: u32 = 2;

/// `search/meta.json`.
#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    /// Postings in the index.
    count: usize,
    /// Postings per card chunk.
    chunk: usize,
    /// Facet values, as the home page's filter controls name them.
    teams: Vec<&'a str>,
    locations: Vec<&'a str>,
    levels: Vec<&'a str>,
    types: Vec<&'a str>,
    /// The content hash of `facets.json`.
    facets: String,
    /// Per term shard: its first term (null for an empty shard) and content hash.
    shards: Vec<(Option<&'a str>, String)>,
    /// Per card chunk: its content hash.
    chunks: Vec<String>,
}

/// `search/facets.json`: per doc, `[team, level, type, remote, location…]`, indexes into the
/// lists of `meta.json`, -1 for none; remote is 0 or 1.
#[derive(Serialize)]
struct Facets {
    docs: Vec<Vec<i64>>,
}

/// A content hash for a file name: XXH3, whose definition is fixed, so the same bytes get
/// the same name whichever build of yingcai wrote them.
fn hash(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))[..12].to_string()
}

/// Appends `n` in decimal. Shards are mostly numbers of one to four digits (doc gaps and
/// scores): those are written as fixed-size copies, which need no call into `memcpy`.
fn push_number(out: &mut Vec<u8>, n: u32) {
    let digit = |d: u32| b'0' + (d % 10) as u8;
    match n {
        0..=9 => out.push(digit(n)),
        10..=99 => out.extend_from_slice(&[digit(n / 10), digit(n)]),
        100..=999 => out.extend_from_slice(&[digit(n / 100), digit(n / 10), digit(n)]),
        1000..=9999 => {
            out.extend_from_slice(&[digit(n / 1000), digit(n / 100), digit(n / 10), digit(n)])
        }
        _ => out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes()),
    }
}

/// Cuts `terms` into `n` consecutive ranges of about the same written size; some may be empty
/// when there are fewer terms than shards.
pub(crate) fn cut(terms: &[Scored], n: usize) -> Vec<&[Scored]> {
    let size = |t: &Scored| t.0.len() + 5 + t.1.docs() * 6;
    let total: usize = terms.iter().map(size).sum();
    let mut out = Vec::with_capacity(n);
    let mut start = 0;
    let mut seen = 0;
    for (i, t) in terms.iter().enumerate() {
        seen += size(t);
        // Close shard `out.len()` once it holds its share of the whole.
        if out.len() + 1 < n && seen * n >= total * (out.len() + 1) {
            out.push(&terms[start..=i]);
            start = i + 1;
        }
    }
    out.push(&terms[start..]);
    while out.len() < n {
        out.push(&terms[terms.len()..]);
    }
    out
}

/// One term shard: `{"term":[doc gap, score, …], …}`.
fn shard(terms: &[Scored], bm25: &Bm25) -> Vec<u8> {
    let mut out = Vec::with_capacity(terms.iter().map(|t| t.0.len() + t.1.docs() * 6).sum());
    out.push(b'{');
    for (i, (term, postings)) in terms.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        // Terms are letters, digits, `+` and `#`: serde_json escapes anything else.
        serde_json::to_writer(&mut out, term).unwrap_or_default();
        out.extend_from_slice(b":[");
        let mut previous = 0;
        for (k, (doc, score)) in bm25.scores(postings).enumerate() {
            if k > 0 {
                out.push(b',');
            }
            push_number(&mut out, doc - previous);
            out.push(b',');
            push_number(&mut out, score);
            previous = doc;
        }
        out.push(b']');
    }
    out.extend_from_slice(b"}\n");
    out
}

/// Every file of the index.
pub(crate) fn files(
    site: &Site,
    docs: &[usize],
    cards: &[Doc],
    terms: &[Scored],
    bm25: &Bm25,
    shards: usize,
) -> Files {
    let ranges = cut(terms, shards);
    let (term_files, doc_files): (Vec<Vec<u8>>, Vec<Vec<u8>>) = rayon::join(
        || ranges.par_iter().map(|r| shard(r, bm25)).collect(),
        || {
            docs.par_chunks(DOCS_PER_CHUNK)
                .map(|chunk| {
                    let html = chunk.iter().map(|&j| cards[j].html);
                    let mut out = Vec::new();
                    crate::json::push_str_array(&mut out, html);
                    out.push(b'\n');
                    out
                })
                .collect()
        },
    );

    // Facet values: teams and locations by slug, in the site's order; levels and types sorted.
    let teams: Vec<&str> = site.teams.iter().map(|t| t.slug.as_str()).collect();
    let locations: Vec<&str> = site.locations.iter().map(|l| l.slug.as_str()).collect();
    let mut levels: BTreeMap<&str, i64> = BTreeMap::new();
    let mut types: BTreeMap<&str, i64> = BTreeMap::new();
    for &j in docs {
        let p = &site.jobs[j].posting;
        if let Some(level) = &p.level {
            levels.insert(level, 0);
        }
        if let Some(t) = p.employment_type {
            types.insert(t.code(), 0);
        }
    }
    for (i, v) in levels.values_mut().enumerate() {
        *v = i as i64;
    }
    for (i, v) in types.values_mut().enumerate() {
        *v = i as i64;
    }
    let doc_facets = docs
        .iter()
        .map(|&j| {
            let job = &site.jobs[j];
            let p = &job.posting;
            let mut row = vec![
                job.team as i64,
                p.level.as_deref().map_or(-1, |l| levels[l]),
                p.employment_type.map_or(-1, |t| types[t.code()]),
                i64::from(p.remote),
            ];
            row.extend(job.locations.iter().map(|&l| l as i64));
            row
        })
        .collect();
    let mut facets = serde_json::to_vec(&Facets { docs: doc_facets }).unwrap_or_default();
    facets.push(b'\n');
    let meta = Meta {
        version: VERSION,
        count: docs.len(),
        chunk: DOCS_PER_CHUNK,
        teams,
        locations,
        levels: levels.keys().copied().collect(),
        types: types.keys().copied().collect(),
        facets: hash(&facets),
        shards: ranges
            .iter()
            .zip(&term_files)
            .map(|(r, bytes)| (r.first().map(|t| t.0.as_str()), hash(bytes)))
            .collect(),
        chunks: doc_files.iter().map(|b| hash(b)).collect(),
    };
    let mut meta_bytes = serde_json::to_vec(&meta).unwrap_or_default();
    meta_bytes.push(b'\n');
    Files {
        meta: meta_bytes,
        facets,
        terms: term_files,
        docs: doc_files,
        time: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_are_written_in_decimal_at_every_width() {
        for n in [
            0,
            7,
            9,
            10,
            42,
            99,
            100,
            505,
            999,
            1000,
            4096,
            9999,
            10_000,
            u32::MAX,
        ] {
            let mut out = b"x".to_vec();
            super::push_number(&mut out, n);
            assert_eq!(out, format!("x{n}").into_bytes());
        }
    }
}
