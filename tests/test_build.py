"""db/build.py: incremental, idempotent, order-independent builds that survive bad files."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.build import _preload, build, expand_paths
from db.cli import main
from db.migrate import connect
from extract.units import unit_pipeline
from tests.kb_fixtures import dump, file_hash, item, json_extractor, meeting, write_doc

ROOT = Path(__file__).resolve().parent.parent
CORPUS = [ROOT / "corpus" / "pdf", ROOT / "corpus" / "real-pdf"]
NOW = "2024-06-01T00:00:00Z"


def synthetic_build(db_path, paths, workers=0, **options):
    return build(db_path, paths, workers=workers, extractor=json_extractor, now=NOW, **options)


@pytest.fixture
def three_docs(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    body = "臺中市強化社會安全網推動會報"
    return [
        write_doc(docs, "a.txt", meeting=meeting(body, "2023-03-01"),
                  items=[item("請衛生局加強訪視", "directive", ["臺中市政府衛生局"]), item("洽悉。", "noted")]),
        write_doc(docs, "b.txt", meeting=meeting(body, "2023-06-01"),
                  items=[item("第1案解除列管", "decision", tracking="解除列管", refs=[1])]),
        write_doc(docs, "c.txt", kind="deck", items=[item("至114年辦理場次達50次", "target", ["臺中市政府社會局"])]),
    ]


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    """The bundled corpus built once with the real extractor, in worker processes."""
    db_path = tmp_path_factory.mktemp("corpus") / "kb.db"
    first = build(db_path, CORPUS, now=NOW)
    return db_path, first


def test_corpus_builds_every_file(corpus_db):
    db_path, report = corpus_db
    assert report.failed == []
    assert len(report.added) == len(expand_paths(CORPUS))
    database = connect(db_path)
    assert database["documents"].count == len(report.added)
    assert database["pages"].count == report.pages > 0


def test_corpus_second_build_changes_nothing(corpus_db, tmp_path):
    db_path, _ = corpus_db
    before, before_dump = file_hash(db_path), dump(db_path)
    report = build(db_path, CORPUS)
    assert len(report.skipped) == len(expand_paths(CORPUS))
    assert report.added == report.replaced == report.failed == []
    assert file_hash(db_path) == before
    assert dump(db_path) == before_dump


def test_corpus_rebuilt_from_scratch_has_the_same_ids(corpus_db, tmp_path):
    db_path, _ = corpus_db
    again = tmp_path / "again.db"
    build(again, CORPUS, now=NOW)
    assert dump(again) == dump(db_path)


def test_open_items_on_the_corpus_hold_no_noted_item(corpus_db):
    database = connect(corpus_db[0])
    kinds = {row[0] for row in database.execute("SELECT kind FROM open_items")}
    assert "noted" not in kinds
    assert database.execute("SELECT count(*) FROM items WHERE kind = 'noted'").fetchone()[0] > 0


def test_changed_file_is_the_only_one_rebuilt(three_docs, tmp_path):
    db_path = tmp_path / "kb.db"
    synthetic_build(db_path, three_docs)
    old_id = connect(db_path).execute("SELECT id FROM documents WHERE path LIKE '%a.txt'").fetchone()[0]
    write_doc(three_docs[0].parent, "a.txt", meeting=meeting("臺中市強化社會安全網推動會報", "2023-03-01"),
              items=[item("請衛生局加強家訪", "directive", ["臺中市政府衛生局"])])
    report = synthetic_build(db_path, three_docs)
    assert [f.path.endswith("a.txt") for f in report.replaced] == [True]
    assert len(report.skipped) == 2
    database = connect(db_path)
    assert database.execute("SELECT count(*) FROM documents WHERE id = ?", [old_id]).fetchone()[0] == 0
    assert database.execute("SELECT count(*) FROM items WHERE document_id = ?", [old_id]).fetchone()[0] == 0
    texts = database.execute(
        "SELECT i.text FROM items i JOIN documents d ON d.id = i.document_id WHERE d.path LIKE '%a.txt'"
    ).fetchall()
    assert texts == [("請衛生局加強家訪",)]


@pytest.mark.parametrize("failure", ["bad_input", "crash"])
def test_failed_file_leaves_the_database_byte_identical(three_docs, tmp_path, failure):
    db_path = tmp_path / "kb.db"
    synthetic_build(db_path, three_docs)
    before = file_hash(db_path)
    bad = write_doc(tmp_path, "bad.txt", fail=failure)
    report = synthetic_build(db_path, [bad, *three_docs], workers=1)
    assert [f.path for f in report.failed] == [str(bad.resolve())]
    assert report.failed[0].reason == ("corrupt" if failure == "bad_input" else "crash")
    assert report.exit_status == 2
    assert file_hash(db_path) == before


def test_real_damaged_pdf_fails_alone_and_leaves_the_database_unchanged(tmp_path):
    """A PDF cut off halfway (an interrupted download) through the real extractor."""
    good = tmp_path / "good.pdf"
    shutil.copy(ROOT / "corpus" / "pdf" / "000_cc469a30a0b85147.pdf", good)
    db_path = tmp_path / "kb.db"
    build(db_path, [good])
    before = file_hash(db_path)
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(good.read_bytes()[:2000])
    report = build(db_path, [damaged, good])
    assert len(report.failed) == 1 and report.failed[0].path.endswith("damaged.pdf")
    assert file_hash(db_path) == before


def test_hang_memory_bomb_and_dying_worker_cost_one_file_each(three_docs, tmp_path):
    db_path = tmp_path / "kb.db"
    bad = [
        write_doc(tmp_path, "hang.txt", fail="hang"),
        write_doc(tmp_path, "bomb.txt", fail="memory"),
        write_doc(tmp_path, "die.txt", fail="die"),
    ]
    report = synthetic_build(db_path, [*bad, *three_docs], workers=2, timeout=2, memory_mb=1024)
    reasons = {Path(f.path).name: f.reason for f in report.failed}
    assert reasons == {"hang.txt": "timeout", "bomb.txt": "too_large", "die.txt": "crash"}
    assert len(report.added) == 3
    clean = tmp_path / "clean.db"
    synthetic_build(clean, three_docs)
    assert dump(db_path) == dump(clean)


def test_worker_stuck_in_native_code_is_killed(three_docs, tmp_path, monkeypatch):
    monkeypatch.setattr("db.build.HARD_TIMEOUT_GRACE", 1)
    stuck = write_doc(tmp_path, "stuck.txt", fail="native_hang")
    report = synthetic_build(tmp_path / "kb.db", [stuck, *three_docs], workers=2, timeout=1)
    assert [(Path(f.path).name, f.reason) for f in report.failed] == [("stuck.txt", "timeout")]
    assert len(report.added) == 3


def test_interrupted_build_resumes_to_the_same_database(three_docs, tmp_path):
    """Ctrl-C after the first file: commit per file, derived data redone on the next run."""
    db_path = tmp_path / "kb.db"
    interrupt = write_doc(tmp_path, "interrupt.txt", fail="interrupt")
    with pytest.raises(KeyboardInterrupt):
        synthetic_build(db_path, [three_docs[0], interrupt, *three_docs[1:]])
    assert connect(db_path)["documents"].count == 1
    synthetic_build(db_path, three_docs)
    clean = tmp_path / "clean.db"
    synthetic_build(clean, three_docs)
    assert dump(db_path) == dump(clean)


DOC_SPECS = [
    ("m1.txt", dict(meeting=meeting("嘉義市推動小組", "2022-01-10"),
                    items=[item("請社會處辦理訪視", "directive", ["嘉義市政府社會處"]),
                           item("請衛生局於下次會議報告", "directive", ["嘉義市政府衛生局"], deadline={"raw": "下次會議", "kind": "next_meeting"})])),
    ("m2.txt", dict(meeting=meeting("嘉義市推動小組", "2022-04-10"),
                    items=[item("第1案解除列管", "decision", tracking="解除列管", refs=[1]),
                           item("第2案繼續列管", "decision", tracking="繼續列管", refs=[2]),
                           item("請社會處辦理訪視工作", "directive", ["嘉義市政府社會處", "自訂單位"])])),
    ("m3.txt", dict(meeting=meeting("台北市推動小組", "2022-02-01"), items=[item("照案通過", "resolution")])),
    ("deck.txt", dict(kind="deck", items=[item("逐年提升至85%", "target", ["嘉義市政府衛生局"])])),
    ("same-as-m1.txt", None),  # a copy of m1 under another name: skipped as unchanged content
]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(len(DOC_SPECS))), split=st.integers(0, len(DOC_SPECS)))
def test_build_order_does_not_change_the_database(tmp_path_factory, order, split):
    """Any order, in one batch or two, gives the same rows as the reference build."""
    docs = tmp_path_factory.mktemp("docs")
    paths = []
    for name, spec in DOC_SPECS:
        if spec is None:
            shutil.copy(docs / "m1.txt", docs / name)
            paths.append(docs / name)
        else:
            paths.append(write_doc(docs, name, **spec))
    reference = docs / "reference.db"
    synthetic_build(reference, paths[:-1])
    shuffled = [paths[i] for i in order]
    db_path = docs / "shuffled.db"
    synthetic_build(db_path, shuffled[:split])
    synthetic_build(db_path, shuffled[split:])
    got, want = dump(db_path), dump(reference)
    # which of two identical files is stored depends on which came first; the rows do not otherwise
    for rows in (got["documents"], want["documents"]):
        rows[:] = sorted((r[0], r[3], r[4]) for r in rows)
    assert got == want


def test_missing_and_special_files_fail_without_reading(tmp_path):
    report = synthetic_build(tmp_path / "kb.db", [tmp_path / "absent.pdf", Path("/dev/zero")])
    assert [(f.reason, f.message) for f in report.failed] == [
        ("unreadable", "No such file or directory"), ("unsupported", "not a regular file")
    ]


def test_directories_expand_to_supported_files(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("a.pdf", "sub/b.txt", "c.docx", "d.odt", "skip.json", "e.PDF"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in expand_paths([tmp_path])] == ["a.pdf", "c.docx", "d.odt", "e.PDF", "b.txt"]


def test_search_index_is_rebuilt_after_a_build(three_docs, tmp_path):
    pytest.importorskip("db.search")
    db_path = tmp_path / "kb.db"
    synthetic_build(db_path, three_docs)
    database = connect(db_path)
    assert "items_fts" in database.table_names()
    from db.search import search

    hits = search(database.conn, "衛生局")
    assert [h["id"] for h in hits] == [r[0] for r in database.execute("SELECT id FROM items WHERE text LIKE '%衛生局%'")]


def test_units_are_the_gazetteer_plus_units_found_in_items(tmp_path):
    db_path = tmp_path / "kb.db"
    doc = write_doc(tmp_path, "u.txt", meeting=meeting("臺中市推動會報", "2024-01-01"), items=[
        item("請衛生局會同某某工作小組辦理", "directive", ["臺中市政府衛生局", "某某工作小組", "衛生福利部"]),
    ])
    synthetic_build(db_path, [doc])
    database = connect(db_path)
    rows = {r[0]: r[1:] for r in database.execute(
        "SELECT id, in_gazetteer, parent FROM units WHERE id IN ('臺中市政府衛生局', '某某工作小組', '衛生福利部')")}
    assert rows == {"臺中市政府衛生局": (1, "臺中市政府"), "某某工作小組": (0, None), "衛生福利部": (1, None)}
    listed = database.execute("SELECT count(*) FROM units WHERE in_gazetteer = 1").fetchone()[0]
    assert listed > 100  # the whole gazetteer, not only the units used
    write_doc(tmp_path, "u.txt", meeting=meeting("臺中市推動會報", "2024-01-01"), items=[item("照案通過")])
    synthetic_build(db_path, [doc])
    gone = database.execute("SELECT count(*) FROM units WHERE id IN ('臺中市政府衛生局', '某某工作小組')").fetchone()[0]
    assert gone == 0


def test_cli_build_prints_one_error_line_and_exits_2(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    good = tmp_path / "minutes.txt"
    shutil.copy(ROOT / "corpus" / "seeds" / "002_8ecfc175fd86162a.txt", good)
    db_path = tmp_path / "kb.db"
    result = CliRunner().invoke(main, ["build", str(empty), str(good), "--db", str(db_path), "--workers", "1"])
    assert result.exit_code == 2, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {empty.resolve()}: ")
    assert connect(db_path)["documents"].count == 1
    again = CliRunner().invoke(main, ["build", str(good), "--db", str(db_path)])
    assert again.exit_code == 0 and "1 unchanged" in again.output


def wrapped_extractor(path, password):
    """Another extractor (another module's code): its records must replace json_extractor's."""
    return json_extractor(path, password)


def test_a_changed_extractor_re_extracts_unchanged_files(three_docs, tmp_path):
    db_path = tmp_path / "kb.db"
    synthetic_build(db_path, three_docs)
    report = build(db_path, three_docs, workers=0, extractor=wrapped_extractor, now=NOW)
    assert len(report.replaced) == 3
    again = build(db_path, three_docs, workers=0, extractor=wrapped_extractor, now=NOW)
    assert len(again.skipped) == 3
    assert connect(db_path)["documents"].count == 3


def test_preloading_the_unit_pipeline_leaves_garbage_collection_on():
    """The parent loads the spaCy pipeline with collection paused, for speed;
    left paused, every later cycle of the process would never be freed."""
    unit_pipeline.cache_clear()
    _preload()
    assert unit_pipeline.cache_info().currsize == 1
    assert gc.isenabled()
