//! The article body on small fictional pages: what is kept, what is left out.

use parallax_extract::extract;

/// Wraps body markup in a page with the usual furniture around it.
fn page(body: &str) -> String {
    format!(
        r#"<!doctype html><html lang="en"><head><title>Harbour news | Gull Bay Gazette</title>
<style>p {{ color: red }}</style><script>var promo = "Subscribe now to read more";</script></head>
<body>
<header class="site-header"><nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav></header>
<div class="cookie-banner"><p>We use cookies to improve your experience, please accept them to continue reading.</p></div>
{body}
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Lighthouse keeper retires after forty long years at sea</a></li><li><a href="/b">Council approves new cycle lanes along the promenade</a></li></ul></aside>
<footer><p>Copyright Gull Bay Gazette, all rights reserved, registered in the county of Westmere.</p></footer>
</body></html>"#
    )
}

const STORY: &str = r#"<article class="story">
<h1>Harbour dredging to start in spring</h1>
<p class="byline">By Mara Quill</p>
<div class="story-body">
<p>Dredging of the silted inner harbour at Gull Bay will begin in March, the port authority said on Monday, after two years of delays caused by permits, funding and a dispute over where the mud should go.</p>
<p>The work, budgeted at 4.2 million crowns, is meant to let the larger ferries dock at low tide again, something skippers say has been impossible since the winter storms of last year.</p>
<figure><img src="dredger.jpg"><figcaption>A dredger moored outside the harbour wall.</figcaption></figure>
<h2>Fishermen worried</h2>
<p>Local fishermen, who moor their boats along the same quay, fear weeks of disruption, and their association has asked for the work to pause during the herring season in April.</p>
<ul><li>Phase one: the ferry berth, March to April.</li><li>Phase two: the inner basin, May to June.</li></ul>
<blockquote><p>"We have waited long enough for this, but not at the cost of our season," said association chair Edvin Roe.</p></blockquote>
<div class="share-bar"><a href="/share/fb">Facebook</a> <a href="/share/x">X</a> <a href="/share/mail">Email</a></div>
<div class="newsletter-signup"><p>Get the Gazette morning briefing in your inbox every day, sign up now for free.</p></div>
<p hidden>Hidden note for editors about the dredging contract and its many clauses.</p>
<p style="display: none">Another hidden paragraph about the tender that readers should never see.</p>
</div>
<section class="related-links"><h3>Related</h3><ul><li><a href="/r1">Port budget under pressure as ferry traffic grows again</a></li><li><a href="/r2">Storm damage to quay repaired ahead of summer season</a></li></ul></section>
<div id="comments"><p>Great news, finally someone is doing something about the harbour, it was about time!</p></div>
</article>"#;

#[test]
fn article_paragraphs_headings_lists_and_quotes_are_kept_in_order() {
    let text = extract(&page(STORY)).text;
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(
        paragraphs,
        vec![
            "Dredging of the silted inner harbour at Gull Bay will begin in March, the port authority said on Monday, after two years of delays caused by permits, funding and a dispute over where the mud should go.",
            "The work, budgeted at 4.2 million crowns, is meant to let the larger ferries dock at low tide again, something skippers say has been impossible since the winter storms of last year.",
            "Fishermen worried",
            "Local fishermen, who moor their boats along the same quay, fear weeks of disruption, and their association has asked for the work to pause during the herring season in April.",
            "Phase one: the ferry berth, March to April.",
            "Phase two: the inner basin, May to June.",
            "\"We have waited long enough for this, but not at the cost of our season,\" said association chair Edvin Roe.",
        ]
    );
}

#[test]
fn furniture_around_and_inside_the_article_is_left_out() {
    let text = extract(&page(STORY)).text;
    for furniture in [
        "Harbour dredging to start in spring",
        "By Mara Quill",
        "Home",
        "cookies",
        "Most read",
        "Copyright",
        "dredger moored",
        "Facebook",
        "morning briefing",
        "Hidden note",
        "Another hidden",
        "Port budget",
        "Great news",
        "Subscribe now",
        "color: red",
    ] {
        assert!(!text.contains(furniture), "{furniture:?} in {text:?}");
    }
}

