"""The ``units`` table: the unit gazetteer (schema/units.json) plus units found in items.

The gazetteer is data written by the units engineer; it is read defensively
because its shape may change: a list of entries, an object holding such lists
by category (``central``, ``governments``, ``local_units``, ...), or a
name → entry map. An entry is a name string or an object with ``name`` (or
``canonical``/``id``), ``parent``, ``level`` and ``aliases``. Entries with a
``template`` (``{government}{name}``, ``{place}{name}``) are local bureaus:
they are not units on their own, but a unit found in an item that spells
one of them out for a listed government (``臺中市政府衛生局``) counts as in
the gazetteer, with that government as parent.

Units found in items that match nothing stay as written, with ``in_gazetteer = 0``.

Example::

    >>> g = Gazetteer.from_json({"governments": [{"name": "臺中市政府", "place": "臺中市"}],
    ...                          "local_units": [{"name": "衛生局", "template": "{government}{name}"}],
    ...                          "collectives": ["各網絡單位"]})
    >>> sorted(g.units)
    ['各網絡單位', '臺中市政府']
    >>> g.templated["臺中市政府衛生局"]["parent"]
    '臺中市政府'
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

import schema
from db.tracking import normalise_name

NAME_KEYS = ("canonical", "name", "id")


@dataclass
class Gazetteer:
    units: dict[str, dict] = field(default_factory=dict)  # id → row, for listed units
    templated: dict[str, dict] = field(default_factory=dict)  # id → row, for template expansions

    @classmethod
    def load(cls, path: Path | None = None) -> "Gazetteer":
        """Read ``schema/units.json``; a missing or half-written file gives an empty gazetteer."""
        path = path or schema.path("units.json")
        try:
            return cls.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return cls()

    @classmethod
    def from_json(cls, data) -> "Gazetteer":
        gazetteer = cls()
        entries = _entries(data)
        templates = [e for e in entries if isinstance(e.get("template"), str)]
        for entry in entries:
            if isinstance(entry.get("template"), str):
                continue
            row = _row(entry, _name(entry), entry.get("parent"))
            if row:
                gazetteer.units.setdefault(row["id"], row)
        governments = [e for e in entries if isinstance(e.get("place"), str) and _name(e)]
        for template in templates:
            for government in governments:
                try:
                    name = template["template"].format(
                        government=_name(government), place=government["place"], name=_name(template)
                    )
                except (KeyError, IndexError, ValueError):
                    continue  # a template with a field we do not know
                row = _row(template, name, _name(government))
                if row and row["id"] not in gazetteer.units:
                    gazetteer.templated.setdefault(row["id"], row)
        return gazetteer


def _entries(data) -> list[dict]:
    if isinstance(data, dict):
        lists = [value for value in data.values() if isinstance(value, list)]
        if lists:
            return [entry for value in lists for entry in _entries(value)]
        return [dict(entry, name=key) if isinstance(entry, dict) else {"name": key} for key, entry in data.items()]
    if isinstance(data, list):
        return [{"name": e, "level": "generic"} if isinstance(e, str) else e for e in data if isinstance(e, (str, dict))]
    return []


def _name(entry: dict) -> str | None:
    return next((entry[k] for k in NAME_KEYS if isinstance(entry.get(k), str) and entry[k].strip()), None)


def _row(entry: dict, name: str | None, parent) -> dict | None:
    if not name or not normalise_name(name):
        return None
    aliases = entry.get("aliases") or []
    aliases = [aliases] if isinstance(aliases, str) else [a for a in aliases if isinstance(a, str)]
    level = entry.get("level")
    unit_id = normalise_name(name)
    return {
        "id": unit_id,
        "name": unit_id,
        "parent": parent if isinstance(parent, str) else None,
        "level": level if isinstance(level, str) else None,
        "aliases": json.dumps(sorted(set(aliases)), ensure_ascii=False),
    }


def refresh_units(database: Database, gazetteer: Gazetteer) -> None:
    """Make ``units`` = the gazetteer's units + units named in items. Call inside a transaction."""
    found = {row[0] for row in database.execute("SELECT DISTINCT unit_id FROM item_units")}
    rows = [dict(row, in_gazetteer=1) for row in gazetteer.units.values()]
    for unit_id in sorted(found - gazetteer.units.keys()):
        if unit_id in gazetteer.templated:
            rows.append(dict(gazetteer.templated[unit_id], in_gazetteer=1))
        else:
            rows.append({"id": unit_id, "name": unit_id, "parent": None, "level": None, "aliases": "[]", "in_gazetteer": 0})
    keep = {row["id"] for row in rows}
    stale = [(row[0],) for row in database.execute("SELECT id FROM units") if row[0] not in keep]
    database.conn.executemany("DELETE FROM units WHERE id = ?", stale)
    database.conn.executemany(
        "INSERT INTO units (id, name, parent, level, aliases, in_gazetteer)"
        " VALUES (:id, :name, :parent, :level, :aliases, :in_gazetteer)"
        " ON CONFLICT(id) DO UPDATE SET name = excluded.name, parent = excluded.parent, level = excluded.level,"
        " aliases = excluded.aliases, in_gazetteer = excluded.in_gazetteer",
        rows,
    )


def placeholder(database: Database, unit_id: str) -> None:
    """A row for a unit named in an item, so item_units can refer to it before
    :func:`refresh_units` fills in what the gazetteer knows."""
    database.execute("INSERT OR IGNORE INTO units (id, name, aliases, in_gazetteer) VALUES (?, ?, '[]', 0)", [unit_id, unit_id])
