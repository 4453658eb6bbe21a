//! config.toml read strictly: defaults, ranges, misspelt keys, located values.

use super::*;

const MINIMAL: &str = "title = \"诚聘英才\"\nbase_url = \"https://example.github.io/careers/\"\n";

#[test]
fn minimal_config_has_defaults() {
    let c = Config::parse(MINIMAL).unwrap();
    assert_eq!(c.language, Lang::Zh);
    assert_eq!(c.theme, "default");
    assert_eq!(c.home, HomeKind::Careers);
    assert_eq!(c.slugs.mode, SlugMode::Unicode);
    assert!(c.markdown.highlight_code);
    assert_eq!(c.base_url.path(), "/careers/");
    assert_eq!(c.paginate_by, DEFAULT_PAGINATE_BY);
}

#[test]
fn paginate_by_is_a_positive_number() {
    let c = Config::parse(&format!("{MINIMAL}paginate_by = 7\n")).unwrap();
    assert_eq!(c.paginate_by, 7);
    let errs = Config::parse(&format!("{MINIMAL}paginate_by = 0\n")).unwrap_err();
    assert_eq!((errs[0].line, errs.len()), (3, 1), "{errs:?}");
    assert!(
        errs[0].message.contains("`paginate_by`"),
        "{}",
        errs[0].message
    );
}

#[test]
fn misspelt_key_names_the_nearest() {
    let text = format!("{MINIMAL}langauge = \"en\"\n");
    let errs = Config::parse(&text).unwrap_err();
    assert_eq!(errs[0].line, 3);
    assert_eq!(
        errs[0].message,
        "unknown key `langauge`; did you mean `language`?"
    );
}

#[test]
fn nested_misspelt_key_names_the_nearest() {
    let text = format!("{MINIMAL}[organization]\nnmae = \"x\"\n");
    let errs = Config::parse(&text).unwrap_err();
    assert_eq!(errs[0].line, 4, "{errs:?}");
    assert!(
        errs[0].message.contains("did you mean `name`?"),
        "{}",
        errs[0].message
    );
}

#[test]
fn bad_values_are_located() {
    let text = "title = \"t\"\nbase_url = \"example.com\"\n[organization]\ncountry = \"china\"\n";
    let errs = Config::parse(text).unwrap_err();
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert_eq!(errs[0].line, 2);
    assert_eq!(errs[1].line, 4);
}

#[test]
fn bad_enum_value_is_reported() {
    let text = format!("{MINIMAL}home = \"blog\"\n");
    let errs = Config::parse(&text).unwrap_err();
    assert_eq!(errs[0].line, 3);
    assert!(errs[0].message.contains("`home`"), "{}", errs[0].message);
}

#[test]
fn unknown_highlight_theme_lists_the_known_ones() {
    let text = format!("{MINIMAL}[markdown]\nhighlight_theme = \"nope\"\n");
    let errs = Config::parse(&text).unwrap_err();
    assert!(
        errs[0].message.contains("InspiredGitHub"),
        "{}",
        errs[0].message
    );
}
