"""The typed data contract: what each extraction stage hands to the next.

Reading gives a :class:`Document` of :class:`Page` objects holding :class:`Line`
objects; cleaning keeps that shape; layout joins lines into
:class:`Paragraph` objects; the parsers turn paragraphs into a :class:`Record`,
whose JSON form (``Record.to_json()``) is the record format of
``corpus/gold/README.md``.

Example::

    >>> Deadline.none().kind
    'none'
    >>> UnitRef(raw="衛生局", canonical="臺中市政府衛生局", role="lead").to_json()
    {'raw': '衛生局', 'canonical': '臺中市政府衛生局', 'role': 'lead'}
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Literal

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points

DocumentKind = Literal["minutes", "report", "deck"]
ItemKind = Literal["directive", "resolution", "decision", "noted", "request", "target", "milestone"]
DeadlineKind = Literal["date", "period", "relative", "next_meeting", "asap", "recurring", "ongoing", "none"]
Role = Literal["lead", "assist"]
Tracking = Literal["解除列管", "繼續列管"]


class ExtractError(Exception):
    """A file that cannot be turned into a record; the message names why.

    ``reason`` is a short machine-readable code (``empty``, ``encrypted``,
    ``corrupt``, ``no_text``, ``unsupported``, ``too_large``, ``timeout``,
    ``not_minutes``...), used for exit statuses and batch summaries.
    """

    def __init__(self, path: str, reason: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class Line:
    """One line of text as laid out on a page."""

    text: str
    page: int  # 1-based
    bbox: BBox | None = None
    ocr: bool = False


@dataclass
class Page:
    number: int  # 1-based
    lines: list[Line]
    width: float | None = None
    height: float | None = None
    tables: list[list[list[str | None]]] = field(default_factory=list)
    ocr: bool = False

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class Document:
    path: str
    sha256: str
    format: Literal["pdf", "txt", "docx", "odt"]
    pages: list[Page]

    @property
    def name(self) -> str:
        from pathlib import Path

        return Path(self.path).name

    @property
    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in page.lines]


@dataclass(frozen=True)
class Paragraph:
    """Lines re-joined into one logical paragraph (a numbered point, a label...)."""

    text: str
    page: int  # page of the first line
    lines: tuple[Line, ...] = ()


@dataclass
class UnitRef:
    raw: str | None
    canonical: str
    role: Role = "lead"

    def to_json(self) -> dict:
        return dataclasses.asdict(self)


@dataclass
class Deadline:
    raw: str | None
    kind: DeadlineKind
    date: str | None = None  # YYYY-MM-DD
    start: str | None = None  # YYYY-MM-DD, for periods

    @classmethod
    def none(cls) -> "Deadline":
        return cls(raw=None, kind="none")

    def to_json(self) -> dict:
        return dataclasses.asdict(self)


@dataclass
class Meeting:
    title: str | None = None
    body: str | None = None
    session: str | None = None
    date: str | None = None  # YYYY-MM-DD
    start_time: str | None = None  # HH:MM
    end_time: str | None = None
    location: str | None = None
    chair: list[str] = field(default_factory=list)
    recorder: str | None = None
    next_meeting_date: str | None = None  # announced date of the next meeting, if stated

    def to_json(self) -> dict:
        return dataclasses.asdict(self)


@dataclass
class Item:
    id: str
    section: str
    agenda_item: str | None
    kind: ItemKind
    speaker_or_source: str | None
    text: str
    responsible_units: list[UnitRef] = field(default_factory=list)
    deadline: Deadline = field(default_factory=Deadline.none)
    tracking: Tracking | None = None
    page: int | None = None
    source_text: str | None = None  # the exact source passage, with its number and label
    tracked_refs: list[int] = field(default_factory=list)  # 第1案、第2案 → [1, 2]
    extra: dict = field(default_factory=dict)  # kind-specific fields (targets: indicator, value, ...)
    notes: str | None = None

    def to_json(self) -> dict:
        data = dataclasses.asdict(self)
        data["responsible_units"] = [u.to_json() for u in self.responsible_units]
        data["deadline"] = self.deadline.to_json()
        return data


@dataclass
class Record:
    document: str  # source file name
    document_id: str  # SHA-256 of the file's bytes
    kind: DocumentKind
    meeting: Meeting | None
    items: list[Item]
    page_count: int = 0
    pages: list[dict] = field(default_factory=list)  # [{"number": 1, "text": "...", "ocr": false}]

    def to_json(self) -> dict:
        return {
            "document": self.document,
            "document_id": self.document_id,
            "kind": self.kind,
            "meeting": self.meeting.to_json() if self.meeting else None,
            "items": [item.to_json() for item in self.items],
            "page_count": self.page_count,
            "pages": self.pages,
        }


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def item_id(document_id: str, position: str) -> str:
    """A stable item id from the document's hash and the item's outline position,
    so that re-extracting the same file gives the same ids.

    >>> item_id("ab" * 32, "陸/一/主席/2") == item_id("ab" * 32, "陸/一/主席/2")
    True
    """
    digest = hashlib.sha256(f"{document_id}|{position}".encode()).hexdigest()[:10]
    return f"{document_id[:12]}-{digest}"
