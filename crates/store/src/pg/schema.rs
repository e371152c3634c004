//! The PostgreSQL schema, versioned in `schema_version`: each entry of
//! [`MIGRATIONS`] moves the schema one version up, applied under an advisory
//! lock so that roles starting together do not race, and a database written
//! by a newer Parallax is refused rather than misread.
//!
//! The tables mirror the SQLite store's, with two differences that come from
//! running as a cluster:
//! - an article's `seq` is its position in the cluster's article log (the
//!   JetStream stream sequence it was published at), so positions have gaps
//!   where a duplicate or unreadable item stood;
//! - workers write what they made of each log item to `inbox`, and the one
//!   grouper moves it into `articles` in log order (`taken`), so that the
//!   dedup of the log and its order are decided by one writer, as in SQLite.
//!
//! Search indexes hold the folded words Parallax makes (`lexemes`), not
//! words PostgreSQL's parser makes, so both stores agree on what a word is.

/// Applied in order; the schema version is the number applied.
pub const MIGRATIONS: &[&str] = &[
    // 1: the log, the inbox, story views, feeds, and the grouper's epoch.
    r#"
    CREATE TABLE articles (
        seq       bigint PRIMARY KEY,
        id        text NOT NULL UNIQUE,
        url_key   text UNIQUE,
        body_key  text NOT NULL UNIQUE,
        source    text,
        url       text,
        title     text NOT NULL,
        published timestamptz,
        language  text,
        text      text NOT NULL,
        received  timestamptz NOT NULL,
        words     tsvector NOT NULL
    );
    CREATE INDEX articles_words ON articles USING gin (words);
    CREATE INDEX articles_source ON articles (source);
    CREATE TABLE documents (
        seq  bigint PRIMARY KEY,
        body bytea NOT NULL
    );
    CREATE TABLE inbox (
        pos       bigint PRIMARY KEY,
        received  timestamptz NOT NULL,
        error     text,
        id        text,
        url_key   text,
        body_key  text,
        source    text,
        url       text,
        title     text,
        published timestamptz,
        language  text,
        text      text,
        words     tsvector,
        document  bytea
    );
    CREATE TABLE stories (
        id              bigint PRIMARY KEY,
        merged_into     bigint,
        headline        text NOT NULL,
        articles        integer NOT NULL,
        outlets         integer NOT NULL,
        first_published timestamptz,
        last_published  timestamptz,
        last_seq        bigint NOT NULL
    );
    CREATE INDEX stories_newest ON stories (last_seq DESC) WHERE merged_into IS NULL;
    CREATE INDEX stories_biggest ON stories (outlets DESC, articles DESC) WHERE merged_into IS NULL;
    CREATE TABLE renditions (
        story bigint NOT NULL,
        kind  text NOT NULL,
        body  bytea NOT NULL,
        PRIMARY KEY (story, kind)
    );
    CREATE TABLE story_terms (
        id    bigserial PRIMARY KEY,
        story bigint NOT NULL,
        kind  text NOT NULL,
        label text NOT NULL,
        text  text NOT NULL,
        words tsvector NOT NULL
    );
    CREATE INDEX story_terms_by_story ON story_terms (story);
    CREATE INDEX story_terms_words ON story_terms USING gin (words);
    CREATE TABLE article_story (
        article text PRIMARY KEY,
        story   bigint NOT NULL
    );
    CREATE INDEX article_story_by_story ON article_story (story);
    CREATE TABLE progress (
        name text PRIMARY KEY,
        seq  bigint NOT NULL
    );
    CREATE TABLE sources (
        id            bigserial PRIMARY KEY,
        url           text NOT NULL UNIQUE,
        title         text,
        interval_s    bigint NOT NULL,
        etag          text,
        last_modified text,
        failures      integer NOT NULL DEFAULT 0,
        next_poll     timestamptz NOT NULL,
        last_polled   timestamptz,
        last_error    text,
        added         timestamptz NOT NULL
    );
    CREATE TABLE feed_items (
        source bigint NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        item   text NOT NULL,
        PRIMARY KEY (source, item)
    );
    CREATE TABLE grouper (
        one   boolean PRIMARY KEY DEFAULT true CHECK (one),
        epoch bigint NOT NULL
    );
    INSERT INTO grouper (epoch) VALUES (0);
    "#,
    // 2: the grouper's last checkpoint (one row), so that a grouper taking
    // over replays the log from there, not from the start.
    r#"
    CREATE TABLE checkpoint (
        one   boolean PRIMARY KEY DEFAULT true CHECK (one),
        seq   bigint NOT NULL,
        state bytea NOT NULL
    );
    "#,
    // 3: feed items to take again, with the poll that queued them: a
    // worker could not fetch their pages.
    r#"
    CREATE TABLE feed_retries (
        source bigint NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        item   text NOT NULL,
        polled timestamptz NOT NULL,
        PRIMARY KEY (source, item, polled)
    );
    "#,
];
