//! The page's only stylesheet, inlined so the report is one offline file.
//!
//! System font stacks (no web fonts), a light and a dark palette with body text
//! contrast above WCAG AA, and print rules that unroll the side-by-side columns.

/// Inline CSS for the HTML report.
pub(crate) const CSS: &str = r#"
:root {
  --paper: #fbfaf7; --card: #ffffff; --ink: #1b1b1d; --muted: #595c63; --rule: #d8d4cb;
  --accent: #9b1c1c; --link: #1f4e8c;
  --shared-bg: #d9eee0; --shared-edge: #2f7a4d;
  --excl-bg: #fbe5bd; --excl-edge: #a0620d;
  --flag-ink: #66676b; --flag-bg: #eeece7;
  --del-bg: #f8dada; --del-ink: #8f1d1d; --ins-bg: #d3eeda; --ins-ink: #14532d;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --serif: Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, "Times New Roman", serif;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --paper: #151619; --card: #1c1e22; --ink: #e9e7e2; --muted: #a5a8ae; --rule: #36383d;
    --accent: #f28b7d; --link: #8cb6f5;
    --shared-bg: #1d3a29; --shared-edge: #62bf88;
    --excl-bg: #43321a; --excl-edge: #e2a64c;
    --flag-ink: #9c9ea3; --flag-bg: #232429;
    --del-bg: #4b2424; --del-ink: #ffb4ab; --ins-bg: #1c4029; --ins-ink: #a8e4b9;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink); font: 16px/1.55 var(--sans); }
a { color: var(--link); text-underline-offset: 2px; }
a:focus-visible, [tabindex]:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
:target { scroll-margin-top: 1.5rem; }
.s:target { outline: 2px solid var(--accent); outline-offset: 2px; border-radius: 2px; }
.wrap { max-width: 78rem; margin: 0 auto; padding: 0 1.25rem; }
.muted { color: var(--muted); }
.mono { font-family: var(--mono); font-size: .85em; }
.masthead { border-bottom: 3px double var(--rule); padding: 2.25rem 0 1.5rem; }
.masthead h1 { font: 700 2.4rem/1.1 var(--serif); margin: 0; letter-spacing: -.01em; }
.masthead h1 a { color: inherit; text-decoration: none; }
.masthead .tagline { color: var(--muted); margin: .35rem 0 1.25rem; }
.stats { display: flex; flex-wrap: wrap; gap: .75rem 2rem; list-style: none; padding: 0; margin: 0; }
.stats li { color: var(--muted); font-size: .85rem; }
.stats b { display: block; color: var(--ink); font: 700 1.5rem/1.2 var(--serif); font-variant-numeric: tabular-nums; }
.legend { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; margin: 1.25rem 0 0; padding: 0; list-style: none; font-size: .85rem; }
.toc { padding: 1.5rem 0 .5rem; }
.toc h2 { font: 700 .78rem/1.2 var(--sans); text-transform: uppercase; letter-spacing: .09em; color: var(--muted); margin: 0 0 .75rem; }
.toc ol { margin: 0; padding-left: 1.5rem; columns: 2 22rem; column-gap: 2.5rem; }
.toc li { margin: 0 0 .5rem; break-inside: avoid; }
.toc a { font-family: var(--serif); font-weight: 600; }
.toc .muted { display: block; font-size: .8rem; }
.story { border-top: 1px solid var(--rule); padding: 2.5rem 0 1rem; }
.kicker { font: 600 .75rem/1 var(--sans); text-transform: uppercase; letter-spacing: .09em; color: var(--accent); margin: 0; }
.story-head h2 { font: 700 2rem/1.2 var(--serif); margin: .4rem 0 .4rem; }
.story-head .meta { color: var(--muted); margin: 0 0 .75rem; }
.outlets { display: flex; flex-wrap: wrap; gap: .4rem; list-style: none; padding: 0; margin: 0; }
.outlets li { border: 1px solid var(--rule); border-radius: 999px; padding: .1rem .7rem; font-size: .85rem; background: var(--card); }
.outlets time { color: var(--muted); margin-right: .3rem; font-variant-numeric: tabular-nums; }
.find { display: flex; gap: .4rem; margin: .5rem 0 0; }
.find input[type=search] { font: inherit; padding: .25rem .5rem; min-width: 16rem; border: 1px solid var(--rule); }
.find button { font: inherit; padding: .25rem .8rem; }
.chart { margin: 1rem 0 0; }
.chart figcaption { color: var(--muted); font-size: .8rem; }
svg.timeline { width: 100%; max-width: 40rem; height: auto; font: 11px var(--sans); }
svg.timeline text { fill: var(--ink); }
svg.timeline text.first { fill: var(--accent); }
svg.timeline line { stroke: var(--rule); }
svg.timeline circle.report { fill: var(--link); }
svg.timeline circle.first { fill: var(--accent); }
svg.timeline circle.copy { fill: var(--card); stroke: var(--link); stroke-width: 1.5; }
table.coverage-chart { border-collapse: collapse; font-size: .85rem; }
table.coverage-chart caption { text-align: left; color: var(--muted); font-size: .8rem; }
table.coverage-chart th, table.coverage-chart td { padding: .15rem .6rem .15rem 0; text-align: left; font-variant-numeric: tabular-nums; }
table.coverage-chart thead th { font-weight: 600; color: var(--muted); }
svg.bar { width: 12rem; height: .7rem; display: block; }
.key { display: inline-block; width: .7rem; height: .7rem; margin-right: .3rem; vertical-align: -.05rem; }
rect.shared { fill: var(--shared-edge); } .key.shared { background: var(--shared-edge); }
rect.exclusive { fill: var(--excl-edge); } .key.exclusive { background: var(--excl-edge); }
rect.quotes { fill: var(--link); } .key.quotes { background: var(--link); }
rect.flagged { fill: var(--flag-ink); } .key.flagged { background: var(--flag-ink); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
h3 { font: 700 .78rem/1.2 var(--sans); text-transform: uppercase; letter-spacing: .09em; color: var(--muted);
     border-bottom: 1px solid var(--rule); padding-bottom: .4rem; margin: 2.25rem 0 1rem; }
h3 .count { font-weight: 400; }
h4 { margin: 0; }
.badge { display: inline-block; font: 600 .68rem/1.5 var(--sans); text-transform: uppercase; letter-spacing: .06em;
         border: 1px solid var(--rule); border-radius: 3px; padding: 0 .35rem; color: var(--muted); vertical-align: .1em; }
.badge.fragment { border-color: var(--excl-edge); color: var(--excl-edge); }
.badge.variant { border-color: var(--accent); color: var(--accent); }
.badge.copy { border-color: var(--accent); color: var(--accent); }
.jump { font: .78rem var(--mono); white-space: nowrap; text-decoration: none; }
.jump:hover { text-decoration: underline; }
/* Names */
.chips { display: flex; flex-wrap: wrap; gap: .6rem; list-style: none; padding: 0; margin: 0; }
.chip { background: var(--card); border: 1px solid var(--rule); border-radius: 8px; padding: .45rem .75rem; max-width: 100%; }
.chip.varies { border-color: var(--accent); border-width: 1.5px; }
.chip-name { font-weight: 650; }
.chip-kind { color: var(--muted); font-size: .75rem; margin-left: .3rem; }
.spellings { list-style: none; margin: .3rem 0 0; padding: 0; font-size: .85rem; }
.spellings li { margin: .1rem 0; }
.spellings .by { color: var(--muted); }
mark.var { background: none; color: var(--accent); font-weight: 650; text-decoration: underline dotted; text-underline-offset: 3px; }
/* Quotes */
.qgroups { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 24rem), 1fr)); gap: 1rem; }
.qgroup { background: var(--card); border: 1px solid var(--rule); border-radius: 8px; padding: .85rem 1rem; break-inside: avoid; }
.qgroup h4 { font: 650 1rem/1.3 var(--sans); margin-bottom: .5rem; }
.qgroup h4 .muted { font-weight: 400; font-size: .85rem; }
.variants { list-style: none; margin: 0; padding: 0; }
.variants li { border-top: 1px solid var(--rule); padding: .5rem 0 .35rem; }
.variants li:first-child { border-top: 0; padding-top: 0; }
.v-head { display: flex; flex-wrap: wrap; gap: .25rem .5rem; align-items: baseline; font-size: .85rem; }
.v-head .outlet { font-weight: 600; }
.v-text { margin: .25rem 0 0; font: 1.02rem/1.5 var(--serif); }
del { background: var(--del-bg); color: var(--del-ink); text-decoration: line-through; text-decoration-thickness: 1px; padding: 0 .1em; border-radius: 2px; }
ins { background: var(--ins-bg); color: var(--ins-ink); text-decoration: none; padding: 0 .1em; border-radius: 2px; }
.elided { color: var(--muted); }
/* Claims */
.claims { list-style: none; margin: 0; padding: 0; counter-reset: claim; }
.claim { border-left: 4px solid var(--shared-edge); background: var(--card); border-radius: 0 8px 8px 0; padding: .75rem 1rem; margin: 0 0 1rem; break-inside: avoid; }
.claim > p { margin: 0 0 .5rem; font-size: .85rem; color: var(--muted); }
.claim-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 15rem), 1fr)); gap: .75rem 1.25rem; }
.claim-grid figure { margin: 0; }
.claim-grid figcaption { font-size: .8rem; font-weight: 600; margin-bottom: .2rem; }
.claim-grid blockquote { margin: 0; font: .98rem/1.5 var(--serif); }
.excl-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 22rem), 1fr)); gap: 1rem; }
.excl-grid section { border-left: 4px solid var(--excl-edge); background: var(--card); border-radius: 0 8px 8px 0; padding: .75rem 1rem; }
.excl-grid h4 { font-size: .9rem; margin-bottom: .4rem; }
.excl-grid ul { margin: 0; padding-left: 1.1rem; }
.excl-grid li { margin: 0 0 .5rem; font: .98rem/1.5 var(--serif); }
.none, .more { color: var(--muted); font-style: italic; }
/* Articles side by side */
.coverage { max-width: 124rem; margin: 0 auto; padding: 0 1.25rem; }
.columns { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(19rem, 1fr); gap: 1.25rem;
           overflow-x: auto; padding: .25rem .1rem 1rem; scroll-snap-type: x proximity; }
