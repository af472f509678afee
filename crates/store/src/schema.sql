-- quotetrace store, schema version 4 (meta key 'schema'; older versions are upgraded by
-- `migrate` in lib.rs when a store is opened for writing).
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS documents (
    id            INTEGER PRIMARY KEY,
    doc_key       TEXT NOT NULL,          -- the path or record id as given
    content_hash  INTEGER NOT NULL UNIQUE, -- of the article text: ingest is idempotent
    url           TEXT,
    title         TEXT,
    outlet        TEXT,
    author        TEXT,
    published     TEXT,                    -- YYYY-MM-DD when known
    lang          TEXT,
    text          TEXT NOT NULL,
    duplicate_of  INTEGER,                 -- the original of a near-duplicate
    story         INTEGER
);
CREATE INDEX IF NOT EXISTS documents_story ON documents(story);
CREATE INDEX IF NOT EXISTS documents_dup ON documents(duplicate_of);

-- The MinHash of each article's text (with what it duplicates, the other thing the
-- near-duplicate check reads), apart from the wide documents rows: the LSH buckets are kept
-- in memory while writing and rebuilt from this table when a store is opened for writing.
CREATE TABLE IF NOT EXISTS doc_signatures (id INTEGER PRIMARY KEY, signature BLOB NOT NULL, duplicate_of INTEGER);

CREATE TABLE IF NOT EXISTS speakers (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    surname  TEXT NOT NULL,
    first    TEXT,
    is_org   INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS speaker_forms (
    speaker  INTEGER NOT NULL,
    form     TEXT NOT NULL,
    count    INTEGER NOT NULL,
    PRIMARY KEY (speaker, form)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS quotes (
    id            INTEGER PRIMARY KEY,
    doc           INTEGER NOT NULL,
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL,
    text          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    speaker       INTEGER,                 -- corpus speaker
    speaker_text  TEXT,                    -- the in-document canonical name
    mention       TEXT,
    cue           TEXT,
    confidence    REAL NOT NULL,
    cluster       INTEGER NOT NULL,        -- quote-variant cluster: id of its first quote
    variant_confidence REAL,
    date_key      TEXT,                    -- the document's date, '9999' when unknown (v3)
    outlet        TEXT,                    -- the document's outlet (v3)
    verbatim      TEXT,                    -- the words inside quotation marks, pieces joined by ' … ', when only part of `text` is (v6)
    variant_kind  TEXT                     -- how it joined its cluster: same, edited, translation, paraphrase; NULL for a cluster's first quote (v7)
);
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes(doc);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
-- A variant group's appearances in date order, with their outlets, from the index alone: a
-- quote carried 10,000 times is traced without reading 10,000 documents.
CREATE INDEX IF NOT EXISTS quotes_cluster ON quotes(cluster, date_key, doc, outlet);

-- Quote-variant clusters: a representative (the first quote) per cluster, and exact keys of
-- normalised quote words for the common case of a quote repeated word for word. The LSH
-- buckets of the representatives live in quote_bands.bin beside this file (schema 4; derived
-- from quote_clusters.text, see QuoteIndex in lib.rs).
CREATE TABLE IF NOT EXISTS quote_clusters (id INTEGER PRIMARY KEY, speaker INTEGER, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS quote_keys (key INTEGER NOT NULL, cluster INTEGER NOT NULL, PRIMARY KEY (key, cluster)) WITHOUT ROWID;

-- The full-text indexes are in search.db beside this file (schema 4; see search.rs).

-- How many quotes each speaker has per outlet ('' when the outlet is unknown), and the totals,
-- kept with every batch: ranking speakers then reads an index instead of counting every quote.
CREATE TABLE IF NOT EXISTS speaker_outlets (speaker INTEGER NOT NULL, outlet TEXT NOT NULL, quotes INTEGER NOT NULL, PRIMARY KEY (speaker, outlet)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS speaker_totals (speaker INTEGER PRIMARY KEY, quotes INTEGER NOT NULL, outlets INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS speaker_totals_rank ON speaker_totals(quotes DESC, speaker);
