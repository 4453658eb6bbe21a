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
}

/// Settings that are refused, after [`MINIMAL`]: every problem's line and message.
#[test]
fn bad_settings_are_located_and_named() {
    for (after, expected) in [
        ("paginate_by = 0\n", &[(3, "`paginate_by` must be a number of postings per listing page, 1 or more, not 0")][..]),
        (
            "langauge = \"en\"\n",
            &[(3, "unknown key `langauge`; did you mean `language`?")],
        ),
        ("[organization]\nnmae = \"x\"\n", &[(4, "`organization.nmae`: unknown key `nmae`; did you mean `name`?")]),
        ("home = \"blog\"\n", &[(3, "`home`: unknown variant `blog`, expected `careers` or `resume`")]),
        ("[markdown]\nhighlight_theme = \"nope\"\n", &[(4, "unknown highlight theme `nope`; available: InspiredGitHub, Solarized (dark), Solarized (light), base16-eighties.dark, base16-mocha.dark, base16-ocean.dark, base16-ocean.light")]),
    ] {
        let errs = Config::parse(&format!("{MINIMAL}{after}")).unwrap_err();
        let found: Vec<_> = errs.iter().map(|e| (e.line, e.message.as_str())).collect();
        assert_eq!(found, expected, "{after}");
    }
}

#[test]
fn bad_values_are_located() {
    let text = "title = \"t\"\nbase_url = \"example.com\"\n[organization]\ncountry = \"china\"\n";
    let errs = Config::parse(text).unwrap_err();
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert_eq!(errs[0].line, 2);
    assert_eq!(errs[1].line, 4);
}
