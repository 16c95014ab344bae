#!/usr/bin/env bash
# One-stop set-up on a fresh Debian machine: system packages, a virtualenv,
# the package with its test extras.  Safe to re-run (skips what is there).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v tesseract >/dev/null 2>&1 || need_apt+=(tesseract-ocr)
{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie; } || need_apt+=(tesseract-ocr-vie)
# Legacy Word .doc files are read by catdoc (pipeline/stages/catdoc.py says why not antiword)
command -v catdoc >/dev/null 2>&1 || need_apt+=(catdoc)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_apt+=(fonts-dejavu-core)
# The report's browser test drives Debian's chromium through Debian's chromedriver
# (nothing is downloaded at test time).  BAOCAO_BROWSER_TESTS=0 skips both.
if [ "${BAOCAO_BROWSER_TESTS:-1}" = 1 ]; then
  [ -x /usr/bin/chromium ] || need_apt+=(chromium)
  [ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PY" -m venv .venv
fi
stamp=.venv/.baocao-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing baocao and its dependencies into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  touch "$stamp"
fi
# Byte-compile the package now: an environment with PYTHONDONTWRITEBYTECODE
# (CI images, some shells) would otherwise compile ~30 modules on every
# start, 13 ms of an unchanged re-run's ~80 (issue 15); a stale .pyc is
# never used (Python checks the source's mtime), so this is only speed.
.venv/bin/python -m compileall -q -j 0 baocao pipeline extractors normalizers >/dev/null || true
echo "setup: ready ($(.venv/bin/python --version), $(tesseract --version 2>&1 | head -1))"
