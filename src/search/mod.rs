//! The site's full-text search index, built with the site and written as static files under
//! `search/`, which the default theme's `search.js` loads on first use:
//!
//! - `search/meta.json`: a few KB the theme fetches before the first query: the number of
//!   postings, the facet values' names, the first term of every term shard and a content hash
//!   for every other file (fetched as `?v=HASH`, so a browser never mixes an old shard with a
//!   new meta file).
//! - `search/facets.json`: each posting's facet values (team, level, employment type, remote,
//!   locations) for the filter counts, fetched with the first query's shards.
//! - `search/t/N.json`: term shards. Terms (see [`tokens`]) sorted and cut into ranges of
//!   about the same size, so a query fetches only the shards of its terms, and a prefix only
//!   the shards its range spans. Each term maps to its postings as `[doc, score, …]`, doc
//!   numbers as gaps from the previous, scores BM25 with field weights, precomputed.
//! - `search/d/N.json`: the cards of [`DOCS_PER_CHUNK`] postings each, as the theme renders
//!   them, to show results.
//!
//! How many files there are follows from the site alone ([`doc_chunks`], [`term_shards`]),
//! so the list of outputs is known before anything is rendered.

mod postings;
pub mod tokens;
mod write;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::site::bodies::Bodies;
use crate::site::Site;
use postings::Postings;
use tokens::{tokens, Token};

/// Postings per card chunk (`search/d/N.json`): a page of results fetches a few small files.
pub const DOCS_PER_CHUNK: usize = 20;

/// About how many bytes of posting text (Markdown) make one term shard: at 10,000 postings a
/// shard is some 40 KB gzip.
pub const SOURCE_BYTES_PER_SHARD: usize = 160 * 1024;

/// Field weights: a word in the title counts as much as four in the body.
const WEIGHT_TITLE: f32 = 4.0;
const WEIGHT_TAG: f32 = 3.0;
const WEIGHT_TEAM: f32 = 2.0;
const WEIGHT_FACET: f32 = 1.5;
const WEIGHT_BODY: f32 = 1.0;
/// BM25 parameters.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Scores are written as integers: BM25 × this, at least 1.
const SCORE_SCALE: f32 = 20.0;

/// One file of the search index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum File {
    Meta,
    Facets,
    Terms(usize),
    Docs(usize),
}

impl File {
    /// The file's path in the output.
    pub fn path(&self) -> String {
        match self {
            File::Meta => "search/meta.json".into(),
            File::Facets => "search/facets.json".into(),
            File::Terms(i) => format!("search/t/{i}.json"),
            File::Docs(i) => format!("search/d/{i}.json"),
        }
    }
}

/// The postings the index holds, in its order (doc numbers): those the home page lists,
/// newest first.
pub fn documents(site: &Site) -> Vec<usize> {
    let mut docs: Vec<usize> = site.listed().map(|(i, _)| i).collect();
    docs.sort_by_cached_key(|&i| {
        (
            std::cmp::Reverse(site.jobs[i].posting.date.rfc3339()),
            site.jobs[i].slug.clone(),
        )
    });
    docs
}

/// How many card chunks the index of `site` has.
pub fn doc_chunks(site: &Site) -> usize {
    site.listed().count().div_ceil(DOCS_PER_CHUNK)
}

/// How many term shards the index of `site` has: one per [`SOURCE_BYTES_PER_SHARD`] of posting
/// text, at least one.
pub fn term_shards(site: &Site) -> usize {
    let bytes: usize = site
        .listed()
        .map(|(_, j)| j.posting.source.body.len() + j.posting.title.len())
        .sum();
    (bytes / SOURCE_BYTES_PER_SHARD).clamp(1, 4096)
}

