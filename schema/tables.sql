-- lieguan knowledge base: the tables (migration 0001).
-- db/ creates these with sqlite-utils; queries, views and plugins rely on these names.

CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,            -- SHA-256 of the file's bytes
    file_name TEXT NOT NULL,
    path TEXT,
    kind TEXT NOT NULL,             -- minutes | report | deck
    page_count INTEGER NOT NULL,
    ingested_at TEXT NOT NULL       -- ISO timestamp (UTC)
);

CREATE TABLE IF NOT EXISTS pages (
    document_id TEXT NOT NULL REFERENCES documents(id),
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    ocr INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (document_id, number)
);

CREATE TABLE IF NOT EXISTS meetings (
    id TEXT PRIMARY KEY,            -- = document id of the minutes
    document_id TEXT NOT NULL REFERENCES documents(id),
    title TEXT,
    body TEXT,                      -- the committee, platform or government
    session TEXT,
    date TEXT,                      -- YYYY-MM-DD
    start_time TEXT,
    end_time TEXT,
    location TEXT,
    chairs TEXT,                    -- JSON list
    recorder TEXT,
    next_meeting_date TEXT          -- announced in these minutes, if any
);

CREATE TABLE IF NOT EXISTS agenda_items (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    meeting_id TEXT REFERENCES meetings(id),
    section TEXT,
    title TEXT
);

CREATE TABLE IF NOT EXISTS items (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    meeting_id TEXT REFERENCES meetings(id),
    agenda_item_id TEXT REFERENCES agenda_items(id),
    position INTEGER NOT NULL,      -- order within the document
    kind TEXT NOT NULL,             -- directive | resolution | decision | noted | request | target | milestone
    speaker_or_source TEXT,
    text TEXT NOT NULL,
    section TEXT,
    agenda_item TEXT,
    page INTEGER,
    source_text TEXT,
    deadline_raw TEXT,
    deadline_kind TEXT NOT NULL DEFAULT 'none',
    deadline_date TEXT,             -- YYYY-MM-DD, computed where possible
    deadline_start TEXT,
    tracking TEXT,                  -- 解除列管 | 繼續列管 stated by this item about earlier items
    tracked_refs TEXT,              -- JSON list of case numbers the tracking statement names
    extra TEXT,                     -- JSON: kind-specific fields
    previous_item_id TEXT REFERENCES items(id)  -- the earlier form of a repeated directive
);

CREATE TABLE IF NOT EXISTS units (
    id TEXT PRIMARY KEY,            -- canonical name
    name TEXT NOT NULL,
    parent TEXT,
    level TEXT,                     -- central | local | generic
    aliases TEXT,                   -- JSON list
    in_gazetteer INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE IF NOT EXISTS item_units (
    item_id TEXT NOT NULL REFERENCES items(id),
    unit_id TEXT NOT NULL REFERENCES units(id),
    raw TEXT,
    role TEXT NOT NULL,             -- lead | assist
    PRIMARY KEY (item_id, unit_id)
);

CREATE TABLE IF NOT EXISTS status_events (
    id TEXT PRIMARY KEY,            -- deterministic for extracted events
    item_id TEXT NOT NULL,          -- no FK: manual events must outlive a re-ingest
    status TEXT NOT NULL,           -- open | in_progress | resolved | released | continued
    source TEXT NOT NULL,           -- extracted | manual
    set_by TEXT,                    -- meeting id or person
    note TEXT,
    at TEXT NOT NULL                -- ISO timestamp or meeting date
);
