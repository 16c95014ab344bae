# The two commands of the README:  `make run`  and  `make test`.
.PHONY: setup run test check sample bench clean

setup:
	bash scripts/setup.sh

# Set everything up, then process the sample archive into data/processed/.
run: setup
	.venv/bin/baocao run data/raw --out data/processed

# Set everything up, then run the whole test suite (what CI runs).
test: setup
	.venv/bin/python -m pytest -q -n 2 --dist loadgroup

# The edit loop: unit tests of the extractors and normalisers, no OCR, no
# whole runs (tests marked slow or ocr are left to `make test`); < 30 s.
check: setup
	.venv/bin/python -m pytest -q -n 2 -m "not slow and not ocr"

# Rebuild the sample archive in data/raw/ from ../shared/corpus.
sample: setup
	.venv/bin/python scripts/make_sample.py --out data/raw

bench: setup
	.venv/bin/python bench/run.py

clean:
	rm -rf data/processed/* .pytest_cache
