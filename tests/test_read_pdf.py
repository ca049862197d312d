"""The PDF reader (extract/read_pdf.py): text lines, reading order, tables, errors.

Synthetic PDFs are written by :func:`make_pdf` (a few objects by hand, with
the standard Courier font, whose fixed 0.6 em advance makes positions exact),
so that each reading-order case is drawn in a known content-stream order.
"""

import glob
import hashlib
import re
import struct
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from extract.clean import clean
from extract.model import ExtractError
from extract.read import read
from extract.read_pdf import Char, build_lines, intersections_to_cells, read_pdf, split_segments

SEED_PDFS = sorted(glob.glob("corpus/pdf/*.pdf"))
REAL_PDFS = sorted(glob.glob("corpus/real-pdf/*.pdf"))
COURIER_ADVANCE = 0.6  # em


# --- a tiny PDF writer -------------------------------------------------------

PASSWORD_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def make_pdf(page_streams: list[bytes], user_password: str | None = None) -> bytes:
    """A PDF with one page per content stream (font /F1 = Courier).

    With ``user_password`` the file is encrypted with the standard security
    handler, revision 2 (40-bit RC4), which every reader supports.
    """
    count = len(page_streams)
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>",
    }
    kids = []
    for index, stream in enumerate(page_streams):
        page_id, content_id = 4 + 2 * index, 5 + 2 * index
        kids.append(f"{page_id} 0 R")
        objects[page_id] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content_id} 0 R >>"
        ).encode()
        objects[content_id] = stream
    objects[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {count} >>".encode()
    file_id = hashlib.md5(b"lieguan-test").digest()
    trailer_extra = b""
    file_key = None
    if user_password is not None:
        padded = (user_password.encode() + PASSWORD_PAD)[:32]
        owner = rc4(hashlib.md5(padded).digest()[:5], padded)
        permissions = struct.pack("<i", -44)
        file_key = hashlib.md5(padded + owner + permissions + file_id).digest()[:5]
        user = rc4(file_key, PASSWORD_PAD)
        encrypt_id = 4 + 2 * count
        objects[encrypt_id] = (
            b"<< /Filter /Standard /V 1 /R 2 /O <" + owner.hex().encode() + b"> /U <"
            + user.hex().encode() + b"> /P -44 >>"
        )
        trailer_extra = f" /Encrypt {encrypt_id} 0 R".encode()
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        body = objects[number]
        if 5 <= number < 4 + 2 * count and (number - 5) % 2 == 0:  # a content stream
            if file_key is not None:
                object_key = hashlib.md5(file_key + number.to_bytes(3, "little") + b"\0\0").digest()[:10]
                body = rc4(object_key, body)
            body = b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream"
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number]
    out += (
        b"trailer\n<< /Size %d /Root 1 0 R /ID [<%s> <%s>]" % (size, file_id.hex().encode(), file_id.hex().encode())
        + trailer_extra
        + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    )
    return bytes(out)


def show(text: str, x: float, y: float, size: float = 12) -> bytes:
    """Content-stream operators drawing ``text`` in Courier at (x, y)."""
    return f"BT /F1 {size} Tf {x} {y} Td ({text}) Tj ET\n".encode()


# --- agreement with the source texts -----------------------------------------


def shown_text(seed: str) -> str:
    """What the PDF renderer showed of a seed text: its HTML and Markdown markup
    (``<p><u>``, ``**``, ``- `` bullets) became formatting, not characters."""
    seed = re.sub(r"<[^>]+>", "", seed).replace("**", "")
    return re.sub(r"(?m)^\s*-\s+", "", seed)


def no_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("pdf", SEED_PDFS, ids=lambda p: Path(p).stem[:3])
def test_seed_pdf_text_matches_its_source_text(pdf):
    document = clean(read(pdf))
    seed = Path("corpus/seeds", Path(pdf).stem + ".txt").read_text(encoding="utf-8")
    # List bullets drawn by the renderer (•, ◦) stand where the seed had "- ".
    text = re.sub(r"(?m)^[•◦▪]\s*", "", "\n".join(page.text for page in document.pages))
    ratio = fuzz.ratio(no_space(text), no_space(shown_text(seed)))
    print(f"{Path(pdf).name}: ratio {ratio:.2f}")
    assert ratio >= 98


