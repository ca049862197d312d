"""Word (.docx, python-docx's XML tree) and OpenDocument (.odt, odfpy) readers.

Neither format has pages until it is laid out, so each document is one page
(plus a page per explicit page break in .docx). Paragraphs and table cells
come in document order; a table row gives one line per cell, and the rows go
to :attr:`Page.tables` as well.
"""

from __future__ import annotations

import io
import zipfile
from typing import Iterator

from extract.model import ExtractError, Line, Page

Table = list[list[str]]


def read_docx(path: str, data: bytes) -> list[Page]:
    """Pages of lines from a .docx file's bytes.

    >>> import docx, io
    >>> document = docx.Document(); _ = document.add_paragraph("決議：照案通過。")
    >>> buffer = io.BytesIO(); document.save(buffer)
    >>> read_docx("a.docx", buffer.getvalue())[0].lines[0].text
    '決議：照案通過。'
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ExtractError(path, "corrupt", f"damaged .docx ({type(error).__name__})") from None
    return paginate(docx_blocks(document.element.body))


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_blocks(container) -> Iterator[str | Table | None]:
    """Paragraph texts, tables and page breaks (``None``) under a WordprocessingML element, in order.

    Read from the XML rather than python-docx's objects, which skip the
    paragraphs of content controls (w:sdt) and the runs of tracked insertions.
    """
    for child in container:
        if child.tag == W + "p":
            if child.find(f"{W}pPr/{W}pageBreakBefore") is not None:
                yield None
            yield paragraph_text(child)
            if child.find(f".//{W}br[@{W}type='page']") is not None:
                yield None  # a hard page break, nearly always ending its paragraph
        elif child.tag == W + "tbl":
            yield [
                [docx_cell_text(cell) for cell in row.iterfind(f"{W}tc")]
                for row in child.iterfind(f"{W}tr")
            ]
        elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins"):
            yield from docx_blocks(child)


def paragraph_text(paragraph) -> str:
    """The visible text of a w:p: text, tabs and line breaks, deleted text left out (it is w:delText)."""
    parts = []
    for node in paragraph.iter(W + "t", W + "tab", W + "br", W + "cr"):
        if node.tag == W + "t":
            parts.append(node.text or "")
        elif node.tag == W + "tab":
            parts.append("\t")
        elif node.get(W + "type") in (None, "textWrapping"):
            parts.append("\n")
    return "".join(parts)


def docx_cell_text(cell) -> str:
    """A w:tc's text; a horizontally merged cell is one w:tc, so it is read once."""
    return cell_text(docx_blocks(cell))


def cell_text(blocks: Iterator[str | Table | None]) -> str:
    """A table cell's paragraphs, and the cells of tables nested in it, one per line."""
    lines = []
    for block in blocks:
        if isinstance(block, str):
            lines.append(block)
        elif block is not None:
            lines.extend(text for row in block for text in row)
    return "\n".join(lines)


def read_odt(path: str, data: bytes) -> list[Page]:
    """Pages of lines from an .odt file's bytes (text:h, text:p, lists and tables in order)."""
    from odf.opendocument import load

    try:
        document = load(io.BytesIO(data))
    except Exception as error:  # odfpy raises bare KeyError/XML errors on damaged files
        raise ExtractError(path, "corrupt", f"damaged .odt ({type(error).__name__})") from None
    return paginate(odt_blocks(document.text))


def odt_blocks(element) -> Iterator[str | Table | None]:
    """Heading/paragraph texts, tables and page breaks (``None``) under an ODF element, in order.

    LibreOffice stores where its layout broke pages (text:soft-page-break);
    those become page breaks. Tracked deletions are not text.
    """
    from odf import teletype

    for child in element.childNodes:
        name = getattr(child, "qname", None)
        if name is None:
            continue
        local = name[1]
        if local in ("h", "p"):
            yield teletype.extractText(child)
        elif local == "soft-page-break":
            yield None
        elif local == "table":
            yield [[cell_text(odt_blocks(cell)) for cell in odt_cells(row)] for row in odt_rows(child)]
        elif local != "tracked-changes":  # lists, sections, frames: their paragraphs still count
            yield from odt_blocks(child)


def odt_rows(table) -> Iterator:
    for child in table.childNodes:
        local = getattr(child, "qname", (None, ""))[1]
        if local == "table-row":
            yield child
        elif local in ("table-rows", "table-header-rows", "table-row-group"):
            yield from odt_rows(child)


def odt_cells(row) -> list:
    """A row's cells; cells covered by a merged neighbour are not cells of their own."""
    return [cell for cell in row.childNodes if getattr(cell, "qname", (None, ""))[1] == "table-cell"]


def paginate(blocks: Iterator[str | Table | None]) -> list[Page]:
    """Lines and tables into pages; ``None`` starts a new page."""
    pages = [Page(number=1, lines=[])]
    for block in blocks:
        page = pages[-1]
        if block is None:
            if page.lines:
                pages.append(Page(number=page.number + 1, lines=[]))
        elif isinstance(block, str):
            page.lines.extend(Line(text=text, page=page.number) for text in block.split("\n"))
        else:
            page.tables.append(block)
            for row in block:
                page.lines.extend(Line(text=text, page=page.number) for cell in row for text in cell.split("\n"))
    return pages
