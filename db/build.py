"""Records → SQLite: the incremental, idempotent knowledge-base build.

A file is identified by the SHA-256 of its bytes, so an unchanged file is
skipped before anything is extracted; a changed file (same path, new bytes)
replaces its old records in one transaction. When the extractor itself
changed (a hash of ``extract/*.py`` and the unit gazetteer), every file is
extracted again. Extraction runs in worker processes with a memory limit
(RLIMIT_AS) and a per-file timeout, so a
decompression bomb, a hang or a crash costs one file; only this process
writes. Each file is committed on its own, so an interrupted build resumes
where it stopped, and derived data (tracking, search index) is recomputed
from the whole database whenever a file was written, so the result does not
depend on the order files were built in.

A file that fails leaves the database untouched: nothing is written for it,
and nothing at all is written when no file changed.

Example::

    >>> report = build("db/lieguan.db", ["corpus/pdf"])  # doctest: +SKIP
    >>> report.exit_status, len(report.added)  # doctest: +SKIP
    (0, 5)
"""

from __future__ import annotations

import gc
import hashlib
import inspect
import json
import logging
import os
import resource
import signal
import threading
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol

from rapidfuzz import fuzz
from sqlite_utils import Database

import schema
from db import search, tracking
from db.gazetteer import Gazetteer, placeholder, refresh_units
from db.tracking import normalise_name
from db.migrate import connect, get_meta, migrate, set_meta, utc_now, with_transaction
from extract.model import Record, item_id

SUPPORTED_SUFFIXES = {".pdf", ".txt", ".docx", ".odt"}
PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CORPUS = [PROJECT_ROOT / "corpus" / "pdf", PROJECT_ROOT / "corpus" / "real-pdf"]
DEFAULT_TIMEOUT = 300  # seconds per file; OCR of a long scan takes a few seconds a page
DEFAULT_MEMORY_MB = 2048  # address space per worker; the corpus peaks at ~320 MB (OCR included)
HARD_TIMEOUT_GRACE = 30  # extra seconds before a worker stuck outside Python is killed
MANUAL_CARRY_OVER_SIMILARITY = 90  # rapidfuzz ratio for moving manual events to a new version
NEEDS_DERIVE = "needs_derive"
DERIVATION_KEY = "derivation_sha256"

Extractor = Callable[[str, "str | None"], Record]


@dataclass
class FileOutcome:
    """What the build did with one file: ``added``, ``replaced``, ``skipped`` or ``failed``."""

    path: str
    status: str
    reason: str | None = None  # failures: ExtractError.reason, or ``crash``/``timeout``
    message: str | None = None
    pages: int = 0
    items: int = 0


@dataclass
class BuildReport:
    files: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0

    def _with(self, status: str) -> list[FileOutcome]:
        return [f for f in self.files if f.status == status]

    @property
    def added(self) -> list[FileOutcome]:
        return self._with("added")

    @property
    def replaced(self) -> list[FileOutcome]:
        return self._with("replaced")

    @property
    def skipped(self) -> list[FileOutcome]:
        return self._with("skipped")

    @property
    def failed(self) -> list[FileOutcome]:
        return self._with("failed")

    @property
    def pages(self) -> int:
        return sum(f.pages for f in self.files)

    @property
    def exit_status(self) -> int:
        """0 when every file was built or skipped, 2 when some failed."""
        return 2 if self.failed else 0

    def summary(self) -> str:
        rate = f", {self.pages / self.seconds:.1f} pages/s" if self.seconds and self.pages else ""
        return (
            f"{len(self.added)} added, {len(self.replaced)} replaced, {len(self.skipped)} unchanged, "
            f"{len(self.failed)} failed; {self.pages} pages in {self.seconds:.1f} s{rate}"
        )


class Progress(Protocol):
    def start(self, total: int) -> None: ...

    def file_done(self, outcome: FileOutcome) -> None: ...


@dataclass
class _Job:
    path: Path
    shown: str  # the path as stored and reported
    sha256: str


