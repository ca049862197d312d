"""Manual status updates and an item's history.

A manual update is a ``status_events`` row with ``source = 'manual'``. Its id
is made from its own content (item, status, time, person, note), never from
extraction, and builds only ever delete ``extracted`` events, so a rebuild
neither overwrites nor duplicates it. How the current status is chosen is
documented in ``schema/views.sql``: the latest event by time wins, whatever its
source, and only at an equal time does a manual event beat an extracted one.
So a manual ``resolved`` set in April is overridden by a June meeting that
still states 繼續列管 for the case (the committee has not released it); the
secretariat records the completion again, or the next meeting releases it.

Example::

    >>> set_status(database, "3f2a…", "resolved", note="已完成採購", by="王小明")  # doctest: +SKIP
    'manual-…'
    >>> [e["status"] for e in history(database, "3f2a…")]  # doctest: +SKIP
    ['open', 'resolved']
"""

from __future__ import annotations

import hashlib

from sqlite_utils import Database

from db.migrate import utc_now, with_transaction


class StatusError(ValueError):
    """An update that cannot be recorded (unknown item or status)."""


def statuses(database: Database) -> list[str]:
    return [row[0] for row in database.execute("SELECT name FROM statuses ORDER BY rowid")]


def set_status(
    database: Database,
    item_id: str,
    status: str,
    note: str | None = None,
    by: str | None = None,
    at: str | None = None,
) -> str:
    """Record a manual status for ``item_id``; returns the event id.

    ``at`` defaults to now (UTC, ``YYYY-MM-DDTHH:MM:SSZ``); a bare date is accepted.
    """
    known = statuses(database)
    if status not in known:
        raise StatusError(f"unknown status {status!r}; use one of: {', '.join(known)}")
    row = database.execute("SELECT kind FROM items WHERE id = ?", [item_id]).fetchone()
    if row is None:
        raise StatusError(f"no item with id {item_id!r}")
    if row[0] == "noted":
        raise StatusError(f"item {item_id} is a noted item (洽悉/確認), which is not tracked")
    at = at or utc_now()
    event_id = "manual-" + hashlib.sha256("|".join([item_id, status, at, by or "", note or ""]).encode()).hexdigest()[:20]
    with_transaction(
        database,
        lambda: database.execute(
            "INSERT OR IGNORE INTO status_events (id, item_id, status, source, set_by, note, at)"
            " VALUES (?, ?, ?, 'manual', ?, ?, ?)",
            [event_id, item_id, status, by, note, at],
        ),
    )
    return event_id


def history(database: Database, item_id: str) -> list[dict]:
    """Every status event of ``item_id``, oldest first, in the order that decides
    the current status (the last one is current)."""
    return list(
        database.query(
            "SELECT id, status, source, set_by, note, at, source_item_id, until FROM item_status_timeline"
            " WHERE item_id = ? ORDER BY seq",
            [item_id],
        )
    )


def current_status(database: Database, item_id: str) -> str | None:
    """The item's status now: ``None`` for noted items and unknown ids.

    >>> current_status(database, "no-such-item")  # doctest: +SKIP
    """
    row = database.execute("SELECT status FROM item_overview WHERE id = ?", [item_id]).fetchone()
    return row[0] if row else None
