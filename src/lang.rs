//! The two languages a site or a posting can be written in.

use serde::{Deserialize, Serialize};

/// Chinese or English: the interface language of a site, or the language of one posting.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub enum Lang {
    #[default]
    #[serde(rename = "zh", alias = "zh-CN", alias = "zh-Hans", alias = "cn")]
    Zh,
    #[serde(rename = "en", alias = "en-US", alias = "en-GB")]
    En,
}

impl Lang {
    /// The code used in `lang` attributes and file names.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The BCP 47 tag used in `<html lang>`, feeds and structured data.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}
