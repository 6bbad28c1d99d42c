"""Every internal of Sphinx and sphinx-needs the extension uses, in one place, checked against the versions it
was written for.

Public APIs are used wherever one exists (``sphinx_needs.api``, Sphinx's events, collectors and
``suppress_warnings``). What follows has none; each name says in one line why it is needed. On a version
outside ``WRITTEN_FOR`` the build stops at once with a message saying what to do, instead of failing later
somewhere inside a build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from importlib.metadata import version
from typing import Any, cast

from packaging.specifiers import SpecifierSet
from packaging.version import Version
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError

# The versions this module was written and tested for; pyproject.toml pins the same ranges.
WRITTEN_FOR = {"sphinx": SpecifierSet(">=8.2,<9.1"), "sphinx-needs": SpecifierSet(">=9.1,<9.2")}


def unsupported_versions(installed: Mapping[str, str]) -> list[str]:
    """The installed packages outside the ranges this module was written for, each as 'name version (range)'."""
    return [
        f"{name} {installed[name]} (written for {wanted})"
        for name, wanted in WRITTEN_FOR.items()
        if Version(installed[name]) not in wanted
    ]


def check_versions() -> None:
    if found := unsupported_versions({name: version(name) for name in WRITTEN_FOR}):
        raise ExtensionError(
            f"evidencekb uses internals of {', '.join(found)}: install the versions in constraints.txt "
            "(make html does), or update evidencekb/compat.py to the new versions and widen WRITTEN_FOR there"
        )


check_versions()

# Imported after the check: on another version these names may not exist.
from sphinx.ext.graphviz import html_visit_graphviz  # noqa: E402  (the diagram's own HTML, to name it for assistive technology)
from sphinx_needs.api import get_needs_view  # noqa: E402
from sphinx_needs.config import NeedsSphinxConfig  # noqa: E402  (the resolved need types, fields and links)
from sphinx_needs.data import SphinxNeedsData  # noqa: E402  (needs before sealing, the schema, needextends)
from sphinx_needs.directives.need import purge_needs  # noqa: E402  (the purge handler the speed-up replaces)
from sphinx_needs.filter_common import filter_needs_view  # noqa: E402  (needs_builder_filter, as needs.json applies it)
from sphinx_needs.functions.functions import find_and_replace_node_content  # noqa: E402  (the [[…]] functions in an item's text)
from sphinx_needs.logging import log_error, log_warning  # noqa: E402  (schema findings logged under sphinx-needs' own types)
from sphinx_needs.need_item import NeedItem  # noqa: E402  (a resolved need, as sphinx-needs' own writers take it)
from sphinx_needs.needs_schema import FieldsSchema  # noqa: E402  (a field's JSON schema, for "did you mean")
from sphinx_needs.needsfile import NeedsList, generate_needs_schema  # noqa: E402  (needs.json, written as sphinx-needs writes it)
from sphinx_needs.nodes import Need  # noqa: E402  (the doctree node of a need, which the item's page replaces)
from sphinx_needs.schema.config import SeverityEnum  # noqa: E402  (a schema rule's severity)
from sphinx_needs.schema.core import validate_field_link_schemas, validate_type_schema  # noqa: E402  (schema rules, run per need)
from sphinx_needs.schema.reporting import (  # noqa: E402  (schema findings formatted and reported as sphinx-needs does)
    OntologyWarning,
    generate_json_schema_validation_report,
    get_formatted_warnings,
)

__all__ = [
    "FieldsSchema",
    "Need",
    "NeedItem",
    "Needs",
    "NeedsList",
    "NeedsSphinxConfig",
    "OntologyWarning",
    "SeverityEnum",
    "add_search_index_entries",
    "fields_schema",
    "filter_needs_view",
    "generate_json_schema_validation_report",
    "generate_needs_schema",
    "get_formatted_warnings",
    "handlers_of",
    "has_needextends",
    "html_visit_graphviz",
    "link_target_types",
    "log_error",
    "log_warning",
    "need_directives",
    "needs_view",
    "needs_while_reading",
    "pages_with_needs",
    "purge_needs",
    "reconnect",
    "replace_handler",
    "replace_need_functions",
    "resolved_schemas",
    "standard_labels",
    "validate_field_link_schemas",
    "validate_type_schema",
]


Needs = Mapping[str, Mapping[str, Any]]


def needs_view(app: Sphinx) -> Needs:
    """The resolved needs (sphinx-needs' public get_needs_view), typed as the mappings the model reads: a NeedItem
    reads as one, and the model's tests give it plain dicts."""
    return cast(Needs, get_needs_view(app))


def needs_while_reading(env: BuildEnvironment) -> dict[str, Any]:
    """The needs read so far, before sphinx-needs resolves and seals them: no public API reads them outside its events."""
    return cast(dict[str, Any], SphinxNeedsData(env).get_needs_mutable())


def replace_need_functions(node: Any, env: BuildEnvironment, need: Mapping[str, Any]) -> None:
    """The [[…]] functions sphinx-needs allows in an item's text, replaced by their values."""
    find_and_replace_node_content(node, env, cast(Any, need))


def fields_schema(env: BuildEnvironment) -> FieldsSchema:
    """Each need type's fields and links, as sphinx-needs resolved them from ubproject.toml."""
    return SphinxNeedsData(env).get_schema()


def link_target_types(env: BuildEnvironment, need_type: str) -> dict[str, frozenset[str]]:
    """Each link of a need type, with the types its targets may have (none named: any type)."""
    return {
        link.name: link.target_types.types
        for link in fields_schema(env).for_type(need_type).iter_link_fields()
        if link.target_types is not None and link.target_types.types
    }


def resolved_schemas(env: BuildEnvironment) -> list[Any]:
    """The schema rules of ubproject.toml, resolved; sphinx-needs' own pass over them is switched off."""
    return SphinxNeedsData(env).get_resolved_schemas()


def pages_with_needs(env: BuildEnvironment) -> set[str]:
    """The pages holding a need, a needextend or a needuml: the ones sphinx-needs' purge has anything to remove from."""
    data = SphinxNeedsData(env)
    items: list[Any] = [
        *data.get_needs_mutable().values(),
        *data.get_or_create_extends().values(),
        *data.get_or_create_umls().values(),
    ]
    return {item["docname"] for item in items if item["docname"]}


def has_needextends(env: BuildEnvironment) -> bool:
    """Whether a needextend changes items on other pages than its own."""
    return bool(SphinxNeedsData(env).get_or_create_extends())


def need_directives(app: Sphinx) -> list[str]:
    """The directive of every need type."""
    return [need_type["directive"] for need_type in NeedsSphinxConfig(app.config).types]


# Sphinx returns a listener's id only to whoever connected it; replacing another extension's handler needs them.


def handlers_of(
    app: Sphinx, accept: Callable[[Callable[..., Any]], bool]
) -> Iterator[tuple[str, int, Callable[..., Any], int]]:
    """(event, listener id, handler, priority) of every connected handler ``accept`` takes."""
    for event, listeners in list(app.events.listeners.items()):
        for listener in list(listeners):
            if accept(listener.handler):
                yield event, listener.id, listener.handler, listener.priority


def reconnect(app: Sphinx, event: str, listener_id: int, handler: Callable[..., Any], priority: int) -> None:
    app.disconnect(listener_id)
    app.connect(event, handler, priority=priority)


def replace_handler(app: Sphinx, event: str, old: Callable[..., Any], new: Callable[..., Any]) -> None:
    """Connect ``new`` where ``old`` was, at its priority."""
    for found_event, listener_id, _, priority in list(handlers_of(app, lambda handler: handler is old)):
        if found_event == event:
            reconnect(app, event, listener_id, new, priority)


def add_search_index_entries(env: BuildEnvironment, entries: Mapping[str, list[tuple[str, str]]]) -> None:
    """Index entries (term, target) per page, for the search index: Sphinx keeps only those of the pages a build writes."""
    index_entries: dict[str, list[tuple[str, str, str]]] = env._search_index_index_entries
    for docname, found in entries.items():
        kept = {entry for entry in index_entries.get(docname, [])}
        index_entries[docname] = sorted(kept | {(term, target, "") for term, target in found})


def standard_labels(env: BuildEnvironment) -> list[dict[str, Any]]:
    """The std domain's label tables (every inventory names their pages); no public API removes an entry."""
    std = env.domains.standard_domain
    return [cast(dict[str, Any], std.labels), cast(dict[str, Any], std.anonlabels)]
