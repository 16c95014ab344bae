"""Synthetic document generators for tests, benchmarks and the sample archive.

``synth.render`` turns corpus text into realistic files: text-layer PDFs,
image-only "scanned" PDFs, mixed PDFs, PNG/JPEG/TIFF images and DOCX files.
``synth.damage`` produces damaged *text* variants (diacritics stripped,
OCR-like character confusions).

Everything is deterministic for a given input and seed, so generated files can
be rebuilt byte-for-byte where the underlying libraries allow it.

Submodules are not imported here, so ``import synth.damage`` stays light
(no reportlab / pdfium import); use ``from synth import render``.
"""

__all__ = ["damage", "render"]
