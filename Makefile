# Two entry points for a fresh machine: `make demo` and `make test`.
# torch 2.13.0 is installed first: any other torch request pulls several GB of CUDA wheels.
# The reference machine's pip configuration serves its CPU build; elsewhere, ask for it with
# `make test TORCH_INDEX="--index-url https://download.pytorch.org/whl/cpu"`.

VENV ?= .venv
TORCH_INDEX ?=
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test lint install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet $(TORCH_INDEX) torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	@echo "== rift-lint check examples/ (the bad examples are meant to fail)"
	$(BIN)/rift-lint check examples/; status=$$?; test $$status -le 1

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .rift_lint_cache
