"""Entry point of the reading layer: any supported file → :class:`Document`.

The format is recognised from the file's content (``%PDF``, a zip holding
``word/`` or an ODF ``mimetype``, else text), never from the extension, so a
file with a wrong extension still reads correctly; the extension only picks
the error reason for unrecognisable binary content.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from extract.model import Document, ExtractError, sha256_bytes
from extract.read_pdf import read_pdf  # imported here, not on first use: the build's workers inherit it

BINARY_EXTENSIONS = {".pdf", ".docx", ".odt"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 and other OLE compound files


def detect_format(path: str, data: bytes) -> str:
    """The reader to use for these bytes: ``pdf``, ``docx``, ``odt`` or ``txt``.

    >>> detect_format("minutes.txt", b"%PDF-1.7 ...")
    'pdf'
    >>> detect_format("notes.pdf", "會議紀錄".encode())
    'txt'
    """
    if b"%PDF-" in data[:1024]:  # the spec allows junk before the header
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return zip_format(path, data)
    if data[:8] == OLE_MAGIC:
        raise ExtractError(path, "unsupported", "legacy Office file (.doc/.xls/.ppt); save it as .docx, .odt or PDF")
    if data[:2] in UTF16_BOMS:
        return "txt"  # Notepad's "Unicode" text
    if b"\x00" in data[:4096]:
        # Binary without a known signature: decoding it as text yields garbage.
        claimed = Path(path).suffix.lower()
        reason = "corrupt" if claimed in BINARY_EXTENSIONS else "unsupported"
        raise ExtractError(path, reason, f"unrecognised binary content (starts with {data[:4]!r})")
    return "txt"  # text, even under a wrong extension; decoding decides further


def zip_format(path: str, data: bytes) -> str:
    """``docx`` or ``odt`` for a zip container, judged by its members."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                return "odt"
            if any(name.startswith("word/") for name in names):
                return "docx"
    except zipfile.BadZipFile:
        raise ExtractError(path, "corrupt", "damaged zip container (docx/odt)") from None
    raise ExtractError(path, "unsupported", "zip file is neither a Word (.docx) nor an ODF text (.odt) document")


def read(path: str | Path, password: str | None = None) -> Document:
    """Read a PDF, text, .docx or .odt file into pages of lines.

    >>> doc = read("corpus/seeds/000_cc469a30a0b85147.txt")  # doctest: +SKIP
    >>> doc.format, len(doc.sha256)  # doctest: +SKIP
    ('txt', 64)
    """
    path = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ExtractError(path, "unsupported", f"cannot open file ({error.strerror})") from None
    if not data.strip():
        raise ExtractError(path, "empty", "file is empty")
    fmt = detect_format(path, data)
    if fmt == "pdf":
        pages = read_pdf(path, data, password=password)
    elif fmt == "docx":
        from extract.read_office import read_docx

        pages = read_docx(path, data)
    elif fmt == "odt":
        from extract.read_office import read_odt

        pages = read_odt(path, data)
    else:
        from extract.read_text import read_text

        pages = read_text(path, data)
    if not any(line.text.strip() for page in pages for line in page.lines):
        raise ExtractError(path, "no_text", "no text found in the file")
    return Document(path=path, sha256=sha256_bytes(data), format=fmt, pages=pages)