@pytest.mark.parametrize("pdf", SEED_PDFS, ids=lambda p: Path(p).stem[:3])
def test_fast_reader_gives_the_reference_readers_cleaned_text(pdf):
    data = Path(pdf).read_bytes()
    fast = read_pdf(pdf, data)
    reference = read_pdf(pdf, data, engine="pdfplumber")
    assert [line.text for page in fast for line in page.lines] == [
        line.text for page in reference for line in page.lines
    ]
    assert [page.tables for page in fast] == [page.tables for page in reference]


def test_lines_carry_page_numbers_and_boxes_inside_the_page():
    document = read(SEED_PDFS[0])
    for page in document.pages:
        for line in page.lines:
            assert line.page == page.number
            x0, top, x1, bottom = line.bbox
            assert 0 <= x0 < x1 <= page.width and 0 <= top < bottom <= page.height


def test_ruled_tables_of_the_corpus_are_found_with_their_cells():
    tables = [table for pdf in SEED_PDFS for page in read(pdf).pages for table in page.tables]
    assert len(tables) == 7
    for table in tables:
        assert len(table) >= 2
        assert all(isinstance(cell, str) for row in table for cell in row)
    headers = [tuple(table[0]) for table in tables]
    assert ("單位", "事項") in headers


# --- the real PDFs -------------------------------------------------------------


@pytest.mark.parametrize("pdf", REAL_PDFS, ids=lambda p: Path(p).stem[:2])
def test_real_pdfs_read_clean(pdf):
    document = clean(read(pdf))
    text = "\n".join(page.text for page in document.pages)
    assert not re.search("[\u200b\u200c\u200d\u2060\ufeff\u00ad]", text)
    pages = [[no_space(line.text) for line in page.lines if line.text.strip()] for page in document.pages]
    pages = [lines for lines in pages if lines]
    # A letterhead or footer left in place would open or close pages alike.
    assert len({tuple(lines[:2]) for lines in pages}) == len(pages)
    endings = Counter(lines[-1] for lines in pages)
    assert len(pages) == 1 or max(endings.values()) <= len(pages) / 2, endings
    assert "FAX+886" not in no_space(text)  # the letterhead's footer line
    cjk = re.findall(r"[\u4e00-\u9fff]", text)
    doubled = re.findall(r"([\u4e00-\u9fff])\1", text)
    assert len(doubled) <= 0.005 * len(cjk), doubled


def test_glyphs_drawn_twice_for_fake_bold_read_once():
    """Regression: corpus/real-pdf/03 read 決議議：同意接 接受. Its text is laid
    out in vertical strips that overlap, so the characters on a strip edge are
    drawn twice at the same spot; the reader drops them by position."""
    text = "\n".join(page.text for page in read(REAL_PDFS[2]).pages)
    assert "決議：同意接受其申請。" in text
    assert "決議議" not in text


def test_repeated_letters_side_by_side_survive_deduplication():
    bold = show("Committee", 72, 700) + show("Committee", 72.4, 700)  # drawn twice, 0.4 pt apart
    pages = read_pdf("bold.pdf", make_pdf([bold]))
    assert [line.text for line in pages[0].lines] == ["Committee"]


# --- reading order -------------------------------------------------------------


def test_two_columns_keep_their_written_order():
    left = b"".join(show(f"left {n}", 72, 700 - 20 * n) for n in range(3))
    right = b"".join(show(f"right {n}", 320, 700 - 20 * n) for n in range(3))
    pages = read_pdf("columns.pdf", make_pdf([left + right]))
    assert [line.text for line in pages[0].lines] == [
        "left 0", "left 1", "left 2", "right 0", "right 1", "right 2",
    ]


def test_text_written_in_vertical_strips_reads_row_by_row():
    rows = ["ALPHA BRAVO", "CHARLIE DOG", "EASY FOX GO"]
    advance = COURIER_ADVANCE * 12
    stream = b""
    for start in range(0, 11, 3):  # strips three characters wide, every row in turn
        for number, row in enumerate(rows):
            if row[start:start + 3].strip():
                stream += show(row[start:start + 3], 72 + start * advance, 700 - 20 * number)
    pages = read_pdf("strips.pdf", make_pdf([stream]))
    assert [line.text for line in pages[0].lines] == rows


def test_cells_set_close_together_are_split_by_writing_order():
    chars = [Char("甲", 0, 0, 10, 10, 0), Char("乙", 10, 0, 20, 10, 1), Char("丙", 26, 0, 36, 10, 90)]
    assert [[c.text for c in segment] for segment in split_segments(chars)] == [["甲", "乙"], ["丙"]]


