"""baocao.pipeline: discover → ingest (text per page) → normalise → extract → write.

Three sub-packages, one job each:

* ``runner``   runs the work: options and the run (``run``), the task
  scheduler and engines, the result cache and its code fingerprint, the
  table schemas and the atomic writer;
* ``stages``   the steps of one document: discover, ingest (one module per
  input kind), the text-layer check, OCR (``tesseract`` wraps the program),
  normalise + extract + page quality (``process``);
* ``surfaces`` what users touch: the CLI, ``cites``/``show`` queries, the
  HTML report, the table loader, the spaCy component (sentences: extractors.sentences).

``errors`` (exit codes and document errors) and ``results`` (the one builder
of a document's result, normal or error) are shared by all three.
"""
