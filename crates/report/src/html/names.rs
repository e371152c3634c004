//! Entity chips: each story entity under its canonical name, with the spelling
//! every outlet uses. Entities whose outlets spell a word of the name
//! differently come first and are marked.

use parallax_model::{Spelling, Story, StoryEntity};

use super::html;
use crate::lookup::{Lookup, kind_name};
use crate::spelling;

pub(super) fn render(lookup: &Lookup<'_>, story: &Story, out: &mut String) {
    out.push_str(&format!(
        "<h3>Names <span class=\"count\">({})</span></h3>\n",
        story.entities.len()
    ));
    if story.entities.is_empty() {
        out.push_str("<p class=\"none\">No names found.</p>\n");
        return;
    }
    let mut entities: Vec<(bool, &StoryEntity)> = story
        .entities
        .iter()
        .map(|e| (spelling::has_variants(e), e))
        .collect();
    // Stable: differing spellings first, otherwise the story's own order.
    entities.sort_by_key(|(varies, _)| !varies);
    out.push_str("<ul class=\"chips\">\n");
    for (varies, entity) in entities {
        chip(lookup, entity, varies, out);
    }
    out.push_str("</ul>\n");
}

/// Spellings grouped by the forms shown, so that outlets spelling a name the
/// same way share one line.
struct Group<'a> {
    forms: Vec<&'a str>,
    spellings: Vec<&'a Spelling>,
}

fn groups(entity: &StoryEntity) -> Vec<Group<'_>> {
    let mut groups: Vec<Group<'_>> = Vec::new();
    for s in &entity.spellings {
        let forms = spelling::display_forms(s);
        match groups.iter_mut().find(|g| g.forms == forms) {
            Some(g) => g.spellings.push(s),
            None => groups.push(Group {
                forms,
                spellings: vec![s],
            }),
        }
    }
    groups
}

fn chip(lookup: &Lookup<'_>, entity: &StoryEntity, varies: bool, out: &mut String) {
    let groups = groups(entity);
    out.push_str(&format!(
        "<li class=\"chip{}\" title=\"{}\"><span class=\"chip-name\">{}</span><span class=\"chip-kind\">{}</span>",
        if varies { " varies" } else { "" },
        html(&entity.key),
        html(&entity.name),
        kind_name(entity.kind)
    ));
    if varies {
        out.push_str(&format!(
            " <span class=\"badge variant\">{} spellings</span>",
            groups.len()
        ));
    }
    out.push_str("<ul class=\"spellings\">");
    for group in &groups {
        let all_forms: Vec<&str> = group
            .spellings
            .iter()
            .flat_map(|s| s.forms.iter().map(String::as_str))
            .collect();
        out.push_str(&format!(
            "<li title=\"{}\">",
            html(&format!("All forms: {}", dedup(all_forms).join(", ")))
        ));
        let forms: Vec<String> = group
            .forms
            .iter()
            .map(|f| {
                if spelling::is_variant_form(f, &entity.name) {
                    format!("<mark class=\"var\">{}</mark>", html(f))
                } else {
                    html(f)
                }
            })
            .collect();
        out.push_str(&forms.join(" · "));
        let outlets: Vec<String> = group
            .spellings
            .iter()
            .map(|s| {
                let copy = lookup
                    .index_of(&s.article)
                    .and_then(|i| lookup.copy_of(i))
                    .is_some();
                format!("{}{}", html(&s.outlet), if copy { " (copy)" } else { "" })
            })
            .collect();
        out.push_str(&format!(
            " <span class=\"by\">— {}</span></li>",
            dedup(outlets).join(", ")
        ));
    }
    out.push_str("</ul></li>\n");
}

/// Items without repeats, first occurrence kept.
fn dedup<T: PartialEq>(items: Vec<T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}
