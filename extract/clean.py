"""Line-level cleaning: each step is a small function; :func:`clean` composes them.

Steps on the text of one line: invisible characters out, radicals and CJK
compatibility ideographs mapped to ordinary characters, letter-spaced digits
closed up. Table cells get the same steps, line by line. Step on the document:
running headers, footers and page numbers out; on OCR-read pages, misread
numerals and formulas repaired (:mod:`extract.ocr_repair`). Nothing else is normalised
(no NFKC: full-width punctuation is part of the text), and lines stay lines;
joining them into paragraphs is the layout stage's job.

Doubled glyphs (a character drawn twice over itself for fake bold) are not a
text problem and are removed where they can be seen, at the character level
(:func:`extract.read_pdf.dedupe`).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import defaultdict

from extract.model import Document, Line, Page
from extract.ocr_repair import repair_ocr

INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f"))

# CJK Radicals Supplement code points that stand for an ordinary ideograph,
# from Unicode's EquivalentUnifiedIdeograph.txt (those without an NFKC
# mapping). Kangxi radicals (U+2F00–U+2FD5) all have one and need no table.
RADICAL_EQUIVALENTS = dict(zip(
    "⺌⺍⺗⺠⺤⺨⺩⺹⻄⻅⻆⻌⻍⻏⻑⻖⻗⻘⻝⻟⻠⻢⻣⻥⻩⻬⻰",
    "小小心民爫犭王耂西见角辶辶阝長阝雨青食飠饣马骨鱼黄齐龙",
))

# CJK Compatibility Ideographs (and their supplement) → the unified
# ideographs they duplicate: 錄 U+F93F is 錄 U+9304 to the eye but not to a
# search for 紀錄. Their NFKC mapping is the canonical equivalent.
COMPATIBILITY_IDEOGRAPHS = {
    code: unicodedata.normalize("NFKC", chr(code))
    for low, high in ((0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
    for code in range(low, high + 1)
    if len(unicodedata.normalize("NFKC", chr(code))) == 1 and unicodedata.normalize("NFKC", chr(code)) != chr(code)
}

# Two or more single digits each separated by one space, then a CJK
# character (a measure word: 年, 次, 元...) or a percent sign: letter-spaced
# digits (1 0 1 年, 9 0 %).
# The spaces around the run belong to the same letter-spacing when the
# neighbour is CJK (第 1 6 次). Multi-digit numbers (112年 11月) are left alone.
# ASCII classes, not \w: in Python \w matches CJK, which hid 府1 1 2年.
CJK = "\u3400-\u9fff\uf900-\ufaff"
SPACED_DIGITS = re.compile(
    rf"(?:(?<=[{CJK}]) )?(?<![0-9A-Za-z_.,])(?P<digits>\d(?: \d)+)(?![0-9A-Za-z_.,])(?: (?=[{CJK}%％])|(?=[{CJK}%％]))"
)

PAGE_NUMBER = re.compile(
    r"^\s*(?:"
    r"[-–—－]?\s*\d{1,4}\s*[-–—－]?"  # 2, - 2 -
    r"|第\s*\d{1,4}\s*頁\s*[,，、]?\s*(?:共\s*\d{1,4}\s*頁)?"  # 第 1 頁，共 3 頁
    r"|共\s*\d{1,4}\s*頁\s*[,，、]?\s*第\s*\d{1,4}\s*頁"
    r"|\d{1,4}\s*/\s*\d{1,4}"  # 1/3
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
    r")\s*$",
    re.IGNORECASE,
)

# A browser's print margins (Chromium, Firefox, Edge): the header's date and
# time, then the page title (11/23/26, 2:40 PM 會議紀錄; 2026/11/23 下午2:40),
# and the footer's URL, then the page count (file:///…/a.html 1/3).
BROWSER_MARGIN = re.compile(
    r"^\s*(?:"
    r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\s*,?\s*(?:上午|下午|[AP]M)?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[AP]M|上午|下午))?(?:\s.*)?"
    r"|(?:https?|file)://\S+(?:\s+\d{1,4}\s*(?:/|of)\s*\d{1,4})?"
    r")\s*$",
    re.IGNORECASE,
)

# Sentences and numbered points are never running text.
BODY_TEXT = re.compile(r"[。；！？]\s*$|^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")

BAND_LINES = (6, 4)  # lines from the top / bottom of a page where running text lives
MOST_PAGES = 0.5  # running text appears on more than this share of pages


def clean(document: Document) -> Document:
    """A cleaned copy of ``document``: same pages and tables, cleaned lines.

    >>> page = Page(1, [Line("\u2f08\u200b\u2f12於 1 0 1 年", 1)])
    >>> clean(Document("a.txt", "0" * 64, "txt", [page])).pages[0].lines[0].text
    '人力於101年'
    """
    pages = [
        dataclasses.replace(
            page,
            lines=[dataclasses.replace(line, text=clean_text(line.text)) for line in page.lines],
            tables=[[[clean_cell(cell) for cell in row] for row in table] for table in page.tables],
        )
        for page in document.pages
    ]
    return dataclasses.replace(document, pages=remove_running_lines(repair_ocr(pages)))


def clean_text(text: str) -> str:
    """The text-level steps, in order, on one line.

    >>> clean_text("第 1 6 次會議\u00ad ")
    '第16次會議'
    """
    return join_spaced_digits(map_compatibility_ideographs(map_radicals(remove_invisible(text)))).rstrip()


def clean_cell(cell: str | None) -> str | None:
    """A table cell cleaned line by line like the page's lines (``None``, a spanned cell, stays).

    >>> clean_cell("會議紀\\uf93f\\n第 1 6 次")
    '會議紀錄\\n第16次'
    """
    if cell is None:
        return None
    return "\n".join(clean_text(line) for line in cell.split("\n"))


def remove_invisible(text: str) -> str:
    """Drop zero-width spaces/joiners, BOMs and soft hyphens (Google Docs PDFs carry them).

    >>> remove_invisible("社\u200b會\u00ad局")
    '社會局'
    """
    return text.translate(INVISIBLE)


def map_radicals(text: str) -> str:
    """Kangxi radicals and radical-supplement forms → the ordinary ideographs.

    Some PDF fonts map common characters to radical code points (⾧ for 長),
    which then fail every search. Only these two blocks are touched.

    >>> map_radicals("⾧照⼈⼒⺠眾")
    '長照人力民眾'
    """
    return "".join(map_radical(char) if "\u2e80" <= char <= "\u2fd5" else char for char in text)


def map_radical(char: str) -> str:
    if char in RADICAL_EQUIVALENTS:
        return RADICAL_EQUIVALENTS[char]
    mapped = unicodedata.normalize("NFKC", char)
    return mapped if len(mapped) == 1 else char


def map_compatibility_ideographs(text: str) -> str:
    """CJK compatibility ideographs → their unified equivalents; nothing else changes
    (full-width punctuation keeps its form, unlike with NFKC on the whole text).

    >>> map_compatibility_ideographs("會議紀\\uf93f（臺\\uf963市）：")
    '會議紀錄（臺北市）：'
    """
    return text.translate(COMPATIBILITY_IDEOGRAPHS)


def join_spaced_digits(text: str) -> str:
    """Close up letter-spaced digits: ``1 0 1 年`` → ``101年``; ``112年 11月`` is left alone.

    >>> join_spaced_digits("第 1 6 次會議於 1 1 2 年 8 月召開"), join_spaced_digits("比率為 9 0 %以上")
    ('第16次會議於112年 8 月召開', '比率為90%以上')
    """
    return SPACED_DIGITS.sub(lambda match: match.group("digits").replace(" ", ""), text)


def remove_running_lines(pages: list[Page]) -> list[Page]:
    """Drop running headers, footers and page numbers.

    Running text sits at a page's top or bottom edge and is either

    - a line whose text, numbers aside, stands at the same place on most
      pages (``臺中市政府 13`` on every slide);
    - a block of two or more edge lines of the first page repeated on other
      pages (a letterhead on the minutes' pages but not on the attachments;
      a deck's repeated slide title does not reach back to the cover);
    - a bare page number (``- 2 -``, ``第 1 頁，共 3 頁``) or a browser's
      print header or footer (a date and time, a URL), which need no
      repetition: a one-page web page printed from a browser has them once.

    Lines are dropped from the edge inwards and the first body line stops
    the walk, so a body line that happens to repeat near the top stays. A
    sentence (ending in 。) or a numbered point is body text wherever it is:
    three short pages may each end with 決議：照案通過。

    >>> pages = [Page(n, [Line("市府公報", n), Line(body, n), Line(f"- {n} -", n)])
    ...          for n, body in ((1, "甲"), (2, "乙"), (3, "丙"))]
    >>> [page.text for page in remove_running_lines(pages)]
    ['甲', '乙', '丙']
    """
    edges = [edge_lines(page) for page in pages]
    running = repeated_in_place(pages, edges) | repeated_blocks(pages, edges)
    cleaned = []
    for page, page_edges in zip(pages, edges):
        drop = set()
        for side, band in page_edges.items():
            for line, _ in band:
                if BODY_TEXT.search(line.text) or not (
                    PAGE_NUMBER.match(line.text) or BROWSER_MARGIN.match(line.text)
                    or (page.number, side, mask(line.text)) in running
                ):
                    break
                drop.add(id(line))
        cleaned.append(dataclasses.replace(page, lines=[line for line in page.lines if id(line) not in drop]))
    return cleaned


def edge_lines(page: Page) -> dict[str, list[tuple[Line, float]]]:
    """The first and last non-empty lines of a page, each side listed from its edge inwards.

    With each line goes its distance from that edge: in points when the
    line has a box, else in lines.
    """
    lines = [line for line in page.lines if line.text.strip()]
    top_count, bottom_count = BAND_LINES
    boxed = page.height is not None
    top = [(line, line.bbox[1] if boxed and line.bbox else rank) for rank, line in enumerate(lines[:top_count])]
    bottom = [
        (line, page.height - line.bbox[3] if boxed and line.bbox else rank)
        for rank, line in enumerate(reversed(lines[-bottom_count:]))
    ]
    return {"top": top, "bottom": bottom}


def repeated_in_place(pages: list[Page], edges: list[dict]) -> set[tuple[int, str, str]]:
    """(page, side, masked text) of edge lines found at the same place on most pages."""
    places: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
    for page, page_edges in zip(pages, edges):
        for side, band in page_edges.items():
            for line, where in band:
                places[(side, mask(line.text))].setdefault(page.number, where)
    tolerance = {page.number: 0.03 * page.height if page.height else 0.0 for page in pages}
    running = set()
    for (side, masked), where_by_page in places.items():
        usual = sorted(where_by_page.values())[len(where_by_page) // 2]
        in_place = [number for number, where in where_by_page.items() if abs(where - usual) <= tolerance[number]]
        if len(in_place) >= 2 and len(in_place) > MOST_PAGES * len(pages):
            running.update((number, side, masked) for number in in_place)
    return running


def repeated_blocks(pages: list[Page], edges: list[dict]) -> set[tuple[int, str, str]]:
    """(page, side, masked text) of edge blocks of 2+ lines that open or close the first page and others alike."""
    blocks: dict[tuple[str, tuple[str, ...]], set[int]] = defaultdict(set)
    for page, page_edges in zip(pages, edges):
        for side, band in page_edges.items():
            masked = tuple(mask(line.text) for line, _ in band)
            for size in range(2, len(masked) + 1):
                blocks[(side, masked[:size])].add(page.number)
    running = set()
    for (side, block), numbers in blocks.items():
        if len(numbers) >= 2 and pages[0].number in numbers:
            running.update((number, side, masked) for number in numbers for masked in block)
    return running


def mask(text: str) -> str:
    """Text with whitespace removed and every number replaced by ``#``.

    >>> mask("臺中市政府 13")
    '臺中市政府#'
    """
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))
