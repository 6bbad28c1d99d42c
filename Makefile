# The two commands of the README: `make html` and `make test`. Both set up .venv themselves.
PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
SPHINX   := $(BIN)/sphinx-build
BUILDDIR := _build
# Doctrees beside the site, not in it: the published folder holds only what readers load.
SPHINXOPTS ?= -W --keep-going -d $(BUILDDIR)/doctrees
STAMP    := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CHROMIUM := /usr/bin/chromium

.PHONY: html test test-fast lint needs livehtml bench clean browser java source claim reuse match match-eval sentences rename sign release titles-once

$(STAMP): pyproject.toml constraints.txt VERSION
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

# The checkers the tests run over the built site: axe-core and the Nu HTML checker (vnu.jar), pinned in
# package-lock.json. vnu-jar's install script would download a Java runtime: Debian's is used instead.
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# The browser tests drive Debian's Chromium; install it where it is missing.
browser:
	@test -x $(CHROMIUM) || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The Nu HTML checker runs on Java; install Debian's where there is none.
java:
	@command -v java >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; }

# The project's own code: lint and format (ruff), types (mypy).
lint: $(STAMP)
	$(BIN)/ruff check evidencekb tests
	$(BIN)/ruff format --check evidencekb tests
	$(BIN)/mypy

# The whole suite, the browser, axe-core and the Nu checker included. Tests run on both cores (pytest-xdist).
test: lint html browser java $(NODE_STAMP)
	$(BIN)/python -m pytest

# The edit loop: everything but what drives Chromium or the Nu checker.
test-fast: lint html
	$(BIN)/python -m pytest -m "not browser"

bench: $(STAMP)
	$(BIN)/python tests/benchmark.py $(BENCHOPTS)

# Authoring (docs/authoring.md). A source from a text file:
#   make source FILE=page.txt TITLE="The page's title" KIND="clinic page" [URL=https://…] [NOT_CLAIMS="heading: … || navigation: …"] [ID=SRC_…]
# A claim from the sentence starting on LINE of a source's archived text (SENTENCE=2 for the second one there,
# QUOTE="…" for a part of it); a health claim also gives its question (docs/data-model.md):
#   make claim SOURCE=SRC_… LINE=12 TITLE="Acupuncture does X" KIND="health claim" MECHANISM=MEC_… [ID=CLM_…] \
#        POPULATION="people with chronic pain" POPULATION_KIND=patients OUTCOME="reduce pain" COMPARED_WITH="no treatment, usual care"
# A known claim quoted from one more page, the claims a sentence repeats, a page's sentences, an id renamed:
#   make reuse CLAIM=CLM_… SOURCE=SRC_… LINE=12 [SENTENCE=2] [QUOTE="…"]
#   make match TEXT="a sentence"
#   make sentences SOURCE=SRC_…
#   make rename OLD=CLM_… NEW=CLM_…
AUTHOR := $(BIN)/python -m evidencekb.authoring
SENTENCE_ARGS = "$(SOURCE)" "$(LINE)" $(if $(SENTENCE),--sentence $(SENTENCE)) $(if $(QUOTE),--quote "$(QUOTE)")

source: $(STAMP)
	$(AUTHOR) source "$(FILE)" --title "$(TITLE)" --kind "$(KIND)" $(if $(URL),--appeared-at "$(URL)") $(if $(NOT_CLAIMS),--not-claims "$(NOT_CLAIMS)") $(if $(ID),--id "$(ID)")

claim: $(STAMP)
	$(AUTHOR) claim $(SENTENCE_ARGS) --title "$(TITLE)" --kind "$(KIND)" --mechanism "$(MECHANISM)" $(if $(ID),--id "$(ID)") \
	    --population "$(POPULATION)" --population-kind "$(POPULATION_KIND)" --outcome "$(OUTCOME)" --compared-with "$(COMPARED_WITH)" \
	    --last-searched "$(LAST_SEARCHED)"

reuse: $(STAMP)
	$(AUTHOR) reuse "$(CLAIM)" $(SENTENCE_ARGS)

match: $(STAMP)
	$(AUTHOR) match "$(TEXT)"

# The matcher's hit rates on the labelled restatements of the real claims (docs/authoring.md).
match-eval: $(STAMP)
	$(AUTHOR) match-eval docs/matcher/restatements-dev.tsv
	$(AUTHOR) match-eval docs/matcher/restatements-heldout.tsv

sentences: $(STAMP)
	$(AUTHOR) sentences "$(SOURCE)"

rename: $(STAMP)
	$(AUTHOR) rename "$(OLD)" "$(NEW)"

# Signs health claims off (docs/releases.md): make sign CLAIM=CLM_A,CLM_B BY=<handle from conf.py> [DATE=…]
sign: $(STAMP)
	$(AUTHOR) sign "$(CLAIM)" --by "$(BY)" $(if $(DATE),--date "$(DATE)")

# Records the knowledge base as it stands as a release (docs/releases.md): make release VERSION=0.3.0 [DATE=…]
release: html
	$(AUTHOR) release "$(VERSION)" $(if $(DATE),--date "$(DATE)")

# Removes every item file's page heading that repeats its directive's title (the title is then written once).
titles-once: $(STAMP)
	$(AUTHOR) titles-once

livehtml: $(STAMP)
	$(BIN)/sphinx-autobuild --host 127.0.0.1 --port 8000 . $(BUILDDIR)/html

clean:
	rm -rf $(BUILDDIR)
