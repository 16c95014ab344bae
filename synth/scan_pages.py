"""Pages of report text written for the scan-repair tests and measurements.

Three one-page documents in the usual layout (issuer block, motto, number and
date line, title, body, signer), written here (not copied from any archive),
and :func:`cer`, the character error rate of an OCR text against its source
(edit distance over whitespace-collapsed NFC text).
"""
from __future__ import annotations

import unicodedata

import numpy as np

__all__ = ["PAGES", "cer", "edit_distance"]

_HEAD = ("ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "XÃ {xa}                         Độc lập - Tự do - Hạnh phúc\n\n"
         "Số: {so}                        {xa2}, ngày {d} tháng {m} năm {y}\n\n")

PAGES = [
    _HEAD.format(xa="TÂN PHÚ", so="125/BC-UBND", xa2="Tân Phú", d=14, m=3, y=2024) +
    "BÁO CÁO\n"
    "Kết quả thực hiện cải cách hành chính quý I năm 2024\n\n"
    "Thực hiện Kế hoạch số 36/KH-UBND ngày 10/01/2024 của Ủy ban nhân dân huyện về\n"
    "cải cách hành chính năm 2024, Ủy ban nhân dân xã báo cáo kết quả như sau:\n"
    "1. Trong quý, bộ phận một cửa tiếp nhận 412 hồ sơ, đã giải quyết đúng hạn 398 hồ sơ,\n"
    "đang giải quyết 14 hồ sơ; không có hồ sơ quá hạn. Tỷ lệ hồ sơ trực tuyến đạt 63,5%.\n"
    "2. Công tác tiếp công dân: tiếp 27 lượt công dân, nhận 9 đơn kiến nghị, phản ánh;\n"
    "đã chuyển cơ quan có thẩm quyền 3 đơn, trả lời trực tiếp 6 đơn đúng quy định.\n"
    "3. Tổ chức 02 hội nghị đối thoại với Nhân dân về thủ tục đất đai và chính sách\n"
    "bảo hiểm xã hội, có 146 lượt người tham dự, 18 ý kiến được giải đáp tại chỗ.\n"
    "4. Tồn tại: một số công chức chưa thành thạo phần mềm dịch vụ công; đường truyền\n"
    "mạng còn chậm vào giờ cao điểm; việc số hóa hồ sơ lưu trữ mới đạt 41%.\n\n"
    "Nơi nhận:                                TM. ỦY BAN NHÂN DÂN\n"
    "- UBND huyện (b/c);                      CHỦ TỊCH\n"
    "- Lưu: VT.\n\n"
    "                                         Nguyễn Thị Hồng Nhung\n",

    _HEAD.format(xa="HÒA BÌNH", so="58/KH-UBND", xa2="Hòa Bình", d=2, m=4, y=2024) +
    "KẾ HOẠCH\n"
    "Thực hiện dân chủ ở cơ sở năm 2024\n\n"
    "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10/11/2022;\n"
    "Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ quy định chi tiết\n"
    "một số điều của Luật Thực hiện dân chủ ở cơ sở; Ủy ban nhân dân xã ban hành\n"
    "Kế hoạch thực hiện năm 2024 như sau:\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "Phát huy quyền làm chủ của Nhân dân, bảo đảm công khai, minh bạch trong quản lý\n"
    "ngân sách, đất đai, đầu tư xây dựng; 100% thôn tổ chức hội nghị lấy ý kiến.\n"
    "II. NỘI DUNG\n"
    "1. Công khai 12 nội dung theo quy định tại trụ sở và trên loa truyền thanh của xã.\n"
    "2. Tổ chức ít nhất 04 cuộc đối thoại giữa Chủ tịch Ủy ban nhân dân xã với Nhân dân.\n"
    "3. Ban Thanh tra nhân dân giám sát 7 công trình xây dựng cơ bản trên địa bàn.\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "Văn phòng Ủy ban nhân dân xã theo dõi, tổng hợp, báo cáo kết quả trước ngày 15/12/2024.\n\n"
    "Nơi nhận:                                KT. CHỦ TỊCH\n"
    "- Thường trực Đảng ủy;                    PHÓ CHỦ TỊCH\n"
    "- Lưu: VT.\n\n"
    "                                         Trần Văn Đức\n",

    _HEAD.format(xa="ĐÔNG SƠN", so="211/UBND-VP", xa2="Đông Sơn", d=25, m=9, y=2023) +
    "V/v báo cáo kết quả tiếp công dân, giải quyết khiếu nại, tố cáo\n\n"
    "Kính gửi: Thanh tra huyện\n\n"
    "Thực hiện Công văn số 845/TTr-NV ngày 12/9/2023 của Thanh tra huyện về việc báo cáo\n"
    "công tác tiếp công dân, giải quyết khiếu nại, tố cáo 9 tháng đầu năm 2023, Ủy ban\n"
    "nhân dân xã Đông Sơn báo cáo như sau:\n"
    "- Tổng số lượt tiếp công dân: 53 lượt với 61 người; trong đó tiếp thường xuyên\n"
    "41 lượt, Chủ tịch Ủy ban nhân dân xã tiếp định kỳ 12 lượt.\n"
    "- Tiếp nhận 17 đơn, gồm 2 đơn khiếu nại, 1 đơn tố cáo và 14 đơn kiến nghị, phản ánh.\n"
    "- Đã giải quyết xong 15/17 đơn, đạt 88,2%; 2 đơn đang xác minh, dự kiến giải quyết\n"
    "trong tháng 10 năm 2023.\n"
    "Nguyên nhân phát sinh đơn chủ yếu liên quan đến tranh chấp ranh giới đất, bồi thường\n"
    "giải phóng mặt bằng tuyến đường liên xã và chế độ chính sách người có công.\n"
    "Ủy ban nhân dân xã kính báo cáo Thanh tra huyện tổng hợp./.\n\n"
    "Nơi nhận:                                CHỦ TỊCH\n"
    "- Như trên;\n"
    "- Lưu: VT.\n\n"
    "                                         Lê Minh Tuấn\n",
]


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (numpy, one vector pass per character of ``a``)."""
    if not a:
        return len(b)
    if not b:
        return len(a)
    bb = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    idx = np.arange(len(b) + 1, dtype=np.int64)
    prev = idx.copy()
    for i, ch in enumerate(a, 1):
        cost = (bb != ord(ch)).astype(np.int64)
        cur = np.empty_like(prev)
        cur[0] = i
        cur[1:] = np.minimum(prev[1:] + 1, prev[:-1] + cost)
        # insertions: cur[j] = min over k <= j of cur[k] + (j - k)
        cur = np.minimum.accumulate(cur - idx) + idx
        prev = cur
    return int(prev[-1])


def cer(ocr_text: str, source: str) -> float:
    """Character error rate of ``ocr_text`` against ``source`` (whitespace runs
    count as one space, NFC)."""
    ref, hyp = _norm(source), _norm(ocr_text)
    return edit_distance(hyp, ref) / max(1, len(ref))
