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
* **The 列管 list.** Each dated meeting after a body's first reviews a list of
  cases (its 前次會議列管事項), numbered 1, 2, … in this order: first the cases
  the previous meeting *continued* (繼續列管), in the order they had on the
  previous meeting's list, then the previous meeting's new cases in document
  order. A new case is an item of the kinds in ``TRACKED_KINDS`` (chair
  directives, resolutions, decisions and requests: what a follow-up table
  lists; numbered per point, not per 案由, as one 案 often yields several
  tracked points) that continues no case: ``第2案繼續列管，請社會局持續追蹤`` is
  the follow-up of case 2, while ``第1案解除列管；請各地方政府指派人員參加`` asks
  something new, as a released case is closed (a bare statement of status is
  a ``noted`` item). A case the previous meeting released, or did not
  mention, leaves the list (its status stays as it was). The list is built from the
  documents alone (manual updates never renumber it), so a meeting that
  continues a case the secretariat marked resolved still lists it next time.
* **Statuses.** Every follow-up item (any kind but ``noted``) of a dated
  meeting gets an ``open`` event at its meeting's date. An item stating
  ``解除列管``/``繼續列管`` for case numbers ``[1, 2]`` gives those cases of
  its meeting's list a ``released``/``continued`` event at the meeting's date;
  a mixed statement states each part (``extra["tracking"]``). A part naming no
  number applies to every case the item's other parts do not name when the
  item says so (``前次會議列管事項均解除列管``, ``全數繼續列管``, ``第1案解除列管，
  其餘繼續列管``); a number with no case is ignored.
* **Quoted cases.** A statement that quotes a case's wording (a row of a
  tracking table: number, subject, status) is matched to the case by text
  when its number is absent, names no case, or names a case whose text does
  not match the quote (another numbering convention): the case whose text has
  the unique best rapidfuzz ``partial_ratio`` of at least ``QUOTE_SIMILARITY``
  with the quote, both at least ``MIN_REPEAT_LENGTH`` characters long. With no
  such case the number stands.
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
from functools import lru_cache

from rapidfuzz import fuzz, process
from sqlite_utils import Database

BODY_SIMILARITY = 90
MIN_SUFFIX_BODY = 6
REPEAT_SIMILARITY = 85
MIN_REPEAT_LENGTH = 10
TRACKED_KINDS = ("directive", "resolution", "decision", "request")
QUOTE_SIMILARITY = 85
TRACKING_STATUS = {"解除列管": "released", "繼續列管": "continued"}
# A tracking statement naming no case numbers but all the others: 均解除列管, 全數繼續列管,
# 其餘繼續列管, 均已辦理完竣，解除列管; the word must lead to the status (請所有區公所… does not).
ALL_CASES = re.compile(r"(?:[均皆]|全[數部]|所有|悉數|其[餘余])[^第案]{0,12}?(?:解除|繼續|持續)列管")
_SPACE_NEXT_TO_CJK = re.compile(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])")


@lru_cache(maxsize=1 << 16)  # repeat linking compares each item with every earlier meeting's
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
    meetings, items_by_meeting = _load(database)
    database.conn.executemany(
        "UPDATE meetings SET body_group = ?, sequence = ?, previous_meeting_id = ?, next_meeting_id = ? WHERE id = ?",
        [(m.group, m.sequence, m.previous and m.previous.id, m.next and m.next.id, m.id) for m in meetings.values()],
    )
    database.execute("DELETE FROM status_events WHERE source = 'extracted'")
    events = []
    links = {}
    deadlines = []
    for meeting_id, items in items_by_meeting.items():
        meeting = meetings[meeting_id]
        for item in items:
            if item["kind"] != "noted" and meeting.date:
                events.append(_event(item["id"], "open", meeting, None, None))
        links.update(_repeat_links(meeting, items, items_by_meeting))
        deadlines += _next_meeting_deadlines(meeting, items)
    _, stated_by_meeting = tracking_statuses(list(meetings.values()), items_by_meeting)
    for meeting_id, stated in stated_by_meeting.items():
        events += [_event(case["id"], status, meetings[meeting_id], statement["text"], statement["id"])
                   for case, status, statement in stated]
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


def _load(database: Database) -> tuple[dict[str, _Meeting], dict[str, list[dict]]]:
    """The meetings, grouped, and each meeting's items in document order."""
    meetings = {
        row["id"]: _Meeting(row["id"], row["body"], row["date"], row["next_meeting_date"])
        for row in database.query("SELECT id, body, date, next_meeting_date FROM meetings")
    }
    group_meetings(list(meetings.values()))
    items_by_meeting: dict[str, list[dict]] = defaultdict(list)
    for row in database.query(
        "SELECT id, meeting_id, kind, text, tracking, tracked_refs, extra, deadline_kind, deadline_extracted"
        " FROM items WHERE meeting_id IS NOT NULL ORDER BY meeting_id, position"
    ):
        items_by_meeting[row["meeting_id"]].append(row)
    return meetings, items_by_meeting


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


