//! Publication times as outlets write them: ISO 8601 / RFC 3339 in pages and
//! JSON, bare dates in hand-made files, RFC 2822 in feeds.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};

/// Longer strings are not dates; the cap keeps parsing cheap on garbage.
const MAX_DATE_LEN: usize = 80;

/// ISO forms with an explicit offset, after `Z` became `+00:00` and a space
/// between date and time became `T`. `%z` accepts `+01:00` and `+0100`;
/// `%.f` accepts a missing fraction.
const WITH_OFFSET: &[&str] = &["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z"];

/// ISO forms without an offset, read as UTC.
const WITHOUT_OFFSET: &[&str] = &["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"];

/// Parse a publication time. Times without an offset are taken as UTC; a bare
/// date is midnight UTC. `None` when the value is not a date in any known form.
pub(crate) fn parse_published(raw: &str) -> Option<DateTime<Utc>> {
    let s = raw.trim();
    if s.is_empty() || s.len() > MAX_DATE_LEN {
        return None;
    }
    if let Ok(time) = DateTime::parse_from_rfc3339(s) {
        return Some(time.with_timezone(&Utc));
    }
    if let Some(time) = parse_iso(s) {
        return Some(time);
    }
    DateTime::parse_from_rfc2822(s)
        .ok()
        .map(|time| time.with_timezone(&Utc))
}

fn parse_iso(s: &str) -> Option<DateTime<Utc>> {
    let iso = to_iso_shape(s);
    for format in WITH_OFFSET {
        if let Ok(time) = DateTime::<FixedOffset>::parse_from_str(&iso, format) {
            return Some(time.with_timezone(&Utc));
        }
    }
    for format in WITHOUT_OFFSET {
        if let Ok(time) = NaiveDateTime::parse_from_str(&iso, format) {
            return Some(time.and_utc());
        }
    }
    NaiveDate::parse_from_str(&iso, "%Y-%m-%d")
        .ok()
        .and_then(|date| date.and_hms_opt(0, 0, 0))
        .map(|time| time.and_utc())
}

/// `2026-03-13 07:45:00 UTC` → `2026-03-13T07:45:00+00:00`.
fn to_iso_shape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 6);
    let (body, utc) = strip_utc_suffix(s);
    match (body.get(..10), body.get(10..11), body.get(11..)) {
        (Some(date), Some(" "), Some(time)) => {
            out.push_str(date);
            out.push('T');
            out.push_str(time.trim_start());
        }
        _ => out.push_str(body),
    }
    if utc {
        out.push_str("+00:00");
    }
    out
}

fn strip_utc_suffix(s: &str) -> (&str, bool) {
    for suffix in [" UTC", " GMT", "UTC", "Z", "z"] {
        if let Some(body) = s.strip_suffix(suffix) {
            return (body.trim_end(), true);
        }
    }
    (s, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(raw: &str) -> Option<String> {
        parse_published(raw).map(|t| t.to_rfc3339())
    }

    #[test]
    fn iso_forms() {
        let want = Some("2026-03-13T07:45:00+00:00".to_string());
        assert_eq!(iso("2026-03-13T07:45:00Z"), want);
        assert_eq!(iso(" 2026-03-13T08:45:00+01:00 "), want);
        assert_eq!(iso("2026-03-13T08:45:00+0100"), want);
        assert_eq!(iso("2026-03-13T07:45:00"), want);
        assert_eq!(iso("2026-03-13 07:45:00"), want);
        assert_eq!(iso("2026-03-13 07:45:00 UTC"), want);
        assert_eq!(iso("2026-03-13T07:45Z"), want);
        assert_eq!(iso("2026-03-13T07:45"), want);
        assert_eq!(
            iso("2026-03-13T07:45:00.250Z"),
            Some("2026-03-13T07:45:00.250+00:00".to_string())
        );
        assert_eq!(
            iso("2026-03-13"),
            Some("2026-03-13T00:00:00+00:00".to_string())
        );
    }

    #[test]
    fn rfc2822_from_feeds() {
        assert_eq!(
            iso("Fri, 13 Mar 2026 08:45:00 +0100"),
            Some("2026-03-13T07:45:00+00:00".to_string())
        );
        assert_eq!(
            iso("Fri, 13 Mar 2026 07:45:00 GMT"),
            Some("2026-03-13T07:45:00+00:00".to_string())
        );
    }

    #[test]
    fn garbage_is_none() {
        assert_eq!(iso(""), None);
        assert_eq!(iso("yesterday"), None);
        assert_eq!(iso("2026-13-45"), None);
        assert_eq!(iso("2026-03-1é"), None);
        assert_eq!(iso(&"9".repeat(500)), None);
    }
}
