"""The ``lieguan`` command: a thin click layer over the library.

Each command calls one library function and turns typed errors into
``click.ClickException``.
"""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

import click

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
    from db.build import extract_files

    failed = 0
    for path, result in extract_files(paths, password=password):
        if isinstance(result, tuple):
            reason, message = result
            click.echo(f"error: {path}: {message or reason}", err=True)
            failed += 1
            continue
        rendered = (
            json.dumps(result.to_json(), ensure_ascii=False, indent=2)
            if fmt == "json"
            else render_text(result)
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


@main.command("build")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="The knowledge base to build or update.")
@click.option("--workers", type=int, help="Extraction processes (default: one per core).")
@click.option("--password", help="Password for encrypted PDFs.")
def build_command(paths, db_path, workers, password):
    """Build or update the knowledge base from PATHS (files or directories;
    default: the bundled corpus PDFs). Unchanged files are skipped.

    Exit status: 0 when every file was built or unchanged, 2 when some failed
    (each failure is one line `error: <file>: <reason>`), 130 when interrupted.

    Example: lieguan build corpus/pdf --db db/lieguan.db
    """
    gc.disable()  # the imports allocate much and free nothing: collecting meanwhile is wasted time
    from db.build import build
    gc.enable()

    progress = BuildProgress() if sys.stderr.isatty() else QuietProgress()
    try:
        report = build(db_path, list(paths) or None, workers=workers, password=password, progress=progress)
    except KeyboardInterrupt:
        progress.finish()
        click.echo("interrupted: files done so far are kept; run the same command again to finish", err=True)
        sys.exit(130)
    progress.finish()
    click.echo(report.summary(), err=True)
    sys.exit(report.exit_status)


class QuietProgress:
    """No bar: only failures, one line each."""

    def start(self, total):
        pass

    def file_done(self, outcome):
        if outcome.status == "failed":
            click.echo(f"error: {outcome.path}: {outcome.message or outcome.reason}", err=True)

    def finish(self):
        pass


class BuildProgress(QuietProgress):
    """A progress bar on a terminal: files done and pages per second."""

    def __init__(self):
        import time

        self.clock = time.monotonic
        self.started = self.clock()
        self.pages = 0
        self.bar = None

    def start(self, total):
        self.bar = click.progressbar(length=total, label="building", file=sys.stderr, show_pos=True,
                                     item_show_func=lambda _: self.rate())
        self.bar.__enter__()

    def rate(self):
        elapsed = self.clock() - self.started
        return f"{self.pages / elapsed:.1f} pages/s" if elapsed > 0 and self.pages else None

    def file_done(self, outcome):
        if outcome.status == "failed":
            click.echo(f"\nerror: {outcome.path}: {outcome.message or outcome.reason}", err=True)
        self.pages += outcome.pages
        if self.bar:
            self.bar.update(1, outcome.path)

    def finish(self):
        if self.bar:
            self.bar.__exit__(None, None, None)


def open_existing(db_path):
    """The knowledge base at ``db_path``, which must already have been built."""
    from db.migrate import connect

    if not Path(db_path).is_file():
        raise click.ClickException(f"{db_path}: no knowledge base here; run `lieguan build` first")
    return connect(db_path)


@main.command("status")
@click.argument("item_id")
@click.option("--set", "status", required=True, help="open | in_progress | resolved | released | continued")
@click.option("--note", help="What was done, as it should appear in the history.")
@click.option("--by", "by", help="Who records the update.")
@click.option("--at", help="When (YYYY-MM-DD or ISO timestamp; default: now).")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True)
def status_command(item_id, status, note, by, at, db_path):
    """Record a manual status for ITEM_ID; rebuilds keep it.

    Example: lieguan status 8ecfc175fd86-1a2b3c4d5e --set resolved --note "已辦理完竣" --by 王小明
    """
    from db.status import StatusError, current_status, set_status

    database = open_existing(db_path)
    try:
        set_status(database, item_id, status, note=note, by=by, at=at)
    except StatusError as error:
        raise click.ClickException(str(error))
    click.echo(f"{item_id}: {current_status(database, item_id)}")


