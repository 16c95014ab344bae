"""Write the tables into a version folder that is not yet published.

Tables are written in batches (``BATCH_DOCS`` documents at a time) so memory
stays flat whatever the archive size.  Readers never see these files until
:mod:`baocao.pipeline.runner.publish` has verified and switched the whole
version in (one rename).
"""
from __future__ import annotations

from pathlib import Path

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
