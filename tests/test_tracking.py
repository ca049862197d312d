"""db/tracking.py: statuses, case numbers, repeated directives and next-meeting dates across meetings."""

from __future__ import annotations

import pytest

from db.build import build
from db.migrate import connect
from db.status import history
from db.tracking import case_numbers, same_body
from tests.kb_fixtures import item, json_extractor, meeting, write_doc

BODY = "臺中市強化社會安全網推動會報"


def build_docs(db_path, paths):
    return build(db_path, paths, workers=0, extractor=json_extractor, now="2024-06-01T00:00:00Z")


@pytest.fixture
def pair(tmp_path):
    """Two meetings of one body; the second releases cases 1 and 3 and continues case 2.

    Case numbers count the first meeting's directives, resolutions, decisions and
    requests in order — the noted item and the milestone are not cases.
    """
    first = write_doc(
        tmp_path, "first.txt",
        meeting=meeting(BODY, "2023-03-01"),
        items=[
            item("洽悉。", "noted"),
            item("請衛生局於一個月內完成社區關懷訪視員招募", "directive", ["臺中市政府衛生局"],
                 deadline={"raw": "一個月內", "kind": "relative", "date": "2023-04-01"}),   # case 1
            item("下次會議預訂於112年6月召開", "milestone"),
            item("請社會局於下次會議報告脆弱家庭個案追蹤情形", "directive", ["臺中市政府社會局"],
                 deadline={"raw": "下次會議", "kind": "next_meeting"}),                    # case 2
            item("照案通過", "resolution", ["臺中市政府民政局"]),                           # case 3
            item("建請中央補助社工人力經費", "request", ["衛生福利部"]),                    # case 4
        ],
    )
    second = write_doc(
        tmp_path, "second.txt",
        meeting=meeting("台中市強化社會安全網推動會報", "2023-06-15", next_meeting_date="2023-09-20"),
        items=[
            item("確認前次會議紀錄", "noted"),
            item("第1案、第3案解除列管；第9案不存在", "decision", tracking="解除列管", refs=[1, 3, 9]),
            item("第2案繼續列管，請社會局持續追蹤", "decision", ["臺中市政府社會局"], tracking="繼續列管", refs=[2]),
            item("請社會局於下次會議報告脆弱家庭個案之追蹤情形", "directive", ["臺中市政府社會局"],
                 deadline={"raw": "下次會議", "kind": "next_meeting"}),
        ],
    )
    other_body = write_doc(
        tmp_path, "other.txt",
        meeting=meeting("嘉義市行政輔導團", "2023-05-01"),
        items=[item("第1案解除列管", "decision", tracking="解除列管", refs=[1])],
    )
    db_path = tmp_path / "kb.db"
    build_docs(db_path, [second, other_body, first])
    return connect(db_path)


def items_of(database, date):
    return database.execute(
        "SELECT i.id FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE m.date = ? ORDER BY i.position", [date]
    ).fetchall()


def status_of(database, item_id):
    return database.execute("SELECT status FROM item_overview WHERE id = ?", [item_id]).fetchone()[0]


def test_meetings_of_one_body_are_grouped_and_ordered(pair):
    rows = pair.execute("SELECT date, body_group, sequence FROM meetings ORDER BY date").fetchall()
    assert rows == [
        ("2023-03-01", BODY, 1),
        ("2023-05-01", "嘉義市行政輔導團", 1),
        ("2023-06-15", BODY, 2),
    ]
    first, second = pair.execute("SELECT id FROM meetings WHERE body_group = ? ORDER BY date", [BODY]).fetchall()
    assert pair.execute("SELECT previous_meeting_id FROM meetings WHERE id = ?", [second[0]]).fetchone() == first
    assert pair.execute("SELECT next_meeting_id FROM meetings WHERE id = ?", [first[0]]).fetchone() == second


def test_later_meeting_releases_and_continues_earlier_cases(pair):
    noted, case1, milestone, case2, case3, case4 = [r[0] for r in items_of(pair, "2023-03-01")]
    assert status_of(pair, noted) is None
    assert status_of(pair, case1) == "released"
    assert status_of(pair, case2) == "continued"
    assert status_of(pair, case3) == "released"
    assert status_of(pair, case4) == "open"
    assert status_of(pair, milestone) == "open"
    released = {r[0]: r[1] for r in pair.execute("SELECT id, released_at FROM released_items")}
    assert released == {case1: "2023-06-15", case3: "2023-06-15"}


def test_history_shows_open_then_release_with_the_stating_item(pair):
    _, case1, *_ = [r[0] for r in items_of(pair, "2023-03-01")]
    statement = items_of(pair, "2023-06-15")[1][0]
    events = history(pair, case1)
    assert [(e["status"], e["at"], e["source"]) for e in events] == [
        ("open", "2023-03-01", "extracted"),
        ("released", "2023-06-15", "extracted"),
    ]
    assert events[1]["source_item_id"] == statement
    assert "解除列管" in events[1]["note"]


def test_tracking_in_another_body_touches_nothing_here(pair):
    """嘉義市行政輔導團 says 第1案解除列管, but it has no earlier meeting: nothing changes."""
    other = pair.execute("SELECT id FROM meetings WHERE body_group = '嘉義市行政輔導團'").fetchone()[0]
    assert pair.execute("SELECT count(*) FROM status_events WHERE set_by = ? AND status <> 'open'", [other]).fetchone() == (0,)


