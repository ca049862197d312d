"""Generators of bad and odd input files, written into a directory at test time.

Nothing here is committed as a binary: each function builds its file from the
corpus (or from nothing) with pikepdf, python-docx or Pillow, so the fixtures
stay small in git and can be made larger (the bomb, the 2,000-page PDF) without
weighing on the repository.

Each generator takes the directory to write into and returns the path::

    >>> path = empty_file(tmp_path)  # doctest: +SKIP
    >>> path.read_bytes()  # doctest: +SKIP
    b''
"""

from __future__ import annotations

import io
import random
import shutil
import zlib
from pathlib import Path

import pikepdf

ROOT = Path(__file__).resolve().parent.parent
SEED_TXT = ROOT / "corpus" / "seeds" / "000_cc469a30a0b85147.txt"
SEED_PDF = ROOT / "corpus" / "pdf" / "000_cc469a30a0b85147.pdf"
MULTI_PAGE_PDF = ROOT / "corpus" / "pdf" / "002_8ecfc175fd86162a.pdf"
TYPE0_FONT_PDF = ROOT / "corpus" / "real-pdf" / "07_asroc-council-mtg-28-1_20231006.pdf"
PASSWORD = "列管-2024"
BOMB_BYTES = 1 << 30  # what the bomb's content stream inflates to
MEGABYTE = 1 << 20


def good_minutes(directory: Path) -> Path:
    """A small, valid minutes text: the file that must still be built next to a bad one."""
    target = Path(directory) / "good_minutes.txt"
    shutil.copyfile(SEED_TXT, target)
    return target


def empty_file(directory: Path) -> Path:
    target = Path(directory) / "empty.pdf"
    target.write_bytes(b"")
    return target


def random_bytes(directory: Path) -> Path:
    """Binary noise under a .pdf name (seeded, so every run sees the same bytes)."""
    target = Path(directory) / "noise.pdf"
    target.write_bytes(random.Random(7).randbytes(64 * 1024))
    return target


def html_page(directory: Path) -> Path:
    """A web page saved under a .pdf name, as download links sometimes serve."""
    target = Path(directory) / "download.pdf"
    target.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>404 找不到網頁</title></head>"
        "<body><h1>很抱歉，您要找的網頁不存在</h1><a href='/'>回首頁</a></body></html>\n",
        encoding="utf-8",
    )
    return target


