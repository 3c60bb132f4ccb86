# Two commands on a fresh machine: `make run` (the bot) and `make test` (the tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test setup setup-dev browser index lint bench clean

$(BIN)/.runtime: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip 2>/dev/null || true
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e . 2>/dev/null || $(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(BIN)/.dev: $(BIN)/.runtime requirements-dev.lock
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

setup: $(BIN)/.runtime
setup-dev: $(BIN)/.dev browser

# The browser test drives Debian's Chromium (Playwright cannot download its own browsers here): as root, install it
# when missing; otherwise say so, and that test is skipped with the reason.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
		&& apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } \
		|| echo "note: Chromium is not installed and cannot be (needs root and apt-get): the browser tests will be skipped"

index: setup
	$(BIN)/briefings index

run: setup
	$(BIN)/briefings index
	$(BIN)/briefings serve

test: setup-dev
	$(BIN)/python -m pytest -q

lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: setup-dev
	$(BIN)/python bench/extract_bench.py
	$(BIN)/python bench/lookup_bench.py
	$(BIN)/python bench/digest_bench.py
	$(BIN)/python bench/ack_bench.py
	$(BIN)/python bench/start_bench.py

clean:
	rm -rf $(VENV) data .pytest_cache
