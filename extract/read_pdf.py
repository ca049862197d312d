"""PDF reader: text lines with bounding boxes, ruled tables, OCR fallback.

Everything is read with pypdfium2, about 20 times faster than pdfplumber.
pdfplumber stays the reference (``engine="pdfplumber"``), and the tests check
that both engines give the same lines and tables on the corpus:

- characters: both engines hand theirs to one line builder,
  :func:`build_lines`. Characters drawn twice at the same spot (fake bold,
  overlapping clip strips) are dropped; characters on one baseline form a
  row; a wide gap, a word-sized gap between characters the page did not
  write one after the other, or a ruled table's cell wall splits a row
  into segments (table cells, slide columns); segments follow the order
  in which the page writes them, unless that order is scrambled, and then
  the page's geometry.
- tables: pdfplumber's own "lines" algorithm (snap, join, intersect, cells)
  runs on the page's ruling edges, which pypdfium2 reads from the path
  objects, and only on pages that draw both horizontal and vertical rules.
- fallbacks: a page whose pdfium text is glyph numbers (a font without a
  /ToUnicode map) is read by pdfplumber, and if that fails too by OCR, as is
  a page without text; a page pdfium cannot load is left empty.
"""

from __future__ import annotations

import bisect
import ctypes
import io
import logging
import math
import re
from typing import Iterable, Iterator, NamedTuple

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from pdfplumber import table as plumber_table
from pdfplumber.utils import filter_edges

from extract.model import ExtractError, Line, Page

log = logging.getLogger(__name__)

# A gap wider than this many char heights is a space: next to a CJK character
# a typesetter's Latin-CJK spacing (about 0.25 em) is not one, between Latin
# letters a word space (about 0.25 em) is.
SPACE_GAP_CJK = 0.4
SPACE_GAP_LATIN = 0.15
LETTER_SPACED_GAPS = 4  # a segment's usual gap between characters is its letter spacing from this many gaps on
SEGMENT_GAP = 2.0  # ...and wider than this many, a separate segment (cell, column)
QUARTER_TURN = math.pi / 2
RULE_LENGTH = 8.0  # points; shorter paths are glyph-like marks, not table rules
STREAM_NEIGHBOURS = 3  # characters this close in the content stream were written together
FLAT_GLYPH = 0.4  # a glyph box under 40 % of the median height is a flat glyph's outline
SAME_ROW = 0.45  # vertical centres closer than this many char heights share a row
# Below this share of stream-consecutive characters being neighbours on the
# page, the written order is scrambled (text written in vertical strips) and
# reading order falls back to geometry: top to bottom, left to right.
COHERENT_STREAM = 0.8
WHITESPACE_CODES = frozenset(code for code in range(0x3001) if chr(code).isspace())
SPACE_CODE = 0x20
MIN_TEXT_CHARS = 5  # fewer characters than this is no text layer (a page number, a stray mark)
# Above this share of characters outside the scripts of Taiwan government
# documents (control characters, Ethiopic, Tibetan, Hangul...: :data:`FOREIGN`),
# the "text" is a font's glyph numbers read as code points. Clean pages of the
# corpus have none; a font stripped of its /ToUnicode map gives about half.
FOREIGN_SHARE = 0.2
# Characters outside the scripts these documents use (ASCII and Latin, Greek
# for formulas, punctuation, symbols, box drawing, enclosed numbers, CJK with
# kana and bopomofo, private use, compatibility and full-width forms).
FOREIGN = re.compile("[^\x21-\x7e\xa0-\u024f\u0370-\u03ff\u2000-\u2bff\u2e80-\u9fff\ue000-\ufaff"
                     "\ufe30-\ufe4f\uff00-\ufffd\U00020000-\U0003ffff]")
# Unmapped glyphs: U+FFFD, control characters, private use, pdfminer's (cid:N).
UNMAPPED = re.compile("[\ufffd\x00-\x1f\x7f-\x9f\ue000-\uf8ff\U000f0000-\U0010ffff]|\\(cid:")
LOAD_ERRORS = {
    pdfium_raw.FPDF_ERR_FILE: "file not found or unreadable",
    pdfium_raw.FPDF_ERR_FORMAT: "damaged PDF (not in PDF format or corrupted)",
    pdfium_raw.FPDF_ERR_SECURITY: "unsupported security scheme",
}


