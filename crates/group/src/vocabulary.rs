//! Term and entity dictionaries with document frequencies learned while the
//! stream flows, giving a smoothed idf that is sane from the first document on.

use parallax_text::{CALENDAR_WORDS, fold, stem};

use crate::hash::{FastMap, fnv1a, mix};

/// Words that appear in most news articles whatever the event, with the
/// weekday and month names ([`CALENDAR_WORDS`]) and [`MORE_GENERIC_NEWS_WORDS`].
/// Before the stream has taught us their real document frequency, they start
/// as if they had been seen in half of the virtual prior documents, so that
/// "said" or "Tuesday" never outweighs a name in the first articles.
const GENERIC_NEWS_WORDS: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tell",
    "according",
    "report",
    "reports",
    "reported",
    "reporter",
    "news",
    "story",
    "statement",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "officials",
    "people",
    "person",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "today",
    "yesterday",
    "tomorrow",
    "time",
    "times",
    "new",
    "one",
    "two",
    "three",
    "four",
    "five",
    "first",
    "second",
    "third",
    "last",
    "next",
    "many",
    "much",
    "several",
    "like",
    "well",
    "even",
    "back",
    "get",
    "got",
    "make",
    "made",
    "take",
    "took",
    "go",
    "going",
    "went",
    "come",
    "came",
    "know",
    "known",
    "think",
    "see",
    "seen",
    "want",
    "added",
    "asked",
    "including",
    "around",
    "since",
    "among",
    "another",
    "later",
    "earlier",
    "ago",
    "already",
    "never",
    "always",
    "early",
    "late",
    "long",
    "part",
    "way",
    "thing",
    "things",
    "world",
    "country",
    "state",
    "local",
    "public",
    "percent",
    "million",
    "billion",
    "number",
    "group",
    "home",
    "place",
    "area",
    "city",
    "man",
    "woman",
    "men",
    "women",
];

/// More generic words, seeded after the weekday and month names
/// ([`CALENDAR_WORDS`]) so that every word keeps the id it has always had.
const MORE_GENERIC_NEWS_WORDS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "am",
    "pm",
    "just",
    "really",
    "something",
    "anything",
    "nothing",
    "everyone",
    "anyone",
    "someone",
    "us",
    "use",
    "used",
    "help",
    "called",
    "call",
    "show",
    "shows",
    "showed",
    "found",
    "find",
    "left",
    "put",
    "set",
    "need",
    "needs",
    "lot",
    "big",
    "small",
    "high",
    "low",
    "good",
    "bad",
    "best",
    "little",
    "old",
    "right",
    "end",
    "start",
    "started",
    "began",
    "expected",
    "likely",
    "image",
    "photo",
    "video",
    "copyright",
    "rights",
    "reserved",
    "click",
    "read",
    "share",
];

/// A dictionary from string keys to dense ids, with document frequencies.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Vocabulary {
    /// [`key_hash`] of each key → its id. A 64-bit hash stands for the key,
    /// so that hashing and comparing strings happens where documents are
    /// prepared in parallel, not in the sequential clusterer (two keys
    /// colliding among a few million is about as likely as a cosmic ray).
    ids: FastMap<u64, u32>,
    names: Vec<String>,
    /// How each key is shown to people: the first word form seen for a
    /// stemmed term ("rehires" for "rehir"), the key itself otherwise.
    display: Vec<String>,
    /// Hash of the last word of each key ("person:anthony weiner" → "weiner"),
    /// to recognise a name given in full on one side and shorter on the other.
    tails: Vec<u64>,
    /// Document frequency per id, including the prior for generic words.
    df: Vec<f32>,
    /// `ln(df + 1)` per id, kept with `df`: the idf is asked for far more
    /// often than frequencies change.
    ln_df: Vec<f32>,
    /// Documents observed so far.
    docs: f32,
    /// `ln(docs + prior_docs + 1)`, kept with `docs`.
    ln_total: f32,
    /// Virtual documents assumed before the stream starts.
    prior_docs: f32,
}

impl Vocabulary {
    /// An empty dictionary (for entity keys).
    pub(crate) fn new(prior_docs: f32) -> Self {
        Vocabulary {
            ids: FastMap::default(),
            names: Vec::new(),
            display: Vec::new(),
            tails: Vec::new(),
            df: Vec::new(),
            ln_df: Vec::new(),
            docs: 0.0,
            ln_total: (prior_docs.max(0.0) + 1.0).ln(),
            prior_docs: prior_docs.max(0.0),
        }
    }

