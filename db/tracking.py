"""Follow-up tracking across meetings: derived from the whole knowledge base.

Everything here is recomputed from the tables on every build that wrote a
file, and every row it writes has an id made from its content, so the result
does not depend on which files were built first or how often.

* **Bodies.** Meetings of one body are grouped by name: two names are the same
  body when their rapidfuzz ratio is at least ``BODY_SIMILARITY`` after
  normalisation (NFKC, no spaces, 台→臺), or when the longer name is the
  shorter one with its organisation put in front (``強化社會安全網政策溝通平臺`` and
  ``衛生福利部強化社會安全網政策溝通平臺``) and the shorter has at least
  ``MIN_SUFFIX_BODY`` characters, so a generic ``理監事會議`` joins nothing.
  A group is named after its earliest meeting's body; meetings are ordered by
  date (then id) and numbered.
* **Statuses.** Every follow-up item (any kind but ``noted``) of a dated
  meeting gets an ``open`` event at its meeting's date. A later item stating
  ``解除列管``/``繼續列管`` for case numbers ``[1, 2]`` gives the previous
  meeting's items with those case numbers a ``released``/``continued`` event
  at the later meeting's date. A statement naming no case number but all of
  them (``前次會議列管事項均解除列管``, ``全數繼續列管``) applies to every case.
* **Case numbers.** The previous meeting's 列管事項 are numbered 1, 2, … in
  document order over its items of the kinds in ``TRACKED_KINDS`` (chair
  directives, resolutions, decisions and requests: what a follow-up table
  lists), not by 案由: a 案 often yields several separately tracked points.
  A number with no such item is ignored.
* **Repeated directives.** An item of at least ``MIN_REPEAT_LENGTH``
  characters (so ``同意。`` or ``照案通過`` never count) whose text has a rapidfuzz
  ratio of at least ``REPEAT_SIMILARITY`` with an item of an earlier meeting
  of the same body is linked to it (``items.previous_item_id``; the most recent earlier
  meeting with a match wins, then the best score).
* **Next-meeting deadlines.** A ``next_meeting`` deadline takes the date of
  the body's next meeting once the knowledge base has it; otherwise the date
  the extractor found, otherwise the next meeting date these minutes announce.

Example::

    >>> same_body("臺中市強化社會安全網推動會報", "台中市強化社會安全網推動會報")
    True
    >>> same_body("強化社會安全網政策溝通平臺", "臺中市強化社會安全網推動會報")
    False
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlite_utils import Database

BODY_SIMILARITY = 90
MIN_SUFFIX_BODY = 6
REPEAT_SIMILARITY = 85
MIN_REPEAT_LENGTH = 10
TRACKED_KINDS = ("directive", "resolution", "decision", "request")
TRACKING_STATUS = {"解除列管": "released", "繼續列管": "continued"}
# A tracking statement naming no case numbers but all of them: 均解除列管, 全數繼續列管
ALL_CASES = re.compile(r"[均皆]|全[數部]|所有|悉數")
_SPACE_NEXT_TO_CJK = re.compile(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])")


def normalise_name(name: str) -> str:
    """A body or unit name as compared and stored: NFKC, 台→臺, no spaces
    next to Chinese characters (layout, as in ``1 0 1 年``), single spaces elsewhere.

    >>> normalise_name(" 台中市 推動會報 ")
    '臺中市推動會報'
    >>> normalise_name("ASROC  Council 理事會")
    'ASROC Council理事會'
    """
    text = " ".join(unicodedata.normalize("NFKC", name).split()).replace("台", "臺")
    return _SPACE_NEXT_TO_CJK.sub("", text)


def same_body(a: str, b: str) -> bool:
    a, b = normalise_name(a), normalise_name(b)
    if not a or not b:
        return False
    if fuzz.ratio(a, b) >= BODY_SIMILARITY:
        return True
    shorter, longer = sorted((a, b), key=len)
    return longer.endswith(shorter) and len(shorter) >= MIN_SUFFIX_BODY


@dataclass
class _Meeting:
    id: str
    body: str | None
    date: str | None
    next_meeting_date: str | None
    group: str | None = None
    sequence: int | None = None
    previous: "_Meeting | None" = None
    next: "_Meeting | None" = None


def group_meetings(meetings: list[_Meeting]) -> None:
    """Set group, sequence, previous and next on each meeting (in place)."""
    ordered = sorted(meetings, key=lambda m: (m.date or "9999-99-99", m.id))
    representatives: list[str] = []
    members: dict[str, list[_Meeting]] = defaultdict(list)
    for meeting in ordered:
        if not meeting.body or not normalise_name(meeting.body):
            continue
        matches = [(fuzz.ratio(normalise_name(meeting.body), r), r) for r in representatives if same_body(meeting.body, r)]
        if matches:
            group = max(matches)[1]
        else:
            group = normalise_name(meeting.body)
            representatives.append(group)
        meeting.group = group
        members[group].append(meeting)
    for group_members in members.values():
        dated = [m for m in group_members if m.date]
        for number, meeting in enumerate(dated, start=1):
            meeting.sequence = number
            meeting.previous = dated[number - 2] if number > 1 else None
            meeting.next = dated[number] if number < len(dated) else None


def event_id(*parts: str | None) -> str:
    """A status event id from its content: the same facts give the same id.

    >>> event_id("item", "open", "2024-01-01") == event_id("item", "open", "2024-01-01")
    True
    """
    digest = hashlib.sha256("|".join(p or "" for p in parts).encode()).hexdigest()[:20]
    return f"ev-{digest}"


def derive(database: Database) -> None:
    """Recompute meeting groups, extracted status events, repeated-item links and
    next-meeting deadlines from the whole database. Call inside a transaction."""
    meetings = {
        row["id"]: _Meeting(row["id"], row["body"], row["date"], row["next_meeting_date"])
        for row in database.query("SELECT id, body, date, next_meeting_date FROM meetings")
    }
    group_meetings(list(meetings.values()))
    database.conn.executemany(
        "UPDATE meetings SET body_group = ?, sequence = ?, previous_meeting_id = ?, next_meeting_id = ? WHERE id = ?",
        [(m.group, m.sequence, m.previous and m.previous.id, m.next and m.next.id, m.id) for m in meetings.values()],
    )
    items_by_meeting: dict[str, list[dict]] = defaultdict(list)
    for row in database.query(
        "SELECT id, meeting_id, kind, text, tracking, tracked_refs, extra, deadline_kind, deadline_extracted"
        " FROM items WHERE meeting_id IS NOT NULL ORDER BY meeting_id, position"
    ):
        items_by_meeting[row["meeting_id"]].append(row)

    database.execute("DELETE FROM status_events WHERE source = 'extracted'")
    events = []
    links = {}
    deadlines = []
    for meeting_id, items in items_by_meeting.items():
        meeting = meetings[meeting_id]
        for item in items:
            if item["kind"] != "noted" and meeting.date:
                events.append(_event(item["id"], "open", meeting, None, None))
        events += _tracking_events(meeting, items, items_by_meeting)
        links.update(_repeat_links(meeting, items, items_by_meeting))
        deadlines += _next_meeting_deadlines(meeting, items)
    database.conn.executemany(
        "INSERT OR IGNORE INTO status_events (id, item_id, status, source, set_by, note, at, source_item_id)"
        " VALUES (:id, :item_id, :status, 'extracted', :set_by, :note, :at, :source_item_id)",
        events,
    )
    database.execute("UPDATE items SET previous_item_id = NULL WHERE previous_item_id IS NOT NULL")
    database.conn.executemany("UPDATE items SET previous_item_id = ? WHERE id = ?", [(p, i) for i, p in links.items()])
    database.conn.executemany(
        "UPDATE items SET deadline_date = ?, deadline_date_source = ? WHERE id = ?", deadlines
    )


def _event(item_id: str, status: str, meeting: _Meeting, note: str | None, source_item_id: str | None) -> dict:
    return {
        "id": event_id(item_id, status, meeting.date, meeting.id, source_item_id),
        "item_id": item_id,
        "status": status,
        "set_by": meeting.id,
        "note": note,
        "at": meeting.date,
        "source_item_id": source_item_id,
    }


def case_numbers(items: list[dict]) -> dict[int, str]:
    """The 列管 case numbers of a meeting's items: 1, 2, … over the tracked kinds.

    >>> case_numbers([{"id": "a", "kind": "noted"}, {"id": "b", "kind": "directive"}, {"id": "c", "kind": "resolution"}])
    {1: 'b', 2: 'c'}
    """
    tracked = [item["id"] for item in items if item["kind"] in TRACKED_KINDS]
    return {number: item_id for number, item_id in enumerate(tracked, start=1)}


def _tracking_events(meeting: _Meeting, items: list[dict], items_by_meeting) -> list[dict]:
    previous = meeting.previous
    if previous is None or not meeting.date:
        return []
    cases = case_numbers(items_by_meeting.get(previous.id, []))
    events = []
    for item in items:
        for tracking, numbers in _statements(item):
            status = TRACKING_STATUS.get(tracking or "")
            if status is None:
                continue
            if not numbers and ALL_CASES.search(item["text"] or ""):
                numbers = sorted(cases)
            for number in numbers:
                if number in cases:
                    events.append(_event(cases[number], status, meeting, item["text"], item["id"]))
    return events


def _statements(item: dict) -> list[tuple[str | None, list[int]]]:
    """(status, case numbers) stated by an item. A mixed statement (第1案解除列管，
    第2案繼續列管) lists each part in ``extra["tracking"]``; ``tracking`` and
    ``tracked_refs`` hold only its first part.

    >>> _statements({"tracking": "解除列管", "tracked_refs": "[1]", "extra": None})
    [('解除列管', [1])]
    """
    extra = _json(item.get("extra"), {})
    parts = extra.get("tracking") if isinstance(extra, dict) else None
    if isinstance(parts, list) and parts:
        return [(part.get("status"), _ints(part.get("refs"))) for part in parts if isinstance(part, dict)]
    return [(item["tracking"], _ints(_json(item["tracked_refs"], [])))]


def _json(raw, default):
    try:
        return json.loads(raw) if raw else default
    except ValueError:
        return default


def _ints(refs) -> list[int]:
    return [r for r in refs if isinstance(r, int)] if isinstance(refs, list) else []


def _repeat_links(meeting: _Meeting, items: list[dict], items_by_meeting) -> dict[str, str]:
    """item id → the id of its earlier form in a previous meeting of the same body."""
    earlier_meetings = []
    cursor = meeting.previous
    while cursor is not None:
        earlier_meetings.append(cursor)
        cursor = cursor.previous
    links = {}
    for item in items:
        if item["kind"] == "noted" or len(normalise_name(item["text"] or "")) < MIN_REPEAT_LENGTH:
            continue
        for earlier in earlier_meetings:  # most recent first
            candidates = [c for c in items_by_meeting.get(earlier.id, []) if c["kind"] != "noted" and len(normalise_name(c["text"] or "")) >= MIN_REPEAT_LENGTH]
            match = process.extractOne(
                item["text"], [c["text"] for c in candidates], scorer=fuzz.ratio, score_cutoff=REPEAT_SIMILARITY
            )
            if match is not None:
                links[item["id"]] = candidates[match[2]]["id"]
                break
    return links


def _next_meeting_deadlines(meeting: _Meeting, items: list[dict]) -> list[tuple]:
    updates = []
    for item in items:
        if item["deadline_kind"] != "next_meeting":
            continue
        if meeting.next is not None:
            updates.append((meeting.next.date, "next_meeting", item["id"]))
        elif item["deadline_extracted"]:
            updates.append((item["deadline_extracted"], "extracted", item["id"]))
        elif meeting.next_meeting_date:
            updates.append((meeting.next_meeting_date, "announced", item["id"]))
        else:
            updates.append((None, None, item["id"]))
    return updates
