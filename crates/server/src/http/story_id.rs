//! A story's one public id.

use std::fmt;

use serde::{Serialize, Serializer};

/// A story's public id, `story-N`: the same in its page, its URL, the API,
/// the exports and `parallax analyze`'s JSON. `N` is the clusterer's story
/// number, which stays the same across restarts (the log replays in order);
/// a story merged into another keeps answering, with a redirect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoryId(pub i64);

/// How a story was named in a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// As `story-N`.
    Canonically(StoryId),
    /// As `N` alone, as URLs did before; answered with a redirect.
    ByNumber(StoryId),
}

impl StoryId {
    const PREFIX: &str = "story-";

    /// The story a URL segment names, if any.
    pub fn parse(text: &str) -> Option<Named> {
        let number = |digits: &str| {
            (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| digits.parse().ok().map(StoryId))
                .flatten()
        };
        match text.get(..Self::PREFIX.len()) {
            Some(head) if head.eq_ignore_ascii_case(Self::PREFIX) => {
                number(&text[Self::PREFIX.len()..]).map(Named::Canonically)
            }
            _ => number(text).map(Named::ByNumber),
        }
    }
}

impl fmt::Display for StoryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", Self::PREFIX, self.0)
    }
}

impl Serialize for StoryId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_and_write_one_way() {
        assert_eq!(StoryId(7).to_string(), "story-7");
        assert_eq!(
            StoryId::parse("story-7"),
            Some(Named::Canonically(StoryId(7)))
        );
        assert_eq!(
            StoryId::parse("STORY-12"),
            Some(Named::Canonically(StoryId(12)))
        );
        assert_eq!(StoryId::parse("7"), Some(Named::ByNumber(StoryId(7))));
        for bad in [
            "story-",
            "story--1",
            "-1",
            "story-1x",
            "",
            "story-99999999999999999999",
            "s-1",
        ] {
            assert_eq!(StoryId::parse(bad), None, "{bad}");
        }
        assert_eq!(serde_json::to_string(&StoryId(3)).unwrap(), "\"story-3\"");
    }
}
