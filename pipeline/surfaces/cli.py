"""Command line: ``baocao run ARCHIVE_DIR [--out DIR] ...`` (see CONTRACT.md), and the
auditors' commands over a run's output: ``cites KEY``, ``show DOC``, ``report``,
``graph --format graphml|gexf|csv``, ``export --xlsx FILE``; ``baocao --version``."""
from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from baocao.pipeline.errors import ExitCode
from baocao.pipeline.surfaces.terminal import plain

FORMATS = ("table", "csv", "json")
NOT_FOUND = ExitCode.NOT_FOUND  # `show`: no such document, or an ambiguous doc_id prefix

DEFAULT_OUT = "data/processed"


def _seconds(text: str) -> float:
    """--timeout: a positive, finite number of seconds (0, negatives, nan, inf are refused)."""
    import math

    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(v) or v <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive, finite number of seconds (got {text!r})")
    return v


def _size(text: str) -> int:
    from baocao.pipeline.runner.children import parse_size

    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class _Parser(argparse.ArgumentParser):
    """argparse with its usage error as ``ExitCode.BAD_ARGS`` (argparse's own 2)."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(ExitCode.BAD_ARGS, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    from baocao import __version__

    p = _Parser(prog="baocao", description="Vietnamese local-government reports into tables.")
    p.add_argument("--version", action="version", version=f"baocao {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("run", help="process an archive folder into tables")
    r.add_argument("archive", type=Path, help="folder of reports (txt, md, pdf, images, docx)")
    r.add_argument("--out", type=Path, default=Path(DEFAULT_OUT), help=f"output folder (default {DEFAULT_OUT})")
    r.add_argument("--workers", type=int, default=None, help="worker processes (default: one per core)")
    r.add_argument("--ocr", choices=("auto", "always", "never"), default="auto",
                   help="auto: OCR pages without a usable text layer (default)")
    r.add_argument("--engine", choices=("local", "dask"), default="local")
    r.add_argument("--scheduler", default=None, help="dask scheduler address, e.g. tcp://10.0.0.5:8786")
    r.add_argument("--timeout", type=_seconds, default=300.0,
                   help="time limit in seconds for any one step of a document (reading, OCR of a page, extraction)")
    r.add_argument("--max-memory", type=_size, default=None, metavar="SIZE",
                   help="address-space budget per worker, e.g. 2G (default: 80%% of memory shared by the workers)")
    g = r.add_mutually_exclusive_group()
    g.add_argument("--progress", dest="progress", action="store_true", default=None, help="always show progress")
    g.add_argument("--no-progress", dest="progress", action="store_false", help="never show progress")

    c = sub.add_parser("cites", help="every document that cites KEY, with page and sentence of each mention")
    c.add_argument("key", help="canonical key or as typed: 59/2023/NĐ-CP, 59/2023/ND-CP, 'Nghị định 59/2023'")
    c.add_argument("--out", type=Path, default=Path(DEFAULT_OUT), help=f"output folder of a run (default {DEFAULT_OUT})")
    c.add_argument("--format", choices=FORMATS, default="table")

    s = sub.add_parser("show", help="one document: header fields, citations by kind, figures, dates")
    s.add_argument("doc", help="doc_id (or a unique prefix of one) or source path")
    s.add_argument("--out", type=Path, default=Path(DEFAULT_OUT), help=f"output folder of a run (default {DEFAULT_OUT})")
    s.add_argument("--format", choices=FORMATS, default="table")

    h = sub.add_parser("report", help="write a static HTML audit report into OUT/report/")
    h.add_argument("--out", type=Path, default=Path(DEFAULT_OUT), help=f"output folder of a run (default {DEFAULT_OUT})")
    gr = sub.add_parser("graph", help="the citation graph between the archive's documents (Gephi, networkx)")
    gr.add_argument("--format", choices=("graphml", "gexf", "csv"), default="graphml")
    gr.add_argument("--output", type=Path, default=None, help="write to FILE (default: standard output)")
    gr.add_argument("--out", type=Path, default=Path(DEFAULT_OUT), help=f"output folder of a run (default {DEFAULT_OUT})")

    x = sub.add_parser("export", help="the tables as an Excel workbook, one sheet per table")
    x.add_argument("--xlsx", type=Path, required=True, metavar="FILE", help="workbook to write")
    x.add_argument("--vietnamese-headers", action="store_true", help="Vietnamese column headers")
    x.add_argument("--out", type=Path, default=Path(DEFAULT_OUT), help=f"output folder of a run (default {DEFAULT_OUT})")
    return p


def _tables(out: Path):
    """The tables of ``out``, or None after printing why not."""
    from baocao.pipeline.surfaces.load_tables import TablesNotFound, load_tables

    try:
        return load_tables(out)
    except TablesNotFound as exc:
        print(f"baocao: {exc}", file=sys.stderr)
        return None


def _emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def cmd_cites(a) -> int:
    from baocao.pipeline.surfaces.query import cites, format_cites

    tables = _tables(a.out)
    if tables is None:
        return ExitCode.NO_INPUT
    mentions = cites(a.out, a.key, tables=tables)
    if not mentions and a.format != "table":
        print(f"no document cites {a.key}", file=sys.stderr)
    _emit(format_cites(mentions, a.format, query=a.key))
    return ExitCode.OK


def cmd_show(a) -> int:
    from baocao.pipeline.surfaces.query import QueryError, format_show, show

    tables = _tables(a.out)
    if tables is None:
        return ExitCode.NO_INPUT
    try:
        info = show(a.out, a.doc, tables=tables)
    except QueryError as exc:
        print(f"baocao: {exc}", file=sys.stderr)
        return NOT_FOUND
    _emit(format_show(info, a.format))
    return ExitCode.OK


def cmd_report(a) -> int:
    from baocao.pipeline.surfaces.report import ReportRefused, write_report

    tables = _tables(a.out)
    if tables is None:
        return ExitCode.NO_INPUT
    try:
        index = write_report(a.out, tables=tables)
    except ReportRefused as exc:
        print(f"baocao: {exc}", file=sys.stderr)
        return ExitCode.BAD_ARGS
    except OSError as exc:
        print(f"baocao: cannot write the report: {exc.strerror or exc} ({exc.filename or a.out})", file=sys.stderr)
        return ExitCode.OUTPUT_NOT_WRITABLE
    print(f"baocao: report written to {index}")
    return ExitCode.OK


def cmd_graph(a) -> int:
    from baocao.pipeline.surfaces.graph import write

    tables = _tables(a.out)
    if tables is None:
        return ExitCode.NO_INPUT
    try:
        text = write(tables, a.format, str(a.output) if a.output else None)
    except OSError as exc:
        print(f"baocao: cannot write {a.output}: {exc.strerror or exc}", file=sys.stderr)
        return ExitCode.OUTPUT_NOT_WRITABLE
    if a.output:
        print(f"baocao: graph written to {a.output}")
    else:
        _emit(text)
    return ExitCode.OK


def cmd_export(a) -> int:
    from baocao.pipeline.surfaces.export import export_xlsx

    if _tables(a.out) is None:
        return ExitCode.NO_INPUT
    try:
        path = export_xlsx(a.out, a.xlsx, vietnamese=a.vietnamese_headers)
    except OSError as exc:
        print(f"baocao: cannot write {a.xlsx}: {exc.strerror or exc}", file=sys.stderr)
        return ExitCode.OUTPUT_NOT_WRITABLE
    print(f"baocao: workbook written to {path}")
    return ExitCode.OK


def cmd_run(a) -> int:
    import time

    from baocao.pipeline.errors import RunError
    from baocao.pipeline.runner.quick import Options, unchanged  # the full run is imported only when there is work

    def run(opts):   # = runner.run.run, without importing it for an unchanged archive
        t0, work = time.monotonic(), []
        summary = unchanged(opts, t0, work)
        if summary is not None:
            return summary
        from baocao.pipeline.runner.run import run_full

        return run_full(opts, t0, prestart=not work)

    if a.workers is not None and a.workers < 1:
        print("baocao: --workers must be at least 1", file=sys.stderr)
        return ExitCode.BAD_ARGS
    if a.max_memory is not None and a.max_memory < 512 << 20:
        print("baocao: --max-memory must be at least 512M", file=sys.stderr)
        return ExitCode.BAD_ARGS
    opts = Options(archive=a.archive, out=a.out, workers=a.workers, ocr=a.ocr, engine=a.engine,
                   scheduler=a.scheduler, timeout=a.timeout, max_memory=a.max_memory, progress=a.progress)
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave signals alone
        previous = None
    try:
        summary = run(opts)
    except RunError as exc:
        print(f"baocao: {plain(exc, newline=False)}", file=sys.stderr)
        return exc.code
    except Terminated:
        print("baocao: terminated; finished documents are cached, run again to continue", file=sys.stderr)
        return ExitCode.TERMINATED
    except KeyboardInterrupt:
        print("baocao: interrupted; finished documents are cached, run again to continue", file=sys.stderr)
        return ExitCode.INTERRUPTED
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    print(plain(summary.line(a.out), newline=False))
    return ExitCode.OK


class Terminated(KeyboardInterrupt):
    """SIGTERM: unwinds like Ctrl-C (workers killed, temporary folder removed)."""


def _on_sigterm(signum, frame):
    raise Terminated()


def main(argv: list[str] | None = None) -> int:
    """Every status is an ``ExitCode``; every failure one line on stderr, never a
    traceback (``BAOCAO_DEBUG=1`` shows it for an unexpected error)."""
    a = _parser().parse_args(argv)
    commands = {"run": cmd_run, "cites": cmd_cites, "show": cmd_show, "report": cmd_report, "graph": cmd_graph,
                "export": cmd_export}
    try:
        return int(commands[a.command](a))
    except KeyboardInterrupt:
        print("baocao: interrupted", file=sys.stderr)
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:  # `baocao cites ... | head`
        try:
            sys.stdout = None
        except Exception:  # pragma: no cover
            pass
        return int(ExitCode.OK)
    except OSError as exc:
        print(f"baocao: cannot write {exc.filename or 'output'}: {exc.strerror or exc}", file=sys.stderr)
        return int(ExitCode.OUTPUT_NOT_WRITABLE)
    except Exception as exc:  # noqa: BLE001
        if os.environ.get("BAOCAO_DEBUG"):
            raise
        from baocao.pipeline.errors import one_line
        print(f"baocao: internal error: {plain(one_line(exc), newline=False)} (BAOCAO_DEBUG=1 shows the traceback)",
              file=sys.stderr)
        return int(ExitCode.FAILED)


if __name__ == "__main__":
    raise SystemExit(main())