def truncated_pdf(directory: Path) -> Path:
    """The first half of a corpus PDF: an interrupted download."""
    data = MULTI_PAGE_PDF.read_bytes()
    target = Path(directory) / "truncated.pdf"
    target.write_bytes(data[: len(data) // 2])
    return target


def encrypted_pdf(directory: Path) -> Path:
    """A corpus PDF encrypted (AES-256) with :data:`PASSWORD` as its user password."""
    target = Path(directory) / "encrypted.pdf"
    with pikepdf.open(SEED_PDF) as pdf:
        pdf.save(target, encryption=pikepdf.Encryption(user=PASSWORD, owner=PASSWORD + "-owner", aes=True, R=6))
    return target


def zero_page_pdf(directory: Path) -> Path:
    """A well-formed PDF whose page tree is empty."""
    target = Path(directory) / "zero_pages.pdf"
    with pikepdf.new() as pdf:
        pdf.save(target)
    return target


def image_only_pdf(directory: Path, dpi: int = 200) -> Path:
    """The first page of a corpus PDF as a picture only, as a scanner makes it: no text layer."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(SEED_PDF))
    try:
        image = document[0].render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        document.close()
    target = Path(directory) / "scan.pdf"
    image.save(target, "PDF", resolution=dpi)
    return target


def unmapped_font_pdf(directory: Path) -> Path:
    """A real PDF whose Type0 (Identity-H) fonts lost their /ToUnicode maps.

    Without the map, a reader only has glyph ids: pdfminer prints them as
    ``(cid:N)`` unless the embedded font's own cmap helps, pdfium as the code
    points of the glyph ids.
    """
    target = Path(directory) / "unmapped_font.pdf"
    with pikepdf.open(TYPE0_FONT_PDF) as pdf:
        for page in pdf.pages:
            for font in page.Resources.get("/Font", {}).values():
                if "/ToUnicode" in font:
                    del font["/ToUnicode"]
        pdf.save(target)
    return target


def decompression_bomb(directory: Path, inflated: int = BOMB_BYTES) -> Path:
    """A one-page PDF of a few kilobytes whose content stream inflates to ``inflated`` bytes.

    The stream is deflated twice (``/Filter [/FlateDecode /FlateDecode]``), so
    that the file stays tiny although deflate alone cannot compress more than
    about 1000:1.
    """
    deflater = zlib.compressobj(9)
    blank = b" " * MEGABYTE
    once = b"".join(deflater.compress(blank) for _ in range(inflated // MEGABYTE)) + deflater.flush()
    target = Path(directory) / "bomb.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        stream = pikepdf.Stream(pdf, zlib.compress(once, 9))
        stream.Filter = pikepdf.Array([pikepdf.Name.FlateDecode, pikepdf.Name.FlateDecode])
        pdf.pages[0].Contents = pdf.make_indirect(stream)
        pdf.save(target, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return target


def dense_page_pdf(directory: Path, glyphs: int = 1_000_000) -> Path:
    """One page drawing ``glyphs`` characters (a slow file: every glyph goes through
    line building), in a file of a few kilobytes."""
    row = b"".join(b"(%d) Tj 6 0 Td " % (n % 10) for n in range(100)) + b"-600 -0.01 Td\n"
    content = b"BT /F1 1 Tf 10 800 Td\n" + row * (glyphs // 100) + b"ET\n"
    target = Path(directory) / "dense_page.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        page = pdf.pages[0]
        page.Resources = pikepdf.Dictionary(
            Font=pikepdf.Dictionary(F1=pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                          BaseFont=pikepdf.Name.Helvetica))
        )
        stream = pikepdf.Stream(pdf, zlib.compress(zlib.compress(content, 9), 9))
        stream.Filter = pikepdf.Array([pikepdf.Name.FlateDecode, pikepdf.Name.FlateDecode])
        page.Contents = pdf.make_indirect(stream)
        pdf.save(target, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return target


def many_pages_pdf(directory: Path, pages: int = 2000) -> Path:
    """A ``pages``-page PDF made cheaply by repeating the pages of a corpus PDF."""
    target = Path(directory) / f"pages_{pages}.pdf"
    with pikepdf.open(MULTI_PAGE_PDF) as source, pikepdf.new() as pdf:
        for number in range(pages):
            pdf.pages.append(source.pages[number % len(source.pages)])
        pdf.save(target)
    return target


ENGLISH_TEXT = [
    "Annual Report of the Harbour Lighthouse Society",
    "The society maintained four lighthouses during the year.",
    "Visitor numbers rose by twelve percent compared with last spring.",
    "The lantern of the north tower was cleaned and repainted in May.",
    "Volunteers are welcome to join the summer open days.",
]


def english_pdf(directory: Path) -> Path:
    """A text PDF in English that is not minutes at all (standard Helvetica, no CJK)."""
    lines = b"".join(b"(%s) Tj 0 -18 Td\n" % line.encode("latin-1") for line in ENGLISH_TEXT)
    target = Path(directory) / "english_report.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(595, 842))
        page = pdf.pages[0]
        page.Resources = pikepdf.Dictionary(
            Font=pikepdf.Dictionary(F1=pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                          BaseFont=pikepdf.Name.Helvetica))
        )
        page.Contents = pdf.make_indirect(pikepdf.Stream(pdf, b"BT /F1 12 Tf 72 760 Td\n" + lines + b"ET\n"))
        pdf.save(target)
    return target


def big5_txt(directory: Path) -> Path:
    """The seed minutes re-encoded in Big5 (CP950), as older Windows systems save text."""
    target = Path(directory) / "big5_minutes.txt"
    target.write_bytes(SEED_TXT.read_text(encoding="utf-8").encode("cp950"))
    return target


def pdf_named_txt(directory: Path) -> Path:
    target = Path(directory) / "really_a_pdf.txt"
    shutil.copyfile(SEED_PDF, target)
    return target


def minutes_docx_bytes() -> bytes:
    """The seed minutes as a Word document, one paragraph per line."""
    import docx

    document = docx.Document()
    for line in SEED_TXT.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_named_pdf(directory: Path) -> Path:
    target = Path(directory) / "really_a_docx.pdf"
    target.write_bytes(minutes_docx_bytes())
    return target


def truncated_docx(directory: Path) -> Path:
    """The first half of a Word document: the zip's central directory is gone."""
    data = minutes_docx_bytes()
    target = Path(directory) / "truncated.docx"
    target.write_bytes(data[: len(data) // 2])
    return target


def huge_blank_page_pdf(directory: Path) -> Path:
    """A 500-byte PDF of one blank page 200 × 200 inches (14,400 pt, the largest
    the PDF spec allows): no text, so it goes to OCR, where a 300-dpi rendering
    is 60,000 × 60,000 pixels."""
    target = Path(directory) / "huge_blank_page.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(14400, 14400))
        pdf.save(target)
    return target