#[test]
fn inline_markup_entities_and_whitespace_are_normalised() {
    let body = r#"<div class="content"><p>The   <b>tide</b> tables were
        <a href="/t">revised</a> &amp; re&shy;printed &ldquo;twice&rdquo;, the&nbsp;office said, and the new edition went to every chandlery on the coast.</p>
        <p>Sailors had complained that the old tables, printed in haste last autumn, listed the wrong times for the spring tides in May and June.</p></div>"#;
    assert_eq!(
        extract(&page(body)).text,
        "The tide tables were revised & reprinted \u{201c}twice\u{201d}, the office said, and the new edition went to every chandlery on the coast.\n\nSailors had complained that the old tables, printed in haste last autumn, listed the wrong times for the spring tides in May and June."
    );
}

#[test]
fn text_in_divs_and_line_breaks_counts_without_paragraph_tags() {
    let body = r#"<div class="post"><div>The ferry to Skerra was cancelled on Friday morning, stranding about forty passengers on the pier for most of the day.</div>
        <div>The operator blamed a broken propeller shaft,<br>and said a spare part was on its way from the mainland.<br><br>Services should resume on Sunday, weather permitting, with an extra sailing in the evening.</div></div>"#;
    assert_eq!(
        extract(&page(body)).text,
        "The ferry to Skerra was cancelled on Friday morning, stranding about forty passengers on the pier for most of the day.\n\nThe operator blamed a broken propeller shaft, and said a spare part was on its way from the mainland.\n\nServices should resume on Sunday, weather permitting, with an extra sailing in the evening."
    );
}

#[test]
fn main_content_is_found_without_article_markup() {
    let body = r#"<p>Outside the main column: a short teaser line.</p><main><div class="column">
        <p>The island's only school will stay open next year, the education board decided, after parents collected over nine hundred signatures.</p>
        <nav><p>Schools, Islands, Budget, Education</p></nav>
        <p>The board had proposed sending the twelve pupils to the mainland by boat each day, a plan parents called unsafe in winter.</p></div></main>"#;
    assert_eq!(
        extract(&page(body)).text,
        "The island's only school will stay open next year, the education board decided, after parents collected over nine hundred signatures.\n\nThe board had proposed sending the twelve pupils to the mainland by boat each day, a plan parents called unsafe in winter."
    );
}

#[test]
fn the_densest_block_wins_over_link_lists() {
    let links: String = (0..30)
        .map(|i| {
            format!(
                r#"<li><a href="/s{i}">Story number {i} about something else entirely</a></li>"#
            )
        })
        .collect();
    let body = format!(
        r#"<div class="wrap"><ul class="list">{links}</ul><div class="x1"><p>The mill at Orrvik closed after ninety years, its owners blaming energy prices, falling demand and the cost of new filters.</p><p>Eighty workers lose their jobs, the union said, and most of them have worked nowhere else.</p></div></div>"#
    );
    assert_eq!(
        extract(&page(&body)).text,
        "The mill at Orrvik closed after ninety years, its owners blaming energy prices, falling demand and the cost of new filters.\n\nEighty workers lose their jobs, the union said, and most of them have worked nowhere else."
    );
}

#[test]
fn empty_broken_and_junk_input_give_an_empty_or_best_effort_body() {
    assert_eq!(extract("").text, "");
    assert_eq!(extract("<html><body></body></html>").text, "");
    assert_eq!(extract("\u{0}\u{1}\u{2}garbage<<<>>>&&&;;").text, "");
    let broken = "<div><p>The bridge reopened on Tuesday after repairs that took three weeks longer than planned, officials said.<p>Traffic was light.<div><span>";
    assert!(
        extract(broken)
            .text
            .starts_with("The bridge reopened on Tuesday")
    );
}

#[test]
fn deeply_nested_and_large_pages_do_not_overflow() {
    let deep = format!(
        "{}<p>Deep text that is long enough to count as a paragraph of prose, with commas, too.</p>{}",
        "<div>".repeat(20_000),
        "</div>".repeat(20_000)
    );
    let text = extract(&deep).text;
    assert!(text.is_empty() || text.contains("Deep text"));
    let paragraph = "<p>Many paragraphs, each a sentence long enough to score, make a very large page here.</p>";
    let big = format!(
        "<html><body><article>{}</article></body></html>",
        paragraph.repeat(5_000)
    );
    assert_eq!(extract(&big).text.split("\n\n").count(), 5_000);
}