class Char(NamedTuple):
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    order: int  # position among the page's visible characters in content-stream order
    turn: int = 0  # quarter turns counter-clockwise of the text direction (1: reads upwards)
    space_before: bool = False  # the reader saw a word gap right before this character
    baseline: float | None = None  # top-down y of the pen's origin, for upright text

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def level(self) -> float:
        """Where the character sits vertically: its baseline if known, else its box's middle.

        Glyph boxes that follow the outline (一 and 。 in LibreOffice's and
        Chromium's PDFs) put their middles far from the line's; the
        baseline is the line's own.
        """
        return self.middle if self.baseline is None else self.baseline


def read_pdf(path: str, data: bytes, password: str | None = None, engine: str = "pdfium") -> list[Page]:
    """Pages of lines (with bboxes) and ruled tables; image-only pages are OCR-read.

    ``engine="pdfplumber"`` reads every page with pdfplumber instead (slow;
    the reference the fast path is tested against). A page whose pdfium text
    is glyph numbers (a font without a /ToUnicode map) is read by pdfplumber,
    which can map glyphs through the embedded font, and else by OCR. A page
    pdfium cannot load at all is left empty, with a warning.

    >>> pages = read_pdf("m.pdf", open("corpus/pdf/000_cc469a30a0b85147.pdf", "rb").read())  # doctest: +SKIP
    >>> pages[0].lines[0].text  # doctest: +SKIP
    '臺中市強化社會安全網推動會報 112 年第 3 次會議紀錄'
    """
    document = open_pdfium(path, data, password)
    plumber = PlumberSource(path, data, password)
    pages = []
    try:
        for index in range(len(document)):
            number = index + 1
            try:
                pdfium_page = document[index]
            except pdfium.PdfiumError:
                log.warning("%s: page %d is damaged and cannot be loaded; read as empty", path, number)
                pages.append(Page(number=number, lines=[]))
                continue
            try:
                pages.append(read_page(path, pdfium_page, number, plumber, engine == "pdfplumber"))
            finally:
                pdfium_page.close()
    finally:
        plumber.close()
        document.close()
    return pages


def read_page(path: str, pdfium_page, number: int, plumber: "PlumberSource", always_plumber: bool) -> Page:
    """One page: its lines from the text layer (pdfium's, else pdfplumber's), else OCR."""
    width, height = pdfium_page.get_size()
    page = Page(number=number, lines=[], width=float(width), height=float(height))
    plumber_page = plumber.page(number) if always_plumber else None
    chars = plumber_chars(plumber_page) if plumber_page else pdfium_chars(pdfium_page, height)
    if plumber_page is None and len(chars) >= MIN_TEXT_CHARS and not has_usable_text(chars):
        plumber_page = plumber.page(number)  # None when pdfminer cannot open the file
        chars = plumber_chars(plumber_page) if plumber_page else chars
    try:
        if has_usable_text(chars):
            grids = []
            if plumber_page is not None:
                grids = ruled_grids(plumber_page.edges)
            elif may_hold_ruled_table(pdfium_page):
                grids = ruled_grids(pdfium_edges(pdfium_page, height))
            page.lines = build_lines(chars, number, cell_walls(grids))
            page.tables = [grid_text(grid, chars) for grid in grids]
        else:
            from extract.ocr import ocr_page

            page.lines = ocr_page(path, pdfium_page, number)
            page.ocr = True
    finally:
        if plumber_page is not None:
            plumber_page.close()
    return page


def open_pdfium(path: str, data: bytes, password: str | None) -> pdfium.PdfDocument:
    """The document opened by pdfium; ExtractError ``encrypted`` or ``corrupt`` if it cannot be.

    pdfium's error code is global and a failed load does not always reset it
    (an empty page tree fails with no code set), so a password error is
    believed only when the file has an encryption dictionary.
    """
    try:
        return pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_raw.FPDF_ERR_PASSWORD and b"/Encrypt" in data:
            state = "wrong password" if password else "no password given"
            raise ExtractError(path, "encrypted", f"PDF is encrypted ({state}); pass --password") from None
        detail = LOAD_ERRORS.get(error.err_code, "damaged PDF, or a PDF without pages")
        raise ExtractError(path, "corrupt", f"cannot open PDF: {detail}") from None


