"""A small, hand-built knowledge base for the catalogue tests (search, pages,
feeds, public mode, browser): the real schema (tables.sql + views.sql), a real
PDF as the source document, and deadlines placed relative to today so that
"overdue" and "due within 30 days" stay true whenever the tests run.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

import sqlite_utils

from db import search

ROOT = Path(__file__).resolve().parent.parent
SOURCE_PDF = ROOT / "corpus" / "pdf" / "000_cc469a30a0b85147.pdf"
DOC_ID = "a" * 64
DOC2_ID = "b" * 64
BODY = "臺中市強化社會安全網推動會報"
INJECTED = '<script>alert("x")</script>請秘書處檢視網站安全'


def iso(days_from_today: int) -> str:
    return (dt.date.today() + dt.timedelta(days=days_from_today)).isoformat()


# (id, document, meeting, kind, text, page, deadline_raw, deadline_kind, deadline_date, units)
ITEMS = [
    ("i-overdue", DOC_ID, DOC_ID, "directive",
     "請衛生局於局務會議提出並加強策進社工人員訪視評估比率。", 2,
     "一個月內", "relative", iso(-10), [("臺中市政府衛生局", "lead"), ("臺中市政府社會局", "assist")]),
    ("i-soon", DOC_ID, DOC_ID, "directive",
     "請民政局加強督導同仁應出席本府相關跨網絡聯繫會議。", 2,
     "下次會議", "next_meeting", iso(10), [("臺中市政府民政局", "lead")]),
    ("i-later", DOC_ID, DOC_ID, "resolution",
     "請各單位留意社工同仁之人身安全，並轉知人身安全通報流程。", 3,
     "114年", "period", iso(100), [("臺中市政府社會局", "lead"), ("臺中市政府警察局", "assist")]),
    ("i-noted", DOC_ID, DOC_ID, "noted", "洽悉。", 2, None, "none", None, []),
    ("i-released", DOC_ID, DOC_ID, "directive",
     "請教育局提醒受邀學校務必出席出監(院)轉銜會議。", 2,
     "爾後", "ongoing", None, [("臺中市政府教育局", "lead")]),
    ("i-script", DOC2_ID, DOC2_ID, "decision", INJECTED, 1,
     None, "none", None, [("臺中市政府秘書處", "lead")]),
    ("i-tai", DOC2_ID, DOC2_ID, "directive",
     "台中市政府衛生局儘速完成補登。", 1, "儘速", "asap", None, [("臺中市政府衛生局", "lead")]),
]

UNITS = {
    "臺中市政府衛生局": "衛生局",
    "臺中市政府社會局": "社會局",
    "臺中市政府民政局": "民政局",
    "臺中市政府警察局": "警察局",
    "臺中市政府教育局": "教育局",
    "臺中市政府秘書處": "秘書處",
}


@lru_cache(maxsize=None)
def pdf_page_text(number: int) -> str:
    """pdfplumber's text of a page of the source PDF (as the reader would store it)."""
    import pdfplumber

    with pdfplumber.open(SOURCE_PDF) as pdf:
        return pdf.pages[number - 1].extract_text() or ""


def build_empty_db(path: Path) -> Path:
    """A knowledge base with the schema, the views and an empty search index."""
    db = sqlite_utils.Database(path)
    db.conn.executescript((ROOT / "schema" / "tables.sql").read_text(encoding="utf-8"))
    db.conn.executescript((ROOT / "schema" / "views.sql").read_text(encoding="utf-8"))
    search.index(db)
    db.conn.close()
    return path


def build_sample_db(path: Path) -> Path:
    """Create the sample knowledge base at ``path`` and index it for search."""
    db = sqlite_utils.Database(build_empty_db(path))
    db["documents"].insert_all([
        {"id": DOC_ID, "file_name": SOURCE_PDF.name, "path": str(SOURCE_PDF), "kind": "minutes",
         "page_count": 3, "ingested_at": iso(-40) + "T09:00:00Z"},
        {"id": DOC2_ID, "file_name": "second.txt", "path": None, "kind": "minutes",
         "page_count": 1, "ingested_at": iso(-5) + "T09:00:00Z"},
    ])
    db["pages"].insert_all(
        [{"document_id": DOC_ID, "number": n, "text": pdf_page_text(n), "ocr": 0} for n in (1, 2, 3)]
        + [{"document_id": DOC2_ID, "number": 1, "text": "第二次會議。" + INJECTED, "ocr": 0}]
    )
    db["meetings"].insert_all([
        {"id": DOC_ID, "document_id": DOC_ID, "title": f"{BODY}112年第3次會議", "body": BODY,
         "body_group": BODY, "session": "112年第3次", "date": iso(-40), "chairs": json.dumps(["盧召集人秀燕"]),
         "sequence": 1, "next_meeting_id": DOC2_ID},
        {"id": DOC2_ID, "document_id": DOC2_ID, "title": f"{BODY}112年第4次會議", "body": BODY,
         "body_group": BODY, "session": "112年第4次", "date": iso(-5), "chairs": json.dumps(["盧召集人秀燕"]),
         "sequence": 2, "previous_meeting_id": DOC_ID},
    ])
    db["agenda_items"].insert({"id": "ag-1", "document_id": DOC_ID, "meeting_id": DOC_ID,
                               "section": "陸、工作報告", "title": "強化社會安全網績效考核辦理情形"})
    db["units"].insert_all(
        {"id": canonical, "name": canonical, "parent": "臺中市政府", "level": "local", "aliases": json.dumps([short])}
        for canonical, short in UNITS.items()
    )
    for position, (item_id, doc, meeting, kind, text, page, raw, dkind, ddate, units) in enumerate(ITEMS):
        db["items"].insert({
            "id": item_id, "document_id": doc, "meeting_id": meeting,
            "agenda_item_id": "ag-1" if doc == DOC_ID else None, "position": position, "kind": kind,
            "speaker_or_source": "主席", "text": text, "section": "陸、工作報告",
            "agenda_item": "強化社會安全網績效考核辦理情形" if doc == DOC_ID else None,
            "page": page, "source_text": f"({position + 1}) {text}",
            "deadline_raw": raw, "deadline_kind": dkind, "deadline_date": ddate,
        })
        db["item_units"].insert_all(
            {"item_id": item_id, "unit_id": unit, "raw": UNITS[unit], "role": role, "ordinal": n}
            for n, (unit, role) in enumerate(units)
        )
    db["status_events"].insert_all([
        {"id": "e1", "item_id": "i-released", "status": "released", "source": "extracted",
         "set_by": DOC2_ID, "note": "第5案解除列管", "at": iso(-5), "source_item_id": "i-tai"},
        {"id": "e2", "item_id": "i-later", "status": "in_progress", "source": "manual",
         "set_by": "張嘉玲", "note": "已函請各單位辦理", "at": iso(-3) + "T10:00:00"},
    ])
    search.index(db)
    db.conn.close()
    return path


def build_corpus_db(path: Path) -> Path:
    """The knowledge base built from the corpus PDFs by `lieguan build` (the real pipeline)."""
    import shutil
    import subprocess
    import sys

    lieguan = shutil.which("lieguan", path=str(Path(sys.executable).parent))
    result = subprocess.run([lieguan, "build", str(ROOT / "corpus" / "pdf"), str(ROOT / "corpus" / "real-pdf"),
                             "--db", str(path)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"lieguan build failed:\n{result.stderr[-2000:]}"
    return path
