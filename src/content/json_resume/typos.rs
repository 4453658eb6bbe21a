//! Misspelt keys in a JSON Resume file. JSON Resume is lenient: keys its schema lacks are
//! allowed (other tools add their own), and yingcai ignores them. A key that is not in the
//! schema but is one edit or two from a key that is (`basics.emial`) is a typo, whose value
//! would otherwise be dropped without a word: it is an error, with the key meant.

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

/// A key serde ignored: its place as messages name it (`work[0].nmae`), the object's place
/// in the schema (`work`) and the key itself.
pub(super) struct Ignored {
    pub(super) shown: String,
    object: String,
    key: String,
}

impl Ignored {
    /// The key at `path`, as serde_ignored gives it.
    pub(super) fn new(path: &serde_ignored::Path<'_>) -> Ignored {
        let mut segments = Vec::new();
        collect(path, &mut segments);
        let mut shown = String::new();
        let mut object = String::new();
        let mut key = String::new();
        for (k, segment) in segments.iter().enumerate() {
            match segment {
                Segment::Index(i) => shown.push_str(&format!("[{i}]")),
                Segment::Key(name) if k + 1 == segments.len() => {
                    if !shown.is_empty() {
                        shown.push('.');
                    }
                    shown.push_str(name);
                    key = name.clone();
                }
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
        Ignored { shown, object, key }
    }

    /// The schema key this one misspells, when it is a likely typo of one.
    pub(super) fn meant(&self) -> Option<&'static str> {
        let (_, keys) = SCHEMA_KEYS.iter().find(|(o, _)| *o == self.object)?;
        let keys: Vec<&'static str> = keys.split(' ').collect();
        if keys.contains(&self.key.as_str()) {
            return None;
        }
        crate::suggest::nearest(&self.key, &keys)
    }

    /// The key, to find it in the text.
    pub(super) fn key(&self) -> &str {
        &self.key
    }
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
