"""Requests, targets and milestones of reports and decks, measured on the corpus
and on a deck PDF that is not in it."""

import datetime as dt
import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from extract.model import Document, Line, Page, Paragraph
from extract.pipeline import extract
from extract.report import milestone_deadline, parse_report

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def scorer():
    spec = importlib.util.spec_from_file_location("score", CORPUS / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("folder, suffix", [("seeds", "txt"), ("pdf", "pdf")])
def test_report_and_deck_meet_the_scores(tmp_path, folder, suffix):
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir(), pred.mkdir()
    for stem in ("001", "004"):
        gold_file = next(CORPUS.glob(f"gold/{stem}_*.json"))
        shutil.copy(gold_file, gold)
        record = extract(CORPUS / folder / f"{gold_file.stem}.{suffix}")
        assert record.meeting is None
        (pred / gold_file.name).write_text(json.dumps(record.to_json(), ensure_ascii=False), encoding="utf-8")
    result = scorer().score(gold, pred)
    assert result["actionable"]["f1"] >= 0.90
    assert result["deadline"] >= 0.90
    assert result["units"]["f1"] >= 0.85


def test_report_items_carry_target_fields():
    record = extract(next(CORPUS.glob("seeds/001_*.txt")))
    [item] = [i for i in record.items if "執行率為 47.86%" in i.text]
    [target] = item.extra["targets"]
    assert (target["indicator"], target["achieved"], target["value"], target["year"]) == ("執行率", 47.86, 30, 2023)
    assert item.section.startswith("伍、") and item.page == 1


def doc(rows, date_row="中華民國 113 年 4 月 16 日"):
    rows = ["某市長照計畫專案報告", date_row] + rows
    document = Document("r.txt", "ab" * 32, "txt", [Page(1, [Line(t, 1) for t in rows])])
    return parse_report(document, [Paragraph(t, 1, (Line(t, 1),)) for t in rows], "report")[1]


def test_achievements_and_past_completions_are_not_items():
    """A report lists results (涵蓋率達 110%) and finished work (於112年製作完成)."""
    assert doc(["一、脆弱家庭服務涵蓋率達 110%，減少漏接個案之危機。",
                "二、數位教材於112年製作完成，並完成治療師教育訓練。"]) == []


def test_request_addressee_follows_the_ask():
    [item] = doc(["壹、待中央協助事項", "一、建請中央放寬社工人員年資採計，以利久任。"])
    assert item.kind == "request"
    assert [u.canonical for u in item.responsible_units] == ["中央"]


def test_report_in_another_house_style():
    """Another city's report: ASCII punctuation, full-width digits, a ministry asked by name."""
    items = doc(["壹、辦理成效",
                 "(1)１１２年長照服務涵蓋率為65.2%, 高於112年計畫目標值60%。",
                 "(2)長照據點共計 120 處, 較去年增加 10 處。",
                 "貳、未來規劃",
                 "一、預計113年6月完成北區長照中心啟用。",
                 "二、建請衛生福利部增加長照據點補助經費。"], date_row="中華民國112年10月3日")
    assert [i.kind for i in items] == ["target", "milestone", "request"]
    target, milestone, request = items
    assert target.extra["targets"][0]["achieved"] == 65.2 and target.deadline.date == "2023-12-31"
    assert milestone.deadline.date == "2024-06-30"
    assert [u.canonical for u in request.responsible_units] == ["衛生福利部"]
    assert target.section == "壹、辦理成效" and request.section == "貳、未來規劃"


@pytest.mark.parametrize("text, kind, date, start", [
    ("預計大甲區社區心理衛生中心於113年完工。", "period", "2024-12-31", "2024-01-01"),
    ("並於113年起納入處遇課程中。", "ongoing", None, "2024-01-01"),
    ("111年擇1縣市試辦，至113年於2縣市辦理", "period", "2024-12-31", "2022-01-01"),
    ("預訂於 113 年 5 月 8 日召開第2次會議", "date", "2024-05-08", None),
])
def test_milestone_deadlines(text, kind, date, start):
    deadline = milestone_deadline(text, dt.date(2021, 9, 16))
    assert (deadline.kind, deadline.date, deadline.start) == (kind, date, start)


@pytest.mark.parametrize("text", ["已建置5處社區心理衛生中心", "自111年起每年年底考核", "衛生福利部自 111 年起進行績效考核"])
def test_not_milestones(text):
    assert milestone_deadline(text, dt.date(2021, 9, 16)) is None


def test_slide_schedule_dates_its_targets():
    """A funding slide gives the assessment's schedule (期程) apart from its items."""
    rows = ["第二期計畫補助經費", "110年9月16日", "肆、補助經費", "期程", "自111年起", "每年年底考核", "項目",
            "1.服務績效 40%", "2.人員進用率 20%(未達85%視為未達標)"]
    document = Document("d.txt", "cd" * 32, "txt", [Page(1, [Line(t, 1) for t in rows])])
    [item] = parse_report(document, [Paragraph(t, 1, (Line(t, 1),)) for t in rows], "deck")[1]
    assert item.kind == "target" and item.extra["targets"][0]["value"] == 85
    assert (item.deadline.kind, item.deadline.start) == ("recurring", "2022-01-01")


DECK_HTML = """<html><head><meta charset="utf-8"><style>
@page {{ size: 960px 540px; margin: 0 }}
body {{ margin: 0; font-family: 'Noto Sans CJK TC', sans-serif; font-size: 22px }}
section {{ height: 540px; padding: 30px 40px; box-sizing: border-box; page-break-after: always }}
h1 {{ font-size: 30px; margin: 0 0 20px }} p {{ margin: 6px 0 }}
table {{ border-collapse: collapse; width: 860px }} td {{ border: 1px solid #000; padding: 6px; vertical-align: top }}
</style></head><body>
<section><h1>臺南市公共運輸發展計畫 (112-115年)</h1><p>報告人：交通局局長</p><p>112年3月1日</p></section>
<section><h1>貳、計畫指標</h1><p>績效指標</p>
<p>1. 公共運輸使用率逐年提升至 20%</p><p>2. 交通事故死亡人數每年低於 200人</p>
<p>3. 智慧號誌路口設置數達 300 處</p></section>
<section><h1>參、推動重點</h1><p>重要工作</p>
<p>1. 已於111年完成綠線招標作業</p><p>2. 預計綠線第一階段於114年完工通車</p>
<p>3. 持續辦理幸福公車路線檢討</p></section>
<section><h1>肆、待中央協助事項</h1><table>
<tr><td>單位</td><td>事項</td></tr>
<tr><td>交通局</td><td>1. 建請交通部補助智慧號誌建置經費。<br>2. 建請中央修正公共運輸補貼辦法。</td></tr>
<tr><td>捷運工程處</td><td>延伸線綜合規劃報告，建請儘速核定。</td></tr>
</table></section>
</body></html>"""


@pytest.fixture(scope="module")
def other_deck(tmp_path_factory):
    """A 16:9 deck with other indicators and requests, printed to PDF by Chromium."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("chromium is needed to print the deck")
    folder = tmp_path_factory.mktemp("deck")
    html, pdf = folder / "deck.html", folder / "簡報.pdf"
    html.write_text(DECK_HTML.format(), encoding="utf-8")
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", html.as_uri()], check=True, capture_output=True, timeout=120)
    return extract(pdf)


def test_other_deck_is_a_deck(other_deck):
    assert other_deck.kind == "deck" and other_deck.meeting is None and other_deck.page_count == 4


def test_other_deck_targets(other_deck):
    targets = {i.text.replace(" ", ""): i for i in other_deck.items if i.kind == "target"}
    assert set(targets) == {"公共運輸使用率逐年提升至20%", "交通事故死亡人數每年低於200人", "智慧號誌路口設置數達300處"}
    rising = targets["公共運輸使用率逐年提升至20%"]
    assert (rising.deadline.kind, rising.deadline.date, rising.deadline.start) == ("period", "2026-12-31", "2023-01-01")
    assert targets["交通事故死亡人數每年低於200人"].deadline.kind == "recurring"
    assert targets["交通事故死亡人數每年低於200人"].extra["targets"][0]["measure"] == "人"


def test_other_deck_milestone(other_deck):
    [milestone] = [i for i in other_deck.items if i.kind == "milestone"]
    assert milestone.text == "預計綠線第一階段於114年完工通車"
    assert (milestone.deadline.kind, milestone.deadline.date) == ("period", "2025-12-31")


def test_other_deck_requests(other_deck):
    requests = [i for i in other_deck.items if i.kind == "request"]
    assert [i.text.replace(" ", "") for i in requests] == ["建請交通部補助智慧號誌建置經費。", "建請中央修正公共運輸補貼辦法。",
                                          "延伸線綜合規劃報告，建請儘速核定。"]
    assert [i.responsible_units[0].raw for i in requests] == ["交通部", "中央", "中央"]
    assert requests[2].deadline.kind == "asap"
    assert requests[0].speaker_or_source.endswith("交通局")
