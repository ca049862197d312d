"""Deadlines (placeholder until the deadline parser lands)."""

from __future__ import annotations

import datetime as dt

from extract.model import Deadline


def parse_deadline(text: str, meeting_date: dt.date | None) -> Deadline:
    """The deadline stated in ``text``, counted from ``meeting_date`` where relative."""
    return Deadline.none()
