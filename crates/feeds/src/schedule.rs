//! When to poll a feed next, and what to send so that an unchanged feed
//! costs the publisher nothing (conditional GET).

use chrono::{DateTime, Duration, Utc};

/// Shortest interval between two polls of one feed, whatever is asked.
pub const MIN_INTERVAL: Duration = Duration::minutes(5);
/// Longest wait after repeated failures.
pub const MAX_BACKOFF: Duration = Duration::hours(24);

/// What Parallax remembers about one feed between polls.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PollState {
    /// `ETag` of the last successful response, sent back as `If-None-Match`.
    pub etag: Option<String>,
    /// `Last-Modified` of the last successful response, sent back as `If-Modified-Since`.
    pub last_modified: Option<String>,
    /// Failed polls since the last success.
    pub failures: u32,
}

/// How a poll ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// 200 with a body; the validators of the response.
    Fetched {
        etag: Option<String>,
        last_modified: Option<String>,
    },
    /// 304 Not Modified.
    Unchanged,
    /// Network error, 4xx/5xx or an unreadable feed.
    Failed,
}

impl PollState {
    /// Request headers for the next poll.
    pub fn conditional_headers(&self) -> Vec<(&'static str, &str)> {
        let mut headers = Vec::new();
        if let Some(etag) = &self.etag {
            headers.push(("If-None-Match", etag.as_str()));
        }
        if let Some(date) = &self.last_modified {
            headers.push(("If-Modified-Since", date.as_str()));
        }
        headers
    }

    /// Record how a poll ended.
    pub fn record(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Fetched {
                etag,
                last_modified,
            } => {
                self.etag = etag;
                self.last_modified = last_modified;
                self.failures = 0;
            }
            Outcome::Unchanged => self.failures = 0,
            Outcome::Failed => self.failures = self.failures.saturating_add(1),
        }
    }

    /// When to poll next: the feed's interval (never below [`MIN_INTERVAL`],
    /// never below the publisher's `ttl`), doubled for each failure in a row up
    /// to [`MAX_BACKOFF`].
    pub fn next_poll(
        &self,
        now: DateTime<Utc>,
        interval: Duration,
        ttl_minutes: Option<u32>,
    ) -> DateTime<Utc> {
        let ttl = Duration::minutes(i64::from(ttl_minutes.unwrap_or(0)));
        let base = interval.max(MIN_INTERVAL).max(ttl);
        let wait = if self.failures == 0 {
            base
        } else {
            // 2^failures, computed without overflow: past 2^16 the cap applies anyway.
            let factor = 1_i32 << self.failures.min(16);
            (base * factor).min(MAX_BACKOFF).max(base)
        };
        now + wait
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 14, 12, 0, 0).unwrap()
    }

    #[test]
    fn validators_of_the_last_fetch_are_sent_back() {
        let mut state = PollState::default();
        assert!(state.conditional_headers().is_empty());
        state.record(Outcome::Fetched {
            etag: Some("\"v7\"".into()),
            last_modified: Some("Sat, 14 Mar 2026 11:00:00 GMT".into()),
        });
        assert_eq!(
            state.conditional_headers(),
            [
                ("If-None-Match", "\"v7\""),
                ("If-Modified-Since", "Sat, 14 Mar 2026 11:00:00 GMT")
            ]
        );
        // A 304 keeps them.
        state.record(Outcome::Unchanged);
        assert_eq!(state.conditional_headers().len(), 2);
    }

    #[test]
    fn failures_back_off_exponentially_up_to_a_day_and_reset_on_success() {
        let mut state = PollState::default();
        let every = Duration::minutes(15);
        assert_eq!(state.next_poll(now(), every, None), now() + every);
        state.record(Outcome::Failed);
        assert_eq!(state.next_poll(now(), every, None), now() + every * 2);
        state.record(Outcome::Failed);
        assert_eq!(state.next_poll(now(), every, None), now() + every * 4);
        for _ in 0..100 {
            state.record(Outcome::Failed);
        }
        assert_eq!(state.next_poll(now(), every, None), now() + MAX_BACKOFF);
        state.record(Outcome::Unchanged);
        assert_eq!(state.next_poll(now(), every, None), now() + every);
    }

    #[test]
    fn intervals_respect_the_floor_and_the_publishers_ttl() {
        let state = PollState::default();
        assert_eq!(
            state.next_poll(now(), Duration::seconds(10), None),
            now() + MIN_INTERVAL
        );
        assert_eq!(
            state.next_poll(now(), Duration::minutes(15), Some(60)),
            now() + Duration::minutes(60)
        );
    }
}