@main.command("history")
@click.argument("item_id")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True)
def history_command(item_id, db_path):
    """Print every status event of ITEM_ID, oldest first (the last is current)."""
    from db.status import current_status, history

    database = open_existing(db_path)
    events = history(database, item_id)
    if not events:
        if database.execute("SELECT 1 FROM items WHERE id = ?", [item_id]).fetchone() is None:
            raise click.ClickException(f"no item with id {item_id!r}")
        click.echo(f"no status events (no dated meeting); current status: {current_status(database, item_id) or 'not tracked'}")
        return
    for event in events:
        by = event["set_by"] or ""
        note = f"  {event['note']}" if event["note"] else ""
        click.echo(f"{event['at']}  {event['status']:<11} {event['source']:<9} {by}{note}")


@main.command("overdue")
@click.option("--as-of", "as_of", help="The day to judge on (YYYY-MM-DD; default: today).")
@click.option("--unit", help="Only items where a unit whose name contains this must act.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True)
def overdue_command(as_of, unit, fmt, db_path):
    """List open follow-up items past their deadline.

    Example: lieguan overdue --as-of 2024-03-31 --unit 衛生局
    """
    from db.reports import overdue

    try:
        rows = overdue(open_existing(db_path), as_of=as_of, unit=unit)
    except ValueError as error:
        raise click.ClickException(f"--as-of: {error}")
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        click.echo(f"{row['deadline_date']}  逾期{row['days_overdue']}日  {row['lead_unit'] or '-'}  {row['text']}  [{row['id']}]")
    click.echo(f"{len(rows)} overdue", err=True)


@main.command("cases")
@click.argument("meeting")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True)
def cases_command(meeting, fmt, db_path):
    """The 列管 table for the meeting after MEETING (its date, its id, or the
    start of its id), numbered as the next meeting will cite the cases.

    Example: lieguan cases 2024-02-29 --format json
    """
    from db.reports import tracking_table

    try:
        rows = tracking_table(open_existing(db_path), meeting)
    except ValueError as error:
        raise click.ClickException(str(error))
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        click.echo(f"第{row['number']}案  {row['status_label']}  {row['lead_unit'] or '-'}  {row['text']}  [{row['id']}]")


@main.command("export")
@click.option("--open", "open_only", is_flag=True, help="Only items still tracked (列管中/辦理中/繼續列管).")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), help="File to write (default: standard output).")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True)
def export_command(open_only, fmt, out, db_path):
    """Export items as CSV (UTF-8 with BOM, for Excel) or JSON.

    Example: lieguan export --open --format csv --out 列管事項.csv
    """
    from db.reports import export

    text = export(open_existing(db_path), fmt, open_only=open_only)
    if out:
        Path(out).write_text(text, encoding="utf-8", newline="")
    else:
        click.echo(text, nl=False)


# --- catalogue: serve and publish (datasette_plugins/, db/serve.py) ---


@main.command("serve")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
@click.option("--port", default=8001, show_default=True, type=int)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--public", is_flag=True, help="Read-only public mode: no arbitrary SQL, no database download.")
@click.option("--documents", "documents_dir", type=click.Path(file_okay=False, exists=True),
              help="Folder holding the source files (by file name), if not at the paths recorded by build.")
def serve_command(db_path, port, host, public, documents_dir):
    """Serve the catalogue with Datasette (database served as `lieguan`).

    Example: lieguan serve --public --port 8001
    """
    from db.serve import serve

    try:
        serve(db_path, port=port, public=public, host=host, documents_dir=documents_dir)
    except FileNotFoundError as error:
        raise click.ClickException(str(error))


@main.command("publish")
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
@click.option("--documents", "documents_dir", type=click.Path(file_okay=False, exists=True),
              help="Folder holding the source files (by file name), if not at the paths recorded by build.")
def publish_command(out_dir, db_path, documents_dir):
    """Write OUT_DIR: the database, documents, plugins, metadata and a run script
    (`python3 serve.py`) that serves the catalogue in public mode on another host.

    Example: lieguan publish out/site
    """
    from db.serve import publish

    try:
        publish(db_path, out_dir, documents_dir)
    except FileNotFoundError as error:
        raise click.ClickException(str(error))
    click.echo(f"published to {out_dir}: cd {out_dir} && pip install -r requirements.txt && python3 serve.py")
