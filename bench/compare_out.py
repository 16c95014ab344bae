#!/usr/bin/env python3
"""Are two run outputs the same?  Every published Parquet table (schema and
rows, in order) and every text/ file, byte for byte.  Exit 0 when identical.

    python bench/compare_out.py OUT_A OUT_B

For speed work, which must not change a result: run the same archive from
the base and the new checkout into two folders, then compare them.
"""
import filecmp
import os
import sys
from pathlib import Path

import pyarrow.parquet as pq


def tables(out: Path) -> dict:
    """The published tables (names ending .parquet outside .cache; the newest of each name)."""
    found: dict = {}
    for p in out.rglob("*.parquet"):
        if ".cache" not in p.parts:
            found.setdefault(p.name, []).append(p)
    return {k: max(v, key=lambda x: x.stat().st_mtime) for k, v in found.items()}


def main() -> int:
    a, b = Path(sys.argv[1]), Path(sys.argv[2])
    ta, tb = tables(a), tables(b)
    ok = set(ta) == set(tb)
    if not ok:
        print("table sets differ", sorted(ta), sorted(tb))
    for name in sorted(set(ta) & set(tb)):
        x, y = pq.read_table(ta[name]), pq.read_table(tb[name])
        same = x.schema == y.schema and x.equals(y)
        print(name, x.num_rows, "same" if same else "DIFFERENT")
        ok &= same
    na, nb = sorted(os.listdir(a / "text")), sorted(os.listdir(b / "text"))
    bad = [n for n in set(na) & set(nb) if not filecmp.cmp(a / "text" / n, b / "text" / n, shallow=False)]
    print("text files", len(na), len(nb), "differing", len(bad))
    ok &= na == nb and not bad
    print("IDENTICAL" if ok else "NOT IDENTICAL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
