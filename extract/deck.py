"""Slides of a briefing deck: a title and a bullet list per page, and tables.

A slide's lines are re-joined into bullets by geometry: a line continues the
bullet above it when it sits closer than a line gap would put it and does not
open a number or a bullet glyph of its own; a parenthesised remark under a
point (``(111年擇1縣市試辦…)``) belongs to that point. Without geometry (a
text export of a deck) only the parenthesis rule applies.

Tables come from :attr:`Page.tables` (ruled tables of a PDF) or, in text,
from tab-separated rows. Two shapes carry follow-up items:

* a ``單位 | 事項`` table, where the first column names the unit making each
  request (:func:`unit_rows`);
* a strategy-by-bureau table, a header row of strategies over the units in
  charge of each (:func:`strategy_units`).

Example::

    >>> from extract.model import Line, Page
    >>> page = Page(1, [Line("參、計畫指標", 1, (30, 30, 300, 60)),
    ...                 Line("1.長照服務涵蓋率逐年提升至", 1, (30, 100, 400, 115)),
    ...                 Line("60%", 1, (30, 120, 60, 135)),
    ...                 Line("2.設置據點達10處", 1, (30, 148, 200, 163))], width=960, height=540)
    >>> slide = read_slide(page)
    >>> slide.title, [b.text for b in slide.bullets]
    ('參、計畫指標', ['1.長照服務涵蓋率逐年提升至60%', '2.設置據點達10處'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.clean import clean_text
from extract.layout import join
from extract.model import Line, Page
from extract.outline import numbering

BULLET_GLYPHS = "•◦◆◇●○■□▪▫►▶➢➤✓✔❖※-–*"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
BULLET = re.compile(rf"^\s*(?:[{re.escape(BULLET_GLYPHS)}](?=\s|[^\d\s])|[{CIRCLED}])\s*")
FOOTER_SHARE = 0.93  # lines starting below this share of the page height are footers
CONTINUATION_GAP = 0.6  # of a line height: closer than this, the next line continues
OPENS_REMARK = re.compile(r"^[(（](?!\s*[\d一二三四五六七八九十]{1,2}\s*[)）])")
CONTINUES_SENTENCE = re.compile(r"^[%％)）」』，,。；;、:：]")
SENTENCE_END = tuple("。：:；;！？!?)）")
UNIT_HEADER = re.compile(r"單位|機關|局處|權責|提案|縣市")
MATTER_HEADER = re.compile(r"事項|內容|建議|說明|問題|需求|困難")
STRATEGY_HEADER = re.compile(r"^策略\s*[一二三四五六七八九十\d]+$")
BLOCK_TAGS = re.compile(r"</?(?:p|li|ol|ul|div|br|tr|td)\b[^>]*>", re.I)
ANY_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


@dataclass
class Bullet:
    text: str  # without its glyph (•, ①); an outline number stays
    page: int
    lines: list[Line] = field(default_factory=list)


@dataclass
class Slide:
    page: int
    title: str
    bullets: list[Bullet]
    tables: list[list[list[str]]]


@dataclass(frozen=True)
class UnitRow:
    """One row of a ``單位 | 事項`` table: who asks, and the points asked."""

    unit: str
    points: list[str]
    page: int


def strip_bullet(text: str) -> str:
    """A line without its bullet glyph (numbers stay: they are the outline).

    >>> strip_bullet("• ① 布建14區家庭福利服務中心"), strip_bullet("- (一)布建"), strip_bullet("-5%")
    ('布建14區家庭福利服務中心', '(一)布建', '-5%')
    """
    previous = None
    while previous != text:
        previous, text = text, BULLET.sub("", text, count=1)
    return text.strip()


def opens_bullet(text: str) -> bool:
    return bool(BULLET.match(text)) or numbering(text) is not None


def continues(previous: Line, line: Line) -> bool:
    """Whether ``line`` continues the bullet whose last line is ``previous``."""
    text = line.text.strip()
    if CONTINUES_SENTENCE.match(text):
        return True
    if opens_bullet(text):
        return False
    if OPENS_REMARK.match(text):
        return True
    if previous.bbox and line.bbox:
        height = previous.bbox[3] - previous.bbox[1]
        gap = line.bbox[1] - previous.bbox[3]
        same_column = abs(line.bbox[0] - previous.bbox[0]) < 4 * height
        return same_column and gap < CONTINUATION_GAP * height and not previous.text.rstrip().endswith(SENTENCE_END)
    return False


def bullets(lines: list[Line]) -> list[Bullet]:
    """Lines re-joined into bullets (see the module docstring).

    >>> [b.text for b in bullets([Line("2.成立危機處理團隊", 1), Line("(111年擇1縣市試辦)", 1), Line("補實人力", 1)])]
    ['2.成立危機處理團隊(111年擇1縣市試辦)', '補實人力']
    """
    result: list[Bullet] = []
    for line in lines:
        if not line.text.strip():
            continue
        if result and continues(result[-1].lines[-1], line):
            result[-1].text = join(result[-1].text, line.text.strip())
            result[-1].lines.append(line)
        else:
            result.append(Bullet(strip_bullet(line.text), line.page, [line]))
    return result


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def table_texts(tables: list[list[list[str | None]]]) -> list[str]:
    """Every cell and every whole row of the tables, whitespace removed: what
    a line of table text may be part of."""
    rows = [[squash(cell_text(cell)) for cell in row] for table in tables for row in table]
    return [cell for row in rows for cell in row if cell] + ["".join(row) for row in rows]


def in_tables(line: Line, texts: list[str]) -> bool:
    """Whether the line's text lies within one cell or one row of a table on
    its page (the reader gives a table both as cells and as lines); ``texts``
    from :func:`table_texts`.

    >>> texts = table_texts([[["單位", "事項"]]])
    >>> in_tables(Line("單位 事項", 1), texts), in_tables(Line("結語", 1), texts)
    (True, False)
    """
    text = squash(line.text)
    return len(text) >= 2 and any(text in cell for cell in texts)


def read_slide(page: Page) -> Slide:
    """One page as a slide: its title (the first line) and its bullets;
    footers and the text of its tables left out of the bullets."""
    body = [line for line in page.lines if line.text.strip()]
    if page.height:
        body = [line for line in body if not line.bbox or line.bbox[1] < FOOTER_SHARE * page.height]
    texts = table_texts(page.tables)
    body = [line for line in body if not in_tables(line, texts)]
    title = body[0].text.strip() if body else ""
    return Slide(page.number, title, bullets(body[1:]), page.tables)


def cell_text(cell: str | None) -> str:
    """A table cell as plain lines: markup from a web export turned into line
    breaks (blocks) or dropped (inline), each line cleaned like the page's
    lines (the reader hands tables over uncleaned), lines kept apart.

    >>> cell_text("<p><u>建請增補人力</u>：說明</p><p>(2)另案</p>")
    '建請增補人力：說明\\n(2)另案'
    """
    text = BLOCK_TAGS.sub("\n", cell or "")
    text = ANY_TAG.sub("", text)
    return "\n".join(clean_text(line).strip() for line in text.splitlines() if line.strip())


def cell_points(cell: str | None) -> list[str]:
    """A cell's text split into its numbered points, each point's lines joined
    the way layout joins lines (no space between CJK characters).

    >>> cell_points("1. 補充人事費用：本市17名\\n社工人力。\\n2. 有關工作內容的建議：\\n安置困境：床位短缺")
    ['1. 補充人事費用：本市17名社工人力。', '2. 有關工作內容的建議：', '安置困境：床位短缺']

    A point that is only a heading (ending in a colon) keeps its own line.
    """
    points: list[str] = []
    for line in cell_text(cell).splitlines():
        if points and not opens_bullet(line) and not points[-1].endswith(("：", ":")):
            points[-1] = join(points[-1], line)
        else:
            points.append(strip_bullet(line) or line)
    return points


def is_unit_table(table: list[list[str | None]]) -> bool:
    header = [cell_text(c) for c in table[0]] if table else []
    return len(header) >= 2 and bool(UNIT_HEADER.search(header[0])) and any(
        MATTER_HEADER.search(c) for c in header[1:])


def unit_rows(table: list[list[str | None]], page: int = 1) -> list[UnitRow]:
    """The rows of a ``單位 | 事項`` table (empty for any other table).

    >>> [(r.unit, r.points) for r in unit_rows([["單位", "事項"], ["衛生局 (心理\\n健康科)", "建請中央加速核定"]])]
    [('衛生局(心理健康科)', ['建請中央加速核定'])]
    """
    if not is_unit_table(table):
        return []
    rows = []
    for row in table[1:]:
        unit = "".join(squash(line) for line in cell_text(row[0]).splitlines())
        points = [p for cell in row[1:] for p in cell_points(cell)]
        if unit and points:
            rows.append(UnitRow(unit, points, page))
        elif points and rows:  # a row continued on the next line of a page-broken table
            rows[-1].points.extend(points)
    return rows


def strategy_units(table: list[list[str | None]]) -> dict[str, list[str]]:
    """For a strategy-by-bureau table, each strategy's units in charge (the
    row under the strategy header), split on 、 and line breaks between names.

    >>> strategy_units([["策略一", "策略二"], ["社政", "衛政、教育\\n警政"], ["推動服務", "強化機制"]])
    {'策略一': ['社政'], '策略二': ['衛政', '教育', '警政']}
    """
    if len(table) < 2 or not all(STRATEGY_HEADER.match(squash(c or "")) for c in table[0]):
        return {}
    return {squash(head): [unit for piece in re.split(r"[、,，]", cell or "") for unit in wrapped_names(piece)]
            for head, cell in zip(table[0], table[1])}


def wrapped_names(piece: str) -> list[str]:
    """Names in one piece of a cell: a line break or space between whole names
    separates them (勞政\\n少輔), one that leaves a single character is a
    wrapped name (民\\n政 → 民政).

    >>> wrapped_names("勞政\\n少輔"), wrapped_names("民\\n政"), wrapped_names("勞政 少輔")
    (['勞政', '少輔'], ['民政'], ['勞政', '少輔'])
    """
    parts = piece.split()
    if any(len(p) < 2 for p in parts):
        return ["".join(parts)]
    return parts


def text_tables(lines: list[Line]) -> list[tuple[int, list[list[str]]]]:
    """Tables written as tab-separated rows in a text export: each run of
    lines holding a tab, with the index of its first line.

    >>> text_tables([Line("單位\\t事項", 1), Line("教育局\\t建請增補人力", 1), Line("感謝聆聽", 1)])
    [(0, [['單位', '事項'], ['教育局', '建請增補人力']])]
    """
    tables: list[tuple[int, list[list[str]]]] = []
    run_start, run = 0, []
    for index, line in enumerate(lines + [Line("", 0)]):
        if "\t" in line.text.strip("\n"):
            if not run:
                run_start = index
            run.append([cell.strip() for cell in line.text.split("\t")])
        elif run:
            if len(run) >= 2:
                tables.append((run_start, run))
            run = []
    return tables
