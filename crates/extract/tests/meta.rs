//! Page metadata on original, fictional pages.

use parallax_extract::extract;

const NEWS_PAGE: &str = r#"<!doctype html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Ferry service returns to Eastport after storm repairs | The Harbour Gazette</title>
<meta property="og:site_name" content="The Harbour Gazette">
<meta property="og:title" content="Ferry service returns to Eastport after storm repairs">
<meta name="description" content="The morning ferry sails again after six weeks.">
<link rel="canonical" href="https://harbourgazette.example/2023/04/18/ferry-returns">
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"The Harbour Gazette"},
 {"@type":"NewsArticle","headline":"Ferry service returns to Eastport after storm repairs",
  "datePublished":"2023-04-18T07:30:00+01:00","dateModified":"2023-04-19T09:00:00+01:00",
  "author":[{"@type":"Person","name":"Mara Quill"},{"@type":"Person","name":"Tobias Fenn"}],
  "publisher":{"@type":"Organization","name":"The Harbour Gazette"}}]}
</script>
</head><body>
<header><div class="logo">The Harbour Gazette</div></header>
<article><h1>Ferry service returns to Eastport after storm repairs</h1>
<p class="byline">By Mara Quill and Tobias Fenn</p>
<p>The morning ferry to Eastport sailed on Tuesday for the first time in six weeks.</p>
</article></body></html>"#;

#[test]
fn structured_news_page_gives_headline_people_and_dates() {
    let page = extract(NEWS_PAGE);
    assert_eq!(
        page.title.as_deref(),
        Some("Ferry service returns to Eastport after storm repairs")
    );
    assert_eq!(page.authors, vec!["Mara Quill", "Tobias Fenn"]);
    assert_eq!(page.published.as_deref(), Some("2023-04-18T07:30:00+01:00"));
    assert_eq!(page.modified.as_deref(), Some("2023-04-19T09:00:00+01:00"));
    assert_eq!(page.site_name.as_deref(), Some("The Harbour Gazette"));
    assert_eq!(page.language.as_deref(), Some("en-GB"));
    assert_eq!(
        page.url.as_deref(),
        Some("https://harbourgazette.example/2023/04/18/ferry-returns")
    );
    assert_eq!(
        page.description.as_deref(),
        Some("The morning ferry sails again after six weeks.")
    );
}

#[test]
fn plain_german_blog_gives_visible_byline_and_written_date() {
    let html = r#"<html lang="de"><head>
<title>Neue Radwege im Lindental – Stadtblog Lindenau</title></head><body>
<div class="site">Stadtblog Lindenau</div>
<h1>Neue Radwege im Lindental</h1>
<div class="post-meta"><span class="author">Von Lena Brandt (Redaktion)</span>
<span class="date">Veröffentlicht am 7. März 2022</span></div>
<p>Der Gemeinderat hat am Montag drei neue Radwege beschlossen.</p>
</body></html>"#;
    let page = extract(html);
    assert_eq!(page.title.as_deref(), Some("Neue Radwege im Lindental"));
    assert_eq!(page.authors, vec!["Lena Brandt"]);
    assert_eq!(page.published.as_deref(), Some("2022-03-07"));
    assert_eq!(page.language.as_deref(), Some("de"));
}

#[test]
fn title_tag_loses_site_name_and_future_or_ancient_dates_are_refused() {
    let html = r#"<html><head>
<title>Eastport Herald | Council approves bridge tolls for next spring</title>
<meta property="og:site_name" content="Eastport Herald">
<meta name="author" content="news@eastport-herald.example">
<meta property="article:published_time" content="2998-01-01">
</head><body><p>Posted 12/1990. The council met on Monday evening.</p></body></html>"#;
    let page = extract(html);
    assert_eq!(
        page.title.as_deref(),
        Some("Council approves bridge tolls for next spring")
    );
    assert!(
        page.authors.is_empty(),
        "an e-mail is not a person: {:?}",
        page.authors
    );
    assert_eq!(page.published, None);
}

#[test]
fn date_in_the_url_path_is_used_when_nothing_else_declares_one() {
    let html = r#"<html><head><title>Lighthouse keeper retires</title>
<meta property="og:url" content="https://coastnews.example/2019/11/02/lighthouse-keeper"></head>
<body><h1>Lighthouse keeper retires</h1><p>After forty years, the keeper hands over the key.</p></body></html>"#;
    assert_eq!(extract(html).published.as_deref(), Some("2019-11-02"));
}

#[test]
fn empty_and_junk_input_give_empty_metadata() {
    for html in [
        "",
        "\u{0}\u{1}<<<>>>",
        "<script type=\"application/ld+json\">{not json</script>",
    ] {
        let page = extract(html);
        assert_eq!(page.title, None);
        assert!(page.authors.is_empty());
        assert_eq!(page.published, None);
    }
}
