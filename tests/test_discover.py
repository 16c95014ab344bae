import os

from baocao.pipeline.stages.discover import discover, file_type_of


def test_file_types():
    assert file_type_of("a.TXT") == "txt"
    assert file_type_of("b.md") == "txt"
    assert file_type_of("c.PDF") == "pdf"
    assert file_type_of("d.tiff") == "image"
    assert file_type_of("e.docx") == "docx"
    assert file_type_of("f.xls").startswith("unsupported")


def test_walk_sorted_relative_hidden_files_kept_hidden_folders_and_output_skipped(tmp_path):
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / "b" / "c" / "x.txt").write_text("x")
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "documents.parquet").write_bytes(b"PAR1")
    (tmp_path / "Báo cáo số 1.txt").write_text("v")
    got = [(s.rel, s.file_type) for s in discover(tmp_path, exclude=(tmp_path / "out",))]
    assert got == sorted(got)
    assert ("b/c/x.txt", "txt") in got
    assert ("Báo cáo số 1.txt", "txt") in got
    assert (".DS_Store", "unsupported") in got  # never silently dropped
    assert not any(r.startswith((".git/", "out/")) for r, _ in got)


def test_symlink_loop_and_dangling_link_are_reported(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "f.txt").write_text("x")
    os.symlink(tmp_path / "d", tmp_path / "d" / "loop")      # folder loop
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "dangling.txt")
    os.symlink(tmp_path / "self.txt", tmp_path / "self.txt")  # self loop
    got = {s.rel: s for s in discover(tmp_path)}
    assert "d/f.txt" in got and got["d/f.txt"].problem is None
    assert got["dangling.txt"].problem
    assert got["self.txt"].problem
    # the folder loop is walked at most once
    assert not any("loop/" in r for r in got)
