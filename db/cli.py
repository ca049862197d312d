"""The ``lieguan`` command: a thin click layer over the library.

Each command calls one library function and turns typed errors into
``click.ClickException``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from extract import ExtractError, extract

DEFAULT_DB = "db/lieguan.db"


@click.group()
@click.version_option(package_name="lieguan")
def main():
    """lieguan (列管): follow-up items from meeting minutes, as a catalogue."""


@main.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True)
@click.option("--out", type=click.Path(file_okay=False), help="Write one <stem>.json (or .txt) per input here.")
@click.option("--password", help="Password for encrypted PDFs.")
def extract_command(paths, fmt, out, password):
    """Extract records from PATHS (PDF, .txt, .docx, .odt).

    Example: lieguan extract corpus/seeds/*.txt --format json --out pred/
    """
    failed = 0
    for path in paths:
        try:
            record = extract(path, password=password)
        except ExtractError as error:
            click.echo(f"error: {error}", err=True)
            failed += 1
            continue
        rendered = (
            json.dumps(record.to_json(), ensure_ascii=False, indent=2)
            if fmt == "json"
            else render_text(record)
        )
        if out:
            Path(out).mkdir(parents=True, exist_ok=True)
            suffix = ".json" if fmt == "json" else ".txt"
            (Path(out) / (Path(path).stem + suffix)).write_text(rendered + "\n", encoding="utf-8")
        else:
            click.echo(rendered)
    if failed:
        sys.exit(2)


def render_text(record) -> str:
    """A human-readable listing: the meeting header, then one line per item."""
    lines = [f"# {record.document} ({record.kind}, {record.page_count} pages)"]
    if record.meeting:
        m = record.meeting
        lines.append(f"{m.title} | {m.date} {m.start_time or ''} | 主席 {'、'.join(m.chair)}")
    for item in record.items:
        units = "、".join(u.canonical for u in item.responsible_units)
        deadline = item.deadline.raw or ""
        lines.append(f"[{item.kind}] p{item.page} {item.text} | {units} | {deadline}")
    return "\n".join(lines)
