# The two commands of the README: `make html` and `make test`. Both set up .venv themselves.
PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
SPHINX   := $(BIN)/sphinx-build
BUILDDIR := _build
SPHINXOPTS ?= -W --keep-going
STAMP    := $(VENV)/.installed

.PHONY: html test needs livehtml bench clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test,dev]"
	touch $(STAMP)

html: $(STAMP)
	$(SPHINX) -b html $(SPHINXOPTS) . $(BUILDDIR)/html
	@echo "Start page: $(CURDIR)/$(BUILDDIR)/html/index.html"

needs: $(STAMP)
	$(SPHINX) -b needs $(SPHINXOPTS) . $(BUILDDIR)/needs
	@echo "needs.json: $(CURDIR)/$(BUILDDIR)/needs/needs.json"

test: html
	$(BIN)/python -m pytest

livehtml: $(STAMP)
	$(BIN)/sphinx-autobuild --host 127.0.0.1 --port 8000 . $(BUILDDIR)/html

clean:
	rm -rf $(BUILDDIR)
