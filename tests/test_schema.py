"""schema/ and db/migrate.py: tables, views, recorded migrations, and the record JSON Schema."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

import schema
from db.migrate import connect, migrate, migration_files
from extract import extract
from tests.kb_fixtures import file_hash, item, meeting, record_from_json

ROOT = Path(__file__).resolve().parent.parent
TABLES = {"documents", "pages", "meetings", "agenda_items", "items", "units", "item_units", "status_events",
          "statuses", "migrations", "kb_meta"}
VIEWS = {"open_items", "overdue_items", "items_by_unit", "released_items", "item_overview", "item_details",
         "item_status", "item_status_timeline"}


@pytest.fixture(scope="module")
def validator():
    document = json.loads(schema.path("record.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(document)


def test_migrate_creates_tables_views_and_records_itself(tmp_path):
    database = connect(tmp_path / "kb.db")
    assert migrate(database, now="2024-01-01T00:00:00Z") == [name for name, _ in migration_files()] + ["views"]
    assert TABLES <= set(database.table_names())
    assert VIEWS <= set(database.view_names())
    assert database.execute("SELECT name, applied_at FROM migrations ORDER BY name").fetchall() == [
        (name, "2024-01-01T00:00:00Z") for name, _ in migration_files()
    ]
    assert "extracted_with" in database["documents"].columns_dict  # added by 0002
    assert database.execute("SELECT name FROM statuses WHERE is_open = 1 ORDER BY name").fetchall() == [
        ("continued",), ("in_progress",), ("open",)
    ]


def test_migrate_twice_writes_nothing(tmp_path):
    db_path = tmp_path / "kb.db"
    migrate(connect(db_path))
    before = file_hash(db_path)
    assert migrate(connect(db_path)) == []
    assert file_hash(db_path) == before


def test_changed_views_are_recreated(tmp_path):
    database = connect(tmp_path / "kb.db")
    migrate(database)
    database.execute("UPDATE kb_meta SET value = 'stale' WHERE key = 'views_sha256'")
    assert migrate(database) == ["views"]
    assert VIEWS <= set(database.view_names())


def test_queries_use_indexes(tmp_path):
    database = connect(tmp_path / "kb.db")
    migrate(database)
    for sql in ("SELECT * FROM items WHERE document_id = 'x'", "SELECT * FROM status_events WHERE item_id = 'x'",
                "SELECT * FROM item_units WHERE unit_id = 'x'", "SELECT * FROM items WHERE deadline_date < '2024-01-01'"):
        plan = " ".join(str(row[-1]) for row in database.execute("EXPLAIN QUERY PLAN " + sql))
        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, (sql, plan)


def test_chinese_like_works_on_this_sqlite(tmp_path):
    """DESIGN: SQLite 3.40 finds nothing for LIKE '%社工%' on trigram tables; the build needs 3.51 (pysqlite3)."""
    database = connect(tmp_path / "kb.db")
    database.execute("CREATE VIRTUAL TABLE t USING fts5(text, tokenize='trigram')")
    database.execute("INSERT INTO t VALUES ('請社工員訪視')")
    assert database.execute("SELECT count(*) FROM t WHERE text LIKE '%社工%'").fetchone() == (1,)


@pytest.mark.parametrize("gold", sorted((ROOT / "corpus" / "gold").glob("*.json")), ids=lambda p: p.stem)
def test_gold_annotations_follow_the_record_schema(validator, gold):
    validator.validate(json.loads(gold.read_text(encoding="utf-8")))


def test_extracted_records_follow_the_record_schema(validator):
    for name in ("seeds/002_8ecfc175fd86162a.txt", "pdf/004_301f7d8f7575e7ae.pdf", "real-pdf/07_asroc-council-mtg-28-1_20231006.pdf"):
        validator.validate(extract(ROOT / "corpus" / name).to_json())


def test_synthetic_record_with_every_added_field_validates(validator):
    record = record_from_json(
        {"meeting": meeting("某委員會", "2024-01-01", next_meeting_date="2024-04-01"),
         "items": [item("第1案解除列管", "decision", ["某局"], tracking="解除列管", refs=[1])]},
        "ab" * 32, "x.txt",
    )
    validator.validate(record.to_json())


@pytest.mark.parametrize(
    "path, value",
    [
        (("kind",), "memo"),
        (("items", 0, "kind"), "task"),
        (("items", 0, "deadline", "date"), "113年3月8日"),
        (("items", 0, "responsible_units", 0, "role"), "owner"),
        (("items", 0, "tracking"), "列管"),
        (("meeting", "date"), "2024/01/01"),
    ],
)
def test_schema_rejects_wrong_values(validator, path, value):
    data = json.loads((ROOT / "corpus" / "gold" / "000_cc469a30a0b85147.json").read_text(encoding="utf-8"))
    broken = copy.deepcopy(data)
    target = broken
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(broken)