/// What the index reads of one posting besides its body: the words of its card, as the
/// theme shows them in the site's language, and the card's HTML, which results show.
#[derive(Debug, Clone, Default)]
pub struct Doc<'a> {
    pub title: &'a str,
    pub tags: &'a [String],
    pub team: &'a str,
    pub locations: Vec<&'a str>,
    pub level: Option<&'a str>,
    pub employment_type: Option<&'a str>,
    /// The posting's own summary (none when the card's is cut from the body).
    pub summary: Option<&'a str>,
    /// The card as the theme's `card.html` renders it.
    pub html: &'a str,
}

/// Every file of the index, in [`File`] order, with the time building it took.
#[derive(Debug, Clone, Default)]
pub struct Files {
    pub meta: Vec<u8>,
    pub facets: Vec<u8>,
    pub terms: Vec<Vec<u8>>,
    pub docs: Vec<Vec<u8>>,
    pub time: Duration,
}

impl Files {
    /// The bytes of one file (empty for a file the index does not have).
    pub fn get(&self, file: File) -> &[u8] {
        match file {
            File::Meta => &self.meta,
            File::Facets => &self.facets,
            File::Terms(i) => self.terms.get(i).map_or(&[], |v| v.as_slice()),
            File::Docs(i) => self.docs.get(i).map_or(&[], |v| v.as_slice()),
        }
    }
}

type Map<K> = HashMap<K, Postings, foldhash::fast::FixedState>;

/// The inverted index, before scoring: words by their text, CJK tokens by their characters.
struct Inverted {
    words: Map<String>,
    cjk: Map<u64>,
    /// Each doc's length in weighted tokens.
    lengths: Vec<f32>,
}

/// A CJK token's key: its two characters (the second 0 for a lone character).
fn cjk_key(a: char, b: Option<char>) -> u64 {
    (u64::from(a) << 32) | b.map_or(0, u64::from)
}

fn cjk_text(key: u64) -> String {
    [key >> 32, key & 0xffff_ffff]
        .iter()
        .filter(|&&c| c != 0)
        .filter_map(|&c| char::from_u32(c as u32))
        .collect()
}

impl Inverted {
    fn empty() -> Inverted {
        let state = || foldhash::fast::FixedState::with_seed(0);
        Inverted {
            words: HashMap::with_hasher(state()),
            cjk: HashMap::with_hasher(state()),
            lengths: Vec::new(),
        }
    }

    /// Adds `text`'s tokens to doc `doc`, each counting `weight`.
    fn add(&mut self, doc: u32, text: &str, weight: f32) {
        let mut length = 0.0;
        // Weights are multiples of one half: postings count them doubled, as whole numbers.
        let twice = (weight * 2.0) as u32;
        tokens(text, |token| {
            length += weight;
            let cjk = match token {
                Token::Pair(a, b) => cjk_key(a, Some(b)),
                Token::Single(a) => cjk_key(a, None),
                Token::Word(w) => {
                    match self.words.get_mut(w) {
                        Some(postings) => postings.add(doc, twice),
                        None => {
                            self.words
                                .insert(w.to_string(), Postings::first(doc, twice));
                        }
                    }
                    return;
                }
            };
            self.cjk
                .entry(cjk)
                .and_modify(|p| p.add(doc, twice))
                .or_insert_with(|| Postings::first(doc, twice));
        });
        if let Some(l) = self.lengths.last_mut() {
            *l += length;
        }
    }

    /// `other`, whose docs all come after this one's, appended.
    fn append(mut self, other: Inverted) -> Inverted {
        if self.lengths.is_empty() {
            return other;
        }
        for (term, postings) in other.words {
            self.words.entry(term).or_default().append(postings);
        }
        for (key, postings) in other.cjk {
            self.cjk.entry(key).or_default().append(postings);
        }
        self.lengths.extend(other.lengths);
        self
    }
}

/// Builds every file of the index of `site`: `bodies` holds the posting bodies, `cards` what
/// the index reads of each posting's card (both aligned with `site.jobs`).
pub fn build(site: &Site, bodies: &Bodies, cards: &[Doc]) -> Files {
    build_sharded(site, bodies, cards, term_shards(site))
}