def build(
    db_path: str | Path,
    paths: Iterable[str | Path] | None = None,
    workers: int | None = None,
    password: str | None = None,
    *,
    extractor: Extractor | None = None,
    timeout: int = DEFAULT_TIMEOUT,
    memory_mb: int = DEFAULT_MEMORY_MB,
    now: str | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Build or update the knowledge base at ``db_path`` from ``paths`` (files
    or directories; default: the bundled corpus PDFs).

    ``workers`` is the number of extraction processes (default: one per core;
    0 extracts in this process, without limits — for tests). ``extractor``
    replaces :func:`extract.extract` (a picklable ``(path, password) → Record``);
    ``now`` fixes the ingest timestamp.

    >>> report = build("/tmp/kb.db", ["corpus/seeds/000_cc469a30a0b85147.txt"], workers=0)  # doctest: +SKIP
    >>> report.summary()  # doctest: +SKIP
    '1 added, 0 replaced, 0 unchanged, 0 failed; 3 pages in 1.2 s, 2.5 pages/s'
    """
    started = time.monotonic()
    report = BuildReport()
    database = connect(db_path)
    try:
        migrate(database, now=now)
        note_derivation_change(database)
        extractor = extractor or default_extractor
        fingerprint = extractor_fingerprint(extractor)
        jobs = _plan(database, expand_paths(BUNDLED_CORPUS if paths is None else paths), fingerprint, report)
        if progress:
            progress.start(len(report.files) + len(jobs))
            for outcome in report.files:
                progress.file_done(outcome)
        stages = _stages(extractor, password, timeout, memory_mb)
        count = usable_cores() if workers is None else workers
        with closing(_extract_all(jobs, stages, min(count, len(jobs)))) as results:
            for job, result in results:
                outcome = _store(database, job, result, now or utc_now(), fingerprint)
                report.files.append(outcome)
                if progress:
                    progress.file_done(outcome)
        derive_if_needed(database)
    finally:
        database.conn.close()
    report.seconds = time.monotonic() - started
    return report


def usable_cores() -> int:
    """Cores this process may run on (a container's share, not the host's count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def default_extractor(path: str, password: str | None) -> Record:
    from extract import extract

    return extract(path, password=password)


def _read_stage(path: str, password: str | None):
    from extract.pipeline import read_layout

    return read_layout(path, password)


def _parse_stage(layout, password: str | None) -> Record:
    from extract.pipeline import parse_layout

    return parse_layout(layout)


def _stages(extractor: Extractor, password: str | None, timeout: int, memory_mb: int) -> list["_Runner"]:
    """The extraction as stages, each run by its own workers: the default in two
    (reading, then parsing with the spaCy pipeline), any other extractor in one."""
    functions = [_read_stage, _parse_stage] if extractor is default_extractor else [extractor]
    return [_Runner(function, password, timeout, memory_mb) for function in functions]


def _preload() -> None:
    """Load the spaCy pipeline (half a second) in this process before the
    parsing workers are forked: they share it instead of each building its
    own, and start on their first file at once. The reading workers, forked
    before, read files meanwhile.

    The garbage collector is paused while it loads (it would scan the growing
    heap over and over, a fifth of the load time), and what was loaded, which
    lives as long as the process, is then frozen out of collections: the
    workers' collections skip it, and so does the one at exit (0.2 s)."""
    from extract.units import unit_pipeline

    if unit_pipeline.cache_info().currsize:  # loaded and frozen by an earlier build
        return
    collecting = gc.isenabled()
    gc.disable()
    try:
        unit_pipeline()
    finally:
        if collecting:
            gc.enable()
    gc.freeze()


def extractor_fingerprint(extractor: Extractor) -> str:
    """A hash of the code (and gazetteer) behind ``extractor``: the ``extract``
    package for the default, else the module defining ``extractor``.

    >>> len(extractor_fingerprint(default_extractor))
    16
    """
    if extractor is default_extractor:
        files = sorted((PROJECT_ROOT / "extract").glob("*.py")) + [schema.path("units.json")]
    else:
        files = [Path(inspect.getsourcefile(extractor) or "")]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"") + b"\0")
    return digest.hexdigest()[:16]


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files to build: each file as given, each directory's supported files (recursively, sorted)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        else:
            files.append(path)
    return files


