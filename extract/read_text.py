"""Plain-text reader: UTF-8 (with or without BOM), UTF-16 with BOM, or legacy Big5/CP950.

Pages are split on form feeds (``\\f``), the page break that ``pdftotext`` and
many legacy exporters write; a file without one is a single page.
"""

from __future__ import annotations

from extract.model import ExtractError, Line, Page


def decode_text(data: bytes, path: str = "<bytes>") -> str:
    """Decode text bytes: UTF-16 if it has a BOM, else strict UTF-8 (BOM dropped), then CP950 (Big5).

    >>> decode_text("會議紀錄".encode("cp950"))
    '會議紀錄'
    >>> decode_text(b"\\xef\\xbb\\xbfabc")
    'abc'
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ExtractError(path, "corrupt", "damaged UTF-16 text") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp950")
    except UnicodeDecodeError as error:
        raise ExtractError(path, "unsupported", f"text is neither UTF-8 nor Big5/CP950 (byte {error.start})") from None


def read_text(path: str, data: bytes) -> list[Page]:
    """Pages of lines from a text file's bytes.

    >>> [p.text for p in read_text("a.txt", "一\\n二\\f三".encode())]
    ['一\\n二', '三']
    """
    text = decode_text(data, path).replace("\r\n", "\n").replace("\r", "\n")
    pages = []
    for number, chunk in enumerate(text.split("\f"), start=1):
        lines = [Line(text=line, page=number) for line in chunk.split("\n")]
        pages.append(Page(number=number, lines=lines))
    return pages
