//! `aliases`: a posting's earlier addresses, checked and turned into output paths.

/// The output file of an alias: `/jobs/old/` and `jobs/old` give `jobs/old/index.html`,
/// `/jobs/old.html` stays as it is. An alias is a path on the site, without `..`, a query or
/// a fragment.
pub fn alias_path(alias: &str) -> Result<String, String> {
    let path = alias.trim().trim_start_matches('/');
    let bad = |why: &str| Err(format!("alias `{}` {why}", crate::diagnostic::shown(alias)));
    if path.is_empty() {
        return bad("is the home page: an alias names an earlier address of this posting");
    }
    if alias.contains("://")
        || alias.trim().starts_with("//")
        || super::link::scheme(alias).is_some()
    {
        return bad("must be a path on the site, like `/jobs/old-slug/`, not a full URL");
    }
    if let Some(c) = path
        .chars()
        .find(|c| c.is_control() || matches!(c, '?' | '#' | '\\' | '"' | '<' | '>' | '%'))
    {
        return bad(&format!(
            "must be a plain path; it contains `{}`",
            c.escape_default()
        ));
    }
    if path.split('/').any(|s| s == "." || s == "..") || path.contains("//") {
        return bad("must not contain empty, `.` or `..` segments");
    }
    Ok(if path.ends_with(".html") {
        path.to_string()
    } else {
        format!("{}/index.html", path.trim_end_matches('/'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_become_output_paths() {
        assert_eq!(alias_path("/jobs/old/").unwrap(), "jobs/old/index.html");
        assert_eq!(alias_path("jobs/老职位").unwrap(), "jobs/老职位/index.html");
        assert_eq!(alias_path("/jobs/old.html").unwrap(), "jobs/old.html");
        for bad in [
            "/",
            "https://x.com/a/",
            "javascript:x",
            "/a/../b/",
            "/a?b",
            "/a#b",
            "//x.com/",
        ] {
            assert!(alias_path(bad).is_err(), "{bad}");
        }
        assert_eq!(
            alias_path("/jobs/a\nb/").unwrap_err(),
            "alias `/jobs/a\\nb/` must be a plain path; it contains `\\n`"
        );
    }
}