def stored_path(path: Path) -> str:
    """The path recorded in ``documents.path``: relative to the working directory when inside it."""
    absolute = path.resolve()
    try:
        return absolute.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return absolute.as_posix()


def _plan(database: Database, files: list[Path], fingerprint: str, report: BuildReport) -> list[_Job]:
    """Hash every file; record skips and unreadable files in ``report``; return the files to extract:
    new or changed files, and every file when the extractor itself changed."""
    known = dict(database.execute("SELECT id, extracted_with FROM documents").fetchall())
    seen: set[str] = set()
    jobs: list[_Job] = []
    for path in files:
        shown = stored_path(path) if path.exists() else str(path)
        if path.exists() and not path.is_file():  # a device or pipe could be read forever
            report.files.append(FileOutcome(shown, "failed", "unsupported", "not a regular file"))
            continue
        try:
            with path.open("rb") as stream:  # streamed: a huge file must not fill the parent's memory
                sha = hashlib.file_digest(stream, "sha256").hexdigest()
        except OSError as error:
            report.files.append(FileOutcome(shown, "failed", "unreadable", error.strerror or str(error)))
            continue
        if sha in seen or known.get(sha, "") == fingerprint:  # a second copy in one batch too
            report.files.append(FileOutcome(shown, "skipped", "unchanged"))
            continue
        seen.add(sha)
        jobs.append(_Job(path, shown, sha))
    return jobs


# --- extraction in worker processes -------------------------------------------------


class _Timeout(BaseException):
    """Raised by SIGALRM; a BaseException so an extractor's ``except Exception`` cannot swallow it."""


@dataclass(frozen=True)
class _Runner:
    """Runs one stage of the extraction on one input (a path, or the previous
    stage's output) and turns every failure into a (reason, message) pair."""

    stage: Callable
    password: str | None
    timeout: int
    memory_mb: int

    def __call__(self, value):
        from extract.model import ExtractError

        timed = threading.current_thread() is threading.main_thread()  # signals need the main thread
        if timed:
            previous = signal.signal(signal.SIGALRM, _raise_timeout)
            signal.alarm(self.timeout)
        try:
            return self.stage(value, self.password)
        except ExtractError as error:
            return error.reason, error.message
        except _Timeout:
            return "timeout", f"extraction took longer than {self.timeout} s"
        except MemoryError:
            return "too_large", f"extraction needed more than {self.memory_mb} MB of memory"
        except Exception as error:  # a crash on one file must not stop the batch
            return "crash", f"internal error: {type(error).__name__}: {error}"
        finally:
            if timed:
                signal.alarm(0)
                signal.signal(signal.SIGALRM, previous)


def _failed(result) -> bool:
    """Whether a stage's result is a (reason, message) failure."""
    return isinstance(result, tuple)


def extract_files(
    paths: Iterable[str | Path],
    password: str | None = None,
    workers: int | None = None,
    *,
    timeout: int = DEFAULT_TIMEOUT,
    memory_mb: int = DEFAULT_MEMORY_MB,
) -> Iterator[tuple[str, Record | tuple[str, str]]]:
    """Yield (path, record or (reason, message)) for each file, in the order given,
    extracted by the build's limited workers: a crash, hang or memory blow-up
    costs that file only.

    >>> [type(r).__name__ for _, r in extract_files(["corpus/seeds/000_cc469a30a0b85147.txt"])]  # doctest: +SKIP
    ['Record']
    """
    jobs = [_Job(Path(path), str(path), "") for path in paths]
    stages = _stages(default_extractor, password, timeout, memory_mb)
    count = usable_cores() if workers is None else workers
    finished: dict[int, Record | tuple[str, str]] = {}
    position = 0
    with closing(_extract_all(jobs, stages, min(count, len(jobs)))) as results:
        for job, result in results:
            finished[id(job)] = result
            while position < len(jobs) and id(jobs[position]) in finished:
                yield jobs[position].shown, finished.pop(id(jobs[position]))
                position += 1


def _raise_timeout(signum, frame):
    raise _Timeout()


