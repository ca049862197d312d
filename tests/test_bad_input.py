"""Bad and odd input files through the real extractor, `lieguan extract` and `lieguan build`.

Every file is generated at test time by :mod:`tests.fixtures_bad`. A file that
cannot be read must cost that file only: one ``error: <file>: <message>`` line
on stderr, exit status 2 (README), the good file of the same batch still
processed, and the knowledge base byte-for-byte unchanged by the failure. A
file that is odd but readable (Big5 text, a wrong extension, a scan, 2,000
pages) must be read, exit status 0.
"""

from __future__ import annotations

import faulthandler
import functools
import hashlib
import resource
import sqlite3
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rapidfuzz import fuzz

from db.build import build
from db.cli import main
from extract import extract
from extract.model import ExtractError, Record
from tests import fixtures_bad as bad
from tests.benchmark import LIEGUAN, measure

# generator → the ExtractError reasons that describe it truthfully
REASONS = {
    bad.empty_file: {"empty"},
    bad.random_bytes: {"corrupt", "unsupported"},
    bad.truncated_pdf: {"corrupt"},
    bad.truncated_docx: {"corrupt"},
    bad.encrypted_pdf: {"encrypted"},
}
ZERO_PAGE_REASONS = {"corrupt", "no_text", "empty"}
UNREADABLE = [*REASONS, bad.zero_page_pdf, bad.decompression_bomb]
NOT_MINUTES = (bad.english_pdf, bad.html_page)
READABLE = [bad.big5_txt, bad.pdf_named_txt, bad.docx_named_pdf, bad.image_only_pdf, *NOT_MINUTES]


def file_hash(db_path: Path) -> str:
    """The hash of the database file and any journal or WAL file beside it."""
    digest = hashlib.sha256()
    for part in sorted(db_path.parent.glob(db_path.name + "*")):
        digest.update(part.name.encode() + b"\0" + part.read_bytes())
    return digest.hexdigest()


def stored_files(db_path: Path) -> set[str]:
    with sqlite3.connect(db_path) as connection:
        return {row[0] for row in connection.execute("SELECT file_name FROM documents")}


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def names_file_and_reason(line: str, path: str) -> bool:
    """``error: <path>: <reason>``, the reason being more than a bare code."""
    prefix = f"error: {path}: "
    return line.startswith(prefix) and len(line[len(prefix):].split()) >= 2


def item_texts(record: Record) -> tuple[str, ...]:
    return tuple(item.text for item in record.items)


@functools.cache
def seed_item_texts() -> tuple[str, ...]:
    return item_texts(extract(bad.SEED_TXT))


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def quiet_worker_aborts():
    """pdfium aborts when the memory limit refuses it memory; the forked worker
    inherits pytest's faulthandler, which would dump every thread's stack."""
    enabled = faulthandler.is_enabled()
    faulthandler.disable()
    yield
    if enabled:
        faulthandler.enable(file=sys.__stderr__)


# --- unreadable files ------------------------------------------------------------------


@pytest.mark.parametrize("make", list(REASONS), ids=lambda make: make.__name__)
def test_unreadable_file_raises_extract_error_with_its_reason(make, tmp_path):
    path = make(tmp_path)
    with pytest.raises(ExtractError) as raised:
        extract(path)
    assert raised.value.reason in REASONS[make]
    assert raised.value.path == str(path)
    assert raised.value.message and "\n" not in raised.value.message


@pytest.mark.parametrize("make", UNREADABLE, ids=lambda make: make.__name__)
def test_extract_cli_names_the_bad_file_once_and_exits_2(make, tmp_path):
    good, path = bad.good_minutes(tmp_path), make(tmp_path)
    out = tmp_path / "out"
    result = run("extract", str(path), str(good), "--format", "json", "--out", str(out))
    assert result.exit_code == 2
    [line] = error_lines(result.stderr)
    assert names_file_and_reason(line, str(path))
    assert sorted(p.name for p in out.iterdir()) == ["good_minutes.json"]


@pytest.mark.parametrize("make", UNREADABLE, ids=lambda make: make.__name__)
def test_build_cli_builds_the_good_file_and_leaves_the_db_unchanged_by_the_bad(make, tmp_path, quiet_worker_aborts):
    good, path = bad.good_minutes(tmp_path), make(tmp_path)
    db_path = tmp_path / "kb.db"
    result = run("build", str(path), str(good), "--db", str(db_path), "--workers", "1")
    assert result.exit_code == 2
    [line] = error_lines(result.stderr)
    assert names_file_and_reason(line, str(path.resolve()))
    assert stored_files(db_path) == {good.name}
    before = file_hash(db_path)
    again = run("build", str(path), "--db", str(db_path), "--workers", "1")
    assert again.exit_code == 2 and len(error_lines(again.stderr)) == 1
    assert file_hash(db_path) == before


