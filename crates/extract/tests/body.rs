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

/// Three sections of one story, each in its own CMS widget wrapper.
const SECTIONED: &str = r#"<div class="layout"><div class="row"><div class="col">
<div class="block"><div class="block-content"><div class="html-content">
<p>The Westmere ferry company will retire its two oldest boats next year, its director told shareholders on Tuesday, after a summer of breakdowns that left hundreds of passengers waiting on the quay.</p>
<p>The boats, built in 1979 and 1981, will be replaced by a single larger vessel, leased from a company in the north, while a new ferry is designed, a process that the director, a former naval engineer, expects to take three years.</p>
<p>Shareholders, who had asked for the change at the last two meetings, approved the lease by a large majority, although a group of small investors, led by a retired skipper, voted against it.</p>
<p>The company, founded in 1952, carries about a million passengers a year, most of them commuters, tourists in summer, and lorries, vans and cars between the two halves of the county.</p>
</div></div></div>
<div class="block"><div class="block-content"><div class="html-content">
<h2>Passengers relieved</h2>
<p>Commuters who cross the bay every morning said they were relieved, though several asked why the decision had taken so long, and whether fares would rise to pay for the lease.</p>
</div></div></div>
<div class="block"><div class="block-content"><div class="html-content">
<p>The director said fares would stay as they are until at least the spring.</p>
</div></div></div>
</div></div></div>"#;

#[test]
fn an_article_split_across_sibling_widgets_is_kept_whole() {
    let text = extract(&page(SECTIONED)).text;
    for part in [
        "retire its two oldest boats",
        "replaced by a single larger vessel",
        "Passengers relieved",
        "Commuters who cross the bay",
        "fares would stay as they are",
    ] {
        assert!(text.contains(part), "{part:?} missing from {text:?}");
    }
}

#[test]
fn a_page_wrapped_in_one_form_still_has_its_article() {
    // ASP.NET pages put the whole page inside one <form>.
    let html = format!(
        r#"<html><body><form id="mainForm" method="post"><input type="hidden" name="state" value="x">{}</form></body></html>"#,
        SECTIONED
    );
    let text = extract(&html).text;
    assert!(text.contains("retire its two oldest boats"), "{text:?}");
    assert!(text.contains("fares would stay as they are"), "{text:?}");
}

#[test]
fn the_standfirst_before_the_body_container_is_kept() {
    let body = r#"<div class="story">
<div class="standfirst"><p>Two old boats go, one leased boat comes, and the fares stay where they are for now.</p></div>
<div class="story-wrapper"><div class="story-text">
<p>The Westmere ferry company will retire its two oldest boats next year, its director told shareholders on Tuesday, after a summer of breakdowns that left hundreds of passengers waiting on the quay.</p>
<p>The boats, built in 1979 and 1981, will be replaced by a single larger vessel, leased from a company in the north, while a new ferry is designed, a process the director expects to take three years.</p>
<p>Commuters who cross the bay every morning said they were relieved, though several asked why the decision had taken so long, and whether fares would rise to pay for the lease.</p>
</div></div></div>"#;
    let text = extract(&page(body)).text;
    assert!(
        text.starts_with("Two old boats go, one leased boat comes"),
        "{text:?}"
    );
    assert!(text.contains("Commuters who cross the bay"), "{text:?}");
}

#[test]
fn short_lines_trailing_the_article_are_dropped_but_sentences_are_kept() {
    let body = r#"<div class="story-text">
<p>The Westmere ferry company will retire its two oldest boats next year, its director told shareholders on Tuesday, after a summer of breakdowns.</p>
<p>The boats, built in 1979 and 1981, will be replaced by a single larger vessel, leased from a company in the north, while a new ferry is designed.</p>
<p>Fares stay.</p>
<p>Updated: 12 March</p>
<p>Read more from the harbour desk</p>
</div>"#;
    let text = extract(&page(body)).text;
    assert!(text.ends_with("Fares stay."), "{text:?}");
    assert!(!text.contains("Updated: 12 March"), "{text:?}");
}

#[test]
fn a_table_inside_a_figure_is_kept_and_its_caption_is_not() {
    let body = r#"<div class="story-text">
<p>The Westmere ferry company will retire its two oldest boats next year, its director told shareholders on Tuesday, after a summer of breakdowns.</p>
<figure><table><tr><td>Gull Star, built 1979, 212 seats</td></tr><tr><td>Bay Runner, built 1981, 180 seats</td></tr></table>
<figcaption>The two boats to be retired, by year.</figcaption></figure>
<p>The boats will be replaced by a single larger vessel, leased from a company in the north, while a new ferry is designed over three years.</p>
</div>"#;
    let text = extract(&page(body)).text;
    assert!(
        text.contains("Gull Star, built 1979, 212 seats"),
        "{text:?}"
    );
    assert!(!text.contains("The two boats to be retired"), "{text:?}");
}

