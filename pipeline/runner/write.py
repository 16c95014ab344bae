"""Write the tables atomically: staging folder first, then rename into place.

Tables are written in batches (``BATCH_DOCS`` documents at a time) so memory
stays flat whatever the archive size.  Readers of the output folder only ever
see complete files: each table is renamed over the old one when done.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

import pyarrow.parquet as pq

from baocao.pipeline.runner.tables import ROW_TABLES, SCHEMAS, TABLES, conform

BATCH_DOCS = 200


class TableWriter:
    """Streams rows of the five tables into Parquet files in a staging dir."""

    def __init__(self, staging: Path):
        self.staging = staging
        staging.mkdir(parents=True, exist_ok=True)
        self.writers = {
            t: pq.ParquetWriter(staging / f"{t}.parquet", SCHEMAS[t], compression="zstd")
            for t in TABLES
        }
        self.buffers: dict[str, list[dict]] = {t: [] for t in TABLES}
        self.docs_in_buffer = 0
        self.counts = {t: 0 for t in TABLES}

    def add(self, document: dict, rows: dict[str, list[dict]]) -> None:
        self.buffers["documents"].append(document)
        for t in ROW_TABLES:
            self.buffers[t].extend(rows.get(t, ()))
        self.docs_in_buffer += 1
        if self.docs_in_buffer >= BATCH_DOCS:
            self.flush()

    def flush(self) -> None:
        for t, rows in self.buffers.items():
            if rows:
                self.writers[t].write_table(conform(t, rows))
                self.counts[t] += len(rows)
                rows.clear()
        self.docs_in_buffer = 0

    def close(self) -> None:
        self.flush()
        for w in self.writers.values():
            w.close()


def write_duckdb(path: Path, out_dir: Path) -> None:
    import duckdb

    if path.exists():
        path.unlink()
    con = duckdb.connect(str(path))
    try:
        for t in TABLES:
            target = (out_dir / f"{t}.parquet").resolve().as_posix().replace("'", "''")
            con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{target}')")
    finally:
        con.close()


def publish(staging: Path, out_dir: Path, names: Iterable[str]) -> None:
    """Move finished files from staging into the output folder (atomic renames)."""
    for name in names:
        src = staging / name
        if src.exists():
            os.replace(src, out_dir / name)