def _init_worker(memory_mb: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # tesseract's threads fight over 2 cores
    logging.disable(logging.WARNING)  # library chatter (pdfminer's font warnings); failures are reported by the parent
    limit = memory_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _extract_all(jobs: list[_Job], stages: list[_Runner], workers: int) -> Iterator[tuple[_Job, Record | tuple[str, str]]]:
    """Yield (job, record or (reason, message)) as files finish.

    Each stage runs in its own ``workers`` processes and hands each file on
    to the next. The first stage's workers start at once; the later ones are
    forked after the spaCy pipeline is loaded here, so that they share it.
    Larger files go first, so that no large file is left running alone at the end.
    """
    if workers <= 0:
        for job in jobs:
            result = str(job.path)
            for run in stages:
                result = run(result)
                if _failed(result):
                    break
            yield job, result
        return
    pools = [_StagePool(run, workers) for run in stages]
    gc.freeze()  # what the workers inherit stays out of their collections: no copy-on-write of the whole heap
    try:
        for job in sorted(jobs, key=_size, reverse=True):
            pools[0].submit(job, str(job.path))
        if len(pools) > 1:
            _preload()
        while any(pool.busy for pool in pools):
            wait([future for pool in pools for future in pool.inflight], timeout=1.0, return_when=FIRST_COMPLETED)
            for stage, pool in enumerate(pools):
                for job, result in pool.collect():
                    if _failed(result) or stage == len(pools) - 1:
                        yield job, result
                    else:
                        pools[stage + 1].submit(job, result)
    finally:
        for pool in pools:
            pool.close()


def _size(job: _Job) -> int:
    try:
        return job.path.stat().st_size
    except OSError:
        return 0


class _StagePool:
    """The worker processes of one stage, fed one input per free worker.

    When a worker dies (segfault, kill), every input it may have held is
    retried alone in a fresh pool, so only the culprit fails; a worker stuck
    in native code past the timeout (where SIGALRM cannot reach) is killed.
    """

    def __init__(self, run: _Runner, workers: int):
        self.run, self.workers = run, workers
        self.pending: deque = deque()  # (job, input)
        self.suspects: deque = deque()  # (job, input) held by a worker that died
        self.inflight: dict = {}  # future → (job, input, started)
        self.stuck: set[int] = set()  # ids of jobs whose worker was killed for the time it took
        self.pool: ProcessPoolExecutor | None = None
        self.alone = False

    @property
    def busy(self) -> bool:
        return bool(self.pending or self.suspects or self.inflight)

    def submit(self, job: _Job, value) -> None:
        self.pending.append((job, value))
        self._hand_out()

    def _hand_out(self) -> None:
        if self.pool is None:
            if not (self.pending or self.suspects):
                return
            self.alone = bool(self.suspects)
            self.pool = ProcessPoolExecutor(1 if self.alone else self.workers, mp_context=get_context("fork"),
                                            initializer=_init_worker, initargs=(self.run.memory_mb,))
        queue, limit = (self.suspects, 1) if self.alone else (self.pending, self.workers)
        while queue and len(self.inflight) < limit:
            job, value = queue.popleft()
            self.inflight[self.pool.submit(self.run, value)] = (job, value, time.monotonic())

    def collect(self) -> list[tuple[_Job, object]]:
        """(job, result) of the inputs finished since the last call; idle
        workers get their next inputs before the caller handles these."""
        finished, broken = [], False
        for future in [future for future in self.inflight if future.done()]:
            job, value, _ = self.inflight.pop(future)
            try:
                finished.append((job, future.result()))
            except BrokenProcessPool:
                broken = True
                if id(job) in self.stuck:
                    finished.append((job, self._timed_out()))
                elif self.alone:
                    finished.append((job, ("crash", "the extraction process died (crash or memory limit)")))
                else:
                    self.suspects.append((job, value))
        if broken:  # the other inputs in flight died with it
            for job, value, _ in self.inflight.values():
                if id(job) in self.stuck:
                    finished.append((job, self._timed_out()))
                else:
                    self.suspects.append((job, value))
            self.inflight.clear()
            self.close()
        else:
            limit = self.run.timeout + HARD_TIMEOUT_GRACE
            overdue = [job for job, _, since in self.inflight.values() if time.monotonic() - since > limit]
            if overdue:  # stuck in native code where SIGALRM cannot interrupt it
                self.stuck.update(id(job) for job in overdue)
                _terminate_workers(self.pool)
            elif self.alone and not (self.suspects or self.inflight):
                self.close()  # the suspects are cleared: back to all workers
        self._hand_out()
        return finished

    def _timed_out(self) -> tuple[str, str]:
        return "timeout", f"extraction took longer than {self.run.timeout} s"

    def close(self) -> None:
        if self.pool is not None:
            _terminate_workers(self.pool)
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _terminate_workers(pool: ProcessPoolExecutor) -> None:
    # The executor has no public way to stop a running task; these are our own children.
    for process in list((pool._processes or {}).values()):
        if process.is_alive():
            process.terminate()


# --- writing -------------------------------------------------------------------------


def _store(database: Database, job: _Job, result: Record | tuple[str, str], now: str, fingerprint: str) -> FileOutcome:
    if not isinstance(result, Record):
        reason, message = result
        return FileOutcome(job.shown, "failed", reason, message)
    try:
        replaced = with_transaction(database, lambda: write_record(database, result, job.shown, job.sha256, now, fingerprint))
    except Exception as error:  # e.g. a record that breaks a constraint: one file fails, not the batch
        return FileOutcome(job.shown, "failed", "crash", f"could not store the record: {type(error).__name__}: {error}")
    return FileOutcome(job.shown, "replaced" if replaced else "added", pages=result.page_count, items=len(result.items))


def write_record(database: Database, record: Record, path: str, document_id: str, now: str, extracted_with: str | None = None) -> bool:
    """Insert ``record`` as document ``document_id``, replacing older versions of
    the same ``path`` or older extractions of the same bytes; returns whether
    one was replaced. Call inside a transaction."""
    old_ids = [row[0] for row in database.execute("SELECT id FROM documents WHERE path = ? OR id = ?", [path, document_id])]
    old_items = _items_with_manual_events(database, old_ids)
    for old_id in old_ids:
        delete_document(database, old_id)
    execute = database.execute
    execute(
        "INSERT INTO documents (id, file_name, path, kind, page_count, ingested_at, extracted_with) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [document_id, Path(path).name, path, record.kind, record.page_count, now, extracted_with],
    )
    database.conn.executemany(
        "INSERT INTO pages (document_id, number, text, ocr) VALUES (?, ?, ?, ?)",
        [(document_id, page["number"], page.get("text") or "", int(bool(page.get("ocr")))) for page in record.pages],
    )
    meeting_id = None
    if record.meeting is not None:
        meeting_id = document_id
        m = record.meeting
        execute(
            "INSERT INTO meetings (id, document_id, title, body, session, date, start_time, end_time, location, chairs, recorder, next_meeting_date)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [meeting_id, document_id, m.title, m.body, m.session, m.date, m.start_time, m.end_time, m.location,
             _json(m.chair), m.recorder, m.next_meeting_date],
        )
    agenda_ids: dict[str, str] = {}
    used_ids: set[str] = set()
    new_items: list[tuple[str, str, str]] = []
    for position, item in enumerate(record.items, start=1):
        row_id = item.id if item.id and item.id not in used_ids else item_id(document_id, f"#{position}")
        used_ids.add(row_id)
        agenda_id = None
        if item.agenda_item:
            agenda_id = agenda_ids.get(item.agenda_item)
            if agenda_id is None:
                agenda_id = agenda_ids[item.agenda_item] = item_id(document_id, f"agenda|{item.agenda_item}")
                execute(
                    "INSERT INTO agenda_items (id, document_id, meeting_id, section, title) VALUES (?, ?, ?, ?, ?)",
                    [agenda_id, document_id, meeting_id, item.section, item.agenda_item],
                )
        deadline = item.deadline
        execute(
            "INSERT INTO items (id, document_id, meeting_id, agenda_item_id, position, kind, speaker_or_source, text, section,"
            " agenda_item, page, source_text, deadline_raw, deadline_kind, deadline_date, deadline_start, deadline_extracted,"
            " deadline_date_source, tracking, tracked_refs, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [row_id, document_id, meeting_id, agenda_id, position, item.kind, item.speaker_or_source, item.text, item.section,
             item.agenda_item, item.page, item.source_text, deadline.raw, deadline.kind or "none", deadline.date, deadline.start,
             deadline.date, "extracted" if deadline.date else None, item.tracking, _json(item.tracked_refs), _json(item.extra)],
        )
        _insert_units(database, row_id, item.responsible_units)
        new_items.append((row_id, item.kind, item.text))
    _carry_over_manual_events(database, old_items, new_items)
    set_meta(database, NEEDS_DERIVE, "1")
    return bool(old_ids)


