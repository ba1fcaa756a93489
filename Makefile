# innograph: `make run` builds the graph from data/docs/ and opens the app; `make test` runs the tests.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
STAMP  := $(VENV)/.installed

.PHONY: install run build app test test-browser eval bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

build: install
	$(BIN)/innograph build data/docs

run: build
	$(BIN)/innograph app --port $(PORT)

app: install
	$(BIN)/innograph app --port $(PORT)

test: install
	$(BIN)/python -m pytest

test-browser: install
	$(BIN)/python -m pytest --browser -m browser

SHARED ?= ../shared
eval: install
	$(BIN)/python $(SHARED)/eval/score.py --gold $(SHARED)/eval/gold --docs $(SHARED)/eval/docs \
	  --run "$(BIN)/innograph extract {file} --format json" --show

bench: install
	$(BIN)/python tests/benchmarks/run_all.py

clean:
	rm -rf $(VENV) data/innograph.db data/innograph.db-wal data/innograph.db-shm
