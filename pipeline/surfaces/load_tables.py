"""Load an output folder's tables as pandas DataFrames with useful dtypes.

``load_tables(out_dir)`` (also ``pipeline.load``) returns
``{"documents", "citations", "dates", "statistics", "pages", "links"}`` → DataFrame:

* text columns are pandas ``string`` (missing values are ``<NA>``);
* integer columns stay ``int64``, or nullable ``Int64`` when they have gaps;
* low-cardinality labels are ``category`` (``kind``, ``form``, ``doc_type``,
  ``file_type``, ``text_source``, ``diacritics``, ``unit``, ``check``);
  page/document grades (``good``/``fair``/``poor``) are *ordered* categories;
* every ISO date column keeps its contract string (``2024-01-11`` or
  ``2024-01``) and gains a parsed ``<column>_dt`` (``datetime64``; ``NaT``
  where the date is only a month or missing): ``documents.issue_date_dt``,
  ``citations.date_dt``, ``dates.date_dt``; ``dates.precision`` says
  ``day`` or ``month``.

Columns other sessions add later (``needs_review``, ``grade``, ...) come
through with the same rules; nothing here requires them.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from baocao.pipeline.runner.tables import SCHEMAS, TABLES

CATEGORIES = {
    "documents": ("file_type", "text_source", "diacritics", "doc_type"),
    "citations": ("kind", "form"),
    "dates": ("precision",),
    "statistics": ("unit", "check"),
    "pages": ("text_source",),
}
GRADES = ("poor", "fair", "good")  # worst to best
GRADE_COLUMNS = ("grade", "worst_grade", "median_grade")
DATE_COLUMNS = {
    "documents": ("issue_date",),
    "citations": ("date",),
    "dates": ("date",),
}


class TablesNotFound(FileNotFoundError):
    """The folder holds no pipeline output."""


def _arrow(path: Path, table: str) -> pa.Table:
    if path.is_file():
        return pq.read_table(path)
    return SCHEMAS[table].empty_table()


def _convert(t: pa.Table) -> pd.DataFrame:
    df = t.to_pandas()
    for f in t.schema:
        col = f.name
        if pa.types.is_string(f.type) or pa.types.is_large_string(f.type):
            df[col] = df[col].astype("string")
        elif pa.types.is_integer(f.type):
            df[col] = df[col].astype("Int64" if t.column(col).null_count else "int64")
        elif pa.types.is_boolean(f.type):
            df[col] = df[col].astype("boolean" if t.column(col).null_count else "bool")
    return df


def _dtypes(table: str, df: pd.DataFrame) -> pd.DataFrame:
    if table == "dates" and "date" in df:
        n = df["date"].str.len()
        df["precision"] = pd.Series(pd.NA, index=df.index, dtype="string")
        df.loc[n == 10, "precision"] = "day"
        df.loc[n == 7, "precision"] = "month"
    for col in DATE_COLUMNS.get(table, ()):
        if col in df:
            s = df[col].astype("string")
            full = s.where(s.str.fullmatch(r"\d{4}-\d{2}-\d{2}").fillna(False))
            df[f"{col}_dt"] = pd.to_datetime(full, format="%Y-%m-%d", errors="coerce")
    for col in CATEGORIES.get(table, ()):
        if col in df:
            df[col] = df[col].astype("category")
    for col in GRADE_COLUMNS:
        if col in df:
            vals = set(df[col].dropna().astype(str))
            if vals <= set(GRADES):
                df[col] = pd.Categorical(df[col].astype(object).where(df[col].notna(), None),
                                         categories=list(GRADES), ordered=True)
            else:
                df[col] = df[col].astype("category")
    return df


def load_tables(out_dir="data/processed") -> dict[str, pd.DataFrame]:
    """The tables of a ``baocao run`` output folder (see module docstring)."""
    out = Path(out_dir)
    if not (out / "documents.parquet").is_file():
        raise TablesNotFound(
            f"no tables in {out}: run `baocao run ARCHIVE_DIR --out {out}` first")
    return {t: _dtypes(t, _convert(_arrow(out / f"{t}.parquet", t))) for t in TABLES}


def read_text(out_dir, doc_id: str) -> Optional[str]:
    """The normalised text of ``doc_id`` (spans index into it), or None."""
    p = Path(out_dir) / "text" / f"{doc_id}.txt"
    if not p.is_file():
        return None
    # newline="" keeps '\r' and the exact offsets the spans refer to
    with open(p, encoding="utf-8", newline="") as fh:
        return fh.read()
