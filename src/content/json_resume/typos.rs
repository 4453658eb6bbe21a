//! Misspelt keys in a JSON Resume file. JSON Resume is lenient: keys its schema lacks are
//! allowed (other tools add their own), and yingcai ignores them. A key that is not in the
//! schema but is one edit from a key that is (`basics.emial`), which its object lacks, is a
//! typo whose value would otherwise be dropped without a word: it is an error, with the key
//! meant.

use serde_json::Value;

/// The keys of each object of the JSON Resume schema (v1.0.0) that yingcai reads, by their
/// place in the document (list indexes left out).
const SCHEMA_KEYS: &[(&str, &str)] = &[
    (
        "basics",
        "name label image email phone url summary location profiles",
    ),
    (
        "basics.location",
        "address postalCode city countryCode region",
    ),
    ("basics.profiles", "network username url"),
    (
        "work",
        "name location description position url startDate endDate summary highlights",
    ),
    (
        "education",
        "institution url area studyType startDate endDate score courses",
    ),
    ("skills", "name level keywords"),
    ("languages", "language fluency"),
    (
        "projects",
        "name description highlights keywords startDate endDate url roles entity type",
    ),
    ("meta", "canonical version lastModified language lang"),
];

/// A key serde ignored: its place as messages name it (`work[0].nmae`), the path to the
/// object holding it, the object's place in the schema (`work`) and the key itself.
pub(super) struct Ignored {
    pub(super) shown: String,
    parents: Vec<Segment>,
    object: String,
    key: String,
}

impl Ignored {
    /// The key at `path`, as serde_ignored gives it.
    pub(super) fn new(path: &serde_ignored::Path<'_>) -> Ignored {
        let mut segments = Vec::new();
        collect(path, &mut segments);
        let key = match segments.pop() {
            Some(Segment::Key(key)) => key,
            Some(index) => {
                segments.push(index);
                String::new()
            }
            None => String::new(),
        };
        let mut shown = String::new();
        let mut object = String::new();
        for segment in &segments {
            match segment {
                Segment::Index(i) => shown.push_str(&format!("[{i}]")),
                Segment::Key(name) => {
                    if !shown.is_empty() {
                        shown.push('.');
                        object.push('.');
                    }
                    shown.push_str(name);
                    object.push_str(name);
                }
            }
        }
        if !shown.is_empty() {
            shown.push('.');
        }
        shown.push_str(&key);
        Ignored {
            shown,
            parents: segments,
            object,
            key,
        }
    }

    /// The schema key this one misspells: one edit from it (a letter wrong, missing, added,
    /// or two swapped), and not written in the same object of `document` itself. Another
    /// tool's own key (`basics.age`, `work[0].note`) is left alone.
    pub(super) fn meant(&self, document: &Value) -> Option<&'static str> {
        let (_, keys) = SCHEMA_KEYS.iter().find(|(o, _)| *o == self.object)?;
        let keys: Vec<&'static str> = keys.split(' ').collect();
        if keys.contains(&self.key.as_str()) {
            return None;
        }
        let lower = self.key.to_lowercase();
        let meant = keys
            .iter()
            .copied()
            .find(|k| crate::suggest::edit_distance(&lower, &k.to_lowercase()) <= 1)?;
        let object = self.parents.iter().try_fold(document, |v, s| match s {
            Segment::Key(k) => v.get(k),
            Segment::Index(i) => v.get(i),
        })?;
        object.get(meant).is_none().then_some(meant)
    }

    /// The key, to find it in the text.
    pub(super) fn key(&self) -> &str {
        &self.key
    }
}

/// Where the `n`-th (from 0) key `key` is written in `text`: its opening quote, as a byte
/// offset. Keys serde ignores come in the order they are written.
pub(super) fn nth_key(text: &str, key: &str, n: usize) -> Option<usize> {
    let quoted = format!("\"{key}\"");
    text.match_indices(&quoted)
        .filter(|(at, _)| text[at + quoted.len()..].trim_start().starts_with(':'))
        .nth(n)
        .map(|(at, _)| at)
}

enum Segment {
    Key(String),
    Index(usize),
}

fn collect(path: &serde_ignored::Path<'_>, out: &mut Vec<Segment>) {
    use serde_ignored::Path;
    match path {
        Path::Root => {}
        Path::Seq { parent, index } => {
            collect(parent, out);
            out.push(Segment::Index(*index));
        }
        Path::Map { parent, key } => {
            collect(parent, out);
            out.push(Segment::Key(key.clone()));
        }
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => collect(parent, out),
    }
}
