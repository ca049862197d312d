"""Serve the knowledge base with Datasette, locally or in public mode, and
publish it as a directory another host can serve.

Public mode: the database is opened immutable, arbitrary SQL (``?sql=``) and
the database download answer 403, queries stop after ``sql_time_limit_ms``,
and every response carries a Content-Security-Policy (see
:mod:`datasette_plugins.public_mode`). Canned queries, table search and the
catalogue pages keep working.

Example::

    >>> ds = make_datasette("db/lieguan.db", public=True)   # doctest: +SKIP
    >>> serve("db/lieguan.db", port=8001, public=False)      # doctest: +SKIP
"""

from __future__ import annotations

import importlib
import json
import shutil
import sqlite3
from pathlib import Path

from datasette.app import Datasette
from datasette.database import Database
from datasette.plugins import pm

from datasette_plugins.item_page import document_path

DATABASE_NAME = "lieguan"
DEFAULT_PORT = 8001
PLUGIN_DIR = Path(__file__).resolve().parent.parent / "datasette_plugins"
PLUGIN_MODULES = (
    "datasette_plugins.chinese_search",
    "datasette_plugins.roc_dates",
    "datasette_plugins.catalogue",
    "datasette_plugins.item_page",
    "datasette_plugins.charts",
    "datasette_plugins.feeds",
    "datasette_plugins.public_mode",
)
SETTINGS = {"sql_time_limit_ms": 3000, "facet_time_limit_ms": 500, "default_page_size": 100}
PUBLIC_SETTINGS = {"sql_time_limit_ms": 1000, "facet_time_limit_ms": 200, "allow_download": False,
                   "max_returned_rows": 1000}


def register_plugins() -> None:
    """Register lieguan's plugins with Datasette unless their entry points already did
    (they do when lieguan is pip-installed; a published directory is not)."""
    for name in PLUGIN_MODULES:
        module = importlib.import_module(name)
        if not pm.is_registered(module):
            pm.register(module, name)


def load_metadata(public: bool = False, documents_dir: str | Path | None = None,
                  path: str | Path | None = None) -> dict:
    """The catalogue's metadata (Traditional Chinese; ``path`` defaults to the
    plugins' metadata.json), adjusted for public mode and the documents' folder.

    >>> load_metadata(public=True)["allow_sql"]
    False
    """
    metadata = json.loads(Path(path or PLUGIN_DIR / "metadata.json").read_text(encoding="utf-8"))
    if documents_dir is not None:
        metadata.setdefault("plugins", {}).setdefault("lieguan", {})["documents_dir"] = str(documents_dir)
    if public:
        metadata["allow_sql"] = False
    return metadata


def make_datasette(db_path: str | Path, public: bool = False, documents_dir: str | Path | None = None,
                   metadata_path: str | Path | None = None) -> Datasette:
    """A Datasette instance serving ``db_path`` as ``lieguan`` with lieguan's plugins,
    templates, static files and metadata.

    Raises FileNotFoundError if the database does not exist.
    """
    db_path = Path(db_path)
    if not db_path.is_file():
        raise FileNotFoundError(f"{db_path}: no such database (run `lieguan build` first)")
    register_plugins()
    datasette = Datasette(
        metadata=load_metadata(public, documents_dir, metadata_path),
        template_dir=str(PLUGIN_DIR / "templates"),
        static_mounts=[("lieguan-static", str(PLUGIN_DIR / "static"))],
        settings={**SETTINGS, **(PUBLIC_SETTINGS if public else {})},
    )
    datasette.add_database(
        Database(datasette, path=str(db_path), is_mutable=not public), name=DATABASE_NAME
    )
    return datasette


def serve(db_path: str | Path = "db/lieguan.db", port: int = DEFAULT_PORT, public: bool = False,
          host: str = "127.0.0.1", documents_dir: str | Path | None = None,
          metadata_path: str | Path | None = None) -> None:
    """Serve the catalogue until interrupted (blocking)."""
    import uvicorn

    datasette = make_datasette(db_path, public=public, documents_dir=documents_dir, metadata_path=metadata_path)
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning")


RUN_SCRIPT = '''#!/usr/bin/env python3
"""Serve this published lieguan catalogue: python3 serve.py [--port 8001] [--host 0.0.0.0]

Needs: pip install -r requirements.txt
"""
import argparse
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
sys.path.insert(0, str(here / "lib"))

from db.serve import serve  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=8001)
parser.add_argument("--host", default="0.0.0.0")
args = parser.parse_args()
serve(here / "lieguan.db", port=args.port, public=True, host=args.host,
      documents_dir=here / "documents", metadata_path=here / "metadata.json")
'''

REQUIREMENTS = ["datasette>=0.65,<0.66", "opencc-python-reimplemented>=0.1.7", "uvicorn",
                "datasette-atom>=0.9", "datasette-ics>=0.5"]


def publish(db_path: str | Path, out_dir: str | Path, documents_dir: str | Path | None = None) -> Path:
    """Write a self-contained public catalogue to ``out_dir``: the database
    (compacted copy), the source documents, lieguan's plugins, templates and
    metadata, ``requirements.txt`` and a ``serve.py`` run script that serves it
    in public mode. Returns ``out_dir``.

    Example: ``publish("db/lieguan.db", "out/site")`` then, on any host,
    ``cd out/site && pip install -r requirements.txt && python3 serve.py``.
    """
    db_path, out_dir = Path(db_path), Path(out_dir)
    if not db_path.is_file():
        raise FileNotFoundError(f"{db_path}: no such database (run `lieguan build` first)")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{DATABASE_NAME}.db"
    target.unlink(missing_ok=True)
    with sqlite3.connect(db_path) as source:
        source.execute("vacuum into ?", (str(target),))
    (out_dir / "documents").mkdir(exist_ok=True)
    with sqlite3.connect(target) as copy_db:
        for file_name, recorded_path in copy_db.execute("select file_name, path from documents"):
            source_file = document_path(file_name, recorded_path, documents_dir)
            if source_file:
                shutil.copy2(source_file, out_dir / "documents" / Path(file_name).name)
    lib = out_dir / "lib"
    shutil.rmtree(lib, ignore_errors=True)
    shutil.copytree(PLUGIN_DIR, lib / "datasette_plugins", ignore=shutil.ignore_patterns("__pycache__"))
    (lib / "db").mkdir(parents=True)
    (lib / "db" / "__init__.py").write_text('"""lieguan: the parts a published catalogue needs."""\n')
    for module in ("search.py", "serve.py"):
        shutil.copy2(Path(__file__).with_name(module), lib / "db" / module)
    (out_dir / "metadata.json").write_text(
        json.dumps(load_metadata(public=True), ensure_ascii=False, indent=2),
        encoding="utf-8",
    )
    (out_dir / "requirements.txt").write_text("\n".join(REQUIREMENTS) + "\n")
    run = out_dir / "serve.py"
    run.write_text(RUN_SCRIPT)
    run.chmod(0o755)
    return out_dir
