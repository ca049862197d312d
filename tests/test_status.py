"""db/status.py: manual status updates survive rebuilds; history lists every event in order."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from db.build import build
from db.cli import main
from db.migrate import connect
from db.status import StatusError, current_status, history, set_status
from tests.kb_fixtures import dump, item, json_extractor, meeting, write_doc

BODY = "嘉義市強化社會安全網推動小組"


def build_docs(db_path, paths):
    return build(db_path, paths, workers=0, extractor=json_extractor, now="2024-06-01T00:00:00Z")


@pytest.fixture
def kb(tmp_path):
    first = write_doc(tmp_path, "first.txt", meeting=meeting(BODY, "2023-03-01"),
                      items=[item("請社會處辦理脆弱家庭訪視", "directive", ["嘉義市政府社會處"]), item("洽悉。", "noted")])
    db_path = tmp_path / "kb.db"
    build_docs(db_path, [first])
    database = connect(db_path)
    directive, noted = [r[0] for r in database.execute("SELECT id FROM items ORDER BY position")]
    return db_path, first, directive, noted


def test_manual_status_becomes_current_and_is_in_history(kb):
    db_path, _, directive, _ = kb
    database = connect(db_path)
    set_status(database, directive, "resolved", note="已完成訪視", by="王小明", at="2023-04-02T09:00:00Z")
    assert current_status(database, directive) == "resolved"
    meeting_id = database.execute("SELECT meeting_id FROM items WHERE id = ?", [directive]).fetchone()[0]
    assert [(e["status"], e["source"], e["set_by"]) for e in history(database, directive)] == [
        ("open", "extracted", meeting_id),
        ("resolved", "manual", "王小明"),
    ]


def test_manual_status_survives_rebuilds_without_duplicates(kb, tmp_path):
    db_path, first, directive, _ = kb
    database = connect(db_path)
    set_status(database, directive, "in_progress", note="招募中", by="李專員", at="2023-03-20")
    second = write_doc(tmp_path, "second.txt", meeting=meeting(BODY, "2023-06-01"), items=[item("照案通過")])
    build_docs(db_path, [first, second])  # new file: tracking is recomputed from scratch
    build_docs(db_path, [first, second])  # nothing changed
    manual = database.execute("SELECT item_id, status, note FROM status_events WHERE source = 'manual'").fetchall()
    assert manual == [(directive, "in_progress", "招募中")]
    assert current_status(database, directive) == "in_progress"


def test_manual_event_moves_to_the_corrected_version_of_a_file(kb):
    """A corrected file gets new item ids; the manual update follows the same directive."""
    db_path, first, directive, _ = kb
    database = connect(db_path)
    set_status(database, directive, "resolved", by="王小明", at="2023-04-02")
    write_doc(first.parent, "first.txt", meeting=meeting(BODY, "2023-03-01"),
              items=[item("請社會處辦理脆弱家庭訪視。", "directive", ["嘉義市政府社會處"]), item("洽悉。", "noted")])
    build_docs(db_path, [first])
    new_id = database.execute("SELECT id FROM items WHERE kind = 'directive'").fetchone()[0]
    assert new_id != directive
    assert current_status(database, new_id) == "resolved"


def test_manual_event_wins_over_an_extracted_one_at_the_same_time(kb, tmp_path):
    db_path, first, directive, _ = kb
    database = connect(db_path)
    set_status(database, directive, "resolved", by="王小明", at="2023-06-01")
    second = write_doc(tmp_path, "second.txt", meeting=meeting(BODY, "2023-06-01"),
                       items=[item("第1案繼續列管", "decision", tracking="繼續列管", refs=[1])])
    build_docs(db_path, [first, second])
    assert [e["status"] for e in history(database, directive)] == ["open", "continued", "resolved"]
    assert current_status(database, directive) == "resolved"


def test_a_later_meeting_continuing_a_case_overrides_an_earlier_manual_resolved(kb, tmp_path):
    """The secretariat marks the directive resolved in April; the June meeting
    still continues it (繼續列管) and the September meeting continues it again.
    The latest event by time wins, whatever its source: the item is open again
    and stays on the 列管 list (manual updates never renumber the list)."""
    db_path, first, directive, _ = kb
    database = connect(db_path)
    set_status(database, directive, "resolved", note="已完成訪視", by="王小明", at="2023-04-02T09:00:00Z")
    second = write_doc(tmp_path, "second.txt", meeting=meeting(BODY, "2023-06-01"),
                       items=[item("第1案繼續列管", "decision", tracking="繼續列管", refs=[1])])
    third = write_doc(tmp_path, "third.txt", meeting=meeting(BODY, "2023-09-01"),
                      items=[item("第1案繼續列管", "decision", tracking="繼續列管", refs=[1])])
    build_docs(db_path, [third, first, second])
    assert [(e["status"], e["at"]) for e in history(database, directive)] == [
        ("open", "2023-03-01"),
        ("resolved", "2023-04-02T09:00:00Z"),
        ("continued", "2023-06-01"),
        ("continued", "2023-09-01"),
    ]
    assert current_status(database, directive) == "continued"
    assert database.execute("SELECT count(*) FROM open_items WHERE id = ?", [directive]).fetchone() == (1,)


def test_bad_updates_are_refused(kb):
    db_path, _, directive, noted = kb
    database = connect(db_path)
    before = dump(db_path)
    with pytest.raises(StatusError, match="unknown status"):
        set_status(database, directive, "done")
    with pytest.raises(StatusError, match="no item"):
        set_status(database, "nope", "resolved")
    with pytest.raises(StatusError, match="not tracked"):
        set_status(database, noted, "resolved")
    assert dump(db_path) == before


def test_cli_status_and_history(kb):
    db_path, _, directive, _ = kb
    runner = CliRunner()
    result = runner.invoke(main, ["status", directive, "--set", "resolved", "--note", "已辦竣", "--by", "王小明",
                                  "--at", "2023-05-05T10:00:00Z", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"{directive}: resolved"
    shown = runner.invoke(main, ["history", directive, "--db", str(db_path)])
    lines = shown.output.splitlines()
    assert shown.exit_code == 0 and len(lines) == 2
    assert lines[0].startswith("2023-03-01  open") and lines[1].startswith("2023-05-05T10:00:00Z  resolved")
    assert "王小明" in lines[1] and "已辦竣" in lines[1]
    refused = runner.invoke(main, ["status", directive, "--set", "finished", "--db", str(db_path)])
    assert refused.exit_code != 0 and "unknown status" in refused.output
    unknown = runner.invoke(main, ["history", "no-such-item", "--db", str(db_path)])
    assert unknown.exit_code != 0 and "no item" in unknown.output
    missing = runner.invoke(main, ["history", directive, "--db", str(db_path.parent / "none.db")])
    assert missing.exit_code != 0 and "lieguan build" in missing.output


def test_history_of_an_undated_item(tmp_path):
    deck = write_doc(tmp_path, "deck.txt", kind="deck", items=[item("至114年辦理場次達50次", "target")])
    db_path = tmp_path / "kb.db"
    build_docs(db_path, [deck])
    target = connect(db_path).execute("SELECT id FROM items").fetchone()[0]
    result = CliRunner().invoke(main, ["history", target, "--db", str(db_path)])
    assert result.exit_code == 0 and "current status: open" in result.output
