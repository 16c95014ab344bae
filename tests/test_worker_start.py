"""What a run's worker loads when it starts (issue 15: start-up is paid by
every worker, and on an OCR run before its first page).

pytesseract imports pandas (0.6 s) for a DataFrame output baocao never asks
for; it is loaded on the first OCR call, without pandas, and only then is the
worker's death-signal patch applied to it."""
from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(code: str) -> str:
    r = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


def test_worker_init_does_not_load_pytesseract_or_pandas(tmp_path):
    out = _run(f"""
        import sys
        from baocao.pipeline.runner import children
        children.worker_init({str(tmp_path)!r}, None)
        print('pytesseract' in sys.modules, 'pandas' in sys.modules)
    """)
    assert out == "False False"


def test_first_ocr_load_applies_the_worker_patch_and_leaves_pandas_importable(tmp_path):
    out = _run(f"""
        import sys
        from baocao.pipeline.runner import children
        from baocao.pipeline.stages import tesseract
        children.worker_init({str(tmp_path)!r}, None)
        pt = tesseract.pytesseract_module()
        patched = getattr(pt.pytesseract.subprocess_args, "_baocao", False)
        kw = pt.pytesseract.subprocess_args()
        print(patched, kw["preexec_fn"] is children._child_pdeathsig, 'pandas' in sys.modules,
              tesseract.pytesseract_module() is pt)
        import pandas
        print(pandas.DataFrame({{"a": [1]}}).shape)
    """)
    assert out.splitlines() == ["True True False True", "(1, 1)"]


def test_a_late_hook_is_applied_at_once_and_pandas_loaded_first_is_kept():
    out = _run("""
        import sys
        import pandas
        from baocao.pipeline.stages import tesseract
        pt = tesseract.pytesseract_module()
        seen = []
        tesseract.when_loaded(seen.append)
        print(seen == [pt.pytesseract], pt.pytesseract.pandas_installed)
    """)
    assert out == "True True"