def test_mixed_statement_releases_some_cases_and_continues_others(tmp_path):
    """第1案解除列管，第2案繼續列管 in one sentence: the item's ``tracking`` holds only
    the first status, so the second part was lost until tracking read each part
    from ``extra["tracking"]``."""
    first = write_doc(tmp_path, "first.txt", meeting=meeting(BODY, "2023-03-01"), items=[
        item("請衛生局完成招募", "directive"), item("請社會局完成訪視", "directive"),
    ])
    second = write_doc(tmp_path, "second.txt", meeting=meeting(BODY, "2023-06-15"), items=[
        item("第1案解除列管，第2案繼續列管。", "noted", tracking="解除列管", refs=[1],
             extra={"tracking": [{"status": "解除列管", "refs": [1]}, {"status": "繼續列管", "refs": [2]}]}),
    ])
    db_path = tmp_path / "kb.db"
    build_docs(db_path, [first, second])
    database = connect(db_path)
    case1, case2 = [r[0] for r in items_of(database, "2023-03-01")]
    assert status_of(database, case1) == "released"
    assert status_of(database, case2) == "continued"


def test_repeated_directive_is_linked_to_its_earlier_form(pair):
    case2 = items_of(pair, "2023-03-01")[3][0]
    repeat = items_of(pair, "2023-06-15")[3][0]
    assert pair.execute("SELECT previous_item_id FROM items WHERE id = ?", [repeat]).fetchone() == (case2,)
    unlinked = pair.execute("SELECT count(*) FROM items WHERE previous_item_id IS NOT NULL").fetchone()[0]
    assert unlinked == 1


def test_short_generic_items_are_not_repeats(tmp_path):
    first = write_doc(tmp_path, "first.txt", meeting=meeting(BODY, "2023-03-01"), items=[item("同意。")])
    second = write_doc(tmp_path, "second.txt", meeting=meeting(BODY, "2023-06-01"), items=[item("同意。")])
    db_path = tmp_path / "kb.db"
    build_docs(db_path, [first, second])
    assert connect(db_path).execute("SELECT count(*) FROM items WHERE previous_item_id IS NOT NULL").fetchone() == (0,)


def test_next_meeting_deadline_takes_the_next_meeting_date(pair):
    case2 = items_of(pair, "2023-03-01")[3][0]
    repeat = items_of(pair, "2023-06-15")[3][0]
    rows = pair.execute(
        "SELECT id, deadline_date, deadline_date_source FROM items WHERE deadline_kind = 'next_meeting'"
    ).fetchall()
    assert set(rows) == {(case2, "2023-06-15", "next_meeting"), (repeat, "2023-09-20", "announced")}


def test_next_meeting_date_appears_once_the_next_minutes_are_built(tmp_path):
    first = write_doc(tmp_path, "first.txt", meeting=meeting(BODY, "2023-03-01"),
                      items=[item("請社會局於下次會議報告", "directive", deadline={"raw": "下次會議", "kind": "next_meeting"})])
    db_path = tmp_path / "kb.db"
    build_docs(db_path, [first])
    assert connect(db_path).execute("SELECT deadline_date FROM items").fetchone() == (None,)
    second = write_doc(tmp_path, "second.txt", meeting=meeting(BODY, "2023-06-15"), items=[])
    build_docs(db_path, [first, second])
    assert connect(db_path).execute("SELECT deadline_date FROM items").fetchone() == ("2023-06-15",)


@pytest.mark.parametrize("statement, expected", [
    ("前次會議列管事項均解除列管", ["released", "released"]),
    ("全數繼續列管", ["continued", "continued"]),
    ("解除列管", ["open", "open"]),  # no number, no 均/全數: too vague to apply
])
def test_statement_without_case_numbers(tmp_path, statement, expected):
    first = write_doc(tmp_path, "first.txt", meeting=meeting(BODY, "2023-03-01"),
                      items=[item("請社會局辦理", "directive"), item("請衛生局辦理", "directive")])
    tracking = "繼續列管" if "繼續" in statement else "解除列管"
    second = write_doc(tmp_path, "second.txt", meeting=meeting(BODY, "2023-06-01"),
                       items=[item(statement, "decision", tracking=tracking)])
    db_path = tmp_path / "kb.db"
    build_docs(db_path, [first, second])
    database = connect(db_path)
    assert [status_of(database, i) for (i,) in items_of(database, "2023-03-01")] == expected


def test_case_numbers_count_tracked_kinds_only():
    items = [{"id": k, "kind": k} for k in ("noted", "directive", "target", "milestone", "resolution", "decision", "request")]
    assert case_numbers(items) == {1: "directive", 2: "resolution", 3: "decision", 4: "request"}


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("臺中市強化社會安全網推動會報", "台中市強化社會安全網推動會報", True),
        ("強化社會安全網政策溝通平臺", "衛生福利部強化社會安全網政策溝通平臺", True),
        ("強化社會安全網政策溝通平臺", "強化社會安全網政策溝通平台", True),
        ("臺北市政府市政會議", "新北市政府市政會議", False),
        ("天文學會", "中華民國天文學會理監事聯席會議", False),
        ("天文學會理監事會議", "中華民國天文學會理監事會議", True),
        ("理監事會議", "中華民國天文學會理監事會議", False),  # too generic to join
        ("", "臺北市政府市政會議", False),
    ],
)
def test_same_body(a, b, same):
    assert same_body(a, b) is same
