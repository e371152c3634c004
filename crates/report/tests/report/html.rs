//! The HTML page: structure, highlights, links, and escaping of hostile input.

use std::collections::HashSet;

use crate::fixture::{self, HERALD, LEDGER};
use crate::markup;

fn page() -> String {
    parallax_report::to_html(&fixture::analysis())
}

#[test]
fn page_is_well_formed_and_self_contained() {
    let page = page();
    let tags = markup::parse(&page);
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")
    );
    assert!(page.contains("<style>") && !page.contains("<link") && !page.contains("<script"));
    assert!(!page.contains("url(") && !page.contains("@import") && !page.contains("src="));
    // The only external URL is the article's own link.
    let hrefs: Vec<&str> = tags.iter().filter_map(|t| t.get("href")).collect();
    let external: Vec<&&str> = hrefs.iter().filter(|h| !h.starts_with('#')).collect();
    assert_eq!(
        external,
        [&"https://herald.example/ferry?from=rss&amp;lang=en"]
    );
}

#[test]
fn every_internal_link_has_a_unique_target() {
    let page = page();
    let tags = markup::parse(&page);
    let mut ids = HashSet::new();
    for id in tags.iter().filter_map(|t| t.get("id")) {
        assert!(ids.insert(id), "duplicate id {id}");
    }
    let links: Vec<&str> = tags
        .iter()
        .filter_map(|t| t.get("href"))
        .filter_map(|h| h.strip_prefix('#'))
        .collect();
    assert!(links.len() >= 15, "{links:?}");
    for link in links {
        assert!(ids.contains(link), "link to missing #{link}");
    }
}

#[test]
fn sentences_carry_anchor_offsets_and_role() {
    let page = page();
    assert!(page.contains(
        "<span class=\"s shared\" id=\"herald-ferry-0\" title=\"herald-ferry · bytes 0–80 · shared claim S1\">"
    ));
    assert!(page.contains(
        "<span class=\"s exclusive\" id=\"herald-ferry-198\" title=\"herald-ferry · bytes 198–264 · exclusive\">\
         Repairs to the hull cost €2.4 million, according to the council.</span>"
    ));
    assert!(page.contains(
        "<span class=\"s flagged promo\" id=\"herald-ferry-266\" title=\"herald-ferry · bytes 266–311 · flagged: promo\">\
         <span class=\"label\">promo</span>Read more: Ten ferries that changed the coast</span>"
    ));
    assert!(page.contains(
        "<span class=\"s\" id=\"ledger-ferry-92\" title=\"ledger-ferry · bytes 92–157\">"
    ));
    // Shared sentences point to the side-by-side claim.
    assert!(page.contains("<li class=\"claim\" id=\"claim:story-1:1\">"));
    // Each claim says how closely the outlets' wordings agree.
    assert!(page.contains("reported by 2 outlets · similar wording (0.42)"));
    assert!(page.contains("<a class=\"cref\" href=\"#claim:story-1:1\""));
    assert_eq!(
        &HERALD[198..264],
        "Repairs to the hull cost €2.4 million, according to the council."
    );
    assert_eq!(
        &LEDGER[92..157],
        "“We owe the islanders a dependable crossing,” the mayor said."
    );
}

#[test]
fn quotes_are_underlined_and_names_carry_their_canonical_form() {
    let page = page();
    assert!(page.contains(
        "“<span class=\"q\" title=\"Quote (partial) · Ilse Vantongeren\">published on Friday</span>”, she added."
    ));
    assert!(page.contains(
        "Mayor <span class=\"m var\" title=\"Ilse Vantongeren · spelled “Ilze Vantongeren” here\">Ilze Vantongeren</span>"
    ));
    assert!(page.contains("<span class=\"m\" title=\"Brackwater\">Brackwater</span>"));
}

#[test]
fn quote_groups_show_word_diffs_fragments_and_links() {
    let page = page();
    assert!(page.contains(
        "<p class=\"v-text\">“We owe the islanders a <del>dependable</del> <ins>reliable</ins> crossing,”</p>"
    ));
    assert!(page.contains("<span class=\"badge fragment\""));
    // A fragment's missing edges are elided, not struck through.
    assert!(page.contains(
        "“<span class=\"elided\" title=\"Not printed by this outlet\">…</span>published on Friday\
         <span class=\"elided\" title=\"Not printed by this outlet\">…</span>”"
    ));
    assert!(!page.contains("<del>The timetable will be</del>"));
    // The link goes to the sentence that holds the quote.
    assert!(page.contains(
        "<a class=\"jump\" href=\"#herald-ferry-82\" title=\"herald-ferry, bytes 85–126\">85–126</a>"
    ));
}

