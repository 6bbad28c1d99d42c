"""Sphinx configuration of the acupuncture evidence knowledge base.

The data model (need types, fields, links, rules) lives in ubproject.toml;
the project's own machinery lives in the evidencekb extension.
"""

import os
import sys
from pathlib import Path

project = "Acupuncture claims: evidence knowledge base"
author = "Evidence knowledge base maintainers"
copyright = "2026, the maintainers"

extensions = [
    "myst_parser",
    "sphinx_needs",
    "sphinx.ext.graphviz",
    "sphinxext.opengraph",
    "evidencekb",
]

# Where the site is published; every absolute URL starts here (canonical links, sitemap.xml, OpenGraph,
# ClaimReview). Set from the environment: EVIDENCEKB_BASEURL, or the address Read the Docs gives its build.
# Empty for a local build, which leaves the absolute URLs out and says so once (docs/publishing.md).
_baseurl = os.environ.get("EVIDENCEKB_BASEURL") or os.environ.get("READTHEDOCS_CANONICAL_URL") or ""
html_baseurl = _baseurl.rstrip("/") + "/" if _baseurl else ""
ogp_site_url = html_baseurl
if html_baseurl:
    # sphinx-sitemap needs the base URL, and warns (fails the build) without one.
    extensions.append("sphinx_sitemap")
sitemap_url_scheme = "{link}"  # the pages' own paths: no language or version prefix
sitemap_excludes = ["search.html", "permalink.html"]
ogp_social_cards = {"enable": False}  # no generated images: the build writes only what the pages show

root_doc = "index"
exclude_patterns = [
    "_build",
    ".venv",
    ".pytest_cache",
    "tests",
    "README.md",
    "**/archive/**",
    "node_modules",
]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

needs_from_toml = "ubproject.toml"
needs_flow_engine = "graphviz"
needs_build_json_per_id = False
# The extension reports a link to an unknown id at the option's line, with the closest ids (evidencekb/checks.py).
suppress_warnings = ["needs.link_outgoing"]

# graphviz-pure is installed beside the interpreter running Sphinx (see pyproject.toml).
graphviz_dot = str(Path(sys.executable).with_name("graphviz-pure"))
graphviz_output_format = "svg"

html_theme = "furo"
html_title = "Acupuncture claims: the evidence"
html_static_path = []
html_last_updated_fmt = None
html_use_index = False  # no page has index entries: the "Index" page would be empty

evidencekb_archive_dir = "claims/sources/archive"
evidencekb_content_dir = "claims"
