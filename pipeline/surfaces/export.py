"""``baocao export --xlsx FILE``: every table as one sheet of an Excel workbook.

Sheets in table order (``documents``, ``citations``, ``dates``,
``statistics``, ``pages``, ``links``), each with the table's columns as the
Parquet files hold them (numbers stay numbers, booleans stay booleans,
missing values are empty cells), a frozen header row and an autofilter.
``vietnamese=True`` writes Vietnamese column headers (``HEADERS_VI``;
columns without a translation keep their name); the sheet names stay the
table names, so formulas and scripts can rely on them.

Excel's limits are kept visibly: a cell holds at most 32 767 characters (a
longer text is cut and ends with ``…[cut]``), characters Excel forbids
(control characters) are dropped, and a table longer than a sheet
(1 048 575 data rows) continues on ``<table>_2``.  Written with openpyxl in
write-only mode, batch by batch, so memory stays flat.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pyarrow.parquet as pq

from baocao.pipeline.runner.tables import SCHEMAS, TABLES

MAX_CELL = 32767
MAX_ROWS = 1_048_575
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

HEADERS_VI = {
    "doc_id": "Mã tài liệu", "source_path": "Tệp nguồn", "file_type": "Loại tệp", "text_source": "Nguồn văn bản",
    "pages": "Số trang", "diacritics": "Dấu tiếng Việt", "doc_type": "Loại văn bản", "doc_number": "Số, ký hiệu",
    "issue_date": "Ngày ban hành", "issuer": "Cơ quan ban hành", "location": "Địa danh", "period": "Kỳ báo cáo",
    "signer": "Người ký", "n_chars": "Số ký tự", "error": "Lỗi", "title": "Tiêu đề", "subject": "Trích yếu", "ocr_pages": "Số trang OCR",
    "encoding": "Bảng mã", "repairs": "Sửa lỗi", "size_bytes": "Dung lượng (byte)", "duplicate_of": "Trùng với",
    "n_citations": "Số trích dẫn", "n_dates": "Số ngày tháng", "n_statistics": "Số chỉ tiêu",
    "worst_grade": "Chất lượng thấp nhất", "median_grade": "Chất lượng trung vị", "needs_review": "Cần kiểm tra",
    "review_reason": "Lý do kiểm tra", "warnings": "Cảnh báo", "province": "Tỉnh/thành phố", "district": "Huyện/quận",
    "commune": "Xã/phường/thị trấn", "unit_level": "Cấp đơn vị", "unit_code": "Mã đơn vị hành chính",
    "province_2025": "Tỉnh/thành phố (từ 1/7/2025)", "commune_2025": "Xã/phường (từ 1/7/2025)",
    "unit_code_2025": "Mã đơn vị (từ 1/7/2025)", "unit_match": "Mức khớp đơn vị", "unit_evidence": "Căn cứ xác định đơn vị",
    "unit_candidates": "Các đơn vị có thể", "cited_by": "Số văn bản trích dẫn",
    "key": "Số, ký hiệu được trích dẫn", "kind": "Loại văn bản được trích dẫn", "date": "Ngày",
    "raw": "Nguyên văn", "page": "Trang", "char_start": "Vị trí đầu", "char_end": "Vị trí cuối", "form": "Dạng trích dẫn",
    "confidence": "Độ tin cậy", "cited_doc_id": "Mã tài liệu được trích dẫn", "metric": "Chỉ tiêu", "value": "Giá trị",
    "unit": "Đơn vị tính", "scope": "Phạm vi", "check": "Kiểm tra", "ocr_confidence": "Độ tin cậy OCR",
    "diacritic_density": "Mật độ dấu", "foreign_share": "Tỷ lệ ký tự lạ", "grade": "Chất lượng",
    "grade_reason": "Lý do xếp loại", "note": "Ghi chú", "mentions": "Số lần nhắc", "first_page": "Trang đầu tiên",
    "basis": "Căn cứ liên kết",
}


def _cell(v):
    if isinstance(v, str):
        v = _ILLEGAL.sub("", v)
        if len(v) > MAX_CELL:
            v = v[:MAX_CELL - 6] + "…[cut]"
    return v


def export_xlsx(out_dir, dest, vietnamese: bool = False) -> Path:
    """Write the workbook ``dest`` (atomically: a temporary file renamed into place)."""
    from openpyxl import Workbook

    out = Path(out_dir)
    dest = Path(dest)
    tmp = dest.with_name(f".{dest.name}.tmp-{os.getpid()}")
    wb = Workbook(write_only=True)
    for t in TABLES:
        path = out / f"{t}.parquet"
        schema = pq.read_schema(path) if path.is_file() else SCHEMAS[t]
        names = list(schema.names)
        header = [HEADERS_VI.get(n, n) if vietnamese else n for n in names]
        part, rows_in_sheet, ws = 1, 0, None

        def new_sheet():
            s = wb.create_sheet(t if part == 1 else f"{t}_{part}")
            s.freeze_panes = "A2"
            s.auto_filter.ref = f"A1:{_col(len(names))}1"
            s.append(header)
            return s

        ws = new_sheet()
        if path.is_file():
            for batch in pq.ParquetFile(path).iter_batches(batch_size=2000):
                for row in zip(*(batch.column(i).to_pylist() for i in range(batch.num_columns))):
                    if rows_in_sheet >= MAX_ROWS:
                        part, rows_in_sheet = part + 1, 0
                        ws = new_sheet()
                    ws.append([_cell(v) for v in row])
                    rows_in_sheet += 1
    try:
        wb.save(tmp)
        os.replace(tmp, dest)
    finally:
        if tmp.exists():
            tmp.unlink()
    return dest


def _col(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s or "A"