def _insert_units(database: Database, row_id: str, units) -> None:
    seen: set[str] = set()
    for ordinal, unit in enumerate(units):
        unit_id = normalise_name(unit.canonical or unit.raw or "")
        if not unit_id or unit_id in seen:
            continue
        seen.add(unit_id)
        placeholder(database, unit_id)
        database.execute(
            "INSERT INTO item_units (item_id, unit_id, raw, role, ordinal) VALUES (?, ?, ?, ?, ?)",
            [row_id, unit_id, unit.raw, unit.role or "lead", ordinal],
        )


def delete_document(database: Database, document_id: str) -> None:
    """Remove a document and everything extracted from it. Manual status events stay."""
    database.execute("DELETE FROM item_units WHERE item_id IN (SELECT id FROM items WHERE document_id = ?)", [document_id])
    for table in ("items", "agenda_items", "meetings", "pages"):
        database.execute(f"DELETE FROM {table} WHERE document_id = ?", [document_id])
    database.execute("DELETE FROM documents WHERE id = ?", [document_id])


def _items_with_manual_events(database: Database, document_ids: list[str]) -> list[tuple[str, str, str]]:
    if not document_ids:
        return []
    marks = ",".join("?" * len(document_ids))
    return [
        tuple(row)
        for row in database.execute(
            f"SELECT id, kind, text FROM items WHERE document_id IN ({marks})"
            " AND id IN (SELECT item_id FROM status_events WHERE source = 'manual') ORDER BY position",
            document_ids,
        )
    ]