/// [`build`], with [`term_shards`] counted already: a build counts them while the postings'
/// Markdown is still held.
pub fn build_sharded(site: &Site, bodies: &Bodies, cards: &[Doc], shards: usize) -> Files {
    let started = Instant::now();
    let docs = documents(site);
    // A few chunks per thread: enough to share the work, few to merge.
    let size = docs
        .len()
        .div_ceil(rayon::current_num_threads() * 4)
        .max(64);
    let inverted = docs
        .par_chunks(size)
        .enumerate()
        .map(|(c, chunk)| {
            let mut index = Inverted::empty();
            for (k, &job) in chunk.iter().enumerate() {
                let doc = (c * size + k) as u32;
                index.lengths.push(0.0);
                let card = &cards[job];
                index.add(doc, card.title, WEIGHT_TITLE);
                for tag in card.tags {
                    index.add(doc, tag, WEIGHT_TAG);
                }
                index.add(doc, card.team, WEIGHT_TEAM);
                for place in &card.locations {
                    index.add(doc, place, WEIGHT_FACET);
                }
                for facet in [card.level, card.employment_type, card.summary]
                    .into_iter()
                    .flatten()
                {
                    index.add(doc, facet, WEIGHT_FACET);
                }
                if let Some(body) = bodies.jobs.get(job) {
                    index.add(doc, &body.text, WEIGHT_BODY);
                }
            }
            index
        })
        .reduce(Inverted::empty, Inverted::append);
    let (terms, bm25) = terms(inverted);
    let mut files = write::files(site, &docs, cards, &terms, &bm25, shards);
    files.time = started.elapsed();
    files
}

/// A term and its postings.
pub(crate) type Scored = (String, Postings);

/// What a term's BM25 scores depend on besides its own postings.
pub(crate) struct Bm25 {
    /// Docs in the index.
    n: f32,
    /// Per doc: `K1 × (1 − B + B × length / average length)`, the length part of BM25.
    norms: Vec<f32>,
}

impl Bm25 {
    fn new(lengths: &[f32]) -> Bm25 {
        let n = lengths.len() as f32;
        let average = (lengths.iter().sum::<f32>() / n.max(1.0)).max(1.0);
        Bm25 {
            n,
            norms: lengths
                .iter()
                .map(|l| K1 * (1.0 - B + B * l / average))
                .collect(),
        }
    }

    /// A term's postings as `(doc, score)`: BM25 × [`SCORE_SCALE`], at least 1.
    pub(crate) fn scores<'a>(
        &'a self,
        postings: &'a Postings,
    ) -> impl Iterator<Item = (u32, u32)> + 'a {
        let df = postings.docs() as f32;
        let idf = (1.0 + (self.n - df + 0.5) / (df + 0.5)).ln();
        postings.iter().map(move |(doc, tf)| {
            let bm25 = idf * tf * (K1 + 1.0) / (tf + self.norms[doc as usize]);
            (doc, round(bm25 * SCORE_SCALE).max(1))
        })
    }
}

/// `x` (not negative) rounded half away from zero, as `f32::round`, without a call into libm.
fn round(x: f32) -> u32 {
    let whole = x as u32;
    // Exact: an f32 minus its whole part loses nothing.
    whole + u32::from(x - whole as f32 >= 0.5)
}

/// Every term with its postings, sorted, and what scoring them needs. Scores are worked out
/// as the shards are written, so the index is never held twice.
fn terms(inverted: Inverted) -> (Vec<Scored>, Bm25) {
    let cjk = inverted
        .cjk
        .into_par_iter()
        .map(|(key, postings)| (cjk_text(key), postings));
    let mut terms: Vec<Scored> = inverted
        .words
        .into_par_iter()
        .chain(cjk)
        .map(|(term, mut postings)| {
            postings.finish();
            (term, postings)
        })
        .collect();
    terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let bm25 = Bm25::new(&inverted.lengths);
    (terms, bm25)
}

#[cfg(test)]
mod tests;
