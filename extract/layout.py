"""Re-join lines broken by page layout into logical paragraphs.

A paragraph ends where the next line opens a numbered point or a labelled
block (see :mod:`extract.outline`), or where a line stops short of the right
margin (the last line of a paragraph, a heading, a label on its own line).
Lines are joined without a space between CJK characters or digits; a space
is kept only between two Latin letters (an English word wrapped). Web-page
clutter around minutes copied from a site (breadcrumbs, share/print buttons,
publication dates, footer links) is dropped first (:func:`is_clutter`), and
compatibility ideographs are read as the ordinary ones (:func:`canonical`).

Example::

    >>> from extract.model import Document, Line, Page
    >>> rows = ["決議：", "一、請民政局加強督導同仁出席相關會議，另請社會局加", "強橫向聯繫，以積極達標。",
    ...         "二、本市社工人身安全保障自治條例業於103年頒布，請社", "工人力進用單位留意社工同仁之人身安全。", "三、洽悉。"]
    >>> doc = Document("x.txt", "0" * 64, "txt", [Page(1, [Line(t, 1) for t in rows])])
    >>> [p.text for p in paragraphs(doc)][1:]
    ['一、請民政局加強督導同仁出席相關會議，另請社會局加強橫向聯繫，以積極達標。', '二、本市社工人身安全保障自治條例業於103年頒布，請社工人力進用單位留意社工同仁之人身安全。', '三、洽悉。']
"""

from __future__ import annotations

import re
import unicodedata

from extract.model import Document, Line, Paragraph
from extract.outline import FIELDS, label, numbering

FULL_SHARE = 0.9  # a line reaching 90 % of the usual right edge is "full"
AT_MARGIN_LINES = 3  # lines ending together at the right: the margin seen
WRAPPED_SHARE = 0.3  # share of long lines that must be full for the text to count as hard-wrapped
LATIN = re.compile(r"[A-Za-z]")
# Punctuation a line may not open (kinsoku): a typesetter carries the word before it over too.
NO_LINE_START = "，。、；：？！」』）〉》】,.;:?!)]"
FIRST_WORD = re.compile(rf"(?:[A-Za-z0-9]+|.)[{re.escape(NO_LINE_START)}]*")
ROOM_TOLERANCE = 0.25  # em: a line wrapped ragged can stop this far beyond a word's width from the margin
SENTENCE_END = tuple("。！？!?")
CLOSING_NOTE = re.compile(r"[。.!！?？]\s*[(（][^()（）。]{1,30}[)）]\s*$")
# The first cell of a row of a table typed as text: its number or a header word
# (一｜…, | 2 | …, 項次｜…); a wrapped row's second line (建議 |) opens otherwise.
ROW_START = re.compile(r"^\s*[｜|]?\s*(?:[一二三四五六七八九十]{1,3}|\d{1,3}|項次|編號|序號|項目)\s*[｜|]")
# A header field opening a line (時間：…, or the legislature's 時　　間　… with no colon).
HEADER_FIELD = re.compile(rf"^(?:{FIELDS})\s*(?:[:：]|\s(?=\S))")
# Site navigation: a breadcrumb trail (首頁 > 本院會議 > …) or a line made only
# of page controls and footer links.
BREADCRUMB = re.compile(
    r"^(?:(?:現在|目前|您的|你的|您所在)位置\s*[:：]?\s*)?(?:首頁|回首頁|Home|:::)\s*(?:[>＞›»/|]\s*[^>＞›»]{1,20}\s*){1,8}$",
    re.IGNORECASE)
SITE_CONTROLS = ("分享", "列印", "友善列印", "回上一頁", "回上頁", "回到頁首", "回頁首", "網站導覽", "隱私權政策",
                 "隱私權保護政策", "資訊安全政策", "政府網站資料開放宣告", "相關附件", "相關連結", "附件下載", "字級",
                 "小", "中", "大", ":::", "facebook", "line", "twitter", "email", "rss", "top", "跳到主要內容區塊",
                 "跳到主要內容", "轉寄", "下載")
SITE_CONTROL_WORDS = {word.lower() for word in SITE_CONTROLS}
# Page metadata: 發布日期：112-11-16, 更新日期, 瀏覽人次, 發布單位.
PAGE_METADATA = re.compile(r"^(?:發布|發佈|更新|上稿|修改|公告)(?:日期|時間|單位|機關)|^(?:瀏覽|點閱)(?:人次|次數)|^資料來源\s*[:：]")


