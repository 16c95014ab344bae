"""notebooks/analysis.ipynb runs headless from start to end (so it never rots)."""
from __future__ import annotations

import json
import os

import pytest

from conftest import REPO

pytestmark = pytest.mark.xdist_group("notebook")

NOTEBOOK = REPO / "notebooks" / "analysis.ipynb"
ARTIFACTS = REPO / "tests" / "artifacts"


def test_notebook_is_stored_without_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(not c.get("outputs") and c.get("execution_count") is None for c in code)
    source = "".join("".join(c["source"]) for c in code)
    assert "baocao.load(" in source
    # analysis only: no extraction logic in the notebook
    for forbidden in ("import regex", "re.compile", "extractors.", "run_extractors", "canonical_key"):
        assert forbidden not in source, forbidden


@pytest.mark.slow
def test_notebook_executes(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    out = tmp_path / "processed"
    # the notebook runs the pipeline itself when the tables are missing; no OCR keeps it quick
    monkeypatch.setenv("BAOCAO_OUT", str(out))
    monkeypatch.setenv("BAOCAO_OCR", "never")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError on any failing cell
    assert (out / "documents.parquet").is_file()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 4, "expected the plots"
    tables = [o for o in outputs if "text/html" in o.get("data", {})]
    assert len(tables) >= 4
    text = "\n".join(o["data"].get("text/plain", "") for o in outputs if "data" in o)
    assert "10/2022/QH15" in text  # the law every sample report cites
    stderr = "".join(o.get("text", "") for o in outputs if o.get("name") == "stderr")
    assert "Traceback" not in stderr and "Warning" not in stderr, stderr
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, ARTIFACTS / "analysis.executed.ipynb")
    assert os.path.getsize(ARTIFACTS / "analysis.executed.ipynb") > 10_000
