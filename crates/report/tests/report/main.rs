//! End-to-end tests of the three renderings on a small hand-built analysis.

mod fixture;
mod giant;
mod html;
mod json;
mod long;
mod markup;
mod robustness;
mod schema_doc;
mod text;