/// Three paragraphs of a fictional story about the Westmere ferries.
const FERRY_TEXT: &str = r#"<p>The Westmere ferry company will retire its two oldest boats next year, its director told shareholders on Tuesday, after a summer of breakdowns that left hundreds of passengers waiting on the quay.</p>
<p>The boats, built in 1979 and 1981, will be replaced by a single larger vessel, leased from a company in the north, while a new ferry is designed, a process the director expects to take three years.</p>
<p>Commuters who cross the bay every morning said they were relieved, though several asked why the decision had taken so long, and whether fares would rise to pay for the lease.</p>"#;

#[test]
fn the_standfirst_in_the_article_header_is_kept_but_not_the_dateline() {
    let body = format!(
        r#"<article class="story"><header>
<h1>Two ferries to be retired</h1>
<p>12.03.2025, 10:27</p>
<p>The company wants one leased boat to do the work of two old ones until a new ferry is built.</p>
</header>
<div class="story-text">{FERRY_TEXT}</div></article>"#
    );
    let text = extract(&page(&body)).text;
    assert!(
        text.starts_with("The company wants one leased boat"),
        "{text:?}"
    );
    assert!(!text.contains("12.03.2025"), "{text:?}");
    assert!(text.contains("Commuters who cross the bay"), "{text:?}");
}

#[test]
fn prose_between_the_headline_and_the_body_is_kept() {
    let body = format!(
        r#"<div class="page"><h1>Two ferries to be retired</h1>
<div class="intro"><p>The company wants one leased boat to do the work of two old ones until a new ferry is built.</p></div>
<div class="desk">Harbour desk</div>
<ul class="topics"><li><a href="/t/ferries">Ferries</a></li><li><a href="/t/westmere">Westmere</a></li><li><a href="/t/transport">Transport</a></li></ul>
<div class="story-text">{FERRY_TEXT}</div></div>"#
    );
    let text = extract(&page(&body)).text;
    assert!(
        text.starts_with("The company wants one leased boat"),
        "{text:?}"
    );
    assert!(!text.contains("Harbour desk"), "{text:?}");
}

#[test]
fn a_subhead_over_a_list_of_links_goes_with_the_list() {
    let body = format!(
        r#"<div class="story-text">{FERRY_TEXT}
<h3>More on the ferries</h3>
<ul><li><a href="/f1">Ferry timetable changes for the winter</a></li><li><a href="/f2">Quay repairs finished before summer</a></li></ul>
<p>The director will present the lease to the council in May, together with the plans for the new boat.</p>
<p>More on this:</p>
</div>"#
    );
    let text = extract(&page(&body)).text;
    assert!(!text.contains("More on the ferries"), "{text:?}");
    assert!(!text.contains("More on this"), "{text:?}");
    assert!(
        text.ends_with("together with the plans for the new boat."),
        "{text:?}"
    );
}

#[test]
fn a_sentence_with_many_links_in_the_article_is_kept() {
    let body = format!(
        r#"<div class="story-text">{FERRY_TEXT}
<p>The full report is on the <a href="/r">website of the Westmere ferry company</a> and in the <a href="/c">council archive</a>.</p></div>"#
    );
    let text = extract(&page(&body)).text;
    assert!(
        text.contains("The full report is on the website"),
        "{text:?}"
    );
}

#[test]
fn the_article_titled_like_the_page_wins_over_the_next_story() {
    let next = FERRY_TEXT.replace("ferry", "tram").replace("boats", "cars");
    let html = format!(
        r#"<!doctype html><html><head><title>Two ferries to be retired</title></head><body>
<div class="stream">
<div class="item"><article><h1>Two ferries to be retired</h1>{FERRY_TEXT}{FERRY_TEXT}</article></div>
<div class="item"><article><h1>Trams to run later at weekends</h1>{next}{next}{next}</article></div>
</div></body></html>"#
    );
    let text = extract(&html).text;
    assert!(text.starts_with("The Westmere ferry company"), "{text:?}");
    assert!(text.contains("Commuters who cross the bay"), "{text:?}");
    assert!(!text.contains("tram company"), "{text:?}");
}
