"""file → read → clean → paragraphs → (minutes | report | deck) parser → Record.

Two halves: :func:`read_layout` (file to paragraphs and kind, no language
model) and :func:`parse_layout` (the parsers, which recognise units with the
spaCy pipeline). The build runs them in separate worker processes, so that
files are read while the pipeline is still loading.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extract.clean import clean
from extract.kind import detect_kind
from extract.layout import paragraphs as join_paragraphs
from extract.minutes import parse_minutes
from extract.model import Document, DocumentKind, Paragraph, Record
from extract.read import read
from extract.report import parse_report


@dataclass
class Layout:
    """A read file: cleaned pages, paragraphs and the kind of document."""

    document: Document
    paragraphs: list[Paragraph]
    kind: DocumentKind


def extract(path: str | Path, password: str | None = None) -> Record:
    """Read one file and return its record. Raises :class:`ExtractError` on bad input."""
    return parse_layout(read_layout(path, password))


def read_layout(path: str | Path, password: str | None = None) -> Layout:
    """The reading half: a file's cleaned pages, paragraphs and kind.

    >>> layout = read_layout("corpus/seeds/000_cc469a30a0b85147.txt")
    >>> layout.kind, layout.paragraphs[0].text
    ('minutes', '臺中市強化社會安全網推動會報 112年第 3 次會議紀錄')
    """
    document = clean(read(path, password=password))
    paragraphs = join_paragraphs(document)
    return Layout(document, paragraphs, detect_kind(document, paragraphs))


def parse_layout(layout: Layout) -> Record:
    """The parsing half: the record of a read file."""
    document, paragraphs, kind = layout.document, layout.paragraphs, layout.kind
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