def is_clutter(text: str) -> bool:
    """Whether a line is web-site navigation rather than part of the minutes.

    >>> is_clutter("首頁 > 本院會議 > 院會議案 > 會議決定"), is_clutter("分享 列印 回上一頁"), is_clutter("發布日期：112-11-16")
    (True, True, True)
    >>> is_clutter("現在位置：首頁 > 市政資訊 > 市政會議紀錄"), is_clutter("一、請民政局列印名冊。"), is_clutter("行政院第3875次會議")
    (True, False, False)
    """
    text = text.strip()
    if not text:
        return False
    if BREADCRUMB.match(text) or PAGE_METADATA.match(text):
        return True
    return all(word.lower() in SITE_CONTROL_WORDS for word in re.split(r"[\s|｜]+", text) if word)


def canonical(text: str) -> str:
    """Text with CJK compatibility ideographs (U+F900–U+FAFF, which some PDF
    fonts emit for 錄, 參, 年...) replaced by their canonical ideographs (NFC),
    so that labels and numbers match; full-width forms are kept.

    >>> canonical("會議紀\uf93f"), canonical("參、（一）")
    ('會議紀錄', '參、（一）')
    """
    return unicodedata.normalize("NFC", text)


def display_width(text: str) -> int:
    """Width in half-width cells: CJK and full-width characters count 2.

    >>> display_width("決議: OK")
    8
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def right_edge(line: Line) -> float:
    """How far right a line reaches: its bbox edge in a PDF, its width in text.

    >>> right_edge(Line("洽悉。", 1)), right_edge(Line("洽悉。", 1, bbox=(87, 649, 175, 664)))
    (6, 175)
    """
    return line.bbox[2] if line.bbox else display_width(line.text.rstrip())


def full_edge(lines: list[Line], page_width: float | None = None) -> float | None:
    """The usual right edge of hard-wrapped lines, or None when lines are not
    hard-wrapped (a text file with one paragraph per line).

    In a PDF whose lines seldom wrap (a short page of one-line fields and
    points), fewer than :data:`AT_MARGIN_LINES` lines reach the right
    margin, and the usual edge of the longest lines is no margin: the text
    box is then taken to be centred on the page (``page_width``), as Word's
    and browsers' default margins are.

    >>> wrapped = ["一、請民政局加強督導同仁出席會議", "，另請社會局加強橫向聯繫聯繫。", "二、洽悉。"]
    >>> full_edge([Line(t, 1) for t in wrapped]), full_edge([Line(t, 1) for t in ["短", "較長的一行文字。", "洽悉。"]])
    (32, None)
    """
    edges = sorted(right_edge(line) for line in lines if line.text.strip())
    if len(edges) < 3:
        return None
    upper_half = edges[len(edges) // 2:]
    usual = upper_half[len(upper_half) // 2]
    boxed = [line for line in lines if line.bbox]
    if boxed:
        if page_width is None:
            return usual
        em = sorted(line.bbox[3] - line.bbox[1] for line in boxed)[len(boxed) // 2]
        centred_edge = page_width - min(line.bbox[0] for line in boxed)
        inside = [e for e in edges if e <= centred_edge + em]
        at_margin = [e for e in inside if e >= inside[-1] - em] if inside else []
        return usual if len(at_margin) >= AT_MARGIN_LINES else max(usual, centred_edge)
    long_lines = [e for e in edges if e >= usual / 2]
    # Hard-wrapped lines stop at one margin: many lines end within 10 % of it.
    at_margin = [e for e in long_lines if FULL_SHARE * usual <= e <= usual / FULL_SHARE]
    return usual if len(at_margin) >= WRAPPED_SHARE * len(long_lines) and len(at_margin) >= 2 else None


def leaves_room_for(line: Line, following: Line, edge: float) -> bool:
    """Whether a PDF line stops short enough of the margin that the next line's
    first word (with the punctuation that may not open a line) would have fit:
    then the line ended by choice, not by wrapping. Character widths come
    from the next line's own box. A next line set further right (a hanging
    indent's continuation, a table cell's second line) is in another column,
    whose margin is not the page's, and is not judged.

    >>> short = Line("造成編列預算困難：", 3, bbox=(174, 682, 435, 698))
    >>> leaves_room_for(short, Line("衛生福利部社會及家庭署", 4, bbox=(142, 77, 318, 92)), 470)
    True
    >>> leaves_room_for(short, Line("，另請社會局", 4, bbox=(142, 77, 238, 92)), 450)
    False
    """
    text = following.text.strip()
    if not (line.bbox and following.bbox and text):
        return False
    em = 2 * (following.bbox[2] - following.bbox[0]) / max(display_width(text), 1)
    if following.bbox[0] > line.bbox[0] + em / 2:
        return False
    word = FIRST_WORD.match(text).group(0)
    return edge - right_edge(line) >= (display_width(word) / 2 + ROOM_TOLERANCE) * em


def join(left: str, right: str) -> str:
    """Join two line fragments: no space unless both sides are Latin letters
    (a number wrapped mid-way is one number).

    >>> join("協調", "衛生局"), join("第1110010592", "1號令"), join("SDM", "training")
    ('協調衛生局', '第11100105921號令', 'SDM training')
    """
    if left and right and LATIN.match(left[-1]) and LATIN.match(right[0]):
        return f"{left} {right}"
    return left + right


def continues_after_full_line(text: str, previous: str, short: bool, last_values: dict[int, int]) -> bool:
    """Whether ``text`` continues the paragraph whose last line ran to the margin.

    It does not when it opens a label, when it is a short unpunctuated line
    after a sentence that happened to fill its line (a speaker such as
    ``勞動部``), or when it opens the next number of the outline (a wrapped
    ``(二)`` mid-sentence continues, the ``(二)`` after ``(一)`` does not).

    >>> continues_after_full_line("(三)完成訓練比率", "(一) 考核指標四之", False, {3: 1})
    True
    >>> continues_after_full_line("勞動部", "…俾利業務推展。", True, {})
    False
    >>> continues_after_full_line("時\u3000\u3000間\u3000中華民國113年4月10日", "…全體委員會議紀錄", False, {})
    False
    """
    if label(text) or HEADER_FIELD.match(text) or ROW_START.match(text) or CLOSING_NOTE.search(previous):
        # a table typed as text (項次｜事項｜單位): a row opens on its own line;
        # a sentence closed by a note of units (…清淤。(工務處)) ends its paragraph
        return False
    if short and previous.endswith(SENTENCE_END) and not text.endswith(SENTENCE_END):
        return False
    number = numbering(text)
    return number is None or number.value not in (1, last_values.get(number.level, 0) + 1)


def field_rows(document: Document) -> set[tuple[str, str]]:
    """(name, value's first line) of the rows of ruled tables opened by a
    header field name (時間, 主席...), whitespace removed from the value."""
    return {
        (row[0].strip(), re.sub(r"\s+", "", row[1].split("\n")[0]))
        for page in document.pages for table in page.tables for row in table
        if len(row) > 1 and row[0] and row[1] and re.fullmatch(rf"(?:{FIELDS})", row[0].strip())
    }


def with_field_colon(text: str, rows: set[tuple[str, str]]) -> str:
    """A header table's row, read as a line, as a field: the name, a colon, the value.

    >>> with_field_colon("主席 許議長修睿", {("主席", "許議長修睿")}), with_field_colon("主席 裁示：照辦", {("主席", "許議長修睿")})
    ('主席：許議長修睿', '主席 裁示：照辦')
    """
    name, _, value = text.partition(" ")
    packed = re.sub(r"\s+", "", value)
    if any(name == row_name and row_value and packed.startswith(row_value) for row_name, row_value in rows):
        return f"{name}：{value.lstrip()}"
    return text


def paragraphs(document: Document) -> list[Paragraph]:
    """The document's lines re-joined into paragraphs, each keeping the page of
    its first line and its source lines (see the module example). A row of
    a header table (時間 | 113年…, read as ``時間 113年…``) reads as a field
    (``時間：113年…``), as the header fields of running text do."""
    lines = [line for line in document.lines if line.text.strip() and not is_clutter(line.text)]
    rows = field_rows(document)
    widths = [page.width for page in document.pages if page.width]
    edge = full_edge(lines, max(widths) if widths else None)
    fulls = [
        edge is not None and right_edge(line) >= FULL_SHARE * edge
        and not (following is not None and leaves_room_for(line, following, edge))
        for line, following in zip(lines, [*lines[1:], None])
    ]
    result: list[Paragraph] = []
    current: list[Line] = []
    text = ""
    previous_full = False
    last_values: dict[int, int] = {}  # the last number seen at each outline level
    for line, full in zip(lines, fulls):
        piece = canonical(with_field_colon(line.text.strip(), rows))
        # In a text file a line that ends a sentence ends its paragraph, however long
        # (a web page copied one paragraph per line); a PDF's geometry decides instead.
        typed_break = line.bbox is None and text.rstrip().endswith(SENTENCE_END)
        if current and (typed_break or not (previous_full and continues_after_full_line(piece, text, not full, last_values))):
            result.append(Paragraph(text, current[0].page, tuple(current)))
            current, text = [], ""
        if not current and (number := numbering(piece)):
            last_values[number.level] = number.value
        current.append(line)
        text = join(text, piece) if text else piece
        previous_full = full
    if current:
        result.append(Paragraph(text, current[0].page, tuple(current)))
    return result
