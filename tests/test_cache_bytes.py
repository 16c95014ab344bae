"""The result cache: an encoded result reads back as it was; a file that does
not read back (cut short, damaged, empty) is None, never an exception (the run
then redoes that document)."""
import gzip

import pytest

from baocao.pipeline.runner.cache import Cache, encode_result

RESULT = {"document": {"doc_id": "ab12", "doc_number": "15/BC-UBND", "n_chars": 31},
          "text": "Báo cáo kết quả 6 tháng đầu năm", "citations": [], "pages": [{"page": 1}]}


def _damaged(blob: bytes) -> dict:
    return {
        "cut in half": blob[: len(blob) // 2],
        "deflate bytes flipped": blob[:20] + bytes(b ^ 0x55 for b in blob[20:60]) + blob[60:],
        "checksum wrong": blob[:-8] + b"\0" * 8,
        "empty": b"",
        "not gzip": b"{}",
    }


def test_an_encoded_result_reads_back_and_is_the_same_bytes_each_time(tmp_path):
    cache = Cache(tmp_path, "never")
    blob = encode_result(RESULT)
    assert blob == encode_result(dict(reversed(list(RESULT.items()))))   # sorted keys, no timestamp
    cache.put_encoded("ab12.txt", blob)
    assert cache.get("ab12.txt") == RESULT
    cache.put("cd34.txt", RESULT)
    assert cache._path("cd34.txt").read_bytes() == blob


@pytest.mark.parametrize("how", list(_damaged(gzip.compress(b"{}"))))
def test_a_result_that_does_not_read_back_is_none(tmp_path, how):
    cache = Cache(tmp_path, "never")
    blob = _damaged(encode_result(RESULT))[how]
    path = cache._path("ab12.txt")
    path.parent.mkdir(parents=True)
    path.write_bytes(blob)
    assert cache.get("ab12.txt") is None
