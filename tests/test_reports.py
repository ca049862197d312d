"""db/reports.py: overdue items as of a day, and CSV/JSON exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from click.testing import CliRunner
from sqlite_utils import Database

from db.build import build
from db.cli import main
from db.migrate import connect
from db.reports import export, find_meeting, overdue, tracking_table
from db.status import history, set_status
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


# A year across a leap day: meeting 1 on 2024-01-31 sets deadlines on month ends
# and leap days; meeting 2 on 2024-02-29 releases case 1, continues case 2 and adds
# a directive; meeting 3 on 2024-03-31 releases case 1 of its list, the carried case.
LEAP_YEAR = [
    ("2024-01-31", [
        item("請衛生局於2月28日前完成招募", "directive", ["臺中市政府衛生局"], deadline=deadline("2024-02-28")),
        item("請社會局於2月29日前提報計畫", "directive", ["臺中市政府社會局"], deadline=deadline("2024-02-29")),
        item("請民政局於3月1日前完成盤點", "directive", ["臺中市政府民政局"], deadline=deadline("2024-03-01")),
        item("請教育局於3月31日前完成訪視", "directive", ["臺中市政府教育局"], deadline=deadline("2024-03-31")),
        item("請警察局於年底前完成演練", "directive", ["臺中市政府警察局"], deadline=deadline("2024-12-31")),
        item("請消防局持續辦理", "directive", ["臺中市政府消防局"], deadline={"raw": "持續", "kind": "ongoing"}),
        item("請社會局於下次會議報告", "directive", ["臺中市政府社會局"], deadline={"raw": "下次會議", "kind": "next_meeting"}),
        item("洽悉。", "noted", deadline=deadline("2024-02-01")),
        item("請地政局於114年2月28日前完成清查", "directive", ["臺中市政府地政局"], deadline=deadline("2025-02-28")),
    ]),
    ("2024-02-29", [
        item("第1案解除列管，第2案繼續列管。", "noted", tracking="解除列管", refs=[1],
             extra={"tracking": [{"status": "解除列管", "refs": [1]}, {"status": "繼續列管", "refs": [2]}]}),
        item("請工務局於3月31日前完成側溝清淤", "directive", ["臺中市政府工務局"], deadline=deadline("2024-03-31")),
    ]),
    ("2024-03-31", [item("第1案解除列管", "noted", tracking="解除列管", refs=[1])]),
]
# (item text, status, at): the secretariat's own updates, some on the very day they count from
MANUAL_UPDATES = [
    ("請民政局於3月1日前完成盤點", "resolved", "2024-02-29T23:59:59Z"),
    ("請教育局於3月31日前完成訪視", "in_progress", "2024-03-01"),
    ("請教育局於3月31日前完成訪視", "resolved", "2024-06-30T00:00:00Z"),
    ("請警察局於年底前完成演練", "resolved", "2024-12-31T12:00:00Z"),
    ("請警察局於年底前完成演練", "open", "2025-01-31"),
]


@pytest.fixture(scope="module")
def leap_kb(tmp_path_factory):
    directory = tmp_path_factory.mktemp("leap")
    paths = [write_doc(directory, f"m{n}.txt", meeting=meeting(BODY, date), items=items)
             for n, (date, items) in enumerate(LEAP_YEAR, start=1)]
    db_path = directory / "kb.db"
    build(db_path, paths, workers=0, extractor=json_extractor, now="2025-06-01T00:00:00Z")
    database = connect(db_path)
    for text, status, at in MANUAL_UPDATES:
        item_id = database.execute("SELECT id FROM items WHERE text = ?", [text]).fetchone()[0]
        set_status(database, item_id, status, by="秘書單位", at=at)
    return db_path, database


def expected_overdue(database, as_of: dt.date) -> set[str]:
    """The overdue rule written out item by item: the item exists (its meeting was
    held), its deadline is before ``as_of`` and its last event on or before that
    day (history order) leaves it open, in progress or continued."""
    day = as_of.isoformat()
    result = set()
    for item_id, meeting_date, deadline_date in database.execute(
        "SELECT id, meeting_date, deadline_date FROM item_details WHERE kind <> 'noted'"
    ):
        if meeting_date > day or deadline_date is None or deadline_date >= day:
            continue
        events = [e for e in history(database, item_id) if e["at"][:10] <= day]
        if (events[-1]["status"] if events else "open") in ("open", "in_progress", "continued"):
            result.add(item_id)
    return result


MONTH_ENDS = [dt.date(year, month, 1) - dt.timedelta(days=1) + dt.timedelta(days=shift)
              for year in (2024, 2025) for month in range(1, 13) for shift in (-1, 0, 1)]


@settings(max_examples=60, deadline=None)
@given(as_of=st.one_of(st.sampled_from(MONTH_ENDS), st.dates(dt.date(2023, 12, 1), dt.date(2025, 12, 31))))
def test_overdue_on_any_day_follows_the_status_of_that_day(leap_kb, as_of):
    _, database = leap_kb
    rows = overdue(database, as_of=as_of.isoformat())
    assert {r["id"] for r in rows} == expected_overdue(database, as_of)
    assert all(r["days_overdue"] == (as_of - dt.date.fromisoformat(r["deadline_date"])).days > 0 for r in rows)


@pytest.mark.parametrize("as_of, texts_overdue", [
    ("2024-02-28", []),  # 2月28日 is due that day
    ("2024-02-29", []),  # the leap-day meeting released case 1 on the day after its deadline
    ("2024-03-01", ["請社會局於2月29日前提報計畫", "請社會局於下次會議報告"]),  # continued; no statement
    ("2024-03-31", ["請社會局於下次會議報告"]),  # the carried case is released on its meeting 3 number
    ("2024-04-01", ["請社會局於下次會議報告", "請教育局於3月31日前完成訪視", "請工務局於3月31日前完成側溝清淤"]),
    ("2025-01-01", ["請社會局於下次會議報告", "請工務局於3月31日前完成側溝清淤"]),
    ("2025-02-01", ["請社會局於下次會議報告", "請工務局於3月31日前完成側溝清淤", "請警察局於年底前完成演練"]),
    ("2025-03-01", ["請社會局於下次會議報告", "請工務局於3月31日前完成側溝清淤", "請警察局於年底前完成演練",
                    "請地政局於114年2月28日前完成清查"]),
])
def test_cli_overdue_at_month_ends_and_leap_days(leap_kb, as_of, texts_overdue):
    db_path, _ = leap_kb
    result = CliRunner().invoke(main, ["overdue", "--as-of", as_of, "--format", "json", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert sorted(row["text"] for row in rows) == sorted(texts_overdue)
    assert [row["deadline_date"] for row in rows] == sorted(row["deadline_date"] for row in rows)


def test_cli_overdue_refuses_a_leap_day_of_a_common_year(leap_kb):
    db_path, _ = leap_kb
    result = CliRunner().invoke(main, ["overdue", "--as-of", "2025-02-29", "--db", str(db_path)])
    assert result.exit_code != 0 and "--as-of" in result.output


def test_overdue_view_leaves_out_closed_and_undated_items(leap_kb):
    """overdue_items (as of today) holds no released, resolved, noted or undated item."""
    _, database = leap_kb
    rows = database.execute("SELECT kind, status, deadline_date FROM overdue_items").fetchall()
    assert rows and all(kind != "noted" and status in ("open", "in_progress", "continued") and deadline
                        for kind, status, deadline in rows)
    closed = {r[0] for r in database.execute("SELECT id FROM item_overview WHERE status IN ('released', 'resolved')")}
    undated = {r[0] for r in database.execute("SELECT id FROM items WHERE deadline_date IS NULL")}
    listed = {r[0] for r in database.execute("SELECT id FROM overdue_items")}
    assert closed and undated and not listed & (closed | undated)


def test_tracking_table_for_the_next_meeting(leap_kb):
    """The table the secretariat prepares after each meeting: carried cases first."""
    _, database = leap_kb
    first, second, third = [r[0] for r in database.execute("SELECT id FROM meetings ORDER BY date")]
    after_first = tracking_table(database, first)
    assert [r["number"] for r in after_first] == list(range(1, 9))
    assert after_first[0]["text"] == "請衛生局於2月28日前完成招募" and after_first[0]["status_label"] == "解除列管"
    assert [(r["number"], r["meeting_date"], r["lead_unit"], r["status"]) for r in tracking_table(database, second)] == [
        (1, "2024-01-31", "臺中市政府社會局", "released"),  # continued on 2024-02-29, released since
        (2, "2024-02-29", "臺中市政府工務局", "open"),
    ]
    assert tracking_table(database, third) == []


def test_cli_cases_lists_the_table_and_refuses_an_unknown_meeting(leap_kb):
    db_path, database = leap_kb
    second = database.execute("SELECT id FROM meetings WHERE date = '2024-02-29'").fetchone()[0]
    result = CliRunner().invoke(main, ["cases", second, "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert [line.split("  ")[:3] for line in result.stdout.splitlines()] == [
        ["第1案", "解除列管", "臺中市政府社會局"], ["第2案", "列管中", "臺中市政府工務局"],
    ]
    unknown = CliRunner().invoke(main, ["cases", "no-such-meeting", "--db", str(db_path)])
    assert unknown.exit_code != 0 and "no meeting" in unknown.output


def test_cases_names_the_meeting_by_date_or_id_prefix(leap_kb):
    """A secretary knows the meeting's date, not its 64-character id: the date
    or the start of the id serve; an ambiguous prefix lists the candidates."""
    db_path, database = leap_kb
    second = database.execute("SELECT id FROM meetings WHERE date = '2024-02-29'").fetchone()[0]
    by_id = CliRunner().invoke(main, ["cases", second, "--db", str(db_path)]).stdout
    assert CliRunner().invoke(main, ["cases", "2024-02-29", "--db", str(db_path)]).stdout == by_id
    assert CliRunner().invoke(main, ["cases", second[:8], "--db", str(db_path)]).stdout == by_id
    assert find_meeting(database, second[:8]) == second
    for too_short in ("", second[:3]):
        with pytest.raises(ValueError, match="no meeting"):
            find_meeting(database, too_short)


def test_a_date_two_meetings_share_is_refused_with_both_listed(tmp_path):
    """Two bodies can meet on the same day: the date alone is then ambiguous."""
    database = Database(str(tmp_path / "two.db"))
    database["meetings"].insert_all([{"id": "a" * 64, "date": "2024-03-01", "title": "甲會報"},
                                     {"id": "b" * 64, "date": "2024-03-01", "title": "乙會報"}])
    with pytest.raises(ValueError, match="2 meetings match '2024-03-01'.*甲會報.*乙會報"):
        find_meeting(database, "2024-03-01")
    assert find_meeting(database, "bbbb") == "b" * 64
