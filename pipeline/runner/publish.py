"""Publish a run's dataset (five tables + the DuckDB file) as one unit.

Layout of an output folder::

    OUT/.versions/<n>/<table>.parquet     one folder per published version
    OUT/.versions/<n>/baocao.duckdb       views over *that* folder's Parquet files (absolute paths)
    OUT/.current -> .versions/<n>         the published version (a relative symlink)
    OUT/<table>.parquet -> .current/<table>.parquet    the stable names of CONTRACT.md
    OUT/baocao.duckdb   -> .current/baocao.duckdb

Rules:

* A run builds version n+1 in its own folder, which no reader looks at yet.
* ``verify`` checks it before anything is switched: every Parquet file's
  footer holds the row count that was written, and the DuckDB file opens
  read-only and every view counts those same rows.
* ``switch`` publishes it with one atomic ``rename`` of a new ``.current``
  link over the old one.  Before that rename no reader sees a change; after
  it every stable name shows the new version (never new ``documents`` beside
  old ``citations``).
* Any failure before the rename removes the new folder; the previous dataset
  stays published and complete.
* The previous version is kept for one run (a reader that opened its DuckDB
  file keeps valid view paths); older ones go.  A version folder a killed run
  left unfinished is removed by the next run.
* A ``baocao.duckdb.wal`` beside the stable name (left by a reader's unclosed
  read-write connection) would be replayed into the next database opened
  under that name and break it: ``switch`` moves it to
  ``.cache/stale-wal/`` (kept, not deleted) before publishing.
* An output folder whose stable names are not ours (a regular file where no
  baocao run wrote one, a link elsewhere) is refused by ``foreign_outputs``
  before anything is written.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from baocao.pipeline.errors import ExitCode, RunError

VERSIONS = ".versions"
CURRENT = ".current"
DUCKDB = "baocao.duckdb"
MANIFEST = Path(".cache") / "manifest.json"


# The tables' names, without importing pyarrow: an unchanged re-run checks the
# published files and stops before any table is read or written
# (runner/tables.py asserts that they are its schemas' names).
TABLE_NAMES = ("documents", "citations", "dates", "statistics", "pages", "links")


def published_names() -> tuple[str, ...]:
    return tuple(f"{t}.parquet" for t in TABLE_NAMES) + (DUCKDB,)


def _version_numbers(out: Path) -> list[int]:
    try:
        return sorted(int(p.name) for p in (out / VERSIONS).iterdir() if re.fullmatch(r"\d+", p.name))
    except OSError:
        return []


def current_version(out: Path) -> Path | None:
    """The published version folder, or None (nothing published in this layout)."""
    try:
        target = os.readlink(out / CURRENT)
    except OSError:
        return None
    m = re.fullmatch(rf"{VERSIONS}/(\d+)", target)
    return out / VERSIONS / m.group(1) if m else None


def foreign_outputs(out: Path) -> list[str]:
    """Stable names in ``out`` that a baocao run did not make (refuse to replace them)."""
    ours_before = (out / MANIFEST).is_file()  # an earlier run (maybe of the old, one-file-per-table layout)
    foreign = []
    for name in published_names() + (CURRENT,):
        p = out / name
        if p.is_symlink():
            want = f"{VERSIONS}/" if name == CURRENT else f"{CURRENT}/{name}"
            if not os.readlink(p).startswith(want):
                foreign.append(name)
        elif p.exists() and not (ours_before and p.is_file() and name != CURRENT):
            foreign.append(name)
    return foreign


def clean_unfinished(out: Path) -> None:
    """Remove version folders that are neither published nor the one before (we hold the lock)."""
    cur = current_version(out)
    nums = _version_numbers(out)
    keep = set()
    if cur is not None and cur.name.isdigit():
        n = int(cur.name)
        keep = {n, max((k for k in nums if k < n), default=n)}
    for k in nums:
        if k not in keep:
            shutil.rmtree(out / VERSIONS / str(k), ignore_errors=True)


def new_version(out: Path) -> Path:
    """A fresh, empty version folder (the staging folder of this run)."""
    cur = current_version(out)
    nums = _version_numbers(out) + ([int(cur.name)] if cur is not None else [])
    path = out / VERSIONS / str(max(nums, default=0) + 1)
    try:
        path.mkdir(parents=True)
    except OSError as exc:
        raise RunError(ExitCode.OUTPUT_NOT_WRITABLE, f"cannot write {path}: {exc.strerror}") from None
    return path


def discard(version: Path) -> None:
    shutil.rmtree(version, ignore_errors=True)


def write_duckdb(version: Path) -> None:
    """``version/baocao.duckdb``: one view per table over that folder's Parquet files."""
    import duckdb

    from baocao.pipeline.runner.tables import TABLES

    path = version / DUCKDB
    try:
        con = duckdb.connect(str(path))
        try:
            for t in TABLES:
                target = (version / f"{t}.parquet").resolve().as_posix().replace("'", "''")
                con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{target}')")
            con.execute("CHECKPOINT")
        finally:
            con.close()
    except duckdb.Error as exc:
        raise RunError(ExitCode.OUTPUT_NOT_WRITABLE, f"cannot write {path}: {_first_line(exc)}") from None


