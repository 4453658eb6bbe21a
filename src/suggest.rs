//! "Did you mean …?" for misspelt keys.

/// The known name closest to `unknown` by edit distance, when it is close enough to be a likely typo.
pub fn nearest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    let unknown_lower = unknown.to_lowercase();
    known
        .iter()
        .map(|k| (edit_distance(&unknown_lower, &k.to_lowercase()), *k))
        .filter(|(d, k)| *d <= max_distance(k.chars().count().max(unknown.chars().count())))
        .min_by_key(|(d, k)| (*d, *k))
        .map(|(_, k)| k)
}

fn max_distance(len: usize) -> usize {
    match len {
        0..=3 => 1,
        4..=6 => 2,
        _ => 3,
    }
}

/// Levenshtein distance over characters, with adjacent transpositions counted as one edit
/// (the optimal string alignment distance).
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: &[&str] = &[
        "title",
        "team",
        "date",
        "valid_through",
        "locations",
        "level",
        "apply",
    ];

    #[test]
    fn suggests_close_keys() {
        assert_eq!(nearest("titel", KEYS), Some("title"));
        assert_eq!(nearest("location", KEYS), Some("locations"));
        assert_eq!(nearest("validthrough", KEYS), Some("valid_through"));
        assert_eq!(nearest("Team", KEYS), Some("team"));
    }

    #[test]
    fn stays_quiet_when_nothing_is_close() {
        assert_eq!(nearest("compensation", KEYS), None);
        assert_eq!(nearest("x", &[]), None);
    }

    #[test]
    fn counts_transpositions_as_one_edit() {
        assert_eq!(edit_distance("tilte", "title"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("城市", "城市"), 0);
    }
}