def new_cases(items: list[dict]) -> list[dict]:
    """The items of one meeting that the next meeting's 列管 list adds: the
    tracked kinds, in document order, minus the follow-ups of continued cases.

    >>> [c["id"] for c in new_cases([{"id": "a", "kind": "noted"}, {"id": "b", "kind": "directive"},
    ...     {"id": "c", "kind": "decision", "tracking": "繼續列管"}, {"id": "d", "kind": "resolution"}])]
    ['b', 'd']
    """
    return [item for item in items if item["kind"] in TRACKED_KINDS
            and all(status != "繼續列管" for status, _ in _statements(item))]


def case_list(database: Database, meeting_id: str, upcoming: bool = False) -> list[str]:
    """The item ids of the 列管 list reviewed at ``meeting_id`` (its 前次會議列管事項,
    case 1 first), or with ``upcoming`` the list the body's next meeting reviews
    after it: what the secretariat tables for that meeting.

    >>> case_list(database, "a1b2…", upcoming=True)  # doctest: +SKIP
    ['…-carried', '…-new']
    """
    meetings, items_by_meeting = _load(database)
    case_lists, stated = tracking_statuses(list(meetings.values()), items_by_meeting)
    if upcoming:
        cases = _following_list(meeting_id, case_lists, stated, items_by_meeting)
    else:
        cases = case_lists.get(meeting_id, [])
    return [case["id"] for case in cases]


def tracking_statuses(meetings: list[_Meeting], items_by_meeting) -> tuple[dict, dict]:
    """(meeting id → its 列管 list, meeting id → (case, status, stating item) for
    every 列管 status it states about a case of that list, in document order);
    see the module docstring. ``meetings`` must have been grouped (:func:`group_meetings`)."""
    case_lists: dict[str, list[dict]] = {}
    stated: dict[str, list[tuple[dict, str, dict]]] = {}
    for meeting in sorted(meetings, key=lambda m: (m.date or "9999-99-99", m.id)):  # previous meetings first
        previous = meeting.previous
        if previous is None or not meeting.date:
            continue
        cases = _following_list(previous.id, case_lists, stated, items_by_meeting)
        case_lists[meeting.id] = cases
        stated[meeting.id] = [
            (case, status, item)
            for item in items_by_meeting.get(meeting.id, [])
            for case, status in _stated_cases(item, cases)
        ]
    return case_lists, stated


def _following_list(meeting_id: str, case_lists, stated, items_by_meeting) -> list[dict]:
    """The list the meeting after ``meeting_id`` reviews: the cases ``meeting_id``
    left continued (its last statement about them), then its new cases."""
    last_status = {case["id"]: status for case, status, _ in stated.get(meeting_id, [])}
    carried = [case for case in case_lists.get(meeting_id, []) if last_status.get(case["id"]) == "continued"]
    return carried + new_cases(items_by_meeting.get(meeting_id, []))


def _stated_cases(item: dict, cases: list[dict]) -> list[tuple[dict, str]]:
    """(case, status) for each case of ``cases`` (case 1 first) that ``item`` states a status of."""
    statements = [(TRACKING_STATUS[t], numbers) for t, numbers in _statements(item) if t in TRACKING_STATUS]
    named = {number for _, numbers in statements for number in numbers}
    result = []
    for status, numbers in statements:
        if not numbers and ALL_CASES.search(item["text"] or ""):
            targets = [case for number, case in enumerate(cases, start=1) if number not in named]
        else:
            targets = _cases_named(item["text"] or "", numbers, cases)
        result += [(case, status) for case in targets]
    return result


def _cases_named(text: str, numbers: list[int], cases: list[dict]) -> list[dict]:
    """The cases a statement names by number, or by quoting one case's wording
    when its single number is absent, out of range or disagrees with the quote.

    >>> cases = [{"id": "a", "text": "請衛生局於一個月內完成社區關懷訪視員招募"},
    ...          {"id": "b", "text": "請社會局於下次會議報告脆弱家庭個案追蹤情形"}]
    >>> [c["id"] for c in _cases_named("社會局報告脆弱家庭個案追蹤情形", [1], cases)]
    ['b']
    >>> [c["id"] for c in _cases_named("第1案解除列管", [1], cases)]
    ['a']
    """
    by_number = dict(enumerate(cases, start=1))
    if len(numbers) > 1:
        return [by_number[n] for n in numbers if n in by_number]
    numbered = by_number.get(numbers[0]) if numbers else None
    quote = normalise_name(text)
    if len(quote) < MIN_REPEAT_LENGTH or (numbered is not None and _quote_score(quote, numbered) >= QUOTE_SIMILARITY):
        return [numbered] if numbered is not None else []
    scores = sorted(((_quote_score(quote, case), index) for index, case in enumerate(cases)), reverse=True)
    best = scores[0] if scores else (0, None)
    unique = len(scores) == 1 or scores[1][0] < best[0]
    if best[0] >= QUOTE_SIMILARITY and unique:
        return [cases[best[1]]]
    return [numbered] if numbered is not None else []


def _quote_score(quote: str, case: dict) -> float:
    wording = normalise_name(case["text"] or "")
    return fuzz.partial_ratio(quote, wording) if len(wording) >= MIN_REPEAT_LENGTH else 0.0


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
    return [(item.get("tracking"), _ints(_json(item.get("tracked_refs"), [])))]


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
