//! The SQLite schema, versioned with `PRAGMA user_version`: each entry of
//! [`MIGRATIONS`] moves the schema one version up, and a store opened by a
//! newer Parallax is refused rather than misread.

/// Applied in order; the schema version is the number applied.
pub const MIGRATIONS: &[&str] = &[
    // 1: the article log and its full-text index.
    r#"
    CREATE TABLE articles (
        seq       INTEGER PRIMARY KEY AUTOINCREMENT,
        id        TEXT NOT NULL UNIQUE,
        url_key   TEXT UNIQUE,
        body_key  TEXT NOT NULL UNIQUE,
        source    TEXT,
        url       TEXT,
        title     TEXT NOT NULL,
        published TEXT,
        language  TEXT,
        text      TEXT NOT NULL,
        received  TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE article_text USING fts5(
        title, text,
        content = 'articles', content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_indexed AFTER INSERT ON articles BEGIN
        INSERT INTO article_text(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END;
    CREATE TRIGGER articles_unindexed AFTER DELETE ON articles BEGIN
        INSERT INTO article_text(article_text, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
    END;
    "#,
    // 2: story views derived from the log, searchable quotes and names, and
    // the position up to which the log has been analysed.
    r#"
    CREATE TABLE stories (
        id              INTEGER PRIMARY KEY,
        merged_into     INTEGER,
        headline        TEXT NOT NULL,
        articles        INTEGER NOT NULL,
        outlets         INTEGER NOT NULL,
        first_published TEXT,
        last_published  TEXT,
        last_seq        INTEGER NOT NULL,
        analysis        TEXT NOT NULL
    );
    CREATE INDEX stories_newest ON stories(last_seq DESC) WHERE merged_into IS NULL;
    CREATE INDEX stories_biggest ON stories(outlets DESC, articles DESC) WHERE merged_into IS NULL;
    CREATE VIRTUAL TABLE story_text USING fts5(
        story UNINDEXED, kind UNINDEXED, label UNINDEXED, text,
        tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TABLE article_story (
        article TEXT PRIMARY KEY,
        story   INTEGER NOT NULL
    );
    CREATE TABLE progress (
        name TEXT PRIMARY KEY,
        seq  INTEGER NOT NULL
    );
    "#,
    // 3: the feeds followed, their polling state, and the items already taken.
    r#"
    CREATE TABLE sources (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        url           TEXT NOT NULL UNIQUE,
        title         TEXT,
        interval_s    INTEGER NOT NULL,
        etag          TEXT,
        last_modified TEXT,
        failures      INTEGER NOT NULL DEFAULT 0,
        next_poll     TEXT NOT NULL,
        last_polled   TEXT,
        last_error    TEXT,
        added         TEXT NOT NULL
    );
    CREATE TABLE feed_items (
        source  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        item    TEXT NOT NULL,
        PRIMARY KEY (source, item)
    ) WITHOUT ROWID;
    "#,
    // 4: stories keep their renditions (the JSON document and the page, as
    // the server serves them) in a table of their own, written once per
    // change instead of rebuilt on every request; and the searchable quotes
    // and names of a story live in a plain table indexed by story, with the
    // full-text index over it, so that replacing a story's rows is a lookup,
    // not a scan of the index. Views are derived from the log, so the old ones
    // are dropped and the analyser rebuilds them.
    r#"
    DELETE FROM stories;
    DELETE FROM article_story;
    DELETE FROM progress WHERE name = 'analysed';
    ALTER TABLE stories DROP COLUMN analysis;
    CREATE TABLE renditions (
        story INTEGER NOT NULL,
        kind  TEXT NOT NULL,
        body  BLOB NOT NULL,
        PRIMARY KEY (story, kind)
    );
    DROP TABLE story_text;
    CREATE TABLE story_terms (
        id    INTEGER PRIMARY KEY,
        story INTEGER NOT NULL,
        kind  TEXT NOT NULL,
        label TEXT NOT NULL,
        text  TEXT NOT NULL
    );
    CREATE INDEX story_terms_by_story ON story_terms(story);
    CREATE VIRTUAL TABLE story_text USING fts5(
        text,
        content = 'story_terms', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER story_terms_indexed AFTER INSERT ON story_terms BEGIN
        INSERT INTO story_text(rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER story_terms_unindexed AFTER DELETE ON story_terms BEGIN
        INSERT INTO story_text(story_text, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    "#,
    // 5: a quote is found by its speaker as well as its words ("Lena Marsh"
    // finds what she said): the label of a term is indexed too, the index
    // rebuilt from the terms.
    r#"
    DROP TRIGGER story_terms_indexed;
    DROP TRIGGER story_terms_unindexed;
    DROP TABLE story_text;
    CREATE VIRTUAL TABLE story_text USING fts5(
        label, text,
        content = 'story_terms', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER story_terms_indexed AFTER INSERT ON story_terms BEGIN
        INSERT INTO story_text(rowid, label, text) VALUES (new.id, new.label, new.text);
    END;
    CREATE TRIGGER story_terms_unindexed AFTER DELETE ON story_terms BEGIN
        INSERT INTO story_text(story_text, rowid, label, text)
        VALUES ('delete', old.id, old.label, old.text);
    END;
    INSERT INTO story_text(story_text) VALUES ('rebuild');
    "#,
    // 6: the analyser's last checkpoint (one row), so that a restart
    // replays the log from there, not from the start.
    r#"
    CREATE TABLE checkpoint (
        one   INTEGER PRIMARY KEY CHECK (one = 1),
        seq   INTEGER NOT NULL,
        state BLOB NOT NULL
    );
    "#,
    // 7: feed items to take again, with the poll that queued them: a
    // cluster's worker could not fetch their pages.
    r#"
    CREATE TABLE feed_retries (
        source INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        item   TEXT NOT NULL,
        polled TEXT NOT NULL,
        PRIMARY KEY (source, item, polled)
    ) WITHOUT ROWID;
    "#,
];

/// Settings of every connection: WAL so that readers never block the writer
/// (and `ingest` can write while `serve` reads); `synchronous = FULL` so that
/// a committed, acknowledged article survives a power cut, not only a crash;
/// a busy timeout so two writers (server and `ingest`) wait for each other.
pub const CONNECTION: &str = "
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = FULL;
    PRAGMA foreign_keys = ON;
    PRAGMA busy_timeout = 10000;
";