.source { background: var(--card); border: 1px solid var(--rule); border-radius: 8px; padding: 1rem 1.1rem; scroll-snap-align: start; min-width: 0; }
.source.is-copy { border-style: dashed; }
.source header { border-bottom: 1px solid var(--rule); padding-bottom: .6rem; margin-bottom: .75rem; }
.source .outlet-name { font: 700 .75rem/1.2 var(--sans); text-transform: uppercase; letter-spacing: .08em; color: var(--accent); margin: 0; }
.source h4 { font: 700 1.15rem/1.3 var(--serif); margin: .3rem 0; overflow-wrap: anywhere; }
.source .byline { font-size: .8rem; color: var(--muted); margin: 0; overflow-wrap: anywhere; }
.why { font-size: .8rem; margin: .5rem 0 0; padding: .4rem .6rem; background: var(--paper); border-radius: 6px; }
.why dt { font-weight: 700; display: inline; }
.why dd { display: inline; margin: 0; }
.why dd::after { content: ""; display: block; }
.text p { font: 1rem/1.65 var(--serif); margin: 0 0 .9rem; white-space: pre-line; overflow-wrap: anywhere; }
.s.shared { background: var(--shared-bg); box-shadow: inset 0 -2px 0 var(--shared-edge); }
.s.exclusive { background: var(--excl-bg); box-shadow: inset 0 -2px 0 var(--excl-edge); }
.s.flagged { color: var(--flag-ink); background: var(--flag-bg); }
.label { font: 600 .62rem/1 var(--sans); text-transform: uppercase; letter-spacing: .06em; border: 1px solid currentColor;
         border-radius: 3px; padding: .1em .3em; margin-right: .3em; vertical-align: .15em; user-select: none; }
.q { text-decoration: underline; text-decoration-style: dotted; text-decoration-thickness: 1.5px; text-underline-offset: 3px; }
.m.var { text-decoration: underline wavy var(--accent) 1px; text-underline-offset: 3px; }
.cref { font: 600 .65rem var(--sans); margin-left: .15em; text-decoration: none; vertical-align: super; line-height: 0; }
.sample { padding: 0 .35em; border-radius: 2px; }
footer.colophon { border-top: 1px solid var(--rule); color: var(--muted); font-size: .8rem; padding: 1.5rem 0 3rem; }
@media (max-width: 40rem) {
  .masthead h1 { font-size: 1.9rem; }
  .story-head h2 { font-size: 1.55rem; }
  .columns { grid-auto-columns: 86%; }
}
@media print {
  :root { --paper: #fff; --card: #fff; }
  body { font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  .jump, .cref { display: none; }
  .story { break-before: page; }
  .columns { display: block; overflow: visible; }
  .source { break-before: page; border: 0; padding: 0; }
  .s.shared, .s.exclusive, .s.flagged, del, ins, .chip, .claim, .excl-grid section, .qgroup {
    -webkit-print-color-adjust: exact; print-color-adjust: exact;
  }
}
"#;
