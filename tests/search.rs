//! Full-text search and faceted filters on the example site's home page, in headless Chromium:
//! the site is built under its sub-path (`/careers/`) and served as static files.
//!
//! What each query should find is worked out here from `jobs.json` (titles, tags, body text),
//! independently of the index and of `search.js`.

mod common;
#[path = "common/webdriver.rs"]
mod webdriver;

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;
use webdriver::Driver;

/// The example site built into `dir/careers/`, and its jobs.
fn build_example(dir: &Path) -> Vec<Value> {
    let out = dir.join("careers");
    common::build_example(&out);
    let jobs: Value =
        serde_json::from_slice(&std::fs::read(out.join("jobs.json")).unwrap()).unwrap();
    jobs["jobs"].as_array().unwrap().clone()
}

/// Whether `text` holds `word` as a whole word (ASCII letters on neither side), any case.
fn mentions(text: &str, word: &str) -> bool {
    let text = text.to_lowercase();
    let word = word.to_lowercase();
    text.match_indices(&word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// Everything of a job that search covers, as one text: team, places, title, summary, tags
/// and body.
fn searchable(job: &Value) -> String {
    format!(
        "{} {} {} {} {} {}",
        job["team"]["name"].as_str().unwrap(),
        texts(&job["locations"], |l| l["name"].as_str()).join(" "),
        job["title"].as_str().unwrap(),
        job["summary"].as_str().unwrap_or(""),
        texts(&job["tags"], Value::as_str).join(" "),
        job["description_text"].as_str().unwrap()
    )
}

/// The text `text` finds in each item of a JSON list.
fn texts<'a>(list: &'a Value, text: impl Fn(&'a Value) -> Option<&'a str>) -> Vec<&'a str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|item| text(item).unwrap())
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

/// Types `query` into the search box.
const TYPE: &str = "var q = document.getElementById('filter-q'); q.focus(); q.value = QUERY; \
                    q.dispatchEvent(new Event('input', { bubbles: true })); return true;";

/// The titles of the result cards shown, in order, once the results list is up.
const RESULTS: &str = "var list = document.querySelector('[data-search-results]'); \
    if (!list || list.hidden) return null; \
    return Array.prototype.map.call(list.querySelectorAll('.card-title a'), function (a) { return a.textContent.trim(); });";

/// The paths of the index files the page fetched, in order.
const SEARCH_FILES: &str = "return performance.getEntriesByType('resource')\
    .map(function (e) { return new URL(e.name).pathname; })\
    .filter(function (p) { return /\\/search\\//.test(p); });";

/// The browser console's errors and warnings (the browser's own request for /favicon.ico,
/// made when a page links no icon, left out).
fn console_problems(driver: &Driver) -> Vec<String> {
    driver
        .console_problems()
        .into_iter()
        .filter(|l| !l.contains("/favicon.ico "))
        .collect()
}

/// Each option of a select: [value, text, disabled].
const OPTIONS: &str = "return Array.prototype.map.call(document.getElementById(ID).options, \
    function (o) { return [o.value, o.textContent, o.disabled]; });";

fn search(driver: &Driver, query: &str, expected: &[String]) -> Vec<String> {
    driver.run(&TYPE.replace("QUERY", &serde_json::to_string(query).unwrap()));
    let want = sorted(expected.to_vec());
    let shown = driver.wait(&format!("results for {query:?}: {want:?}"), RESULTS, |v| {
        v.as_array().is_some_and(|list| {
            sorted(
                list.iter()
                    .map(|t| t.as_str().unwrap().to_string())
                    .collect(),
            ) == want
        })
    });
    shown
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect()
}

/// Checks a select's options against `counts` (value → count): every option is there, with
/// its count, and disabled exactly when the count is 0.
fn check_options(driver: &Driver, id: &str, counts: &BTreeMap<String, usize>, what: &str) {
    let script = OPTIONS.replace("ID", &format!("'{id}'"));
    let expected = |v: &Value| {
        let options = v.as_array().unwrap();
        options.len() == counts.len() + 1
            && options.iter().skip(1).all(|o| {
                let n = counts
                    .get(o[0].as_str().unwrap())
                    .copied()
                    .unwrap_or(usize::MAX);
                o[1].as_str().unwrap().ends_with(&format!(" ({n})")) && o[2] == (n == 0)
            })
    };
    driver.wait(
        &format!("{id} counts {what}: {counts:?}"),
        &script,
        expected,
    );
}

#[test]
fn search_finds_words_and_chinese_and_filters_count_what_is_left() {
    let Some(served) = common::served_for_browser(webdriver::find(), build_example) else {
        return;
    };
    let (jobs, origin) = (&served.built, &served.origin);
    let (chromium, chromedriver) = (&served.chromium, &served.chromedriver);
    let driver = Driver::start(chromium, chromedriver, served.profile.path(), 1280, 800);
    driver.open(&format!("{origin}/careers/"));
    driver.wait(
        "the filter",
        "return !document.querySelector('[data-filter-form]').hidden",
        |v| v == true,
    );

    // search.js and the index's small meta file come once the page is idle, without a
    // keystroke; the facet values and term shards wait for first use.
    driver.wait(
        "search.js and meta.json loaded while idle",
        SEARCH_FILES,
        |v| *v == serde_json::json!(["/careers/search/meta.json"]),
    );
    assert_eq!(
        driver.run("return !!window.YingcaiSearch"),
        true,
        "search.js loaded"
    );

    let titles_with = |test: &dyn Fn(&str) -> bool| -> Vec<String> {
        jobs.iter()
            .filter(|j| test(&searchable(j)))
            .map(|j| j["title"].as_str().unwrap().to_string())
            .collect()
    };

    // The tokeniser in search.js splits text as the index does.
    let samples = [
        "熟悉 Java/C++、Golang 或 Go；懂Kafka者优先",
        "Ｊａｖａ C# F#，分布式存储 P6~P8 web3",
        "日本語とカタカナ, Éléphant ++x 者",
        "Ｃ＋＋ and ＃ C# , İstanbul ΣΑΣ",
    ];
    for sample in samples {
        let js = driver.run_async(&format!(
            "var done = arguments[0]; document.getElementById('filter-q').focus(); \
             (function wait() {{ if (window.YingcaiSearch) done(YingcaiSearch.tokenize({}).map(function (t) {{ return t.t; }})); \
             else setTimeout(wait, 20); }})();",
            serde_json::to_string(sample).unwrap()
        ));
        let rust: Vec<String> = yingcai::search::tokens::token_list(sample);
        assert_eq!(
            js,
            serde_json::to_value(&rust).unwrap(),
            "tokens of {sample:?}"
        );
    }

    // Whole words, in bodies too.
    for word in ["Java", "Kafka", "Golang", "Go"] {
        let expected = titles_with(&|t| mentions(t, word));
        assert!(!expected.is_empty(), "the example site mentions {word}");
        let shown = search(&driver, word, &expected);
        assert_eq!(shown.len(), expected.len());
    }
    // "Go" is not "governance", which the chief architect's posting is full of.
    let architect = "Chief Software Architect".to_string();
    assert!(titles_with(&|t| t.contains("governance")).contains(&architect));
    assert!(!search(&driver, "Go", &titles_with(&|t| mentions(t, "go"))).contains(&architect));
    // The last word, while typed, matches the longer words it begins.
    search(&driver, "Kaf", &titles_with(&|t| mentions(t, "kafka")));
    // A space ends the word: "Kaf " is only "kaf", which no posting has.
    driver.run(&TYPE.replace("QUERY", "'Kaf '"));
    driver.wait(
        "no results for 'Kaf '",
        "return document.querySelector('[data-filter-empty]').hidden",
        |v| v == false,
    );
    // Chinese without spaces; the posting with the words in its title comes first.
    search(
        &driver,
        "消息系统",
        &titles_with(&|t| t.contains("消息系统")),
    );
    let expected = titles_with(&|t| t.contains("中间件"));
    assert!(expected.len() >= 3, "{expected:?}");
    let shown = search(&driver, "中间件", &expected);
    assert_eq!(shown[0], "中间件 SRE");
    search(
        &driver,
        "分布式 Java",
        &titles_with(&|t| t.contains("分布式") && mentions(t, "java")),
    );

    // Facets: with the query "Java", each option counts the Java postings it would leave.
    let java: Vec<&Value> = jobs
        .iter()
        .filter(|j| mentions(&searchable(j), "java"))
        .collect();
    let count =
        |filter: &dyn Fn(&Value) -> bool, key: &dyn Fn(&Value) -> Vec<String>, all: &[String]| {
            let mut counts: BTreeMap<String, usize> = all.iter().map(|k| (k.clone(), 0)).collect();
            for job in java.iter().filter(|j| filter(j)) {
                for k in key(job) {
                    *counts.get_mut(&k).unwrap() += 1;
                }
            }
            counts
        };
    let team_of = |j: &Value| vec![j["team"]["slug"].as_str().unwrap().to_string()];
    let places_of = |j: &Value| {
        texts(&j["locations"], |l| l["slug"].as_str())
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let option_values = |id: &str| -> Vec<String> {
        driver
            .run(&OPTIONS.replace("ID", &format!("'{id}'")))
            .as_array()
            .unwrap()[1..]
            .iter()
            .map(|o| o[0].as_str().unwrap().to_string())
            .collect()
    };
    let teams = option_values("filter-team");
    let places = option_values("filter-location");
    search(
        &driver,
        "Java",
        &java
            .iter()
            .map(|j| j["title"].as_str().unwrap().to_string())
            .collect::<Vec<_>>(),
    );
    check_options(
        &driver,
        "filter-team",
        &count(&|_| true, &team_of, &teams),
        "for Java",
    );
    check_options(
        &driver,
        "filter-location",
        &count(&|_| true, &places_of, &places),
        "for Java",
    );
    assert!(
        count(&|_| true, &team_of, &teams).values().any(|&n| n == 0),
        "some team has no Java posting, so an option is disabled"
    );

    // A location chosen as well: team counts follow it, location counts do not change.
    let place = "成都市";
    driver.run(&format!(
        "var s = document.getElementById('filter-location'); s.value = '{place}'; \
         s.dispatchEvent(new Event('change', {{ bubbles: true }})); return true;"
    ));
    let in_place = |j: &Value| places_of(j).iter().any(|p| p == place);
    check_options(
        &driver,
        "filter-team",
        &count(&in_place, &team_of, &teams),
        "for Java in 成都市",
    );
    check_options(
        &driver,
        "filter-location",
        &count(&|_| true, &places_of, &places),
        "for Java, any team",
    );
    let expected: Vec<String> = java
        .iter()
        .filter(|j| in_place(j))
        .map(|j| j["title"].as_str().unwrap().to_string())
        .collect();
    driver.wait("results in 成都市", RESULTS, |v| {
        v.as_array().is_some_and(|l| l.len() == expected.len())
    });

    // No query: the listing itself is filtered, and counts cover every posting.
    driver.run(&TYPE.replace("QUERY", "''"));
    let all: Vec<&Value> = jobs.iter().collect();
    let mut by_team: BTreeMap<String, usize> = teams.iter().map(|t| (t.clone(), 0)).collect();
    for j in all.iter().filter(|j| in_place(j)) {
        *by_team.get_mut(&team_of(j)[0]).unwrap() += 1;
    }
    check_options(&driver, "filter-team", &by_team, "in 成都市, no query");
    let visible = driver.wait(
        "the listing filtered by place",
        "if (!document.querySelector('[data-search-results]').hidden) return -1; \
         return document.querySelectorAll('.groups [data-card]:not([hidden])').length;",
        |v| v.as_u64() == Some(all.iter().filter(|j| in_place(j)).count() as u64),
    );
    assert!(visible.as_u64().unwrap() > 0);
    assert!(driver
        .run("return location.search")
        .as_str()
        .unwrap()
        .contains("location="));

    let errors = console_problems(&driver);
    assert!(errors.is_empty(), "console: {errors:#?}");
}

#[test]
fn cards_that_cannot_be_fetched_leave_the_page_filter_working_without_errors() {
    // A host that lost a file of the index (a partial upload): the card chunk is gone.
    let Some(served) = common::served_for_browser(webdriver::find(), |dir: &Path| {
        let jobs = build_example(dir);
        std::fs::remove_file(dir.join("careers/search/d/0.json")).unwrap();
        jobs
    }) else {
        return;
    };
    let origin = &served.origin;
    let driver = Driver::start(
        &served.chromium,
        &served.chromedriver,
        served.profile.path(),
        1280,
        800,
    );
    driver.open(&format!("{origin}/careers/"));
    driver.wait("meta.json loaded while idle", SEARCH_FILES, |v| {
        v.as_array().is_some_and(|l| !l.is_empty())
    });
    driver.run(&TYPE.replace("QUERY", "\"杭州\""));
    // The index ranked the postings, but their cards are missing: the page's own cards,
    // filtered by their text, are shown instead of an empty or half-drawn results list.
    driver.wait(
        "the page's own cards in 杭州, no results list",
        "var list = document.querySelector('[data-search-results]'); \
         if (list && !list.hidden) return 'results list shown'; \
         var cards = Array.prototype.slice.call(document.querySelectorAll('.groups [data-card]')); \
         var here = cards.filter(function (c) { return c.dataset.search.indexOf('杭州') >= 0; }); \
         var shown = cards.filter(function (c) { return !c.hidden; }); \
         return [shown.length, here.length, shown.every(function (c) { return here.indexOf(c) >= 0; })];",
        |v| v[0].as_u64().is_some_and(|n| n > 0) && v[0] == v[1] && v[2] == true,
    );
    // The failed request is the only problem the console shows: no uncaught rejection.
    let errors: Vec<String> = console_problems(&driver)
        .into_iter()
        .filter(|l| !(l.contains("/search/d/0.json") && l.contains("404")))
        .collect();
    assert!(errors.is_empty(), "console: {errors:#?}");
}
