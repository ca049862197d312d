"""Create and upgrade the knowledge-base schema.

Migrations are SQL files applied once, in name order, and recorded in the
``migrations`` table: ``schema/tables.sql`` is ``0001_tables``, later changes
go in ``schema/migrations/NNNN_name.sql``. The views (``schema/views.sql``)
hold no data, so they are re-created whenever that file's hash changes.

Nothing is written when the schema is already current, so opening a database
for a build that fails leaves the file byte-for-byte unchanged.

Example::

    >>> from db.migrate import connect, migrate
    >>> database = connect(":memory:")
    >>> migrate(database, now="2024-01-01T00:00:00Z")
    ['0001_tables', '0002_extracted_with', 'views']
    >>> migrate(database, now="2024-01-01T00:00:00Z")
    []
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.db import sqlite3  # pysqlite3 when installed: SQLite 3.51 for Chinese LIKE

import schema

VIEWS_KEY = "views_sha256"


def connect(db_path: str | Path) -> Database:
    """Open (or create) a database in autocommit mode: callers write inside
    explicit ``BEGIN``/``COMMIT`` so one file's records land in one transaction."""
    if str(db_path) != ":memory:":
        Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(db_path), isolation_level=None)
    return Database(conn)


def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def migration_files() -> list[tuple[str, Path]]:
    """(name, path) of every migration, in the order they apply."""
    files = [("0001_tables", schema.path("tables.sql"))]
    migrations_dir = schema.path("migrations")
    if migrations_dir.is_dir():
        files += [(p.stem, p) for p in sorted(migrations_dir.glob("*.sql"))]
    return files


def migrate(database: Database, now: str | None = None) -> list[str]:
    """Apply pending migrations and refresh changed views; return what was applied."""
    applied = _applied(database)
    done = []
    for name, path in migration_files():
        if name in applied:
            continue
        with_transaction(database, lambda: _apply(database, name, path.read_text(encoding="utf-8"), now))
        done.append(name)
    views_sql = schema.path("views.sql").read_text(encoding="utf-8")
    views_hash = hashlib.sha256(views_sql.encode()).hexdigest()
    if get_meta(database, VIEWS_KEY) != views_hash:
        def refresh_views():
            _run_script(database, views_sql)
            set_meta(database, VIEWS_KEY, views_hash)

        with_transaction(database, refresh_views)
        done.append("views")
    return done


def with_transaction(database: Database, work):
    """Run ``work()`` inside one transaction: all of it or nothing."""
    conn = database.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = work()
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return result


def get_meta(database: Database, key: str) -> str | None:
    if "kb_meta" not in database.table_names():
        return None
    row = database.execute("SELECT value FROM kb_meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_meta(database: Database, key: str, value: str | None) -> None:
    database.execute(
        "INSERT INTO kb_meta (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def _applied(database: Database) -> set[str]:
    if "migrations" not in database.table_names():
        return set()
    return {row[0] for row in database.execute("SELECT name FROM migrations")}


def _apply(database: Database, name: str, sql: str, now: str | None) -> None:
    _run_script(database, sql)
    database.execute(
        "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", [name, now or utc_now()]
    )


def _run_script(database: Database, sql: str) -> None:
    # executescript() would COMMIT the open transaction; run statement by statement.
    for statement in _statements(sql):
        database.execute(statement)


def _statements(sql: str) -> list[str]:
    statements, current = [], ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip() and not _only_comments(current):
        raise ValueError(f"incomplete SQL statement: {current.strip()[:60]}")
    return statements


def _only_comments(sql: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in sql.splitlines())
