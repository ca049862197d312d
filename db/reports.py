"""Reports over the knowledge base: overdue items (as of any day), the 列管
table a meeting hands to the next one, and exports.

Example::

    >>> rows = overdue(database, as_of="2024-03-31", unit="衛生局")  # doctest: +SKIP
    >>> rows[0]["deadline_date"] < "2024-03-31"  # doctest: +SKIP
    True
    >>> export(database, "csv", open_only=True)[:1] == "\\ufeff"  # doctest: +SKIP
    True
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from sqlite_utils import Database

from db.tracking import case_list, normalise_name

# Status as of a day: the last event on or before that day (item_status_timeline
# orders events; an event replaced later the same day is not the day's status).
OVERDUE_AS_OF_SQL = """
SELECT
    d.*,
    COALESCE(t.status, 'open') AS status,
    CAST(julianday(:as_of) - julianday(d.deadline_date) AS INTEGER) AS days_overdue
FROM item_details d
LEFT JOIN item_status_timeline t
    ON t.item_id = d.id
    AND substr(t.at, 1, 10) <= :as_of
    AND (t.until IS NULL OR substr(t.until, 1, 10) > :as_of)
WHERE d.kind <> 'noted'
    AND (d.meeting_date IS NULL OR d.meeting_date <= :as_of)
    AND d.deadline_date IS NOT NULL AND d.deadline_date < :as_of
    AND COALESCE(t.status, 'open') IN (SELECT name FROM statuses WHERE is_open = 1)
    AND (:unit IS NULL OR d.id IN (SELECT item_id FROM item_units WHERE unit_id LIKE '%' || :unit || '%'))
ORDER BY d.deadline_date, d.id
"""

KIND_LABELS = {
    "directive": "指示",
    "resolution": "決議",
    "decision": "決定",
    "noted": "洽悉",
    "request": "建請",
    "target": "指標",
    "milestone": "里程碑",
}

# Export columns: (column of item_overview, header in the CSV for users).
EXPORT_COLUMNS = [
    ("id", "編號"),
    ("body", "會議"),
    ("meeting_session", "會次"),
    ("meeting_date", "會議日期"),
    ("agenda_item", "案由"),
    ("kind", "類別"),
    ("text", "內容"),
    ("lead_unit", "主辦單位"),
    ("assist_units", "協辦單位"),
    ("deadline_raw", "期限（原文）"),
    ("deadline_date", "期限"),
    ("status_label", "列管狀態"),
    ("file_name", "來源檔案"),
    ("page", "頁次"),
]


def overdue(database: Database, as_of: str | None = None, unit: str | None = None) -> list[dict]:
    """Follow-up items still open on ``as_of`` (default: today, UTC) whose deadline
    was before that day, earliest deadline first; ``unit`` keeps the items
    where a unit whose name contains it is asked to act (any role).

    >>> overdue(database, as_of="2023-12-31")  # doctest: +SKIP
    [{'id': ..., 'deadline_date': '2023-12-08', 'status': 'open', 'days_overdue': 23, ...}]
    """
    as_of = as_of or dt.datetime.now(dt.timezone.utc).date().isoformat()  # SQLite's date('now') is UTC
    dt.date.fromisoformat(as_of)  # ValueError on a malformed day, before it silently matches nothing
    unit = normalise_name(unit) if unit else None
    return list(database.query(OVERDUE_AS_OF_SQL, {"as_of": as_of, "unit": unit}))


def find_meeting(database: Database, reference: str) -> str:
    """The id of the one meeting ``reference`` names: its id, the start of its
    id (at least 4 characters), or its date (YYYY-MM-DD). ValueError when no
    meeting or several match (the message lists them).

    >>> find_meeting(database, "2024-02-29")  # doctest: +SKIP
    '9c1e0b7f…'
    """
    reference = reference.strip()
    if database.execute("SELECT 1 FROM meetings WHERE id = ?", [reference]).fetchone():
        return reference
    query = "SELECT id, date, title FROM meetings WHERE date = ?"
    if len(reference) >= MIN_ID_PREFIX:
        query += " OR substr(id, 1, ?) = ?"
    found = database.execute(query + " ORDER BY date, id", [reference, len(reference), reference]
                             if len(reference) >= MIN_ID_PREFIX else [reference]).fetchall()
    if len(found) == 1:
        return found[0][0]
    if not found:
        raise ValueError(f"no meeting with id or date {reference!r}")
    listed = "; ".join(f"{meeting_id[:12]} {date} {title}" for meeting_id, date, title in found)
    raise ValueError(f"{len(found)} meetings match {reference!r}: {listed}")


MIN_ID_PREFIX = 4


def tracking_table(database: Database, meeting_id: str) -> list[dict]:
    """The 前次會議列管事項 table for the meeting after ``meeting_id`` (any
    reference :func:`find_meeting` takes): one row
    per case, numbered as the next meeting will cite them (cases still
    continued first, then ``meeting_id``'s new ones; see db/tracking.py), with
    the meeting that first raised the case, its units, deadline and status now.

    >>> [(r["number"], r["status_label"]) for r in tracking_table(database, "a1b2…")]  # doctest: +SKIP
    [(1, '繼續列管'), (2, '列管中')]
    """
    meeting_id = find_meeting(database, meeting_id)
    ids = case_list(database, meeting_id, upcoming=True)
    rows = {row["id"]: row for row in database.query(
        "SELECT id, meeting_date, text, lead_unit, assist_units, deadline_raw, deadline_date, status, status_label"
        f" FROM item_overview WHERE id IN ({', '.join('?' for _ in ids)})", ids)}
    return [{"number": number, **rows[item_id]} for number, item_id in enumerate(ids, start=1)]


def export_rows(database: Database, open_only: bool = False) -> list[dict]:
    source = "open_items" if open_only else "item_overview"
    columns = ", ".join(column for column, _ in EXPORT_COLUMNS)
    return list(database.query(f"SELECT {columns} FROM {source} ORDER BY meeting_date, document_id, position"))


def export(database: Database, fmt: str, open_only: bool = False) -> str:
    """All items (or only open ones) as ``csv`` (UTF-8 with BOM, Chinese headers,
    for Excel) or ``json`` (a list of objects with the column names)."""
    rows = export_rows(database, open_only)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt != "csv":
        raise ValueError(f"unknown export format {fmt!r}: use csv or json")
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([header for _, header in EXPORT_COLUMNS])
    for row in rows:
        row["kind"] = KIND_LABELS.get(row["kind"], row["kind"])
        writer.writerow(["" if row[column] is None else row[column] for column, _ in EXPORT_COLUMNS])
    return out.getvalue()