def test_word_spaces_come_from_gaps():
    chars = [Char(t, x, 0, x + 6, 10, i) for i, (t, x) in enumerate([("o", 0), ("f", 6), ("t", 15), ("h", 21)])]
    chars += [Char(t, 40 + 10 * i, 0, 50 + 10 * i, 10, 10 + i) for i, t in enumerate("會議")]
    chars += [Char("1", 63, 0, 68, 10, 20)]  # 3 pt (0.3 em) after 議: Latin-CJK spacing, not a space
    assert [line.text for line in build_lines(chars, 1)] == ["of th 會議1"]


@pytest.mark.parametrize("pdf", [REAL_PDFS[6], REAL_PDFS[8]], ids=lambda p: Path(p).stem[:2])
def test_english_letterhead_keeps_its_word_spaces(pdf):
    """Regression: real PDFs 07 and 09 read "Society ofthe Republic". The word
    gap is set by kerning, not a space character, and the f's outline overhangs
    into it; pdfium's own generated space marks the gap."""
    data = Path(pdf).read_bytes()
    fast = [line.text for page in read_pdf(pdf, data) for line in page.lines]
    reference = [line.text for page in read_pdf(pdf, data, engine="pdfplumber") for line in page.lines]
    assert "Astronomical Society of the Republic of China" in fast
    def latin_runs(lines):  # runs of Latin words as spaced: "of the", "ALMA"
        return [re.findall(r"[A-Za-z][A-Za-z ]*[A-Za-z]", line) for line in lines]

    assert latin_runs(fast) == latin_runs(reference)


def test_generated_space_separates_latin_letters_only():
    overhanging = [Char("f", 0, 0, 6, 10, 0), Char("t", 5.5, 0, 9, 10, 1, space_before=True)]
    assert [line.text for line in build_lines(overhanging, 1)] == ["f t"]
    cjk = [Char("會", 0, 0, 10, 10, 0), Char("議", 10, 0, 20, 10, 1, space_before=True)]
    assert [line.text for line in build_lines(cjk, 1)] == ["會議"]


# --- errors ------------------------------------------------------------------


def test_encrypted_pdf_needs_its_password(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(make_pdf([show("Secret minutes", 72, 700)], user_password="s3cret"))
    for password in (None, "wrong"):
        with pytest.raises(ExtractError) as error:
            read(path, password=password)
        assert error.value.reason == "encrypted"
    assert read(path, password="s3cret").lines[0].text == "Secret minutes"


def test_truncated_pdf_is_corrupt(tmp_path):
    path = tmp_path / "truncated.pdf"
    path.write_bytes(Path(SEED_PDFS[0]).read_bytes()[:400])
    with pytest.raises(ExtractError) as error:
        read(path)
    assert error.value.reason == "corrupt"


def test_pdf_without_any_text_or_image_has_no_text(tmp_path, monkeypatch):
    path = tmp_path / "blank.pdf"
    path.write_bytes(make_pdf([b"0 0 m 10 10 l S\n"]))
    monkeypatch.setenv("PATH", "")  # no tesseract: the blank page cannot be OCR-read either
    with pytest.raises(ExtractError) as error:
        read(path)
    assert error.value.reason == "no_text"


def test_sideways_text_reads_along_its_own_direction():
    # A landscape table set sideways on a portrait page: text runs upwards,
    # and the next line lies to the right of the first.
    stream = b"BT /F1 12 Tf 0 1 -1 0 300 200 Tm (FIRST ROW) Tj ET\n"
    stream += b"BT /F1 12 Tf 0 1 -1 0 320 200 Tm (SECOND ROW) Tj ET\n"
    stream += show("Upright caption", 72, 100)
    data = make_pdf([stream])
    for engine in ("pdfium", "pdfplumber"):
        lines = read_pdf("sideways.pdf", data, engine=engine)[0].lines
        assert [line.text for line in lines] == ["FIRST ROW", "SECOND ROW", "Upright caption"], engine
        x0, top, x1, bottom = lines[0].bbox
        assert bottom - top > x1 - x0  # the box stands upright on the page


def test_memory_stays_flat_over_a_200_page_file(tmp_path):
    """Each page is closed after use: reading 208 pages must not hold them all."""
    import subprocess
    import sys

    import pypdfium2 as pdfium

    deck = pdfium.PdfDocument("corpus/pdf/004_301f7d8f7575e7ae.pdf")  # 16 pages, 6 with tables
    long = pdfium.PdfDocument.new()
    for _ in range(13):
        long.import_pages(deck)
    long.save(tmp_path / "long.pdf")
    probe = (
        "import resource, sys; from extract.read import read; document = read(sys.argv[1]); "
        "print(len(document.pages), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )

    def peak_kib(path):
        output = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, check=True)
        pages, peak = output.stdout.split()
        return int(pages), int(peak)

    short_pages, short_peak = peak_kib("corpus/pdf/004_301f7d8f7575e7ae.pdf")
    long_pages, long_peak = peak_kib(tmp_path / "long.pdf")
    assert (short_pages, long_pages) == (16, 208)
    print(f"peak RSS: 16 pages {short_peak // 1024} MiB, 208 pages {long_peak // 1024} MiB")
    assert long_peak - short_peak < 40 * 1024


def test_glyph_numbers_read_as_text_count_as_no_text():
    """pdfium's text of a font without /ToUnicode: glyph ids as code points,
    control characters and a scatter of scripts (from corpus/real-pdf/07 with
    its maps removed)."""
    from extract.read_pdf import has_usable_text

    garbage = "\u0b70\u2cf9\u1eb8\u1167\u12b3\u1a65\u13e5\u1b73\x14\x13\x19\x14\x1a\u2a36\u1a81\u269f決議"
    assert not has_usable_text([Char(t, 10 * i, 0, 10 * i + 10, 10, i) for i, t in enumerate(garbage)])
    mixed = "Astronomical Society 中華民國天文學會 α=0.5 ①②③ ㄅㄆ ─│┼ ＡＢ，。"
    assert has_usable_text([Char(t, 10 * i, 0, 10 * i + 10, 10, i) for i, t in enumerate(mixed.replace(" ", ""))])


def test_zero_page_pdf_is_corrupt_with_a_plain_message(tmp_path):
    """pdfium refuses an empty page tree without an error code; the message
    must not be the stale or empty code ("PDFium: Success")."""
    path = tmp_path / "zero.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                     b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
                     b"trailer<</Root 1 0 R>>\n%%EOF\n")
    with pytest.raises(ExtractError) as error:
        read(path)
    assert error.value.reason == "corrupt"
    assert "Success" not in error.value.message