#[test]
fn entity_chips_list_each_outlet_spelling() {
    let page = page();
    assert!(page.contains(
        "<li class=\"chip varies\" title=\"person:vantongeren\"><span class=\"chip-name\">Ilse Vantongeren</span>"
    ));
    assert!(page.contains("Ilse Vantongeren <span class=\"by\">— The Harbour Herald</span>"));
    assert!(page.contains(
        "<mark class=\"var\">Ilze Vantongeren</mark> <span class=\"by\">— Valley Ledger</span>"
    ));
    assert!(
        page.contains("Brackwater <span class=\"by\">— The Harbour Herald, Valley Ledger</span>")
    );
}

#[test]
fn article_columns_hold_the_full_text_and_why() {
    let page = page();
    assert!(page.contains(
        "<dd>similarity 0.62</dd><dt>Shared names:</dt> <dd>Ilse Vantongeren, Brackwater</dd>"
    ));
    assert!(page.contains("<dd>it started the story</dd>"));
    for (id, text) in [("herald-ferry", HERALD), ("ledger-ferry", LEDGER)] {
        let start = page
            .find(&format!("id=\"article:{id}\""))
            .and_then(|at| page[at..].find("<div class=\"text\">").map(|t| at + t))
            .unwrap_or_else(|| panic!("no column for {id}"));
        let end = start + page[start..].find("</div>").unwrap_or(0);
        let column = &page[start..end];
        // Labels and claim references are additions; the rest is the article, exactly.
        let column = column
            .replace("<span class=\"label\">promo</span>", "")
            .replace(">S1</a>", "></a>");
        assert_eq!(markup::text_of(&column).trim(), text.replace("\n\n", "\n"));
    }
}

#[test]
fn quotes_over_two_paragraphs_are_underlined_in_both() {
    let mut analysis = fixture::analysis();
    let quote = &mut analysis.documents[0].annotations.quotes[1];
    quote.span.end = HERALD.find("the hull").unwrap_or(0);
    let page = parallax_report::to_html(&analysis);
    markup::parse(&page);
    assert!(page.contains(
        "“<span class=\"q\" title=\"Quote (direct) · Ilse Vantongeren\">The timetable will be published on Friday.”</span>"
    ));
    assert!(page.contains(
        "<span class=\"q\" title=\"Quote (direct) · Ilse Vantongeren\">Repairs to </span>"
    ));
}

#[test]
fn copies_are_marked() {
    let mut analysis = fixture::analysis();
    analysis.grouping.memberships[1].copy_of = Some(0);
    let page = parallax_report::to_html(&analysis);
    assert!(page.contains("<article class=\"source is-copy\" id=\"article:ledger-ferry\""));
    assert!(page.contains(
        "<span class=\"badge copy\">copy</span> of <a href=\"#article:herald-ferry\">The Harbour Herald (herald-ferry)</a>"
    ));
    assert!(page.contains("Valley Ledger (copy)"));
}

/// Rename an article everywhere the analysis names it.
fn rename(analysis: &mut parallax_model::Analysis, old: &str, new: &str) {
    let fix = |s: &mut String| {
        if s == old {
            *s = new.to_string();
        }
    };
    for d in &mut analysis.documents {
        fix(&mut d.article.id);
    }
    for story in &mut analysis.stories {
        story.articles.iter_mut().for_each(fix);
        for e in &mut story.entities {
            e.spellings.iter_mut().for_each(|s| fix(&mut s.article));
        }
        for g in &mut story.quotes {
            g.occurrences
                .iter_mut()
                .for_each(|o| fix(&mut o.at.article));
        }
        for c in &mut story.shared {
            c.occurrences.iter_mut().for_each(|o| fix(&mut o.article));
        }
        story.exclusive.iter_mut().for_each(|o| fix(&mut o.article));
    }
}

