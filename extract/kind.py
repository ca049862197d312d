"""What a document is — minutes, a report or a slide deck — judged from the
document itself, never from its file name.

* **minutes** open with a title ending in 紀錄/記錄 and a header of labelled
  fields (時間：, 地點：, 主席：, 出席人員：, 紀錄：, or a legislature's
  ``時　　間　中華民國…`` without colons), or have an outline of outcome
  blocks (決議：, 決定：, 主席裁示：, 院長提示：...) as a web page of decisions
  without a header has;
* a **deck** has landscape (16:9 or 4:3) pages, or, where there is no page
  geometry (text, Word), short paragraphs: slide titles and bullets;
* anything else is a **report** (專案報告, 業務報告: long prose under numbered
  headings).

Example::

    >>> from extract.model import Document, Line, Page, Paragraph
    >>> rows = ["某某委員會第3次會議紀錄", "時間：113年3月8日", "地點：本府301會議室", "主席：王主任委員"]
    >>> doc = Document("x.txt", "0" * 64, "txt", [Page(1, [Line(t, 1) for t in rows])])
    >>> detect_kind(doc, [Paragraph(t, 1) for t in rows])
    'minutes'
"""

from __future__ import annotations

import re
import statistics

from extract.header import BARE_FIELD
from extract.model import Document, DocumentKind, Paragraph
from extract.outline import label, numbering

HEAD_CHARS = 1500  # the header of minutes sits within the first page
HEADER_FIELDS = (
    r"(?:開會|會議)?(?:時間|日期)",
    r"(?:開會|會議)?地點",
    r"主席|主持人|召集人",
    r"(?:出席|列席|與會)(?:人員|者|單位)?",
    r"(?:紀錄|記錄)(?:人|人員)?",
)
MINUTES_TITLE = re.compile(r"(?:會議|會報|會)(?:紀錄|記錄)|議事錄|會議決議|會議決定")
HEADER_PARAGRAPHS = 30
OUTCOME_BLOCKS = 2  # one 決議： may be quoted in a report; two make an outline of outcomes
LANDSCAPE_RATIO = 1.2  # width / height of a 4:3 page is 1.33, of 16:9 1.78
LANDSCAPE_SHARE = 0.6
LONG_PARAGRAPH = 60  # characters: a prose paragraph, not a bullet
DECK_LONG_SHARE = 0.12
DECK_MEDIAN = 24


def squashed_head(document: Document) -> str:
    """The start of the document with all whitespace removed, so that spaced
    labels (時 間：) and labels split across lines read as one word."""
    return re.sub(r"\s+", "", "".join(line.text for line in document.lines))[:HEAD_CHARS]


def header_fields(document: Document, paragraphs: list[Paragraph]) -> int:
    """How many kinds of header field (time, place, chair, attendees,
    recorder) the start of the document names, with a colon or, opening a
    paragraph, with spaces instead (時　　間　中華民國…).

    >>> header_fields(Document("x", "0" * 64, "txt", []), [Paragraph("時\u3000\u3000間\u3000中華民國113年", 1)])
    1
    """
    head = squashed_head(document)
    bare = "".join(re.sub(r"\s+", "", match.group("name")) + "：" for p in paragraphs[:HEADER_PARAGRAPHS]
                   if (match := BARE_FIELD.match(p.text.strip())))
    return sum(bool(re.search(rf"(?:{field})[:：]", head + bare)) for field in HEADER_FIELDS)


def outcome_blocks(paragraphs: list[Paragraph]) -> int:
    """How many paragraphs open an outcome block (決議：, 決定：, 院長提示：...),
    numbered or not.

    >>> outcome_blocks([Paragraph(t, 1) for t in ["一、內政部報告", "決定：洽悉。", "院長提示：", "決議事項之執行"]])
    2
    """
    count = 0
    for paragraph in paragraphs:
        number = numbering(paragraph.text)
        found = label(number.rest if number else paragraph.text)
        count += bool(found and found.kind == "outcome")
    return count


def looks_like_minutes(document: Document, paragraphs: list[Paragraph] | None = None) -> bool:
    """A minutes title and at least two header fields, or three fields alone;
    or outcome blocks: two, or one with a title or a header field.

    >>> from extract.model import Document, Line, Page
    >>> doc = Document("x", "0" * 64, "txt", [Page(1, [Line("專案報告", 1), Line("報告人：局長", 1)])])
    >>> looks_like_minutes(doc)
    False
    """
    paragraphs = paragraphs if paragraphs is not None else [Paragraph(line.text, line.page) for line in document.lines]
    fields = header_fields(document, paragraphs)
    titled = bool(MINUTES_TITLE.search(squashed_head(document)))
    if fields >= 3 or (fields >= 2 and titled):
        return True
    outcomes = outcome_blocks(paragraphs)
    return outcomes >= OUTCOME_BLOCKS or (outcomes >= 1 and (titled or fields >= 1))


def landscape_share(document: Document) -> float | None:
    """The share of pages wider than tall, or None without page geometry."""
    sized = [p for p in document.pages if p.width and p.height]
    if not sized:
        return None
    return sum(p.width / p.height >= LANDSCAPE_RATIO for p in sized) / len(sized)


def slide_shaped(paragraphs: list[Paragraph]) -> bool:
    """Short paragraphs throughout: titles and bullets rather than prose."""
    lengths = [len(p.text.strip()) for p in paragraphs if p.text.strip()]
    if len(lengths) < 10:
        return False
    long_share = sum(n >= LONG_PARAGRAPH for n in lengths) / len(lengths)
    return long_share < DECK_LONG_SHARE and statistics.median(lengths) < DECK_MEDIAN


def detect_kind(document: Document, paragraphs: list[Paragraph]) -> DocumentKind:
    """``minutes``, ``deck`` or ``report`` (see the module docstring)."""
    if looks_like_minutes(document, paragraphs):
        return "minutes"
    landscape = landscape_share(document)
    if landscape is not None and landscape >= LANDSCAPE_SHARE:
        return "deck"
    if landscape is None and slide_shaped(paragraphs):
        return "deck"
    return "report"
