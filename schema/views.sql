-- lieguan knowledge base: the views. db/migrate.py drops and re-creates them
-- whenever this file changes, so edit freely; the tables stay in tables.sql.
--
-- Current status of an item = its latest status event, ordered by `at`
-- (meeting dates 'YYYY-MM-DD' for extracted events, ISO timestamps for manual
-- ones, so a manual update made on a meeting's day sorts after that meeting);
-- at an equal `at`, a manual event wins over an extracted one.
-- Items with no event are 'open'; `noted` items have no status at all.

DROP VIEW IF EXISTS released_items;
DROP VIEW IF EXISTS items_by_unit;
DROP VIEW IF EXISTS overdue_items;
DROP VIEW IF EXISTS open_items;
DROP VIEW IF EXISTS item_overview;
DROP VIEW IF EXISTS item_status;
DROP VIEW IF EXISTS item_status_timeline;
DROP VIEW IF EXISTS item_details;

-- Every status event, with the `at` of the event that replaced it (NULL while current).
CREATE VIEW item_status_timeline AS
SELECT
    e.*,
    ROW_NUMBER() OVER in_order AS seq,
    LEAD(e.at) OVER in_order AS until
FROM status_events e
WINDOW in_order AS (PARTITION BY e.item_id ORDER BY e.at, e.source = 'manual', e.id);

CREATE VIEW item_status AS
SELECT item_id, status, source AS status_source, set_by AS status_set_by, note AS status_note, at AS status_at
FROM item_status_timeline
WHERE until IS NULL;

-- Items with their meeting, lead and assisting units and source file.
CREATE VIEW item_details AS
SELECT
    i.*,
    m.body_group AS body,
    m.title AS meeting_title,
    m.session AS meeting_session,
    m.date AS meeting_date,
    (SELECT u.unit_id FROM item_units u
      WHERE u.item_id = i.id AND u.role = 'lead' ORDER BY u.ordinal LIMIT 1) AS lead_unit,
    (SELECT group_concat(unit_id, '、') FROM
        (SELECT u.unit_id FROM item_units u
          WHERE u.item_id = i.id AND u.role = 'assist' ORDER BY u.ordinal)) AS assist_units,
    d.file_name,
    d.path AS file_path
FROM items i
JOIN documents d ON d.id = i.document_id
LEFT JOIN meetings m ON m.id = i.meeting_id;

CREATE VIEW item_overview AS
SELECT
    d.*,
    CASE WHEN d.kind = 'noted' THEN NULL ELSE COALESCE(s.status, 'open') END AS status,
    CASE WHEN d.kind = 'noted' THEN NULL ELSE st.label END AS status_label,
    s.status_at,
    s.status_source,
    s.status_set_by,
    s.status_note
FROM item_details d
LEFT JOIN item_status s ON s.item_id = d.id
LEFT JOIN statuses st ON st.name = COALESCE(s.status, 'open');

-- Follow-up items still tracked: never `noted`.
CREATE VIEW open_items AS
SELECT
    o.*,
    CAST(julianday('now') - julianday(o.meeting_date) AS INTEGER) AS days_open
FROM item_overview o
WHERE o.status IN (SELECT name FROM statuses WHERE is_open = 1);

-- Open items past their deadline today. For another day use
-- db.reports.overdue(db, as_of="YYYY-MM-DD"), which reads item_status_timeline.
CREATE VIEW overdue_items AS
SELECT
    o.*,
    CAST(julianday('now') - julianday(o.deadline_date) AS INTEGER) AS days_overdue
FROM open_items o
WHERE o.deadline_date IS NOT NULL AND o.deadline_date < date('now');

-- One row per (item, unit asked to act).
CREATE VIEW items_by_unit AS
SELECT
    u.unit_id,
    un.name AS unit_name,
    un.parent AS unit_parent,
    un.in_gazetteer AS unit_in_gazetteer,
    u.role AS unit_role,
    u.raw AS unit_raw,
    o.*
FROM item_units u
JOIN units un ON un.id = u.unit_id
JOIN item_overview o ON o.id = u.item_id;

-- Items released (解除列管) and the meeting that released them.
CREATE VIEW released_items AS
SELECT
    o.*,
    o.status_set_by AS released_by_meeting_id,
    o.status_at AS released_at
FROM item_overview o
WHERE o.status = 'released';
