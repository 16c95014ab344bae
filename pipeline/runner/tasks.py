"""The units of work, as top-level functions (picklable for any engine).

Each returns a plain dict and never raises for a bad document: failures come
back as ``{"error": ..., "transient": bool}`` so the scheduler can record an
error row and go on.
"""
from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from baocao.pipeline.errors import DocumentError, TransientError, one_line  # noqa: E402


def _failure(exc: BaseException) -> dict:
    if isinstance(exc, FileNotFoundError):
        return {"error": "file vanished during the run", "transient": True}
    if isinstance(exc, PermissionError):
        return {"error": "file not readable (permission denied)", "transient": True}
    if isinstance(exc, MemoryError):
        return {"error": "out of memory", "transient": True}
    return {"error": one_line(exc), "transient": isinstance(exc, TransientError)}


def task_ingest(path: str, file_type: str, ocr_mode: str) -> dict:
    """Read one file.  Pages are checkpointed as they are read
    (:func:`baocao.pipeline.runner.children.checkpoint`): when a late page
    hangs or crashes the worker, the scheduler keeps the pages before it."""
    from baocao.pipeline.runner.children import checkpoint
    from baocao.pipeline.stages.ingest import ingest

    try:
        with checkpoint() as on_page:
            return {"ingested": ingest(Path(path), file_type, ocr_mode, on_page)}
    except (DocumentError, OSError, MemoryError) as exc:
        return _failure(exc)
    except Exception as exc:  # a library choking on a malformed file
        return {"error": f"cannot read {file_type}: {one_line(exc)}", "transient": False}


def task_ocr(path: str, file_type: str, index: int, timeout: float) -> dict:
    from baocao.pipeline.stages.ocr import ocr_page

    try:
        r = ocr_page(Path(path), file_type, index, timeout=timeout)
        return {"text": r.text, "confidence": r.confidence, "rotation": r.rotation, "repairs": list(r.repairs),
                "low_words": [list(w) for w in r.low_words], "blank": r.blank}
    except (DocumentError, OSError, MemoryError) as exc:
        out = _failure(exc)
        if "timeout" in out["error"]:
            out["transient"] = True
        return out
    except Exception as exc:
        return {"error": f"OCR failed on page {index + 1}: {one_line(exc)}", "transient": False}


def task_finish(doc_id: str, file_type: str, pages, encoding) -> dict:
    from baocao.pipeline.stages.process import finish_document

    try:
        return {"result": finish_document(doc_id, file_type, pages, encoding)}
    except Exception as exc:
        return {"error": f"processing failed: {one_line(exc)}", "transient": False}


FINISHING = "finishing"   # checkpoint record: the file was read whole, extraction began


def task_read(ingest, doc_id: str, path: str, file_type: str, ocr_mode: str) -> dict:
    """Read one file with ``ingest`` (:func:`task_ingest`, or a test's stand-in)
    and, when no page needs OCR, finish it in the same task: a text file costs
    one task, not two, and its pages do not travel to the main process and
    back.  What comes back then is ``{"finished": <the result as the cache
    stores it>, "text": <its text>, "links": <its links.packed_summary>}``: the worker encodes the result
    (:func:`baocao.pipeline.runner.cache.encode_result`), the main process
    writes the bytes without decoding them.

    Before extracting, the task checkpoints :data:`FINISHING`: a hang or crash
    after that is the extraction's (``timeout after S s in extraction``), as
    when the finish was a task of its own.  When the finish fails, the
    ingested pages come back as from :func:`task_ingest`: the scheduler's own
    finish task meets the same error and reports it as before."""
    from baocao.pipeline.runner.cache import encode_result
    from baocao.pipeline.runner.children import checkpoint
    from baocao.pipeline.runner.links import packed_summary

    out = ingest(path, file_type, ocr_mode)
    ing = out.get("ingested")
    if ing is None or any(p.needs_ocr for p in ing.pages):
        return out
    with checkpoint() as mark:
        mark(FINISHING)
    fin = task_finish(doc_id, ing.file_type, ing.pages, ing.encoding)
    if "error" in fin:
        return out
    result = fin["result"]
    return {"finished": encode_result(result), "text": result.get("text"), "links": packed_summary(result)}
