//! Discrepancies to read: every discrepancy `analyze` reports on a corpus,
//! with the sentences around each wording, for a person to judge
//! (issue #19 asks for 50 read on real coverage and the share that is real).

use std::ops::RangeInclusive;
use std::path::PathBuf;

use anyhow::bail;
use parallax_model::Story;

use crate::metrics::Part;

/// Print the discrepancies found in `files` (the ECB+ topics of `part`;
/// any article for `all`), at most `limit`; fail when the number found is
/// outside `expected`.
pub fn run(
    files: &[PathBuf],
    part: Part,
    limit: usize,
    expected: RangeInclusive<usize>,
) -> anyhow::Result<()> {
    let mut batch = parallax_read::read_paths(files);
    batch
        .articles
        .retain(|a| crate::compare::in_part(part, &a.id));
    if batch.articles.is_empty() {
        bail!("no article read from {files:?}");
    }
    let analysis = parallax_pipeline::analyze(batch.articles);
    let document = |id: &str| analysis.documents.iter().find(|d| d.article.id == id);
    let outlet = |id: &str| document(id).map_or(id.to_string(), |d| d.article.outlet().to_string());
    // The sentence (or the run of sentences, for a quote) around a wording.
    let around = |w: &parallax_model::Occurrence| -> String {
        let Some(d) = document(&w.article) else {
            return String::new();
        };
        let segments = &d.cleaned.segments;
        let first = segments.iter().position(|s| s.span.end > w.start);
        let last = segments.iter().rposition(|s| s.span.start < w.end);
        match (first, last) {
            (Some(f), Some(l)) => {
                let (start, end) = (segments[f.min(l)].span.start, segments[l.max(f)].span.end);
                d.article
                    .text
                    .get(start..end)
                    .unwrap_or("")
                    .replace('\n', " ")
            }
            _ => String::new(),
        }
    };
    let mut shown = 0;
    // Per kind (number, speaker, date, mode), per relation (conflict,
    // bound, rounding).
    let mut counts = [[0usize; 3]; 4];
    for story in &analysis.stories {
        for d in &story.discrepancies {
            counts[d.kind as usize][d.relation as usize] += 1;
            if shown >= limit {
                continue;
            }
            shown += 1;
            println!(
                "#{shown} {} · {} · {:?} {:?} · {}",
                story.id,
                title(story),
                d.kind,
                d.relation,
                d.what
            );
            for w in &d.wordings {
                println!("  [{}] «{}» in: {}", outlet(&w.article), w.text, around(w));
            }
            println!();
        }
    }
    let [numbers, speakers, dates, modes] = counts;
    let total = counts.iter().flatten().sum::<usize>();
    println!(
        "{total} discrepancies in {} stories: {} numbers ({} conflict, {} bound, {} rounding), {} dates, {} speakers, {} modes",
        analysis.stories.len(),
        numbers.iter().sum::<usize>(),
        numbers[0],
        numbers[1],
        numbers[2],
        dates.iter().sum::<usize>(),
        speakers.iter().sum::<usize>(),
        modes.iter().sum::<usize>(),
    );
    if !expected.contains(&total) {
        bail!(
            "{total} discrepancies reported, outside {}..={} (the ones read and judged)",
            expected.start(),
            expected.end()
        );
    }
    println!(
        "floor held: {total} reported, within {}..={}",
        expected.start(),
        expected.end()
    );
    Ok(())
}

fn title(story: &Story) -> &str {
    story.title.lines().next().unwrap_or("")
}
