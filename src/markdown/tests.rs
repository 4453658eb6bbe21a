//! Markdown to HTML: GFM, heading ids, code, links, plain text, CJK lines, truncation.

use super::*;

fn md(source: &str) -> (Rendered, Vec<BrokenLink>) {
    let map: HashMap<String, String> =
        [("jobs/a.md".to_string(), "/careers/jobs/a/".to_string())].into();
    render(
        source,
        &Links {
            base_path: "/careers/",
            content: &map,
        },
        true,
    )
}

const LINKS: &str = "[a](@/jobs/a.md) [b](/teams/) [c](https://x.org/) [d](@/jobs/a.md#apply) [e](@/jobs/missing.md)\n";
const CODE: &str = "```rust\nfn main() {}\n```\n\n```\n<b>\n```\n\n```klingon\nx < y\n```\n";

/// Markdown and what its HTML holds: GFM, heading ids, code, links, autolinks.
#[test]
fn html_holds_what_the_markdown_says() {
    for (source, fragments) in [
        (
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~\n\n- [x] done\n\nnote[^1]\n\n[^1]: foot\n",
            &[
                "<table>",
                "<del>old</del>",
                "type=\"checkbox\"",
                "footnote-definition",
            ][..],
        ),
        // Unique heading ids, keeping CJK.
        (
            "## 岗位要求\n\n## 岗位要求\n\n## Custom {#mine}\n",
            &[
                "<h2 id=\"岗位要求\">",
                "<h2 id=\"岗位要求-1\">",
                "<h2 id=\"mine\">",
            ],
        ),
        // Code is highlighted or escaped.
        (
            CODE,
            &[
                "<pre class=\"code hl-code\" data-lang=\"rust\">",
                "<pre class=\"code\"><code>&lt;b&gt;",
                "language-klingon\">x &lt; y",
            ],
        ),
        // Links follow the sub-path and content paths.
        (
            LINKS,
            &[
                "href=\"/careers/jobs/a/\"",
                "href=\"/careers/teams/\"",
                "href=\"https://x.org/\"",
                "href=\"/careers/jobs/a/#apply\"",
            ],
        ),
        // Raw HTML and autolinks pass through.
        (
            "联系：<hr@example.com>\n",
            &["href=\"mailto:hr@example.com\""],
        ),
    ] {
        let (r, _) = md(source);
        for fragment in fragments {
            assert!(r.html.contains(fragment), "no `{fragment}` in {}", r.html);
        }
    }
}

#[test]
fn code_keeps_its_text() {
    let (r, _) = md(CODE);
    assert!(r.text.contains("fn main() {}"));
}

#[test]
fn a_link_to_missing_content_is_reported_where_it_stands() {
    let (_, broken) = md(LINKS);
    assert_eq!(broken.len(), 1);
    assert_eq!(broken[0].target, "@/jobs/missing.md");
    assert_eq!(broken[0].offset, LINKS.find("[e]").unwrap());
}

#[test]
fn plain_text_and_first_paragraph() {
    let (r, _) = md("# Title\n\n第一段，\n继续。\nand\nmore\n\n- 一\n- 二\n");
    assert_eq!(r.first_paragraph, "第一段，继续。 and more");
    assert_eq!(r.text, "Title\n第一段，继续。 and more\n一\n二");
}

#[test]
fn a_body_of_headings_and_lists_still_has_a_first_paragraph() {
    let (r, _) = md("## 职责描述：\n\n- 参与质量\n  保障工作；\n- 制定策略；\n");
    assert_eq!(r.first_paragraph, "参与质量保障工作；");
    let (r, _) = md("## 职责\n\n- 一\n\n后面的段落。\n");
    assert_eq!(
        r.first_paragraph, "后面的段落。",
        "a paragraph anywhere comes first"
    );
}

#[test]
fn line_breaks_inside_chinese_text_are_not_spaces() {
    for (markdown, html, why) in [
        (
            "负责分布式\n存储系统。\nEnglish\nwords\n",
            "<p>负责分布式存储系统。\nEnglish\nwords</p>\n",
            "Chinese lines join, English ones keep their break",
        ),
        (
            "第一，\n第二：\n（第三）\n",
            "<p>第一，第二：（第三）</p>\n",
            "after and before punctuation",
        ),
        (
            "한국어\n문장\n",
            "<p>한국어\n문장</p>\n",
            "Korean keeps its word break",
        ),
    ] {
        assert_eq!(md(markdown).0.html, html, "{why}");
    }
    assert_eq!(md("한국어\n문장\n").0.text, "한국어 문장");
}

#[test]
fn truncates_at_boundaries() {
    assert_eq!(truncate("短", 10), "短");
    assert_eq!(truncate("一二三四五六七八九十", 5), "一二三四五…");
    assert_eq!(truncate("alpha beta gamma delta", 12), "alpha beta…");
}

#[test]
fn truncates_by_characters_at_the_last_space_past_two_thirds() {
    // Exactly `max` characters are kept whole; one more and the text is cut.
    assert_eq!(truncate("一二三四五", 5), "一二三四五");
    assert_eq!(truncate("一二三四五六", 5), "一二三四五…");
    // A space within the first two thirds is no place to cut: the cut is at `max`.
    assert_eq!(truncate("ab cdefghijkl", 9), "ab cdefgh…");
    // Past two thirds it is, counted in characters, not bytes.
    assert_eq!(truncate("一二三四五六 七八九十", 8), "一二三四五六…");
    assert_eq!(truncate("一二三四五六 七八九十", 9), "一二三四五六 七八…");
    assert_eq!(truncate("一二 三四五六七八九十", 9), "一二 三四五六七八…");
    // Trailing spaces and CJK punctuation go before the ellipsis.
    assert_eq!(truncate("一二三四，  五六七八九十", 7), "一二三四…");
    assert_eq!(truncate("", 0), "");
    assert_eq!(truncate("a", 0), "…");
}

#[test]
fn long_headings_keep_their_whole_anchor() {
    let heading = "我们希望你具备扎实的分布式系统基础和丰富的线上问题排查经验".repeat(2);
    let (r, _) = md(&format!("## {heading}\n"));
    assert!(r.html.contains(&format!("id=\"{heading}\"")), "{}", r.html);
}

#[test]
fn the_sub_path_without_its_last_slash_is_the_home_page() {
    let (r, _) = md("[首页](/careers) [职位](/careers#jobs) [别处](/careersx/)\n");
    for href in [
        "href=\"/careers/\"",
        "href=\"/careers/#jobs\"",
        "href=\"/careers/careersx/\"",
    ] {
        assert!(r.html.contains(href), "{href}: {}", r.html);
    }
}