def _carry_over_manual_events(database: Database, old_items, new_items) -> None:
    """A corrected file gets new item ids; point manual updates at the same item's new version."""
    for old_id, kind, text in old_items:
        scored = [(fuzz.ratio(text, new_text), new_id) for new_id, new_kind, new_text in new_items if new_kind == kind]
        best = max(scored, default=None, key=lambda pair: pair[0])
        if best and best[0] >= MANUAL_CARRY_OVER_SIMILARITY:
            database.execute("UPDATE status_events SET item_id = ? WHERE source = 'manual' AND item_id = ?", [best[1], old_id])


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


# --- derived data -----------------------------------------------------------------


def note_derivation_change(database: Database) -> bool:
    """When what derived data is computed from besides the records changed since
    the last build (the gazetteer, the tracking or unit code), mark it for
    recomputing; returns whether it changed."""
    digest = hashlib.sha256()
    for path in (schema.path("units.json"), PROJECT_ROOT / "db" / "tracking.py", PROJECT_ROOT / "db" / "gazetteer.py"):
        digest.update(path.read_bytes() if path.exists() else b"")
        digest.update(b"\0")
    if get_meta(database, DERIVATION_KEY) == digest.hexdigest():
        return False

    def mark():
        set_meta(database, DERIVATION_KEY, digest.hexdigest())
        set_meta(database, NEEDS_DERIVE, "1")

    with_transaction(database, mark)
    return True




def derive_if_needed(database: Database) -> bool:
    """Recompute tracking and the search index when files were written since the last time."""
    if get_meta(database, NEEDS_DERIVE) != "1":
        return False

    gazetteer = Gazetteer.load()

    def derive():
        tracking.derive(database)
        refresh_units(database, gazetteer)

    with_transaction(database, derive)
    # one transaction; index() commits it itself
    database.execute("BEGIN IMMEDIATE")
    try:
        search.index(database)
    except BaseException:
        if database.conn.in_transaction:
            database.execute("ROLLBACK")
        raise
    with_transaction(database, lambda: set_meta(database, NEEDS_DERIVE, "0"))
    return True