def verify(version: Path, counts: dict[str, int]) -> None:
    """Every table and every view of the new version opens and holds the rows written."""
    import duckdb
    import pyarrow.parquet as pq

    problems = []
    for t, n in counts.items():
        try:
            got = pq.ParquetFile(version / f"{t}.parquet").metadata.num_rows
        except Exception as exc:  # noqa: BLE001 - any failure to read is a failed verification
            problems.append(f"{t}.parquet unreadable ({_first_line(exc)})")
            continue
        if got != n:
            problems.append(f"{t}.parquet holds {got} rows, {n} written")
    if not problems:
        try:
            con = duckdb.connect(str(version / DUCKDB), read_only=True)
            try:
                for t, n in counts.items():
                    got = con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                    if got != n:
                        problems.append(f"view {t} counts {got} rows, {n} written")
            finally:
                con.close()
        except duckdb.Error as exc:
            problems.append(f"{DUCKDB} unreadable ({_first_line(exc)})")
    if problems:
        raise RunError(ExitCode.OUTPUT_NOT_WRITABLE,
                       "the new dataset failed verification (" + "; ".join(problems[:3])
                       + "); the previous dataset is still published")


def _symlink_over(target: str, path: Path) -> None:
    """Make ``path`` a symlink to ``target`` in one rename."""
    tmp = path.with_name(f".tmp-link-{os.getpid()}-{path.name}")
    try:
        tmp.unlink()
    except FileNotFoundError:
        pass
    os.symlink(target, tmp)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _set_aside_stale_wal(out: Path) -> None:
    wal = out / f"{DUCKDB}.wal"
    if wal.exists() or wal.is_symlink():
        dest = out / ".cache" / "stale-wal"
        dest.mkdir(parents=True, exist_ok=True)
        n = len(list(dest.iterdir()))
        os.replace(wal, dest / f"{DUCKDB}.wal.{n + 1}")


def switch(out: Path, version: Path) -> Path | None:
    """Publish ``version`` (one rename); returns the version it replaced, if any."""
    previous = current_version(out)
    try:
        _set_aside_stale_wal(out)
        _symlink_over(f"{VERSIONS}/{version.name}", out / CURRENT)
    except OSError as exc:
        raise RunError(ExitCode.OUTPUT_NOT_WRITABLE,
                       f"cannot publish the new dataset ({exc.strerror}); the previous dataset is still published") from None
    _fsync_dir(out)
    # the stable names: links made once (an old one-file-per-table layout is replaced name by name)
    try:
        for name in published_names():
            p, want = out / name, f"{CURRENT}/{name}"
            if not (p.is_symlink() and os.readlink(p) == want):
                _symlink_over(want, p)
    except OSError as exc:
        raise RunError(ExitCode.OUTPUT_NOT_WRITABLE, f"cannot link {name} to the published dataset ({exc.strerror})") from None
    return previous


def prune(out: Path, keep: set[Path]) -> None:
    """Remove version folders other than ``keep`` (the published one and the one before)."""
    names = {p.name for p in keep if p is not None}
    for k in _version_numbers(out):
        if str(k) not in names:
            shutil.rmtree(out / VERSIONS / str(k), ignore_errors=True)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return " ".join((text[0] if text else type(exc).__name__).split())[:200]
