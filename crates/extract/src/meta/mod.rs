//! Page metadata: headline, authors, dates, site name, language, description, canonical URL.

use scraper::Html;

/// Metadata of one page, before the body is known.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub url: Option<String>,
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub site_name: Option<String>,
    pub language: Option<String>,
    pub description: Option<String>,
}

/// Read the metadata of a parsed page.
pub fn read(_document: &Html) -> Meta {
    Meta::default()
}
