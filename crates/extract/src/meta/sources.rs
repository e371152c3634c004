//! What the page declares about itself, gathered once: meta tags by name,
//! property and itemprop, and the JSON-LD objects.

use std::collections::HashMap;

use scraper::Html;
use serde_json::Value;

use super::jsonld;
use crate::dom;

pub(super) struct Sources {
    /// Meta tag contents by lowercase `name`, `property`, `itemprop` or `http-equiv`, in page order.
    meta: HashMap<String, Vec<String>>,
    /// JSON-LD objects, article-like ones first.
    pub jsonld: Vec<Value>,
}

impl Sources {
    pub fn gather(document: &Html) -> Self {
        let mut meta: HashMap<String, Vec<String>> = HashMap::new();
        for element in dom::elements(document).filter(|e| e.value().name() == "meta") {
            let e = element.value();
            let Some(content) = dom::attr(e, "content")
                .map(str::trim)
                .filter(|c| !c.is_empty())
            else {
                continue;
            };
            for key in ["name", "property", "itemprop", "http-equiv"] {
                if let Some(k) = dom::attr(e, key) {
                    // `property` may hold several space-separated names.
                    for k in k.split_whitespace() {
                        meta.entry(k.to_lowercase())
                            .or_default()
                            .push(content.to_string());
                    }
                }
            }
        }
        Sources {
            meta,
            jsonld: jsonld::objects(document),
        }
    }

    /// The first content of the first of `keys` the page has.
    pub fn meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter()
            .find_map(|k| self.meta.get(*k).and_then(|v| v.first()))
            .map(String::as_str)
    }

    /// Every content of `key`.
    pub fn meta_all(&self, key: &str) -> &[String] {
        self.meta.get(key).map_or(&[], Vec::as_slice)
    }

    /// The first string found under `key` in the JSON-LD objects (article-like first).
    pub fn jsonld_str(&self, key: &str) -> Option<&str> {
        self.jsonld.iter().find_map(|o| jsonld::text(o.get(key)?))
    }
}
