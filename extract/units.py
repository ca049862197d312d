"""Responsible units (placeholder until the spaCy unit pipeline lands)."""

from __future__ import annotations

from dataclasses import dataclass

from extract.model import UnitRef


@dataclass(frozen=True)
class UnitContext:
    """Where a document comes from, to make short unit names canonical.

    ``government`` is the local government whose minutes these are
    (``臺中市政府``), or None for central-government documents.
    """

    government: str | None = None


def context_from_text(text: str) -> UnitContext:
    """Guess the document's government from its title and header text."""
    return UnitContext()


def find_units(text: str, context: UnitContext) -> list[UnitRef]:
    """The units asked to act in ``text``, lead first, then assisting units."""
    return []
