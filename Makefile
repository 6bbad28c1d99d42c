# The two commands of the README: `make html` and `make test`. Both set up .venv themselves.
PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
SPHINX   := $(BIN)/sphinx-build
BUILDDIR := _build
SPHINXOPTS ?= -W --keep-going
STAMP    := $(VENV)/.installed

SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CHROMIUM := /usr/bin/chromium

.PHONY: html test needs livehtml bench clean browser

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

# The browser tests drive Debian's Chromium; install it where it is missing.
browser:
	@test -x $(CHROMIUM) || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

test: html browser
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python tests/benchmark.py $(BENCHOPTS)

livehtml: $(STAMP)
	$(BIN)/sphinx-autobuild --host 127.0.0.1 --port 8000 . $(BUILDDIR)/html

clean:
	rm -rf $(BUILDDIR)
