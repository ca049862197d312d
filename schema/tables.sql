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
    next_meeting_date TEXT,         -- announced in these minutes, if any
    -- filled by db/tracking.py from all meetings in the knowledge base:
    body_group TEXT,                -- the body's name as first seen; fuzzy-equal bodies share it
    sequence INTEGER,               -- 1, 2, ... within body_group, by date
    previous_meeting_id TEXT,
    next_meeting_id TEXT
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
    deadline_extracted TEXT,        -- deadline date as the extractor gave it (deadline_date may be filled later)
    deadline_date_source TEXT,      -- extracted | next_meeting (actual next meeting in the KB) | announced
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
    ordinal INTEGER NOT NULL DEFAULT 0,  -- order of mention: lead first
    PRIMARY KEY (item_id, unit_id)
);

CREATE TABLE IF NOT EXISTS status_events (
    id TEXT PRIMARY KEY,            -- deterministic for extracted events
    item_id TEXT NOT NULL,          -- no FK: manual events must outlive a re-ingest
    status TEXT NOT NULL,           -- open | in_progress | resolved | released | continued
    source TEXT NOT NULL,           -- extracted | manual
    set_by TEXT,                    -- meeting id or person
    note TEXT,
    at TEXT NOT NULL,               -- ISO timestamp or meeting date
    source_item_id TEXT             -- the later meeting's item that stated this status (extracted events)
);

CREATE TABLE IF NOT EXISTS statuses (  -- the follow-up statuses; views read is_open from here
    name TEXT PRIMARY KEY,
    label TEXT NOT NULL,            -- shown to users
    is_open INTEGER NOT NULL
);
INSERT OR IGNORE INTO statuses (name, label, is_open) VALUES
    ('open', '列管中', 1),
    ('in_progress', '辦理中', 1),
    ('continued', '繼續列管', 1),
    ('resolved', '已完成', 0),
    ('released', '解除列管', 0);

CREATE TABLE IF NOT EXISTS migrations (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS kb_meta (  -- build bookkeeping: view and gazetteer hashes, pending derivation
    key TEXT PRIMARY KEY,
    value TEXT
);

CREATE INDEX IF NOT EXISTS idx_documents_path ON documents(path);
CREATE INDEX IF NOT EXISTS idx_meetings_document ON meetings(document_id);
CREATE INDEX IF NOT EXISTS idx_meetings_body_date ON meetings(body_group, date);
CREATE INDEX IF NOT EXISTS idx_agenda_items_document ON agenda_items(document_id);
CREATE INDEX IF NOT EXISTS idx_items_document ON items(document_id, position);
CREATE INDEX IF NOT EXISTS idx_items_meeting ON items(meeting_id);
CREATE INDEX IF NOT EXISTS idx_items_deadline ON items(deadline_date);
CREATE INDEX IF NOT EXISTS idx_items_kind ON items(kind);
CREATE INDEX IF NOT EXISTS idx_item_units_unit ON item_units(unit_id);
CREATE INDEX IF NOT EXISTS idx_status_events_item ON status_events(item_id, at);
