"""The maintainers' commands (docs/authoring.md), run through make: ``make source``, ``make claim``,
``make reuse``, ``make match``, ``make sentences``, ``make rename``, ``make titles-once``. Not loaded by Sphinx."""

from .cli import main

__all__ = ["main"]
