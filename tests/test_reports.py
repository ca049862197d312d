"""db/reports.py: overdue items as of a day, and CSV/JSON exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from click.testing import CliRunner

from db.build import build
from db.cli import main
from db.migrate import connect
from db.reports import export, overdue
from db.status import set_status
from tests.kb_fixtures import item, json_extractor, meeting, write_doc

BODY = "臺中市強化社會安全網推動會報"


def deadline(date):
    return {"raw": date, "kind": "date", "date": date}


@pytest.fixture
def kb(tmp_path):
    """Meeting 1 (2023-03-01) sets four deadlines; meeting 2 (2023-06-15) releases case 2."""
    first = write_doc(tmp_path, "first.txt", meeting=meeting(BODY, "2023-03-01"), items=[
        item("請衛生局於4月底前完成招募", "directive", ["臺中市政府衛生局"], deadline=deadline("2023-04-30")),
        item("請社會局於5月底前提報計畫", "directive", ["臺中市政府社會局", "臺中市政府衛生局"], deadline=deadline("2023-05-31")),
        item("請民政局於年底前完成盤點", "directive", ["臺中市政府民政局"], deadline=deadline("2023-12-31")),
        item("洽悉。", "noted", deadline=deadline("2023-03-31")),
        item("請教育局持續辦理", "directive", ["臺中市政府教育局"], deadline={"raw": "持續", "kind": "ongoing"}),
    ])
    second = write_doc(tmp_path, "second.txt", meeting=meeting(BODY, "2023-06-15"), items=[
        item("第2案解除列管", "decision", tracking="解除列管", refs=[2]),
    ])
    db_path = tmp_path / "kb.db"
    build(db_path, [first, second], workers=0, extractor=json_extractor, now="2024-06-01T00:00:00Z")
    database = connect(db_path)
    ids = [r[0] for r in database.execute("SELECT id FROM items WHERE meeting_id = (SELECT id FROM meetings WHERE date = '2023-03-01') ORDER BY position")]
    return db_path, database, ids


def texts(rows):
    return [row["text"] for row in rows]


def test_overdue_as_of_a_day_before_the_release(kb):
    _, database, _ = kb
    rows = overdue(database, as_of="2023-06-10")
    assert texts(rows) == ["請衛生局於4月底前完成招募", "請社會局於5月底前提報計畫"]
    assert [r["days_overdue"] for r in rows] == [41, 10]
    assert rows[0]["lead_unit"] == "臺中市政府衛生局" and rows[1]["assist_units"] == "臺中市政府衛生局"


def test_overdue_after_the_release_and_on_the_deadline_day(kb):
    _, database, _ = kb
    assert texts(overdue(database, as_of="2023-06-15")) == ["請衛生局於4月底前完成招募"]
    assert texts(overdue(database, as_of="2023-04-30")) == []  # due that day: not yet overdue
    assert texts(overdue(database, as_of="2023-02-01")) == []  # before the meeting: the items did not exist


def test_overdue_follows_manual_updates_by_day(kb):
    _, database, ids = kb
    set_status(database, ids[0], "resolved", by="王小明", at="2023-05-10T08:00:00Z")
    assert texts(overdue(database, as_of="2023-05-09")) == ["請衛生局於4月底前完成招募"]
    assert texts(overdue(database, as_of="2023-05-10")) == []
    assert texts(overdue(database, as_of="2024-01-02")) == ["請民政局於年底前完成盤點"]


def test_overdue_by_unit_matches_any_role_and_short_names(kb):
    _, database, _ = kb
    assert texts(overdue(database, as_of="2023-06-10", unit="衛生局")) == ["請衛生局於4月底前完成招募", "請社會局於5月底前提報計畫"]
    assert texts(overdue(database, as_of="2023-06-10", unit="台中市政府社會局")) == ["請社會局於5月底前提報計畫"]
    assert overdue(database, as_of="2023-06-10", unit="警察局") == []


def test_overdue_today_agrees_with_the_overdue_items_view(kb):
    _, database, _ = kb
    view = [r[0] for r in database.execute("SELECT id FROM overdue_items ORDER BY deadline_date, id")]
    assert [r["id"] for r in overdue(database)] == view
    assert len(view) == 2  # 4月底 and 年底 are past today; 5月底 was released


def test_overdue_rejects_a_malformed_day(kb):
    with pytest.raises(ValueError):
        overdue(kb[1], as_of="2023/06/10")


def test_csv_export_opens_in_excel(kb):
    _, database, _ = kb
    text = export(database, "csv")
    assert text.startswith("\ufeff編號,會議,")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 6
    assert {r["列管狀態"] for r in rows if r["類別"] == "洽悉"} == {""}
    assert [r["列管狀態"] for r in rows if r["內容"] == "請社會局於5月底前提報計畫"] == ["解除列管"]


def test_open_export_holds_only_tracked_items(kb):
    _, database, _ = kb
    rows = json.loads(export(database, "json", open_only=True))
    assert sorted(r["text"] for r in rows) == sorted(
        ["請衛生局於4月底前完成招募", "請民政局於年底前完成盤點", "請教育局持續辦理", "第2案解除列管"]
    )
    assert all(r["kind"] != "noted" for r in rows)


def test_cli_overdue_and_export(kb, tmp_path):
    db_path, _, _ = kb
    runner = CliRunner()
    result = runner.invoke(main, ["overdue", "--as-of", "2023-06-10", "--unit", "衛生局", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("2023-")]
    assert lines[0].startswith("2023-04-30  逾期41日  臺中市政府衛生局  請衛生局")
    assert len(lines) == 2
    bad = runner.invoke(main, ["overdue", "--as-of", "June", "--db", str(db_path)])
    assert bad.exit_code != 0 and "--as-of" in bad.output
    out = tmp_path / "open.csv"
    exported = runner.invoke(main, ["export", "--open", "--format", "csv", "--out", str(out), "--db", str(db_path)])
    assert exported.exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) == 1 + 4


def test_today_utc_is_used_by_default(kb):
    _, database, _ = kb
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    assert overdue(database) == overdue(database, as_of=today)
