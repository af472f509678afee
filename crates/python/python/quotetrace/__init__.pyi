"""Type stubs of the quotetrace package (see __init__.py for the full docstrings)."""

from __future__ import annotations

import os
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Tuple, TypedDict, Union

import pandas

class Span(TypedDict):
    text: str
    start: int
    end: int

class _QuoteBase(TypedDict):
    text: str
    start: int
    """UTF-8 byte offset into the text (``char_span`` gives str indexes)."""
    end: int
    kind: str
    """direct, partial, indirect or pull."""
    speaker: Optional[str]
    speaker_mention: Optional[Span]
    cue: Optional[Span]
    confidence: float

class Quote(_QuoteBase, total=False):
    speaker_type: str
    verbatim: List[Span]
    cue_kind: str

class Boilerplate(TypedDict):
    start: int
    end: int
    why: str

class Record(TypedDict, total=False):
    """One document's result: a line of ``quotetrace extract``."""

    doc: str
    title: str
    url: str
    outlet: str
    author: str
    published: str
    lang: str
    quotes: List[Quote]
    boilerplate: List[Boilerplate]
    warnings: List[str]
    error: str

class Removed(TypedDict):
    why: str
    text: str

class Article(TypedDict):
    text: str
    title: Optional[str]
    author: Optional[str]
    date: Optional[str]
    outlet: Optional[str]
    url: Optional[str]
    lang: Optional[str]
    boilerplate: List[Removed]
    warnings: List[str]

InputRecord = Mapping[str, Any]
"""A dict with ``text`` or ``html`` and optionally id, title, url, published, outlet, author."""

Table = Union["pandas.DataFrame", List[Dict[str, Any]]]
"""A pandas DataFrame (Arrow-backed with pyarrow), or a list of dicts without pandas."""

QUOTE_COLUMNS: List[Tuple[str, str]]

class QuotetraceError(Exception):
    """Base class of quotetrace's errors."""

class StoreError(QuotetraceError):
    """The store could not be opened, read or written."""

class RecordError(QuotetraceError):
    """An input is not a text nor a record with a "text" or "html" string."""

def extract(text: str, *, title: Optional[str] = None, doc: Optional[str] = None) -> List[Quote]:
    """The quotations of one article text, with their canonical speakers."""

def extract_many(
    iterable: Iterable[Union[str, InputRecord]], *, jobs: Optional[int] = None
) -> Iterator[Record]:
    """One record per input, streaming, in input order; ``jobs`` threads, GIL released."""

def clean(html_or_text: Union[str, bytes], *, url: Optional[str] = None) -> Article:
    """The main text and metadata of a page, boilerplate removed."""

def char_span(text: str, quote: Mapping[str, Any]) -> Tuple[int, int]:
    """A quote's (start, end) as str indexes into ``text``."""

class Store:
    """A corpus store directory; ``read_only=True`` opens an existing one for queries."""

    def __init__(self, path: Union[str, os.PathLike[str]], *, read_only: bool = False) -> None: ...
    def __enter__(self) -> Store: ...
    def __exit__(self, *exc: object) -> None: ...
    @property
    def path(self) -> str: ...
    def close(self) -> None: ...
    def counts(self) -> Dict[str, int]: ...
    def ingest(
        self,
        paths_or_records: Union[
            str, os.PathLike[str], InputRecord, Iterable[Union[str, os.PathLike[str], InputRecord]]
        ],
        *,
        jobs: int = 2,
        batch: Optional[int] = None,
        progress: Optional[bool] = None,
    ) -> Dict[str, Any]:
        """Adds documents; returns the summary (added, existing, duplicates, failed, quotes)."""
    def quotes(
        self,
        speaker: Optional[str] = None,
        since: Optional[str] = None,
        until: Optional[str] = None,
        outlet: Optional[str] = None,
        story: Optional[int] = None,
        *,
        speaker_id: Optional[int] = None,
        kind: Optional[str] = None,
        min_confidence: Optional[float] = None,
        limit: Optional[int] = None,
    ) -> Table:
        """Stored quotes with their article metadata: the QUOTE_COLUMNS."""
    def export_parquet(self, path: Union[str, os.PathLike[str]], **filters: Any) -> int:
        """Writes the quotes to a Parquet file; returns how many."""
    def speakers(self, name: Optional[str] = None, *, limit: int = 1000) -> Table: ...
    def stories(self, story: Optional[int] = None) -> Table: ...
    def search(self, q: str, *, limit: int = 50) -> Table: ...
    def trace(self, text: str, *, limit: Optional[int] = None) -> Optional[Dict[str, Any]]:
        """A quote's provenance; ``appearances`` is a Table."""
