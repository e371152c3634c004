//! The cue lexicons that mark text as not-reporting.
//!
//! Every cue is deliberately narrow: a false flag removes a real claim from the
//! comparison, which is worse than letting one footer through. Phrases that can
//! also open real reporting ("According to ...", "More than ...") only count in
//! their unmistakable long form ("According to the criteria of", "MORE:").

/// Paragraph openings (exact case) that are site furniture.
pub(crate) const BOILERPLATE_STARTS: &[&str] = &[
    "According to the criteria of",
    "This story was provided by",
    "This article was provided by",
    "This article was originally published",
    "This story was originally published",
    "This article originally appeared",
    "This story originally appeared",
    "This article was first published",
    "Our standards:",
    "Copyright ©",
    "Copyright (c)",
    "©",
    "All rights reserved",
    "Correction:",
    "CORRECTION:",
    "Clarification:",
    "An earlier version of this article",
    "An earlier version of this story",
    "This article has been corrected",
    "This story has been corrected",
    "This article has been updated",
    "This story has been updated",
];

/// Phrases that make a whole paragraph boilerplate wherever they appear.
pub(crate) const BOILERPLATE_ANYWHERE: &[&str] = &["All rights reserved"];

/// Wire credit openings, after an optional "(": "(Reporting by ...; Editing by ...)".
pub(crate) const WIRE_CREDIT_STARTS: &[&str] = &[
    "Reporting by ",
    "Additional reporting by ",
    "Writing by ",
    "Editing by ",
    "Compiled by ",
    "Reporting and writing by ",
];

/// Endings of a short credit paragraph: "Anna Berg contributed to this report."
pub(crate) const CONTRIBUTOR_ENDINGS: &[&str] =
    &["contributed to this report.", "contributed reporting."];

/// Promotion labels, matched case-insensitively at the start of a paragraph and
/// only when followed by a separator or the end of the paragraph ("MORE: ...",
/// "Related", "Watch: ..."). "More than 1,200 trucks" is therefore safe.
pub(crate) const PROMO_LABELS: &[&str] = &[
    "read more",
    "read also",
    "also read",
    "more",
    "related",
    "related stories",
    "related articles",
    "related coverage",
    "see also",
    "watch",
    "listen",
    "more on this story",
    "more on this",
    "recommended",
    "further reading",
    "most read",
];

/// Upper-case labels that need no separator: "READ MORE Baltic states ...".
pub(crate) const PROMO_SHOUTED_LABELS: &[&str] =
    &["READ MORE", "ALSO READ", "READ ALSO", "SEE ALSO", "RELATED"];

/// Characters that separate a label from the promoted headline.
/// Dashes are left out: "More — much more — is needed" is a sentence.
pub(crate) const LABEL_SEPARATORS: &[char] = &[':', '|', '»', '›'];

/// Imperative paragraph openings (case-insensitive, whole word) that are
/// promotion on their own.
pub(crate) const PROMO_STARTS: &[&str] = &[
    "subscribe",
    "follow us",
    "click here",
    "download our app",
    "get our newsletter",
    "sign up now",
    "sign up here",
];

/// Openings that are promotion when the paragraph also names what is sold:
/// "Sign up for our morning briefing: ...".
pub(crate) const SIGN_UP_STARTS: &[&str] = &["sign up for", "sign up to", "register for"];
pub(crate) const NEWSLETTER_WORDS: &[&str] = &[
    "newsletter",
    "briefing",
    "bulletin",
    "inbox",
    "digest",
    "alerts",
];

/// "Download the Herald app": promotion when the paragraph mentions an app.
pub(crate) const DOWNLOAD_START: &str = "download ";

/// "This article is part of ..." is promotion only with a call to action.
pub(crate) const SERIES_START: &str = "This article is part of";
pub(crate) const CALLS_TO_ACTION: &[&str] = &[
    "sign up",
    "subscribe",
    "read more",
    "click",
    "find out more",
    "explore",
    "newsletter",
    "visit",
];

/// Calls to action that flag a short paragraph wherever they appear.
pub(crate) const SHORT_PROMO_PHRASES: &[&str] = &[
    "subscribe now",
    "subscribe today",
    "subscribe here",
    "click here",
    "sign up now",
    "sign up here",
    "download our app",
    "follow us on",
];

/// Caption and photo-credit markers (exact case), checked in short paragraphs only.
pub(crate) const CAPTION_MARKERS: &[&str] = &[
    "Photo:",
    "(Photo by",
    "(Photo:",
    "Photograph:",
    "Photograph by",
    "Photo by ",
    "Photographs:",
    "Picture:",
    "Pictured:",
    "Image:",
    "(Image:",
    "Credit:",
    "Photo credit",
    "(AP Photo",
    "/Getty Images",
    "/ Getty Images",
    "via Getty Images",
    "(Getty Images)",
];

/// Agency credits that end a caption: "... in Kyiv. Jane Roe / AP".
pub(crate) const CAPTION_ENDINGS: &[&str] = &[
    "/ AP",
    "/AP",
    "/ AFP",
    "/AFP",
    "/ Reuters",
    "/Reuters",
    "/ EPA",
    "/EPA",
];

/// Video captions: "Video: ..." in a short paragraph.
pub(crate) const VIDEO_MARKER: &str = "Video:";

/// Job titles that make "<Name> is the Herald's ... correspondent" a bio.
/// Folded, singular; "author" needs a following "of" and is checked apart.
pub(crate) const ROLE_WORDS: &[&str] = &[
    "correspondent",
    "reporter",
    "editor",
    "writer",
    "journalist",
    "columnist",
    "contributor",
    "producer",
    "critic",
    "photographer",
    "photojournalist",
];
