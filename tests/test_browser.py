"""The HTML report in a real headless browser: Debian's chromium driven by
Selenium through Debian's chromedriver (given explicitly, so Selenium Manager
never downloads anything).  Installed by ``scripts/setup.sh``
(``BAOCAO_BROWSER_TESTS=1``, the default); with ``BAOCAO_BROWSER_TESTS=0`` and
no browser the test is skipped, otherwise a missing browser fails it."""
from __future__ import annotations

import os
import shutil
import tempfile

import pytest

from conftest import REPO, corpus_text
from baocao import load
from baocao.pipeline.surfaces.report import page_name, write_report
from baocao.pipeline.runner.run import Options, run

pytestmark = [pytest.mark.xdist_group("browser"), pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ARTIFACTS = REPO / "tests" / "artifacts"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1280,900")


def _require_browser():
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip)")
    if missing:
        msg = (f"browser test needs {', '.join(missing)}: run scripts/setup.sh "
               "(it apt-installs chromium and chromium-driver unless BAOCAO_BROWSER_TESTS=0)")
        if os.environ.get("BAOCAO_BROWSER_TESTS", "1") == "0":
            pytest.skip(msg)
        pytest.fail(msg)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    base = tmp_path_factory.mktemp("browser")
    arch = base / "arch"
    arch.mkdir()
    for stem in ("000", "001", "004"):
        (arch / f"{stem}.txt").write_text(corpus_text(stem), encoding="utf-8")
    out = base / "out"
    run(Options(archive=arch, out=out, workers=1, progress=False))
    tables = load(out)
    return {"tables": tables, "index": write_report(out, tables=tables)}


@pytest.fixture(scope="module")
def driver():
    _require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="baocao-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for f in FLAGS:
        opts.add_argument(f)
    opts.add_argument(f"--user-data-dir={profile}")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    d.set_page_load_timeout(60)
    try:
        yield d
    finally:
        d.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _visible_rows(d, table_id):
    from selenium.webdriver.common.by import By

    return [r for r in d.find_elements(By.CSS_SELECTOR, f"#{table_id} tbody tr") if r.is_displayed()]


def _type(d, input_id, text):
    from selenium.webdriver.common.by import By

    from selenium.webdriver.common.keys import Keys

    box = d.find_element(By.ID, input_id)
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.BACK_SPACE)  # as a person clears it: fires the input event
    if text:
        box.send_keys(text)
    assert box.get_attribute("value") == text


def _in_viewport(d, el) -> bool:
    r = d.execute_script("const r = arguments[0].getBoundingClientRect();"
                         "return [r.top, r.bottom, r.width, r.height, window.innerHeight];", el)
    top, bottom, w, h, vh = r
    return w > 0 and h > 0 and top >= 0 and bottom <= vh


def _severe(d):
    return [e for e in d.get_log("browser") if e.get("level") == "SEVERE"]


def test_filter_sort_follow_and_see_a_highlight(report, driver):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    d = driver
    t = report["tables"]
    d.get(report["index"].as_uri())
    WebDriverWait(d, 20).until(EC.presence_of_element_located((By.ID, "cm")))
    assert _severe(d) == []

    n_docs = t["documents"].doc_id.nunique()
    assert len(_visible_rows(d, "cm")) == n_docs
    assert len(_visible_rows(d, "docs")) == len(t["documents"])

    # filter the matrix by a document name: the other rows are hidden
    _type(d, "matrix-filter", "004")
    rows = _visible_rows(d, "cm")
    assert len(rows) == 1 and "004.txt" in rows[0].text
    assert d.find_element(By.ID, "cm-count").text == f"1 / {n_docs}"

    # a key in the filter keeps only the columns it names, and the documents citing them
    cit = t["citations"].dropna(subset=["key"])
    per_key = cit.groupby("key").doc_id.nunique()
    columns = [h.get_attribute("textContent") for h in d.find_elements(By.CSS_SELECTOR, "#cm thead th.key")]
    assert len(columns) == min(30, len(per_key))
    key = min(columns, key=lambda k: (per_key[k], k))  # a column with blanks
    assert per_key[key] < n_docs
    _type(d, "matrix-filter", key)
    heads = [h.text for h in d.find_elements(By.CSS_SELECTOR, "#cm thead th.key") if h.is_displayed()]
    assert key in heads and all(key in h for h in heads) and len(heads) < len(columns)
    citing = set(cit.loc[cit.key.isin(heads), "doc_id"])
    assert len(_visible_rows(d, "cm")) == len(citing) < n_docs

    # diacritics are optional in the filter, like everywhere else
    _type(d, "docs-filter", "Binh Duong" if "004.txt" in set(t["documents"].source_path) else "")
    assert 1 <= len(_visible_rows(d, "docs")) < len(t["documents"])
    _type(d, "docs-filter", "")

    # sort by clicking the "all" header: most-citing document first
    _type(d, "matrix-filter", "")
    assert len(_visible_rows(d, "cm")) == n_docs
    all_th = d.find_element(By.XPATH, "//table[@id='cm']/thead/tr/th[2]")
    all_th.click()
    assert all_th.get_attribute("aria-sort") == "descending"
    totals = [int(r.find_elements(By.TAG_NAME, "td")[1].text) for r in _visible_rows(d, "cm")]
    assert totals == sorted(totals, reverse=True)
    all_th.click()
    totals = [int(r.find_elements(By.TAG_NAME, "td")[1].text) for r in _visible_rows(d, "cm")]
    assert totals == sorted(totals)

    # follow a link to a document page
    _type(d, "matrix-filter", "000")
    row = _visible_rows(d, "cm")[0]
    doc_id = t["documents"].set_index("source_path").loc["000.txt", "doc_id"]
    row.find_element(By.CSS_SELECTOR, "td.doc a").click()
    WebDriverWait(d, 20).until(lambda drv: drv.current_url.endswith(page_name(doc_id)))
    assert _severe(d) == []

    # the page shows highlighted citations; a list item jumps to one far down
    marks = d.find_elements(By.CSS_SELECTOR, "mark.cit")
    n_cit = int((t["citations"].doc_id == doc_id).sum())
    assert len(marks) >= n_cit > 10
    last = f"c{n_cit}"
    d.find_element(By.CSS_SELECTOR, f'#list-cit a[href="#{last}"]').click()
    WebDriverWait(d, 10).until(lambda drv: drv.current_url.endswith("#" + last))
    target = d.find_element(By.ID, last)
    assert target.is_displayed()
    assert _in_viewport(d, target)
    raw = t["citations"][t["citations"].doc_id == doc_id]["raw"].iloc[-1]
    assert target.text.split() == raw.split()
    assert "255, 224, 138" in target.value_of_css_property("background-color")  # --cit

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert d.save_screenshot(str(ARTIFACTS / "report.png"))
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000
