"""The one loader of baocao's data tables (``extractors/data/*.tsv``,
``normalizers/data/*.tsv``).

Every table is a commented TSV file, UTF-8:

* a line starting with ``#``, and a blank line, is a comment;
* the first other line is the header: the column names, tab-separated;
* every further line is one row with exactly one cell per column.  Columns
  the table declares ``optional`` may be left off at the end of a row (they
  read as ``""``); a row with more cells than columns, or fewer without that
  leave, is an error.

Cells are returned as written (no stripping: callers decide), except columns
given a type (``types={"priority": int}``): those hold the converter's value,
and a cell the converter refuses (``ValueError``/``TypeError``/``KeyError``)
is an error too.

Every error is a :class:`DataTableError` whose message is one line,
``<path>:<line>: <what is wrong>``, raised when the table is read: a broken
data file fails loudly at load, never as a silently empty table.  Reading is
cached per file (path, size and modification time), so an edited file is
read again.

A module that owns a table declares it once, at import::

    LAWS = DataTable(DATA / "laws.tsv", columns=("key", "kind", "title"))
    for row in LAWS.rows(): ...          # dict-like rows; row.line, row.error(msg)

:func:`check_all` reads every declared table, and every ``*.tsv`` file of
the data folders (with the generic rules when no module declared it): the
run calls it before it starts, so a malformed table stops the run with its
path and line.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Mapping, Optional

__all__ = ["DataTable", "DataTableError", "Row", "check_all", "data_folders", "read_table"]


class DataTableError(ValueError):
    """A data table that cannot be read: ``<path>:<line>: <what is wrong>``."""

    def __init__(self, path, line: int, message: str):
        self.path = str(path)
        self.line = line
        self.message = " ".join(str(message).split())
        super().__init__(f"{self.path}:{line}: {self.message}")


class Row(dict):
    """One row: column → cell (``str``, or the typed value); ``line`` is its
    1-based line number in ``path``."""

    __slots__ = ("path", "line")

    def __init__(self, cells: Mapping, path: str, line: int):
        super().__init__(cells)
        self.path = path
        self.line = line

    def error(self, message: str) -> DataTableError:
        """A :class:`DataTableError` at this row (for checks a caller makes)."""
        return DataTableError(self.path, self.line, message)


Types = tuple[tuple[str, Callable[[str], object]], ...]


def read_table(path, *, columns: Iterable[str] = (), optional: Iterable[str] = (),
               types: Optional[Mapping[str, Callable[[str], object]]] = None) -> tuple[Row, ...]:
    """The rows of the table at ``path`` (see the module docstring).

    ``columns``: names the header must have (any order; others are allowed).
    ``optional``: trailing columns a row may leave off (or the header lack).  ``types``: column →
    converter of the cell.  Cached until the file changes: the rows are shared,
    read them, do not modify them.
    """
    p = Path(path)
    try:
        st = p.stat()
    except OSError as exc:
        raise DataTableError(p, 0, f"cannot read: {exc.strerror or exc}") from None
    return _read(str(p), st.st_size, st.st_mtime_ns, tuple(columns), tuple(optional),
                 tuple((types or {}).items()))


@lru_cache(maxsize=256)
def _read(path: str, size: int, mtime_ns: int, columns: tuple[str, ...], optional: tuple[str, ...],
          types: Types) -> tuple[Row, ...]:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DataTableError(path, 0, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataTableError(path, data[:exc.start].count(b"\n") + 1, f"not UTF-8 ({exc.reason})") from None
    header: Optional[list[str]] = None
    rows: list[Row] = []
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw[:-1] if raw.endswith("\r") else raw
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            _check_header(path, number, header, columns, optional, types)
            continue
        if len(cells) != len(header):
            missing = header[len(cells):]
            if len(cells) > len(header) or any(c not in optional for c in missing):
                raise DataTableError(path, number, f"{len(cells)} cells, the header has {len(header)} columns "
                                     f"({', '.join(header)})")
            cells = cells + [""] * len(missing)
        row = dict(zip(header, cells))
        for col, conv in types:
            try:
                row[col] = conv(row[col])
            except (ValueError, TypeError, KeyError) as exc:
                raise DataTableError(path, number, f"column {col}: bad value {row[col]!r} ({exc})") from None
        rows.append(Row(row, path, number))
    if header is None:
        raise DataTableError(path, 1, "no header row")
    return tuple(rows)


def _check_header(path: str, number: int, header: list[str], columns, optional, types: Types) -> None:
    seen = set()
    for name in header:
        if not name.strip() or name != name.strip():
            raise DataTableError(path, number, f"header: column name {name!r} is empty or has spaces around it")
        if name in seen:
            raise DataTableError(path, number, f"header: column {name} twice")
        seen.add(name)
    wanted = list(columns) + [c for c, _ in types]
    missing = [c for c in dict.fromkeys(wanted) if c not in seen]
    if missing:
        raise DataTableError(path, number, f"header: no column {', '.join(missing)} "
                             f"(the header is {', '.join(header)})")


_DECLARED: dict[str, "DataTable"] = {}


class DataTable:
    """A data table a module owns: where it is and how its rows must look."""

    def __init__(self, path, *, columns: Iterable[str] = (), optional: Iterable[str] = (),
                 types: Optional[Mapping[str, Callable[[str], object]]] = None):
        self.path = Path(path)
        self.columns = tuple(columns)
        self.optional = tuple(optional)
        self.types = dict(types or {})
        _DECLARED[str(self.path.resolve())] = self

    def rows(self) -> tuple[Row, ...]:
        """The rows (read once per change of the file)."""
        return read_table(self.path, columns=self.columns, optional=self.optional, types=self.types)

    def __repr__(self) -> str:
        return f"DataTable({str(self.path)!r})"


def data_folders() -> list[Path]:
    """The ``data/`` folders of the packages that hold tables."""
    import baocao.extractors
    import baocao.normalizers

    return [Path(m.__file__).resolve().parent / "data" for m in (baocao.normalizers, baocao.extractors)]


def _owners() -> None:
    """Import every module that declares a table (so their rules apply)."""
    import importlib

    for name in ("baocao.normalizers.legacy", "baocao.normalizers.repair", "baocao.extractors.codes",
                 "baocao.extractors.confusions", "baocao.extractors.header", "baocao.extractors.laws",
                 "baocao.extractors.metrics_vocab", "baocao.extractors.spelling", "baocao.extractors.units"):
        importlib.import_module(name)


def check_all() -> int:
    """Read every data table of the package's data folders (declared ones with
    their rules, any other ``*.tsv`` there with the generic ones); raise the first
    :class:`DataTableError`.  Returns the number of tables read."""
    _owners()
    folders = data_folders()
    n = 0
    for where, table in list(_DECLARED.items()):
        if Path(where).parent in folders:  # the package's own tables (not a caller's elsewhere)
            table.rows()
            n += 1
    for folder in folders:
        for p in sorted(folder.glob("*.tsv")):
            if str(p.resolve()) not in _DECLARED:
                read_table(p)
                n += 1
    return n
