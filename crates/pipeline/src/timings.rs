//! Where the time goes: each stage's time, summed over the threads that ran
//! it, so that the next bottleneck is visible even when stages overlap.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A stage of the pipeline, as timed by [`Timings`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Files to articles (timed by the caller: reading is I/O).
    Read,
    Clean,
    /// Names, quotes and speculation.
    Understand,
    /// Preparing a document for grouping and placing it in a story.
    Group,
    Compare,
    /// Rendering and writing the output (timed by the caller).
    Write,
}

impl Stage {
    pub const ALL: [Stage; 6] = [
        Stage::Read,
        Stage::Clean,
        Stage::Understand,
        Stage::Group,
        Stage::Compare,
        Stage::Write,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Read => "read",
            Stage::Clean => "clean",
            Stage::Understand => "understand",
            Stage::Group => "group",
            Stage::Compare => "compare",
            Stage::Write => "write",
        }
    }
}

/// Time spent per [`Stage`], shared by every thread of a run.
#[derive(Debug, Default)]
pub struct Timings {
    nanos: [AtomicU64; 6],
}

impl Timings {
    /// Run `f`, counting its time to `stage`.
    pub fn time<T>(&self, stage: Stage, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.add(stage, start.elapsed());
        out
    }

    pub fn add(&self, stage: Stage, spent: Duration) {
        let nanos = u64::try_from(spent.as_nanos()).unwrap_or(u64::MAX);
        if let Some(slot) = self.nanos.get(stage as usize) {
            slot.fetch_add(nanos, Ordering::Relaxed);
        }
    }

    pub fn get(&self, stage: Stage) -> Duration {
        self.nanos.get(stage as usize).map_or(Duration::ZERO, |n| {
            Duration::from_nanos(n.load(Ordering::Relaxed))
        })
    }

    /// One line: each stage's time and share of the total
    /// (`read 1.2 s 10%, clean ...`).
    pub fn summary(&self) -> String {
        let total: f64 = Stage::ALL.iter().map(|&s| self.get(s).as_secs_f64()).sum();
        Stage::ALL
            .iter()
            .map(|&s| {
                let secs = self.get(s).as_secs_f64();
                let share = if total > 0.0 {
                    100.0 * secs / total
                } else {
                    0.0
                };
                format!("{} {secs:.2} s {share:.0}%", s.name())
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_add_up_separately() {
        let t = Timings::default();
        t.add(Stage::Clean, Duration::from_millis(300));
        t.add(Stage::Clean, Duration::from_millis(100));
        t.add(Stage::Compare, Duration::from_millis(600));
        assert_eq!(t.get(Stage::Clean), Duration::from_millis(400));
        assert_eq!(t.get(Stage::Group), Duration::ZERO);
        assert_eq!(
            t.summary(),
            "read 0.00 s 0%, clean 0.40 s 40%, understand 0.00 s 0%, group 0.00 s 0%, \
             compare 0.60 s 60%, write 0.00 s 0%"
        );
        assert_eq!(t.time(Stage::Write, || 7), 7);
    }
}
