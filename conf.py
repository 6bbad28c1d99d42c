"""Sphinx configuration of the acupuncture evidence knowledge base.

The data model (need types, fields, links, rules) lives in ubproject.toml;
the project's own machinery lives in the evidencekb extension.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

project = "Acupuncture claims: evidence knowledge base"
author = "Evidence knowledge base maintainers"
copyright = "2026, the maintainers"
# The knowledge base's release, declared once in VERSION (make release writes it); needs.json is keyed by it.
release = version = (Path(__file__).parent / "VERSION").read_text(encoding="utf-8").strip()

extensions = [
    "myst_parser",
    "sphinx_needs",
    "sphinx.ext.graphviz",
    "sphinxext.opengraph",
    "notfound.extension",
    "evidencekb",
]

# Where the site is published; every absolute URL starts here (canonical links, sitemap.xml, OpenGraph,
# ClaimReview). Set from the environment: EVIDENCEKB_BASEURL, or the address Read the Docs gives its build.
# Empty for a local build, which leaves the absolute URLs out and says so once (docs/publishing.md).
_baseurl = os.environ.get("EVIDENCEKB_BASEURL") or os.environ.get("READTHEDOCS_CANONICAL_URL") or ""
html_baseurl = _baseurl.rstrip("/") + "/" if _baseurl else ""
ogp_site_url = html_baseurl
# The page a server shows for a missing address (sphinx-notfound-page): served at any depth, it addresses its
# links and the theme's files from the site's root.
notfound_urls_prefix = urlsplit(html_baseurl).path or "/"
notfound_context = {
    "title": "Page not found",
    "body": "<h1>Page not found</h1><p>No page of the knowledge base is at this address: it may have been renamed. "
    f'Start from the <a href="{notfound_urls_prefix}index.html">start page</a>, the '
    f'<a href="{notfound_urls_prefix}claims/dashboard.html">coverage dashboard</a> or the '
    f'<a href="{notfound_urls_prefix}claims/claims/index.html">list of claims</a>, or search.</p>',
}
ogp_social_cards = {"enable": False}  # no generated images: the build writes only what the pages show

root_doc = "index"
# Content is Markdown only: a file of another suffix is not read, and the build names it (evidencekb/reading/checks.py).
source_suffix = {".md": "markdown"}
exclude_patterns = [
    "_build",
    ".venv",
    ".pytest_cache",
    "tests",
    "README.md",
    "CHANGELOG.md",
    "**/archive/**",
    "node_modules",
]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

needs_from_toml = "ubproject.toml"
needs_flow_engine = "graphviz"
needs_build_json_per_id = False
# A link to an item reads as its title: ids are for maintainers and tools, not in the readers' text.
needs_role_need_template = "{{ title }}"
# The extension reports a link to an unknown id, or to an item of the wrong type, at the option's line, with
# the closest ids (evidencekb/reading/checks.py): sphinx-needs' own messages name only the directive's line.
suppress_warnings = ["needs.link_outgoing", "needs.link_target_type"]

# graphviz-pure is installed beside the interpreter running Sphinx (see pyproject.toml).
graphviz_dot = str(Path(sys.executable).with_name("graphviz-pure"))
graphviz_output_format = "svg"

html_theme = "furo"
html_title = "Acupuncture claims: the evidence"
html_static_path = []
html_last_updated_fmt = None
html_use_index = False  # no page has index entries: the "Index" page would be empty

# Who answers for the knowledge base (docs/releases.md). Only what is true of this repository: its maintainers as
# an organisation, and the one handle under which they sign appraisals off; no address for reports is declared yet.
evidencekb_publisher = {"name": author}
evidencekb_reviewers = [
    {"handle": "maintainers", "role": "appraise each health claim against the evidence (GRADE) and sign it off"},
]
evidencekb_corrections = ""

evidencekb_archive_dir = "claims/sources/archive"
evidencekb_content_dir = "claims"
