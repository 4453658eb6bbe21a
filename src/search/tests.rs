use std::fs;

use serde_json::Value;

use super::write::cut;
use super::*;
use crate::site::BuildOptions;
use crate::{Loaded, Settings};

/// A site of four postings; returns the index's files and each doc's posting title.
fn index(postings: &[(&str, &str, &str)]) -> (Files, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("config.toml"),
        "title = \"T\"\nbase_url = \"https://example.com/careers/\"\n",
    )
    .unwrap();
    fs::create_dir_all(root.join("content/jobs")).unwrap();
    for (i, (title, extra, body)) in postings.iter().enumerate() {
        fs::write(
            root.join(format!("content/jobs/p{i}.md")),
            format!(
                "+++\ntitle = \"{title}\"\nteam = \"infra\"\ndate = 2026-01-{:02}\n{extra}\n+++\n\n{body}\n",
                i + 1
            ),
        )
        .unwrap();
    }
    let now = chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap();
    let settings = Settings {
        root: root.to_path_buf(),
        base_url: None,
        drafts: false,
        now,
    };
    let loaded = Loaded::read(&settings).ok().unwrap();
    let options = BuildOptions { drafts: false, now };
    let (site, bodies, errors, _, _) = loaded.assemble(options);
    assert!(errors.is_empty(), "{errors:?}");
    let views = loaded.renderer.views(&site, &bodies).ok().unwrap();
    let titles = documents(&site)
        .iter()
        .map(|&j| site.jobs[j].posting.title.clone())
        .collect();
    // As a build makes it: after the pages, from the bodies' text alone, with the postings'
    // Markdown let go (the shards counted before).
    let mut text_only = bodies.clone();
    for body in &mut text_only.jobs {
        let mut without_html = (**body).clone();
        without_html.html.clear();
        *body = std::sync::Arc::new(without_html);
    }
    let mut without_markdown = site.clone();
    for job in &mut without_markdown.jobs {
        let mut posting = (*job.posting).clone();
        posting.source.body.clear();
        job.posting = std::sync::Arc::new(posting);
    }
    let cards = views.cards().ok().unwrap();
    let deferred =
        loaded
            .renderer
            .search_index(&without_markdown, &text_only, &cards, term_shards(&site));
    let search = views.search().ok().unwrap();
    assert_eq!(
        (
            &deferred.meta,
            &deferred.facets,
            &deferred.terms,
            &deferred.docs
        ),
        (&search.meta, &search.facets, &search.terms, &search.docs)
    );
    assert_eq!(search.terms.len(), term_shards(&site));
    assert_eq!(search.docs.len(), doc_chunks(&site));
    (search.clone(), titles)
}

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap()
}

/// The items of a JSON array, each read by `item`.
fn items<'a, T>(array: &'a Value, item: impl Fn(&'a Value) -> Option<T>) -> Vec<T> {
    array
        .as_array()
        .unwrap()
        .iter()
        .map(|v| item(v).unwrap())
        .collect()
}

/// A term's postings as `(doc, score)`, from whichever shard holds it.
fn postings(files: &Files, term: &str) -> Vec<(u64, u64)> {
    for shard in &files.terms {
        if let Some(list) = json(shard).get(term) {
            let mut doc = 0;
            return items(list, Value::as_u64)
                .chunks(2)
                .map(|pair| {
                    doc += pair[0];
                    (doc, pair[1])
                })
                .collect();
        }
    }
    Vec::new()
}

fn docs_with(files: &Files, titles: &[String], term: &str) -> Vec<String> {
    let mut found: Vec<String> = postings(files, term)
        .iter()
        .map(|&(d, _)| titles[d as usize].clone())
        .collect();
    found.sort();
    found
}

const SITE: &[(&str, &str, &str)] = &[
    (
        "Backend engineer",
        "tags = [\"Golang\"]\nlevel = \"P6\"\nlocations = [\"杭州市\"]",
        "Java or Go, and Kafka.",
    ),
    (
        "Architect",
        "remote = true",
        "Engineering governance; JavaScript on the side.",
    ),
    (
        "分布式存储研发工程师",
        "locations = [\"北京市\", \"杭州市\"]",
        "熟悉 Java 和分布式系统。",
    ),
    (
        "Java engineer",
        "employment_type = \"INTERN\"",
        "Some Java.",
    ),
];

