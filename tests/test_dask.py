"""The Dask engine gives the same tables as the local engine (real LocalCluster)."""
from __future__ import annotations

import pytest

from conftest import corpus_text
from baocao.pipeline.runner.run import Options, run

pytestmark = [pytest.mark.xdist_group("dask"), pytest.mark.slow]


def test_dask_local_cluster_equals_local_engine(tmp_path):
    import distributed
    arch = tmp_path / "arch"
    arch.mkdir()
    for i, stem in enumerate(("000", "001", "002")):
        (arch / f"{i}.txt").write_text(corpus_text(stem), encoding="utf-8")
    run(Options(archive=arch, out=tmp_path / "local", workers=1, progress=False))
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None)
    try:
        s = run(Options(archive=arch, out=tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address,
                        progress=False))
    finally:
        cluster.close()
    assert s.processed == 3 and s.errors == 0
    for t in ("documents", "citations", "dates", "statistics", "pages"):
        assert (tmp_path / "local" / f"{t}.parquet").read_bytes() == (tmp_path / "dask" / f"{t}.parquet").read_bytes(), t
