"""file → read → clean → paragraphs → (minutes | report | deck) parser → Record."""

from __future__ import annotations

from pathlib import Path

from extract.clean import clean
from extract.kind import detect_kind
from extract.layout import paragraphs as join_paragraphs
from extract.minutes import parse_minutes
from extract.model import Record
from extract.read import read
from extract.report import parse_report


def extract(path: str | Path, password: str | None = None) -> Record:
    """Read one file and return its record. Raises :class:`ExtractError` on bad input."""
    document = clean(read(path, password=password))
    paragraphs = join_paragraphs(document)
    kind = detect_kind(document, paragraphs)
    if kind == "minutes":
        meeting, items = parse_minutes(document, paragraphs)
    else:
        meeting, items = parse_report(document, paragraphs, kind)
    return Record(
        document=document.name,
        document_id=document.sha256,
        kind=kind,
        meeting=meeting,
        items=items,
        page_count=len(document.pages),
        pages=[{"number": p.number, "text": p.text, "ocr": p.ocr} for p in document.pages],
    )
