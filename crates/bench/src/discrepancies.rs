//! Discrepancies to read: every discrepancy `analyze` reports on a corpus,
//! with the claim's sentences around each wording, for a person to judge
//! (issue #19 asks for 50 read on real coverage and the share that is real).

use std::path::PathBuf;

use anyhow::bail;
use parallax_model::Story;

use crate::metrics::Part;

/// Print the discrepancies found in `files` (the ECB+ topics of `part`;
/// any article for `all`), at most `limit`.
pub fn run(files: &[PathBuf], part: Part, limit: usize) -> anyhow::Result<()> {
    let mut batch = parallax_read::read_paths(files);
    batch
        .articles
        .retain(|a| crate::compare::in_part(part, &a.id));
    if batch.articles.is_empty() {
        bail!("no article read from {files:?}");
    }
    let analysis = parallax_pipeline::analyze(batch.articles);
    let outlet = |id: &str| {
        analysis
            .documents
            .iter()
            .find(|d| d.article.id == id)
            .map_or(id.to_string(), |d| d.article.outlet().to_string())
    };
    let mut shown = 0;
    let mut counts = [0usize; 3];
    for story in &analysis.stories {
        for d in &story.discrepancies {
            counts[d.relation as usize] += 1;
            if shown >= limit {
                continue;
            }
            shown += 1;
            println!(
                "#{shown} {} · {} · {:?} · {}",
                story.id,
                title(story),
                d.relation,
                d.what
            );
            let sentences = story
                .shared
                .get(d.claim)
                .map_or(&[][..], |c| &c.occurrences[..]);
            for w in &d.wordings {
                let sentence = sentences
                    .iter()
                    .find(|o| o.article == w.article && o.start <= w.start && w.end <= o.end)
                    .map_or("", |o| o.text.as_str());
                println!("  [{}] «{}» in: {}", outlet(&w.article), w.text, sentence);
            }
            println!();
        }
    }
    println!(
        "{} discrepancies in {} stories: {} conflict, {} bound, {} rounding",
        counts.iter().sum::<usize>(),
        analysis.stories.len(),
        counts[0],
        counts[1],
        counts[2]
    );
    Ok(())
}

fn title(story: &Story) -> &str {
    story.title.lines().next().unwrap_or("")
}