    /// A dictionary of content terms that knows generic news words are common.
    pub(crate) fn with_news_prior(prior_docs: f32) -> Self {
        let mut vocab = Vocabulary::new(prior_docs);
        let prior_df = vocab.prior_docs * 0.5;
        let words = GENERIC_NEWS_WORDS
            .iter()
            .chain(CALENDAR_WORDS)
            .chain(MORE_GENERIC_NEWS_WORDS);
        for word in words {
            let folded = fold(word);
            let id = vocab.id(stem(&folded));
            vocab.set_df(id, prior_df);
        }
        vocab
    }

    /// The id of `key`, created when new.
    pub(crate) fn id(&mut self, key: &str) -> u32 {
        self.id_shown_as(key, key)
    }

    /// The id of `key`, created when new with `form` as its display form.
    pub(crate) fn id_shown_as(&mut self, key: &str, form: &str) -> u32 {
        self.id_hashed(key_hash(key), key, form)
    }

    /// [`id_shown_as`](Self::id_shown_as) with the key's [`key_hash`] computed
    /// beforehand.
    pub(crate) fn id_hashed(&mut self, hash: u64, key: &str, form: &str) -> u32 {
        if let Some(&id) = self.ids.get(&hash) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.ids.insert(hash, id);
        self.names.push(key.to_string());
        self.display.push(form.to_string());
        self.tails.push(tail_hash(key));
        self.df.push(0.0);
        self.ln_df.push(0.0);
        id
    }

    /// Count one document containing each of `ids` (each id once).
    pub(crate) fn observe(&mut self, ids: impl IntoIterator<Item = u32>) {
        self.docs += 1.0;
        self.ln_total = (self.docs + self.prior_docs + 1.0).ln();
        for id in ids {
            let df = self.df(id) + 1.0;
            self.set_df(id, df);
        }
    }

    fn set_df(&mut self, id: u32, df: f32) {
        if let (Some(slot), Some(ln)) = (
            self.df.get_mut(id as usize),
            self.ln_df.get_mut(id as usize),
        ) {
            *slot = df;
            *ln = (df + 1.0).ln();
        }
    }

    pub(crate) fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }

    /// How to show `id` to a reader.
    pub(crate) fn display(&self, id: u32) -> &str {
        self.display.get(id as usize).map_or("", String::as_str)
    }

    /// See [`tail_hash`].
    pub(crate) fn tail(&self, id: u32) -> u64 {
        self.tails.get(id as usize).copied().unwrap_or(0)
    }

    /// Whether entity `id` is a person or an organisation (by its key's
    /// kind prefix, as the understand stage writes it: `person:`, `org:`).
    pub(crate) fn is_actor(&self, id: u32) -> bool {
        let name = self.name(id);
        name.starts_with("person:") || name.starts_with("org:")
    }

    fn df(&self, id: u32) -> f32 {
        self.df.get(id as usize).copied().unwrap_or(0.0)
    }

    /// Smoothed inverse document frequency, always positive.
    pub(crate) fn idf(&self, id: u32) -> f32 {
        let ln_df = self.ln_df.get(id as usize).copied().unwrap_or(0.0);
        (self.ln_total - ln_df).max(0.0) + 0.05
    }

    /// Share of (real and virtual) documents containing `id`.
    pub(crate) fn df_share(&self, id: u32) -> f32 {
        let total = self.docs + self.prior_docs;
        if total > 0.0 {
            self.df(id) / total
        } else {
            0.0
        }
    }
}

/// The hash that identifies a key in a [`Vocabulary`].
pub(crate) fn key_hash(key: &str) -> u64 {
    mix(fnv1a(key.as_bytes()))
}

/// Hash of the last word of a key, after any `kind:` prefix.
fn tail_hash(key: &str) -> u64 {
    let name = key.rsplit_once(':').map_or(key, |(_, name)| name);
    let last = name.split_whitespace().next_back().unwrap_or(name);
    fnv1a(last.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_words_start_with_low_idf() {
        let mut v = Vocabulary::with_news_prior(20.0);
        let said = v.id("said");
        let name = v.id("etheridge");
        v.observe([said, name]);
        assert!(v.idf(name) > 3.0 * v.idf(said));
    }

    #[test]
    fn idf_falls_as_a_term_spreads() {
        let mut v = Vocabulary::new(10.0);
        let t = v.id("strike");
        v.observe([t]);
        let early = v.idf(t);
        for _ in 0..20 {
            v.observe([t]);
        }
        assert!(v.idf(t) < early);
        assert!(v.idf(t) > 0.0);
        assert_eq!(v.name(t), "strike");
        let stemmed = v.id_shown_as("rehir", "rehires");
        assert_eq!(v.id_shown_as("rehir", "rehired"), stemmed);
        assert_eq!((v.name(stemmed), v.display(stemmed)), ("rehir", "rehires"));
        let full = v.id("person:anthony weiner");
        let short = v.id("person:weiner");
        assert_eq!(v.tail(full), v.tail(short));
        assert_ne!(v.tail(full), v.tail(t));
    }
}
