"""lieguan.extract: files → structured records, with no database and no global state.

The whole package is one function, :func:`extract`, from a file to a
:class:`~extract.model.Record`::

    >>> from extract import extract
    >>> record = extract("corpus/seeds/000_cc469a30a0b85147.txt")  # doctest: +SKIP
    >>> record.kind  # doctest: +SKIP
    'minutes'
"""

from extract.model import ExtractError, Record
from extract.pipeline import extract

__all__ = ["extract", "ExtractError", "Record"]
