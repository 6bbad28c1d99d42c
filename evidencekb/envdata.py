"""What the extension keeps in Sphinx's environment, which Sphinx pickles between builds: one attribute per
record, named ``evidencekb_…``. Other code never reuses them: ``ENV_VERSION`` (evidencekb/__init__.py) is the
fingerprint of the code that saved them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

from sphinx.environment import BuildEnvironment

T = TypeVar("T")


def stored(env: BuildEnvironment, name: str, new: Callable[[], T]) -> T:
    """The record ``evidencekb_<name>`` of the environment, made with ``new()`` the first time."""
    attribute = f"evidencekb_{name}"
    if not hasattr(env, attribute):
        setattr(env, attribute, new())
    return cast(T, getattr(env, attribute))


def store(env: BuildEnvironment, name: str, value: object) -> None:
    setattr(env, f"evidencekb_{name}", value)
