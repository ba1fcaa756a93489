# innograph: `make run` builds the graph from data/docs/ and serves the app; `make test` runs the tests.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
STAMP  := $(VENV)/.installed

.PHONY: install run build app test test-browser test-neo4j neo4j-server eval eval-groups eval-resolution bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

build: install
	$(BIN)/innograph build data/docs

run: build
	@echo "innograph serves the app: open http://localhost:$(PORT) in your browser (Ctrl+C stops it)"
	$(BIN)/innograph app --port $(PORT)

app: install
	$(BIN)/innograph app --port $(PORT)

test: install
	$(BIN)/python -m pytest

test-browser: install
	$(BIN)/python -m pytest --browser -m browser

# A real Neo4j 5.26 for the tests (tests/neo4j): built once into tests/neo4j/target, Maven's
# local repository caches the download. test-neo4j starts it, runs every neo4j-marked test
# (a skip fails the run) and stops it, whatever the tests' outcome.
NEO4J_SERVER := tests/neo4j/target/classpath.txt
$(NEO4J_SERVER): tests/neo4j/pom.xml $(wildcard tests/neo4j/src/main/java/innograph/*.java)
	cd tests/neo4j && mvn -q -B package

neo4j-server: $(NEO4J_SERVER)

test-neo4j: install $(NEO4J_SERVER)
	@tr ':' '\n' < $(NEO4J_SERVER) | xargs ls >/dev/null 2>&1 || (cd tests/neo4j && mvn -q -B package)
	INNOGRAPH_REQUIRE_NEO4J=1 INNOGRAPH_BROWSER_TESTS=1 tests/neo4j/with-neo4j.sh \
	  $(BIN)/python -m pytest -m neo4j

SHARED ?= ../shared
# make eval: all 27 dev documents, misses listed. make eval GROUP=5: only the documents
# whose name starts with 5 (the held-out group while tuning on the others).
GROUP ?=
EVAL_TMP := $(shell mktemp -u -d /tmp/innograph-eval.XXXXXX)
eval: install
	mkdir -p $(EVAL_TMP)/gold
	for f in $(SHARED)/eval/gold/$(GROUP)*.json; do ln -s "$$(realpath $$f)" $(EVAL_TMP)/gold/; done
	$(BIN)/innograph extract $(patsubst %,$(SHARED)/eval/docs/%.txt,$(basename $(notdir $(wildcard $(SHARED)/eval/gold/$(GROUP)*.json)))) --out $(EVAL_TMP)/pred
	$(BIN)/python $(SHARED)/eval/score.py --gold $(EVAL_TMP)/gold --pred $(EVAL_TMP)/pred $(if $(QUIET),,--show)
	rm -rf $(EVAL_TMP)

# make eval-groups: one micro-averaged line per document group (4x, 5x, 6x, 7x, the originals)
# and the whole set, the table the held-out rotation is reported in
EVAL_GROUPS := 4 5 6 7 [0s]
eval-groups: install
	@printf "%-9s %-22s %-9s %-22s %-7s %s\n" group "entity P/R/F" untyped "relation P/R/F" ind named
	@for g in $(EVAL_GROUPS) ""; do \
	  printf "%-9s " "$${g:-all}x" | sed 's/\[0s\]x/orig /; s/^allx/all /'; \
	  $(MAKE) -s eval GROUP="$$g" QUIET=1 2>&1 | grep TOTAL | sed 's/TOTAL (micro) *//'; \
	done

# make eval-resolution: every gold-annotated document built into one store; merge P/R/F1
# of cross-document resolution with the worst missed and wrong merges
eval-resolution: install
	$(BIN)/python tests/benchmarks/eval_resolution.py --gold $(SHARED)/eval/gold --docs $(SHARED)/eval/docs

bench: install
	$(BIN)/python tests/benchmarks/run_all.py

clean:
	rm -rf $(VENV) data/innograph.db data/innograph.db-wal data/innograph.db-shm