def test_page_of_unmapped_glyphs_counts_as_having_no_text():
    from extract.read_pdf import has_usable_text

    private_use = [Char(chr(0xE000 + i), 10 * i, 0, 10 * i + 10, 10, i) for i in range(40)]
    readable = [Char(t, 10 * i, 0, 10 * i + 10, 10, i) for i, t in enumerate("決議照案通過")]
    assert not has_usable_text(private_use)
    assert has_usable_text(readable + private_use[:3])


def test_flat_glyphs_stay_on_their_line_in_a_chromium_pdf():
    """Chromium embeds fonts without ascent metrics, so pdfium boxes 一 and 、 by
    their outline, a sliver of the line's height; 一 then opened a row of its own
    and 一、 fell apart from its point. (Fixture: a short page printed by Chromium.)"""
    fixture = Path(__file__).parent / "fixtures" / "read" / "chromium_flat_glyphs.pdf"
    lines = [line.text for line in clean(read(fixture)).pages[0].lines]
    assert lines == ["決議：", "一、報告及質詢完畢。", "二、請衛生福利部於113年1月10日前以書面答復。", "（一）洽悉。"]


@given(st.lists(st.tuples(st.sampled_from("hv"), st.integers(0, 6), st.integers(0, 6), st.integers(1, 6)), max_size=14))
@settings(max_examples=200, deadline=None)
def test_indexed_cell_finder_gives_pdfplumbers_cells(rules):
    """read_pdf.intersections_to_cells indexes pdfplumber's algorithm (which
    rebuilt each point's edge sets at every comparison); on any set of rules
    on a small grid it must give the same cells in the same order."""
    from pdfplumber import table as plumber_table

    edges = []
    for orientation, at, start, length in rules:
        low, high = 10.0 * start, 10.0 * (start + length)
        if orientation == "h":
            edges.append({"x0": low, "x1": high, "top": 10.0 * at, "bottom": 10.0 * at, "width": high - low,
                          "height": 0.0, "orientation": "h"})
        else:
            edges.append({"x0": 10.0 * at, "x1": 10.0 * at, "top": low, "bottom": high, "width": 0.0,
                          "height": high - low, "orientation": "v"})
    intersections = plumber_table.edges_to_intersections(edges, 3, 3)
    assert intersections_to_cells(intersections) == plumber_table.intersections_to_cells(intersections)