#[test]
fn hostile_input_never_becomes_markup() {
    let mut a = fixture::analysis();
    rename(&mut a, "ledger-ferry", "x\" onmouseover=\"alert(1)");
    rename(&mut a, "herald-ferry", "<svg onload=alert(2)>");
    let herald = &mut a.documents[0].article;
    herald.title = "<script>alert(\"title\")</script>".into();
    herald.source = Some("\"><img src=x onerror=alert(3)>".into());
    herald.url = Some("javascript:alert(document.cookie)".into());
    // Hostile text in a new final paragraph and sentence, keeping earlier offsets.
    let extra = "<script>alert('text')</script> & <iframe src=//evil>";
    let start = herald.text.len() + 2;
    herald.text.push_str("\n\n");
    herald.text.push_str(extra);
    let span = parallax_model::Span {
        start,
        end: start + extra.len(),
    };
    a.documents[0].cleaned.paragraphs.push(span);
    a.documents[0]
        .cleaned
        .segments
        .push(parallax_model::Segment {
            span,
            paragraph: 4,
            kind: parallax_model::SegmentKind::Body,
        });
    a.documents[1].article.url = Some("https://ok.example/?q=\"><script>alert(4)</script>".into());
    a.grouping.memberships[1]
        .why
        .shared_terms
        .push("<b>term</b>".into());
    let story = &mut a.stories[0];
    story.id = "story\"><script>".into();
    story.title = "<img src=x onerror=alert(5)>".into();
    story.entities[0].name = "<i>Mayor</i>".into();
    story.entities[0].spellings[1].forms[0] = "</li><script>".into();
    story.quotes[0].speaker = Some("<script>speaker</script>".into());
    story.quotes[0].occurrences[0].diff[2].text = "</ins><script>alert(6)</script>".into();
    story.quotes[1].occurrences[0].at.text = "<a href=javascript:alert(7)>x</a>".into();
    story.exclusive[0].text = "<style>body{display:none}</style>".into();

    let page = parallax_report::to_html(&a);
    let tags = markup::parse(&page);
    for tag in &tags {
        if let Some(href) = tag.get("href") {
            assert!(
                href.starts_with('#') || href.starts_with("https://"),
                "unsafe href {href:?}"
            );
        }
        for (name, _) in &tag.attributes {
            assert!(!name.starts_with("on"), "event handler {name}");
        }
    }
    let lower = page.to_lowercase();
    // (Escaped, `href=javascript:` may appear as text; as markup the tag check above fails.)
    // The only SVG is the page's own charts.
    let own_svg = lower.matches("<svg class=\"timeline\"").count()
        + lower.matches("<svg class=\"bar\"").count();
    assert_eq!(lower.matches("<svg").count(), own_svg, "<svg leaked");
    for bad in ["<script", "<img", "<iframe", "<i>", "href=\"javascript"] {
        assert!(!lower.contains(bad), "{bad} leaked");
    }
    assert_eq!(page.matches("<style>").count(), 1);
    // Shown as text instead.
    assert!(page.contains("&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;"));
    assert!(page.contains("<span class=\"mono\">javascript:alert(document.cookie)</span>"));
    assert!(page.contains(
        "&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt; &amp; &lt;iframe src=//evil&gt;"
    ));
    assert!(page.contains(
        "href=\"https://ok.example/?q=&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;\""
    ));
    // Ids made of hostile article ids are encoded, and links still find them.
    assert!(page.contains("id=\"article:x_22_20onmouseover_3D_22alert_281_29\""));
    markup::assert_links_resolve(&tags);
}

#[test]
fn empty_analysis_renders_a_valid_page() {
    let page = parallax_report::to_html(&parallax_model::Analysis::default());
    markup::parse(&page);
    assert!(page.contains("No stories: there were no articles to compare."));
}

#[test]
fn the_legend_explains_every_badge_the_page_can_show() {
    let page = page();
    let legend_start = page.find("<ul class=\"legend\"").expect("a legend");
    let legend = &page[legend_start..legend_start + page[legend_start..].find("</ul>").unwrap()];
    for badge in [
        "reference",
        "fragment",
        "direct",
        "partial",
        "indirect",
        "copy",
    ] {
        assert!(
            legend.contains(&format!(">{badge}</span>")),
            "{badge} is not explained in the legend"
        );
    }
    assert!(
        legend.contains("No colour"),
        "uncoloured sentences unexplained"
    );
}

#[test]
fn the_coverage_is_drawn_with_its_numbers_in_text() {
    let page = page();
    // The timeline: an image with a text alternative naming the first report.
    let start = page.find("<svg class=\"timeline\"").expect("a timeline");
    let timeline = &page[start..start + page[start..].find("</svg>").unwrap()];
    assert!(timeline.contains("role=\"img\""), "{timeline}");
    assert!(
        timeline.contains(
            "Timeline of the coverage. First report 2026-04-02 09:30 UTC by The Harbour Herald; last 2026-04-02 11:00 UTC; 2 outlets."
        ),
        "{timeline}"
    );
    assert_eq!(timeline.matches("<circle").count(), 2);
    assert_eq!(timeline.matches("class=\"report first\"").count(), 1);
    // What each article carries: a table whose numbers the bars repeat.
    let start = page
        .find("<table class=\"coverage-chart\">")
        .expect("a coverage chart");
    let table = &page[start..start + page[start..].find("</table>").unwrap()];
    assert!(table.contains("<caption>What each article carries</caption>"));
    for header in ["Shared claims", "Only here", "Quotes", "Flagged"] {
        assert!(table.contains(header), "{header}");
    }
    assert_eq!(
        table.matches("<tr>").count(),
        3,
        "a header and one row per article"
    );
    // The Herald states the shared claim, one of its own, two quotes and a
    // promotion line; the Ledger the claim and two quotes.
    assert!(
        table.contains("The Harbour Herald</a></th><td>1</td><td>1</td><td>2</td><td>1</td>"),
        "{table}"
    );
    assert!(
        table.contains("Valley Ledger</a></th><td>1</td><td>0</td><td>2</td><td>0</td>"),
        "{table}"
    );
    assert!(
        table.contains("aria-hidden=\"true\""),
        "bars are decoration beside the numbers"
    );
}

