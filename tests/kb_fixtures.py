"""Small synthetic records for the knowledge-base tests (build, tracking, status, reports).

A "document" here is a small JSON file (suffix .txt, so directory scans pick
it up) describing a record; :func:`json_extractor` turns it into a real
:class:`extract.model.Record`, so db/ is tested without waiting for, or
depending on, the extractor's accuracy. The file can also ask the extractor
to fail in the ways real files do (``"fail"``): a bad-input ExtractError, a
crash, a hang, a memory bomb, a dying process.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import time
from pathlib import Path

from extract.model import Deadline, ExtractError, Item, Meeting, Record, UnitRef, item_id


def record_from_json(data: dict, document_id: str, name: str) -> Record:
    meeting = Meeting(**data["meeting"]) if data.get("meeting") else None
    items = []
    for position, spec in enumerate(data.get("items", []), start=1):
        units = [UnitRef(raw=u, canonical=u, role="lead" if i == 0 else "assist") for i, u in enumerate(spec.get("units", []))]
        deadline = Deadline(**spec["deadline"]) if spec.get("deadline") else Deadline.none()
        items.append(
            Item(
                id=item_id(document_id, str(position)),
                section=spec.get("section", "決議"),
                agenda_item=spec.get("agenda_item"),
                kind=spec.get("kind", "resolution"),
                speaker_or_source=spec.get("speaker"),
                text=spec["text"],
                responsible_units=units,
                deadline=deadline,
                tracking=spec.get("tracking"),
                page=1,
                tracked_refs=spec.get("refs", []),
                extra=spec.get("extra", {}),
            )
        )
    return Record(
        document=name,
        document_id=document_id,
        kind=data.get("kind", "minutes"),
        meeting=meeting,
        items=items,
        page_count=1,
        pages=[{"number": 1, "text": "\n".join(i.text for i in items), "ocr": False}],
    )


def json_extractor(path: str, password: str | None) -> Record:
    """The pluggable extractor: reads a synthetic document written by :func:`write_doc`."""
    raw = Path(path).read_bytes()
    data = json.loads(raw)
    failure = data.get("fail")
    if failure == "bad_input":
        raise ExtractError(path, "corrupt", "synthetic damaged file")
    if failure == "crash":
        raise RuntimeError("synthetic bug")
    if failure == "hang":
        time.sleep(3600)
    if failure == "native_hang":  # like a C library stuck in a loop: SIGALRM never gets through
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(3600)
    if failure == "memory":
        hog = bytearray(8 * 1024**3)  # 8 GB: beyond any worker limit
        return hog  # pragma: no cover
    if failure == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    if failure == "interrupt":
        raise KeyboardInterrupt
    return record_from_json(data, hashlib.sha256(raw).hexdigest(), Path(path).name)


def write_doc(directory: Path, name: str, **data) -> Path:
    path = Path(directory) / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def meeting(body: str, date: str, **extra) -> dict:
    return {"title": f"{body}會議紀錄", "body": body, "date": date, **extra}


def item(text: str, kind: str = "resolution", units=(), **extra) -> dict:
    return {"text": text, "kind": kind, "units": list(units), **extra}


def dump(db_path) -> dict:
    """Every row of every table, ordered by content: equal dumps are equal databases."""
    from db.migrate import connect

    database = connect(db_path)
    try:
        tables = [t for t in database.table_names() if not t.startswith("items_fts")]
        result = {}
        for table in tables:
            rows = database.execute(f"SELECT * FROM [{table}]").fetchall()
            result[table] = sorted(rows, key=repr)
        result["views"] = sorted(database.view_names())
        return result
    finally:
        database.conn.close()


def file_hash(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
