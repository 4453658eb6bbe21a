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

#[test]
fn gfm_features() {
    let (r, _) =
        md("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~\n\n- [x] done\n\nnote[^1]\n\n[^1]: foot\n");
    assert!(r.html.contains("<table>"));
    assert!(r.html.contains("<del>old</del>"));
    assert!(r.html.contains("type=\"checkbox\""));
    assert!(r.html.contains("footnote-definition"));
}

#[test]
fn headings_get_unique_ids_keeping_cjk() {
    let (r, _) = md("## 岗位要求\n\n## 岗位要求\n\n## Custom {#mine}\n");
    assert!(r.html.contains("<h2 id=\"岗位要求\">"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"岗位要求-1\">"));
    assert!(r.html.contains("<h2 id=\"mine\">"));
}

#[test]
fn code_is_highlighted_or_escaped() {
    let (r, _) = md("```rust\nfn main() {}\n```\n\n```\n<b>\n```\n\n```klingon\nx < y\n```\n");
    assert!(r
        .html
        .contains("<pre class=\"code hl-code\" data-lang=\"rust\">"));
    assert!(r.html.contains("<pre class=\"code\"><code>&lt;b&gt;"));
    assert!(r.html.contains("language-klingon\">x &lt; y"));
    assert!(r.text.contains("fn main() {}"));
}

#[test]
fn links_follow_the_sub_path_and_content_paths() {
    let (r, broken) = md("[a](@/jobs/a.md) [b](/teams/) [c](https://x.org/) [d](@/jobs/a.md#apply) [e](@/jobs/missing.md)\n");
    assert!(r.html.contains("href=\"/careers/jobs/a/\""));
    assert!(r.html.contains("href=\"/careers/teams/\""));
    assert!(r.html.contains("href=\"https://x.org/\""));
    assert!(r.html.contains("href=\"/careers/jobs/a/#apply\""));
    assert_eq!(broken.len(), 1);
    assert_eq!(broken[0].target, "@/jobs/missing.md");
    assert_eq!(broken[0].offset, source_offset("[e]"));
}

fn source_offset(marker: &str) -> usize {
    "[a](@/jobs/a.md) [b](/teams/) [c](https://x.org/) [d](@/jobs/a.md#apply) [e](@/jobs/missing.md)\n".find(marker).unwrap()
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
    let (r, _) = md("负责分布式\n存储系统。\nEnglish\nwords\n");
    assert_eq!(r.html, "<p>负责分布式存储系统。\nEnglish\nwords</p>\n");
}

#[test]
fn raw_html_and_autolinks_pass_through() {
    let (r, _) = md("联系：<hr@example.com>\n");
    assert!(r.html.contains("href=\"mailto:hr@example.com\""));
}

#[test]
fn truncates_at_boundaries() {
    assert_eq!(truncate("短", 10), "短");
    assert_eq!(truncate("一二三四五六七八九十", 5), "一二三四五…");
    assert_eq!(truncate("alpha beta gamma delta", 12), "alpha beta…");
}
