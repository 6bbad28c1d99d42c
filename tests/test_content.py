"""The real knowledge base, as make html builds it: the build passes with -W (the content's own checks), and
everything that holds of any content holds of it. Nothing here names today's ids, titles or numbers."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from building import Build
from invariants import EVERY_INVARIANT

# One worker builds and reads the real site: make html's folder is shared by every process.
pytestmark = pytest.mark.xdist_group("real_site")


def test_the_real_content_builds_with_warnings_as_errors(real_site: Build) -> None:
    assert real_site.ok, real_site.warnings


@pytest.mark.parametrize("invariant", EVERY_INVARIANT, ids=lambda f: f.__name__)
def test_the_real_knowledge_base_keeps_every_invariant(real_site: Build, invariant: Callable[[Build], None]) -> None:
    invariant(real_site)