def test_zero_page_pdf_read_after_an_encrypted_one_is_not_called_encrypted(tmp_path):
    """pdfium refuses a PDF with an empty page tree without setting an error
    code, so the code left by the previous failure (a password error) is what
    the reader sees."""
    with pytest.raises(ExtractError):
        extract(bad.encrypted_pdf(tmp_path))
    with pytest.raises(ExtractError) as raised:
        extract(bad.zero_page_pdf(tmp_path))
    assert raised.value.reason in ZERO_PAGE_REASONS


def test_encrypted_pdf_reads_with_the_right_password(tmp_path):
    path = bad.encrypted_pdf(tmp_path)
    record = extract(path, password=bad.PASSWORD)
    assert item_texts(record) == item_texts(extract(bad.SEED_PDF))
    with pytest.raises(ExtractError) as raised:
        extract(path, password="not-the-password")
    assert raised.value.reason == "encrypted" and "wrong password" in raised.value.message


def test_encrypted_pdf_builds_with_password_option(tmp_path):
    path = bad.encrypted_pdf(tmp_path)
    db_path = tmp_path / "kb.db"
    result = run("build", str(path), "--db", str(db_path), "--workers", "1", "--password", bad.PASSWORD)
    assert result.exit_code == 0, result.stderr
    assert stored_files(db_path) == {path.name}
    out = tmp_path / "out"
    assert run("extract", str(path), "--password", bad.PASSWORD, "--out", str(out)).exit_code == 0
    assert (out / "encrypted.json").is_file()


# --- odd but readable files ---------------------------------------------------------------


def test_big5_text_gives_the_same_items_as_utf8(tmp_path):
    assert item_texts(extract(bad.big5_txt(tmp_path))) == seed_item_texts()


def test_pdf_named_txt_is_read_as_the_pdf(tmp_path):
    record = extract(bad.pdf_named_txt(tmp_path))
    assert record.page_count == 3
    assert item_texts(record) == item_texts(extract(bad.SEED_PDF))


def test_docx_named_pdf_is_read_as_the_document(tmp_path):
    assert item_texts(extract(bad.docx_named_pdf(tmp_path))) == seed_item_texts()


def test_image_only_pdf_is_read_by_ocr(tmp_path):
    record = extract(bad.image_only_pdf(tmp_path))
    assert [page["ocr"] for page in record.pages] == [True]
    original = extract(bad.SEED_PDF).pages[0]["text"]
    assert fuzz.ratio("".join(record.pages[0]["text"].split()), "".join(original.split())) > 80


@pytest.mark.parametrize("make", NOT_MINUTES, ids=lambda make: make.__name__)
def test_document_that_is_not_minutes_yields_no_items(make, tmp_path):
    """Nothing in an English report or a saved web page is a follow-up item;
    refusing the file (reason ``not_minutes``) is as good as an empty record."""
    try:
        record = extract(make(tmp_path))
    except ExtractError as error:
        assert error.reason in {"not_minutes", "unsupported"}
    else:
        assert record.items == []


def accepted(result, path: Path, make) -> bool:
    """Whether the command accepted ``path`` (exit 0); the only refusal allowed
    is of a document that is not minutes, named in one error line (exit 2)."""
    if result.exit_code == 0:
        return True
    [line] = error_lines(result.stderr)
    assert result.exit_code == 2 and make in NOT_MINUTES and line.startswith("error: ") and path.name in line
    return False


@pytest.mark.parametrize("make", READABLE, ids=lambda make: make.__name__)
def test_cli_extracts_and_builds_odd_but_readable_files(make, tmp_path):
    good, path = bad.good_minutes(tmp_path), make(tmp_path)
    out = tmp_path / "out"
    extracted = run("extract", str(path), str(good), "--out", str(out))
    written = {good.stem + ".json"} | ({path.stem + ".json"} if accepted(extracted, path, make) else set())
    assert {p.name for p in out.iterdir()} == written
    db_path = tmp_path / "kb.db"
    built = run("build", str(path), str(good), "--db", str(db_path), "--workers", "1")
    assert stored_files(db_path) == {good.name} | ({path.name} if accepted(built, path, make) else set())