class PlumberSource:
    """pdfplumber's view of the document, opened on first use only (it is slow to open)."""

    def __init__(self, path: str, data: bytes, password: str | None):
        self.path, self.data, self.password = path, data, password
        self.document = None
        self.failed = False

    def page(self, number: int):
        """pdfplumber's page ``number`` (1-based), or None if pdfminer cannot open the file."""
        if self.document is None and not self.failed:
            try:
                self.document = open_plumber(self.path, self.data, self.password)
            except ExtractError:
                self.failed = True
        return self.document.pages[number - 1] if self.document is not None else None

    def close(self) -> None:
        if self.document is not None:
            self.document.close()


def open_plumber(path: str, data: bytes, password: str | None):
    """The reference reader, opened only for ``engine="pdfplumber"``."""
    try:
        return pdfplumber.open(io.BytesIO(data), password=password or "")
    except Exception as error:  # pdfium opened it, so this is pdfminer being stricter
        raise ExtractError(path, "corrupt", f"PDF damaged for pdfplumber ({type(error).__name__})") from None


def may_hold_ruled_table(pdfium_page) -> bool:
    """Whether the page draws at least two horizontal and two vertical rules.

    A ruled table needs both; a letterhead rule or underlines do not make one,
    and the page's edges need not be collected. A path object with both
    dimensions large (a box, a whole grid) counts both ways. Form XObjects
    are looked into; the raw API keeps this check cheap on every page.
    """
    horizontal = vertical = 0
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pending = [pdfium_raw.FPDFPage_GetObject(pdfium_page.raw, i)
               for i in range(pdfium_raw.FPDFPage_CountObjects(pdfium_page.raw))]
    while pending:
        obj = pending.pop()
        kind = pdfium_raw.FPDFPageObj_GetType(obj)
        if kind == pdfium_raw.FPDF_PAGEOBJ_FORM:
            pending.extend(pdfium_raw.FPDFFormObj_GetObject(obj, i) for i in range(pdfium_raw.FPDFFormObj_CountObjects(obj)))
        elif kind == pdfium_raw.FPDF_PAGEOBJ_PATH:
            pdfium_raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
            horizontal += right.value - left.value >= RULE_LENGTH
            vertical += top.value - bottom.value >= RULE_LENGTH
            if horizontal >= 2 and vertical >= 2:
                return True
    return False


def pdfium_edges(pdfium_page, page_height: float) -> list[dict]:
    """Horizontal and vertical straight path segments, as pdfplumber's edge dicts.

    These are what pdfplumber's "lines" strategy builds tables from: lines,
    the sides of rectangles (Word draws cell borders as thin filled boxes),
    and straight pieces of other paths. Curves are left out.
    """
    edges = []
    point_x, point_y = ctypes.c_float(), ctypes.c_float()
    for path, (a, b, c, d, e, f) in path_objects(pdfium_page.raw):
        previous = start = None  # the pen position and the subpath's first point
        for index in range(pdfium_raw.FPDFPath_CountSegments(path)):
            segment = pdfium_raw.FPDFPath_GetPathSegment(path, index)
            pdfium_raw.FPDFPathSegment_GetPoint(segment, point_x, point_y)
            x, y = point_x.value, point_y.value
            point = (a * x + c * y + e, page_height - (b * x + d * y + f))
            kind = pdfium_raw.FPDFPathSegment_GetType(segment)
            if kind == pdfium_raw.FPDF_SEGMENT_MOVETO:
                start = point
            elif kind == pdfium_raw.FPDF_SEGMENT_LINETO and previous is not None:
                edges.extend(straight_edge(previous, point))
            previous = point
            if pdfium_raw.FPDFPathSegment_GetClose(segment) and start is not None:
                edges.extend(straight_edge(point, start))
    return edges


def path_objects(page) -> Iterator[tuple[object, tuple[float, ...]]]:
    """(path object, its matrix to page space) of a raw page's paths in
    drawing order, those inside the page's form XObjects included (one level
    down, as Word and LibreOffice nest tables).

    Through the raw API: a helper object per page object cost more than the
    edges themselves on a page of text."""
    buffer = pdfium_raw.FS_MATRIX()

    def matrix(obj) -> tuple[float, ...]:
        pdfium_raw.FPDFPageObj_GetMatrix(obj, buffer)
        return buffer.a, buffer.b, buffer.c, buffer.d, buffer.e, buffer.f

    for index in range(pdfium_raw.FPDFPage_CountObjects(page)):
        obj = pdfium_raw.FPDFPage_GetObject(page, index)
        kind = pdfium_raw.FPDFPageObj_GetType(obj)
        if kind == pdfium_raw.FPDF_PAGEOBJ_PATH:
            yield obj, matrix(obj)
        elif kind == pdfium_raw.FPDF_PAGEOBJ_FORM:
            form = matrix(obj)
            for inner_index in range(pdfium_raw.FPDFFormObj_CountObjects(obj)):
                inner = pdfium_raw.FPDFFormObj_GetObject(obj, inner_index)
                if pdfium_raw.FPDFPageObj_GetType(inner) == pdfium_raw.FPDF_PAGEOBJ_PATH:
                    yield inner, compose(matrix(inner), form)


def compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The affine matrix ``inner`` followed by ``outer`` (PDF's a b c d e f order).

    >>> compose((1, 0, 0, 1, 5, 5), (2, 0, 0, 2, 10, 0))
    (2, 0, 0, 2, 20, 10)
    """
    a, b, c, d, e, f = inner
    pa, pb, pc, pd, pe, pf = outer
    return (a * pa + b * pc, a * pb + b * pd, c * pa + d * pc, c * pb + d * pd, e * pa + f * pc + pe, e * pb + f * pd + pf)


def straight_edge(start: tuple[float, float], end: tuple[float, float]) -> list[dict]:
    (x0, y0), (x1, y1) = start, end
    if abs(y1 - y0) < 0.01 and abs(x1 - x0) >= 0.01:
        left, right = sorted((x0, x1))
        return [{"x0": left, "x1": right, "top": y0, "bottom": y0, "width": right - left, "height": 0.0,
                 "orientation": "h"}]
    if abs(x1 - x0) < 0.01 and abs(y1 - y0) >= 0.01:
        top, bottom = sorted((y0, y1))
        return [{"x0": x0, "x1": x0, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
                 "orientation": "v"}]
    return []


def ruled_tables(edges: list[dict], chars: list[Char]) -> list[list[list[str]]]:
    """Tables drawn with ruling lines, found by pdfplumber's "lines" strategy.

    The cells come from pdfplumber's own table algorithm run on ``edges``
    (pdfplumber's or :func:`pdfium_edges`); a cell's text is its characters
    put into lines by :func:`build_lines`, one per text line.
    """
    return [grid_text(grid, chars) for grid in ruled_grids(edges)]


def ruled_grids(edges: list[dict]) -> list:
    """pdfplumber ``Table`` objects (cells, no text) for the grids that ``edges`` draw."""
    settings = plumber_table.TableSettings()
    straight = [
        edge
        for orientation in ("v", "h")
        for edge in filter_edges(edges, orientation, min_length=settings.edge_min_length_prefilter)
    ]
    edges = plumber_table.merge_edges(
        straight,
        snap_x_tolerance=settings.snap_x_tolerance,
        snap_y_tolerance=settings.snap_y_tolerance,
        join_x_tolerance=settings.join_x_tolerance,
        join_y_tolerance=settings.join_y_tolerance,
    )
    edges = filter_edges(edges, min_length=settings.edge_min_length)
    intersections = plumber_table.edges_to_intersections(
        edges, settings.intersection_x_tolerance, settings.intersection_y_tolerance
    )
    cells = intersections_to_cells(intersections)
    return [plumber_table.Table(None, group) for group in plumber_table.cells_to_tables(cells)]


def intersections_to_cells(intersections: dict) -> list[tuple[float, float, float, float]]:
    """pdfplumber's ``table.intersections_to_cells``, with its lookups indexed.

    The same cells in the same order (tested against pdfplumber's): for each
    intersection, the smallest cell it is the top-left corner of. pdfplumber
    rebuilds each point's edge sets at every comparison and scans all later
    points for those in its row and column, a third of the reading time of a
    page with a table.
    """
    points = sorted(intersections)
    vertical = {point: {bbox_of(edge) for edge in intersections[point]["v"]} for point in points}
    horizontal = {point: {bbox_of(edge) for edge in intersections[point]["h"]} for point in points}
    column: dict[float, list] = {}
    row: dict[float, list] = {}
    for point in points:  # sorted by x then y: a column top to bottom, a row left to right
        column.setdefault(point[0], []).append(point)
        row.setdefault(point[1], []).append(point)

    def connects(p1, p2) -> bool:
        return (p1[0] == p2[0] and not vertical[p1].isdisjoint(vertical[p2])) or \
               (p1[1] == p2[1] and not horizontal[p1].isdisjoint(horizontal[p2]))

    def smallest_cell(point):
        below = [p for p in column[point[0]] if p[1] > point[1]]
        right = [p for p in row[point[1]] if p[0] > point[0]]
        for below_point in below:
            if not connects(point, below_point):
                continue
            for right_point in right:
                if not connects(point, right_point):
                    continue
                corner = (right_point[0], below_point[1])
                if corner in intersections and connects(corner, right_point) and connects(corner, below_point):
                    return (point[0], point[1], corner[0], corner[1])
        return None

    return [cell for cell in map(smallest_cell, points) if cell]


def bbox_of(edge: dict) -> tuple[float, float, float, float]:
    return (edge["x0"], edge["top"], edge["x1"], edge["bottom"])


def grid_text(grid, chars: list[Char]) -> list[list[str]]:
    """The text of each cell of a grid, row by row."""
    x0, top, x1, bottom = grid.bbox
    inside = CharsByMiddle(char for char in chars if x0 <= char.x0 <= x1 and top <= char.middle <= bottom)
    return [[cell_text(cell, inside) for cell in row.cells] for row in grid.rows]


class Wall(NamedTuple):
    """A vertical rule between two cells of one table row."""

    x: float
    top: float
    bottom: float


def cell_walls(grids: list) -> list[Wall]:
    """The rules separating side-by-side cells of the grids' rows.

    Only rules with a cell on each side count: a box drawn around a single
    cell or a highlighted phrase separates nothing.
    """
    walls = []
    for grid in grids:
        for row in grid.rows:
            present = [cell for cell in row.cells if cell is not None]
            walls.extend(Wall(left[2], left[1], left[3]) for left, right in zip(present, present[1:]))
    return walls


class CharsByMiddle:
    """Characters sorted by vertical centre, so that a cell looks only at its own band."""

    def __init__(self, chars: Iterable[Char]):
        self.chars = sorted(chars, key=lambda char: char.middle)
        self.middles = [char.middle for char in self.chars]

    def band(self, top: float, bottom: float) -> list[Char]:
        """Characters with ``top <= middle < bottom``, in stream order."""
        found = self.chars[bisect.bisect_left(self.middles, top):bisect.bisect_left(self.middles, bottom)]
        return sorted(found, key=lambda char: char.order)


def cell_text(cell, chars: CharsByMiddle) -> str:
    """The text of the characters centred in a cell (``None``, a spanned cell, reads as "")."""
    if cell is None:
        return ""
    x0, top, x1, bottom = cell
    inside = [char for char in chars.band(top, bottom) if x0 <= (char.x0 + char.x1) / 2 < x1]
    return "\n".join(line.text for line in build_lines(inside, 0))


def pdfium_chars(pdfium_page, page_height: float) -> list[Char]:
    """The page's visible characters in stream order, boxes in top-down points.

    pdfium's loose box follows the glyph outline where a glyph is wider than
    its advance (a wide CJK fallback glyph, an italic f); pdfplumber's box is
    the advance. The pen positions (origins) bring the two into line: a box
    starts at its origin and ends at the next drawn character's origin.
    Where pdfium generated a space (a word gap set by kerning, not by a space
    character), the next character is marked ``space_before``: an overhanging
    f can close the gap between the boxes (``of the``).
    """
    textpage = pdfium_page.get_textpage()
    handle = textpage.raw
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    box = pdfium_raw.FS_RECTF()
    x_ref, y_ref, box_ref = ctypes.byref(origin_x), ctypes.byref(origin_y), ctypes.byref(box)
    get_origin, get_box = pdfium_raw.FPDFText_GetCharOrigin, pdfium_raw.FPDFText_GetLooseCharBox
    get_angle, is_generated = pdfium_raw.FPDFText_GetCharAngle, pdfium_raw.FPDFText_IsGenerated
    drawn = []  # (code, left, bottom, right, top, origin x, origin y, turn, space before) of non-generated chars
    generated_space = False
    try:
        count = pdfium_raw.FPDFText_CountChars(handle)
        for index, code in enumerate(char_codes(handle, count)):
            # pdfium generates only whitespace (gaps, line ends): ask only then.
            if code in WHITESPACE_CODES and is_generated(handle, index):
                generated_space = code == SPACE_CODE
                continue
            get_origin(handle, index, x_ref, y_ref)
            get_box(handle, index, box_ref)
            # pdfium measures the angle clockwise; turns count counter-clockwise.
            drawn.append((code, box.left, box.bottom, box.right, box.top, origin_x.value, origin_y.value,
                          -round(get_angle(handle, index) / QUARTER_TURN) % 4, generated_space))
            generated_space = False
    finally:
        textpage.close()
    chars = []
    make = Char._make  # all fields in order: a third of the cost of Char(...) with its defaults
    last = len(drawn) - 1
    for position, (code, left, bottom, right, top, x, y, turn, space_before) in enumerate(drawn):
        if code == 0 or code in WHITESPACE_CODES:
            continue  # spaces come back from the gaps, as with pdfplumber
        text = "\ufffd" if 0xD800 <= code <= 0xDFFF else chr(code)  # a lone surrogate is no character
        baseline = None
        if turn == 0:
            if position < last:
                following = drawn[position + 1]
                if abs(following[6] - y) < 0.5 and x < following[5] < right:
                    right = following[5]
            left = min(max(left, x), right)
            baseline = page_height - y
        chars.append(make((text, left, page_height - top, right, page_height - bottom, len(chars), turn, space_before,
                           baseline)))
    return chars


def char_codes(handle, count: int) -> list[int]:
    """Code points of a text page's characters, read in one call when possible.

    The bulk text is UTF-16: one unit per character unless a character lies
    outside the BMP (a surrogate pair), and then each is asked for in turn.
    """
    buffer = (ctypes.c_ushort * (count + 1))()
    pdfium_raw.FPDFText_GetText(handle, 0, count, buffer)
    units = list(buffer[:count])
    if any(0xD800 <= unit <= 0xDFFF for unit in units):
        return [pdfium_raw.FPDFText_GetUnicode(handle, index) for index in range(count)]
    return units


def plumber_chars(plumber_page) -> list[Char]:
    """The same as :func:`pdfium_chars`, read by pdfplumber."""
    visible = [char for char in plumber_page.chars if char["text"].strip()]
    chars = []
    for order, char in enumerate(visible):
        turn = quarter_turns(char["matrix"])
        # top is measured from the page's top edge as y1 is from its bottom: the origin's y alike.
        baseline = char["top"] + char["y1"] - char["matrix"][5] if turn == 0 else None
        chars.append(Char(char["text"], char["x0"], char["top"], char["x1"], char["bottom"], order, turn, False, baseline))
    return chars


def quarter_turns(matrix: tuple[float, ...]) -> int:
    """Counter-clockwise quarter turns of a text matrix's direction, 0 to 3.

    >>> quarter_turns((0, 12, -12, 0, 150, 200))
    1
    """
    a, b = matrix[0], matrix[1]
    return round(math.atan2(b, a) / QUARTER_TURN) % 4


def has_usable_text(chars: list[Char]) -> bool:
    """A text layer worth reading: some characters, mostly not unmapped glyphs.

    Unmapped glyphs show as U+FFFD, pdfminer's ``(cid:N)``, control
    characters, or private-use code points; a font without a ToUnicode map
    read by pdfium gives glyph numbers, mostly in scripts foreign to the
    document (see :data:`FOREIGN_SHARE`).

    >>> has_usable_text([Char("\ufffd", 0, 0, 1, 1, 0)] * 20)
    False
    >>> has_usable_text([Char(t, 0, 0, 1, 1, 0) for t in "\x14\x13ᩥᏥ᭳ኳ決議照案"])
    False
    """
    if len(chars) < MIN_TEXT_CHARS:
        return False
    text = "".join(char.text for char in chars)
    unmapped = len(UNMAPPED.findall(text))
    foreign = len(FOREIGN.findall(text))
    return unmapped < len(chars) / 2 and foreign < FOREIGN_SHARE * len(chars)


def build_lines(chars: Iterable[Char], page_number: int, walls: list[Wall] = ()) -> list[Line]:
    """Lines of a page from its characters (see the module docstring).

    Rotated text (a landscape table set sideways on a portrait page) is laid
    out in its own reading direction; each direction's lines form a block,
    and blocks follow the written order. Line boxes are in page coordinates.
    Upright characters on either side of a table's cell wall (``walls``) are
    in separate segments however close they sit.

    >>> chars = [Char(t, 10 * i, 0, 10 * i + 10, 10, i) for i, t in enumerate("會議紀錄")]
    >>> [line.text for line in build_lines(chars, 1)]
    ['會議紀錄']
    """
    by_turn: dict[int, list[Char]] = {}
    for char in chars:
        by_turn.setdefault(char.turn, []).append(char)
    blocks = sorted(by_turn.values(), key=lambda block: min(char.order for char in block))
    lines = []
    for block in blocks:
        on_page = {char.order: char for char in block}
        block_walls = walls if block[0].turn == 0 else ()
        for texts, orders in line_chars([upright(char) for char in block], block_walls):
            box = [on_page[order] for order in orders]
            bbox = (min(c.x0 for c in box), min(c.top for c in box), max(c.x1 for c in box), max(c.bottom for c in box))
            lines.append(Line(text=" ".join(texts), page=page_number, bbox=bbox))
    return lines


def line_chars(chars: list[Char], walls: list[Wall] = ()) -> list[tuple[list[str], list[int]]]:
    """(segment texts, character orders) of each line, in reading order."""
    segments = [segment for row in rows(chars) for segment in split_segments(dedupe(row), walls)]
    if stream_coherence(segments) >= COHERENT_STREAM:
        segments.sort(key=lambda segment: min(char.order for char in segment))
    lines: list[tuple[list[str], list[int]]] = []
    previous: list[Char] | None = None
    for segment in segments:
        if previous is not None and same_row(previous, segment) and segment[0].x0 > previous[-1].x1:
            # The next segment in reading order continues this row: one line.
            texts, orders = lines[-1]
        else:
            texts, orders = [], []
            lines.append((texts, orders))
        texts.append(segment_text(segment))
        orders.extend(char.order for char in segment)
        previous = segment
    return lines


def upright(char: Char) -> Char:
    """The character in a frame turned so that its text runs left to right.

    >>> upright(Char("單", 150, 200, 162, 212, 0, turn=1))[1:5]  # reads upwards
    (-212, 150, -200, 162)
    """
    if char.turn == 0:
        return char
    x0, top, x1, bottom = char.x0, char.top, char.x1, char.bottom
    if char.turn == 1:  # reads bottom to top
        x0, top, x1, bottom = -bottom, x0, -top, x1
    elif char.turn == 2:  # upside down
        x0, top, x1, bottom = -x1, -bottom, -x0, -top
    elif char.turn == 3:  # reads top to bottom
        x0, top, x1, bottom = top, -x1, bottom, -x0
    return char._replace(x0=x0, top=top, x1=x1, bottom=bottom)


def rows(chars: Iterable[Char]) -> list[list[Char]]:
    """Characters grouped by baseline (by box middle where the baseline is
    unknown), top to bottom, each row sorted left to right."""
    grouped: list[list[Char]] = []
    middle = row_height = 0.0
    by_middle = sorted(((char.top + char.bottom) / 2 if char.baseline is None else char.baseline, order, char)
                       for order, char in enumerate(chars))  # char.level, inlined
    # A flat glyph (一, 、) boxed by its outline, not its em square (fonts without
    # ascent metrics, as Chromium embeds them), takes the usual height: with its
    # own it opened a row of its own and 一、 fell apart from its point.
    heights = sorted(char.bottom - char.top for char in chars)
    usual = heights[len(heights) // 2] if heights else 0.0
    for char_middle, _, char in by_middle:  # the inlined middle and height: this runs on every character
        height = char.bottom - char.top
        height = max(usual if height < FLAT_GLYPH * usual else height, 1.0)
        if grouped and abs(char_middle - middle) <= SAME_ROW * min(height, row_height):
            grouped[-1].append(char)
        else:
            grouped.append([char])
            middle, row_height = char_middle, height
    return [sorted(row, key=lambda c: c.x0) for row in grouped]


def dedupe(row: list[Char]) -> list[Char]:
    """Drop a character drawn again over itself (same glyph, boxes mostly overlapping).

    Repeated characters side by side (會會) do not overlap and are kept.

    >>> [c.text for c in dedupe([Char("決", 0, 0, 10, 10, 0), Char("決", 0.5, 0, 10.5, 10, 9)])]
    ['決']
    """
    kept: list[Char] = []
    for char in row:
        if kept and char.text == kept[-1].text:
            last = kept[-1]
            overlap = min(char.x1, last.x1) - max(char.x0, last.x0)
            if overlap > 0.5 * max(min(char.x1 - char.x0, last.x1 - last.x0), 0.1):
                continue
        kept.append(char)
    return kept


def split_segments(row: list[Char], walls: list[Wall] = ()) -> list[list[Char]]:
    """Split a row into segments: text runs that the page wrote as one.

    A row splits at a gap wider than a cell padding, at a word-sized gap
    where the neighbours were not written one after the other (two table
    cells or slide columns set close together), and at a cell wall between
    the neighbours (a header table's 時間 | 113年… with a narrow padding,
    written in one run: without it the field name ran into its value).

    >>> cells = [Char("甲", 0, 0, 10, 10, 0), Char("乙", 15, 0, 25, 10, 40)]
    >>> [len(segment) for segment in split_segments(cells)]
    [1, 1]
    """
    segments: list[list[Char]] = []
    wall_xs = sorted(wall.x for wall in walls if wall.top <= row[0].middle <= wall.bottom) if walls and row else []
    last = None
    for char in row:
        if last is not None:
            gap = char.x0 - last.x1
            height = max(char.bottom - char.top, 1.0)  # char.height, inlined: this runs on every character
            written_apart = abs(char.order - last.order) > STREAM_NEIGHBOURS
            if gap <= SEGMENT_GAP * height and not (written_apart and gap > SPACE_GAP_CJK * height) \
                    and not (wall_xs and walled(last, char, wall_xs)):
                segments[-1].append(char)
                last = char
                continue
        segments.append([char])
        last = char
    return segments


def walled(left: Char, right: Char, wall_xs: list[float]) -> bool:
    """Whether a cell wall (``wall_xs``: the sorted x of the walls crossing the
    row) stands between two neighbouring characters of a row.

    >>> walled(Char("間", 0, 0, 10, 10, 0), Char("1", 12, 0, 18, 10, 1), [11.0])
    True
    """
    index = bisect.bisect_right(wall_xs, (left.x0 + left.x1) / 2)
    return index < len(wall_xs) and wall_xs[index] < (right.x0 + right.x1) / 2


def segment_text(segment: list[Char]) -> str:
    """The segment's characters, with a space where the gap is a word space.

    Between Latin characters, a word gap the reader saw (``space_before``)
    is a space whatever the boxes say, unless the text is letter-spaced.
    Gaps are measured beyond the segment's usual gap: letter spacing
    (字元間距加寬, CSS letter-spacing) and justified CJK text spread every
    character alike, and ``1.`` set letter-spaced is no ``1 .``.

    >>> segment_text([Char("f", 0, 0, 6, 10, 0), Char("t", 5.5, 0, 9, 10, 1, space_before=True)])
    'f t'
    >>> segment_text([Char(t, 14 * i, 0, 14 * i + (6 if t in "1." else 10), 10, i) for i, t in enumerate("1.請辦理")])
    '1.請辦理'
    """
    height = max(max(char.bottom - char.top for char in segment), 1.0)  # the tallest char.height
    gaps = sorted(right.x0 - left.x1 for left, right in zip(segment, segment[1:]))
    spacing = max(gaps[len(gaps) // 2], 0.0) if len(gaps) >= LETTER_SPACED_GAPS else 0.0
    # The reader sees the letter spacing itself as word gaps.
    trust_reader = spacing <= SPACE_GAP_LATIN * height
    parts = [segment[0].text]
    for left, right in zip(segment, segment[1:]):
        wide = is_wide(left.text) or is_wide(right.text)
        threshold = SPACE_GAP_CJK if wide else SPACE_GAP_LATIN
        if right.x0 - left.x1 - spacing > threshold * height or (right.space_before and trust_reader and not wide):
            parts.append(" ")
        parts.append(right.text)
    return "".join(parts)


def is_wide(char: str) -> bool:
    """CJK ideographs, kana, bopomofo and full-width forms and punctuation."""
    return char >= "\u2e80"


def same_row(first: list[Char], second: list[Char]) -> bool:
    return abs(first[0].level - second[0].level) <= SAME_ROW * min(first[0].height, second[0].height)


def stream_coherence(segments: list[list[Char]]) -> float:
    """Share of characters whose successor in the stream is their right-hand neighbour."""
    next_on_page = {}
    for segment in segments:
        for left, right in zip(segment, segment[1:]):
            next_on_page[left.order] = right.order
    orders = sorted(char.order for segment in segments for char in segment)
    if len(orders) < 2:
        return 1.0
    follows = sum(1 for a, b in zip(orders, orders[1:]) if next_on_page.get(a) == b)
    return follows / (len(orders) - 1)