#[test]
fn outlets_tied_for_the_first_report_are_all_named() {
    let mut analysis = fixture::analysis();
    let first = analysis.documents[0].article.published;
    analysis.documents[1].article.published = first;
    let page = parallax_report::to_html(&analysis);
    assert!(
        page.contains("First report 2026-04-02 09:30 UTC by The Harbour Herald, Valley Ledger at the same time;"),
        "{}",
        &page[page.find("Timeline of").unwrap_or(0)..][..200]
    );
}

#[test]
fn acts_show_who_did_what_with_the_marked_sentence() {
    let page = page();
    let start = page.find("What happened").expect("an acts section");
    let section = &page[start
        ..page[start..]
            .find("<h3>Quotes")
            .map_or(page.len(), |e| start + e)];
    assert!(
        section.contains("<time datetime=\"2026-04-06\">2026-04-06</time> · <b>Ilse Vantongeren</b> → <b>Brackwater</b>: <b>AGREE</b>"),
        "{section}"
    );
    assert!(section.contains("reported by 1 outlet"), "{section}");
    assert!(section.contains("<h4>Timeline</h4>"), "{section}");
    // The sentence is shown with its trigger marked and a link to it.
    assert!(
        section.contains("Mayor Ilse Vantongeren said the Brackwater ferry <mark>would resume</mark> service on Monday."),
        "{section}"
    );
    assert!(section.contains("class=\"jump\" href=\"#"), "{section}");
}

#[test]
fn differing_figures_and_speakers_are_shown_with_each_outlet_and_a_link() {
    let mut analysis = fixture::analysis();
    let story = &mut analysis.stories[0];
    // The two outlets' "Monday" stands in for two figures; the wordings are
    // hostile to check that they are escaped.
    let mut wordings = story.shared[0].occurrences.clone();
    wordings[0].text = "<b>12</b> dead".into();
    story.discrepancies.push(parallax_model::Discrepancy {
        kind: parallax_model::DiscrepancyKind::Number,
        relation: parallax_model::Relation::Conflict,
        claim: Some(0),
        quotes: Vec::new(),
        what: "deaths".into(),
        wordings: wordings.clone(),
    });
    // One quote put in two mouths: the wordings stand in for the speakers'
    // names, and the quote is hostile too.
    wordings[1].text = "<i>Piet</i>".into();
    story.discrepancies.push(parallax_model::Discrepancy {
        kind: parallax_model::DiscrepancyKind::Speaker,
        relation: parallax_model::Relation::Conflict,
        claim: None,
        quotes: vec![0, 0],
        what: "We <will> sail again before the first storms of the coming winter arrive".into(),
        wordings,
    });
    let page = parallax_report::to_html(&analysis);
    let tags = markup::parse(&page);
    markup::assert_links_resolve(&tags);
    let section = page
        .split("Where the outlets differ")
        .nth(1)
        .and_then(|s| s.split("</ul>").next())
        .expect("a section of differences");
    assert!(
        section.contains("S1</a> · deaths · different figures"),
        "{section}"
    );
    assert!(section.contains("&lt;b&gt;12&lt;/b&gt; dead"));
    // A speaker row names the quote's opening words, with no claim link.
    assert!(
        section.contains(
            "<li>“We &lt;will&gt; sail again before the first storms of the coming winter…” · said by different speakers: "
        ),
        "{section}"
    );
    assert!(section.contains("&lt;i&gt;Piet&lt;/i&gt;"), "{section}");
    assert!(
        section.contains("The Harbour Herald") && section.contains("Ledger"),
        "{section}"
    );
    let text = parallax_report::to_text(&analysis);
    assert!(text.contains("Where the outlets differ (2)"), "{text}");
    assert!(
        text.contains("“We <will> sail again before the…”, said by different speakers: "),
        "{text}"
    );
    assert!(
        text.contains("deaths, different figures: “<b>12</b> dead”"),
        "{text}"
    );
}
