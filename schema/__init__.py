"""The declarative contract: record JSON Schema, SQL tables and views, the unit gazetteer."""

from pathlib import Path

SCHEMA_DIR = Path(__file__).parent


def path(name: str) -> Path:
    """Path of a schema file, e.g. ``path("tables.sql")``."""
    return SCHEMA_DIR / name