def test_font_without_tounicode_is_read_or_refused_not_stored_as_garbage(tmp_path):
    """Fonts without a /ToUnicode map: pdfium returns glyph ids as code points.
    The reader must recover the text (pdfminer's font cmap, or OCR) or refuse
    the file with ``no_text``; storing the glyph ids as text hides it from search."""
    path = bad.unmapped_font_pdf(tmp_path)
    original = extract(bad.TYPE0_FONT_PDF).pages[0]["text"]
    try:
        record = extract(path)
    except ExtractError as error:
        assert error.reason == "no_text"
    else:
        assert fuzz.ratio(record.pages[0]["text"], original) > 80


# --- resource limits: real files that cost memory or time -----------------------------


def test_decompression_bomb_costs_one_file(tmp_path, capsys):
    """A 2-KB PDF whose content stream inflates to 1 GB, built by `lieguan build`
    (a process of its own, so its peak memory is measured alone) in worker
    processes with the build's default memory limit, next to a good file."""
    good, bomb = bad.good_minutes(tmp_path), bad.decompression_bomb(tmp_path)
    assert bomb.stat().st_size < 10_000
    db_path = tmp_path / "kb.db"
    run = measure([*LIEGUAN, "build", str(bomb), str(good), "--db", str(db_path), "--workers", "2"], check=False)
    assert run["status"] == 2
    [line] = error_lines(run["stderr"])
    assert names_file_and_reason(line, str(bomb.resolve()))
    assert stored_files(db_path) == {good.name}
    with capsys.disabled():
        print(f"\n  bomb: {line.split(': ', 2)[2]!r} after {run['seconds']:.1f} s;"
              f" peak RSS of the largest build process {run['peak_mb']:.0f} MB")


def test_page_that_hangs_the_pdf_library_is_killed_at_the_timeout(tmp_path, monkeypatch, capsys):
    """A page of a few kilobytes drawing 200,000 glyphs keeps pdfium's text-page builder busy
    for minutes inside native code, where SIGALRM cannot interrupt it: the
    build must kill the worker once the timeout and its grace are over.
    (The grace is shortened here so that the test stays short.)"""
    monkeypatch.setattr("db.build.HARD_TIMEOUT_GRACE", 3)
    good, slow = bad.good_minutes(tmp_path), bad.dense_page_pdf(tmp_path, glyphs=200_000)
    db_path = tmp_path / "kb.db"
    started = time.monotonic()
    report = build(db_path, [slow, good], workers=2, timeout=5)
    elapsed = time.monotonic() - started
    assert [(Path(f.path).name, f.reason) for f in report.failed] == [(slow.name, "timeout")]
    assert [Path(f.path).name for f in report.added] == [good.name]
    with capsys.disabled():
        print(f"\n  native hang: killed, build over after {elapsed:.1f} s (timeout 5 s + grace 3 s)")


def limit_memory(megabytes: int):
    """A ``preexec_fn`` capping the child's address space, as the build caps its workers."""

    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (megabytes << 20, resource.RLIM_INFINITY))

    return apply


def test_extract_cli_refuses_a_page_too_large_to_render(tmp_path):
    """Run as `lieguan extract` in a process limited to 2 GB, like a build worker:
    without the cap the rendering alone would take 3.6 GB."""
    good, huge = bad.good_minutes(tmp_path), bad.huge_blank_page_pdf(tmp_path)
    run = measure([*LIEGUAN, "extract", str(huge), str(good), "--out", str(tmp_path / "out")],
                  check=False, preexec_fn=limit_memory(2048))
    assert run["status"] == 2
    [line] = error_lines(run["stderr"])
    assert names_file_and_reason(line, str(huge))


def test_build_refuses_a_page_too_large_to_render(tmp_path):
    good, huge = bad.good_minutes(tmp_path), bad.huge_blank_page_pdf(tmp_path)
    report = build(tmp_path / "kb.db", [huge, good], workers=1)
    assert [Path(f.path).name for f in report.failed] == [huge.name]
    assert report.failed[0].reason in {"too_large", "no_text", "crash"}
    assert [Path(f.path).name for f in report.added] == [good.name]


def test_two_thousand_page_pdf_is_built_whole(tmp_path, capsys):
    many = bad.many_pages_pdf(tmp_path, pages=2000)
    db_path = tmp_path / "kb.db"
    started = time.monotonic()
    result = run("build", str(many), "--db", str(db_path), "--workers", "1")
    elapsed = time.monotonic() - started
    assert result.exit_code == 0, result.stderr
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT page_count FROM documents").fetchall() == [(2000,)]
        assert connection.execute("SELECT count(*) FROM pages").fetchone() == (2000,)
    with capsys.disabled():
        print(f"\n  2,000 pages built in {elapsed:.1f} s ({2000 / elapsed:.0f} pages/s)")