#[test]
fn terms_are_whole_words_and_cjk_bigrams() {
    let (files, titles) = index(SITE);
    assert_eq!(
        docs_with(&files, &titles, "java"),
        ["Backend engineer", "Java engineer", "分布式存储研发工程师"]
    );
    assert_eq!(docs_with(&files, &titles, "javascript"), ["Architect"]);
    assert_eq!(docs_with(&files, &titles, "go"), ["Backend engineer"]);
    assert_eq!(docs_with(&files, &titles, "golang"), ["Backend engineer"]);
    assert_eq!(docs_with(&files, &titles, "kafka"), ["Backend engineer"]);
    assert_eq!(docs_with(&files, &titles, "分布"), ["分布式存储研发工程师"]);
    assert_eq!(
        docs_with(&files, &titles, "杭州"),
        ["Backend engineer", "分布式存储研发工程师"]
    );
    // Facet values are indexed too: the level and the employment type's label.
    assert_eq!(docs_with(&files, &titles, "p6"), ["Backend engineer"]);
    assert!(
        postings(&files, "gov").is_empty(),
        "no partial words in the index"
    );
}

#[test]
fn a_word_in_the_title_outranks_the_same_word_in_a_body() {
    let (files, titles) = index(SITE);
    let scores = postings(&files, "java");
    let best = scores.iter().max_by_key(|(_, s)| *s).unwrap();
    assert_eq!(titles[best.0 as usize], "Java engineer");
    assert!(scores.iter().all(|&(_, s)| s >= 1));
}

#[test]
fn meta_holds_shards_and_hashes_and_facets_their_values() {
    let (files, titles) = index(SITE);
    let meta = json(&files.meta);
    assert_eq!(meta["version"], 2);
    assert_eq!(meta["count"], 4);
    assert_eq!(meta["chunk"], DOCS_PER_CHUNK);
    assert_eq!(meta["shards"].as_array().unwrap().len(), files.terms.len());
    assert_eq!(meta["chunks"].as_array().unwrap().len(), files.docs.len());
    let facets = json(&files.facets);
    assert_eq!(
        meta["facets"],
        format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&files.facets))[..12]
    );
    let docs = facets["docs"].as_array().unwrap();
    assert_eq!(docs.len(), titles.len());
    let locations = items(&meta["locations"], Value::as_str);
    for (doc, title) in docs.iter().zip(&titles) {
        let row = items(doc, Value::as_i64);
        let places: Vec<&str> = row[4..].iter().map(|&l| locations[l as usize]).collect();
        match title.as_str() {
            "Architect" => assert_eq!(row[3], 1, "remote"),
            "分布式存储研发工程师" => assert_eq!(places, ["北京市", "杭州市"]),
            "Backend engineer" => {
                assert_eq!(meta["levels"][row[1] as usize], "P6");
                assert_eq!(places, ["杭州市"]);
            }
            "Java engineer" => {
                assert_eq!(meta["types"][row[2] as usize], "INTERN");
                assert_eq!(row[1], -1, "no level");
            }
            other => panic!("{other}"),
        }
    }
    // Docs are newest first; each chunk holds their cards, in that order.
    assert_eq!(titles[0], "Java engineer");
    let cards = json(&files.docs[0]);
    assert!(cards[0].as_str().unwrap().contains("Java engineer"));
    assert!(cards[0].as_str().unwrap().starts_with("<li"));
}

#[test]
fn the_same_site_gives_the_same_bytes() {
    let (a, _) = index(SITE);
    let (b, _) = index(SITE);
    assert_eq!(a.meta, b.meta);
    assert_eq!(a.facets, b.facets);
    assert_eq!(a.terms, b.terms);
    assert_eq!(a.docs, b.docs);
}

#[test]
fn shards_are_cut_in_order_and_about_even() {
    let terms: Vec<Scored> = (0..1000)
        .map(|i| {
            let mut postings = postings::Postings::first(0, 2);
            for doc in 1..=(i % 7) as u32 {
                postings.add(doc, 2);
            }
            (format!("t{i:04}"), postings)
        })
        .collect();
    let shards = cut(&terms, 8);
    assert_eq!(shards.len(), 8);
    assert_eq!(shards.iter().map(|s| s.len()).sum::<usize>(), 1000);
    for s in &shards {
        assert!((100..150).contains(&s.len()), "{}", s.len());
    }
    // Fewer terms than shards: the rest are empty.
    let few = cut(&terms[..2], 4);
    assert_eq!(
        few.iter().map(|s| s.len()).collect::<Vec<_>>(),
        [1, 1, 0, 0]
    );
    assert_eq!(cut(&[], 1).len(), 1);
}
