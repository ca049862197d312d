"""Word (.docx, python-docx) and OpenDocument (.odt, odfpy) readers.

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
    return paginate(docx_blocks(document))


def docx_blocks(document) -> Iterator[str | Table | None]:
    """Paragraph texts, tables and page breaks (``None``) of a .docx body, in order."""
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            if block.paragraph_format.page_break_before:
                yield None
            yield block.text
            if block._p.xpath('.//w:br[@w:type="page"]'):
                yield None  # a hard page break, nearly always ending its paragraph
        elif isinstance(block, DocxTable):
            yield [[cell.text for cell in unique_cells(row.cells)] for row in block.rows]


def unique_cells(cells: list) -> list:
    """Row cells with horizontally merged cells once (python-docx repeats them)."""
    seen: list = []
    for cell in cells:
        if not any(cell._tc is other._tc for other in seen):
            seen.append(cell)
    return seen


def read_odt(path: str, data: bytes) -> list[Page]:
    """Pages of lines from an .odt file's bytes (text:h, text:p, lists and tables in order)."""
    from odf.opendocument import load

    try:
        document = load(io.BytesIO(data))
    except Exception as error:  # odfpy raises bare KeyError/XML errors on damaged files
        raise ExtractError(path, "corrupt", f"damaged .odt ({type(error).__name__})") from None
    return paginate(odt_blocks(document.text))


def odt_blocks(element) -> Iterator[str | Table]:
    """Heading/paragraph texts and tables under an ODF element, in document order."""
    from odf import teletype

    for child in element.childNodes:
        name = getattr(child, "qname", None)
        if name is None:
            continue
        local = name[1]
        if local in ("h", "p"):
            yield teletype.extractText(child)
        elif local == "table":
            yield [
                [teletype_cell(cell) for cell in row.childNodes if getattr(cell, "qname", (None, ""))[1] == "table-cell"]
                for row in odt_rows(child)
            ]
        else:  # lists, sections, frames: their paragraphs still count
            yield from odt_blocks(child)


def odt_rows(table) -> Iterator:
    for child in table.childNodes:
        local = getattr(child, "qname", (None, ""))[1]
        if local == "table-row":
            yield child
        elif local in ("table-rows", "table-header-rows", "table-row-group"):
            yield from odt_rows(child)


def teletype_cell(cell) -> str:
    return "\n".join(text for text in odt_blocks(cell) if isinstance(text, str))


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
