"""sphinx-needs' schema validation, run on the needs that may have changed, each finding at the option's line.

Why not sphinx-needs' own pass: it validates every need on every build (keeping stable needs' findings
saves 10% of a one-claim rebuild at 2,000 claims, docs/performance.md) and logs its findings with no
location. With that pass switched off
(``schema_validation_enabled = false`` in ubproject.toml), this runs sphinx-needs' same validators over
the needs outside the stable pages (freshness.py), keeps the last build's findings for the others, and
logs every finding under sphinx-needs' own warning types at the line of the option at fault
(the need's line for a missing option), with the closest allowed values for a value outside a field's enum.
"""

from __future__ import annotations

import time
from collections import defaultdict
from functools import partial
from pathlib import Path
from typing import Any, cast

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util import logging
from sphinx_needs.api import get_needs_view

from ..compat import (
    FieldsSchema,
    NeedsSphinxConfig,
    OntologyWarning,
    SeverityEnum,
    fields_schema,
    generate_json_schema_validation_report,
    generate_needs_schema,
    get_formatted_warnings,
    log_error,
    log_warning,
    resolved_schemas,
    validate_field_link_schemas,
    validate_type_schema,
)
from ..model.rows import Fields
from ..model.suggest import alternatives
from ..speedups.kept import KeptResults
from .locations import location

# Each need's findings, kept between builds beside the environment.
FINDINGS_CACHE = "evidencekb-schema-findings.pickle"
REPORT_NAME = "schema_violations.json"  # sphinx-needs' own report, written as its pass writes it
logger = logging.getLogger(__name__)


def suggestion(need: Fields, finding: OntologyWarning, schema_of_fields: FieldsSchema) -> str:
    """For a value outside its field's enum: the closest allowed values."""
    field = finding.get("field") or ""
    schema: dict[str, Any] = next(
        (dict(f.schema) for f in schema_of_fields.for_type(need["type"]).iter_extra_fields() if f.name == field), {}
    )
    allowed: list[str] | None = schema.get("enum") or schema.get("items", {}).get("enum")
    if not allowed or "is not one of" not in finding.get("validation_message", ""):
        return ""
    value = need[field]
    typed = [str(v) for v in (value if isinstance(value, list) else [value]) if v not in allowed]
    hints = [hint for value in typed if (hint := alternatives(value, allowed))]
    return (
        f"\n  Did you mean:   {', '.join(hints)}?" if hints else f"\n  Allowed:        {', '.join(map(repr, allowed))}"
    )


def validate(app: Sphinx, builder: Builder) -> None:
    config = NeedsSphinxConfig(app.config)
    needs = get_needs_view(app)  # sphinx-needs' own view: its validators take it
    type_schemas = resolved_schemas(app.env)
    # a network rule reads needs beyond the neighbourhood that makes a page stable
    network = any({"network", "network_back"} & set(schema["validate"]) for schema in type_schemas)
    kept = KeptResults(app, FINDINGS_CACHE, reuse=not network)
    to_validate = needs.filter_ids(need_id for need_id, need in needs.items() if not kept.is_kept(need))

    start = time.perf_counter()
    schema_of_fields = fields_schema(app.env)
    found = [validate_field_link_schemas(config, schema_of_fields, to_validate)]
    field_properties = generate_needs_schema(schema_of_fields)["properties"]
    found += [
        validate_type_schema(config, schema, to_validate, field_properties, fields_schema=schema_of_fields)
        for schema in type_schemas
    ]
    validated: dict[str, list[OntologyWarning]] = defaultdict(list)
    for need_findings in found:
        for need_id, warnings in need_findings.items():
            # severity "none" marks a rule passed (kept for sphinx-needs' debug files): nothing to report or keep
            validated[need_id].extend(w for w in warnings if w["severity"] != SeverityEnum.none)
    findings = {
        need_id: reported
        for need_id, need in needs.items()
        if (reported := kept.get(need, partial(validated.get, need_id, [])))
    }
    duration = time.perf_counter() - start

    for need_id in sorted(findings):
        need = needs[need_id]
        for finding in findings[need_id]:
            at = location(app, need, finding.get("field"))
            for warning in get_formatted_warnings({need_id: [finding]}):
                log = log_error if warning["log_lvl"] == "error" else log_warning
                log(
                    logger,
                    warning["message"] + suggestion(need, finding, schema_of_fields),
                    cast(Any, warning["subtype"]),
                    at,
                    type=warning["type"],
                )
    generate_json_schema_validation_report(
        duration=duration,
        need_2_warnings=findings,
        report_file_path=Path(app.outdir, REPORT_NAME),
        validated_needs_count=len(to_validate),
        validated_rate=round(len(to_validate) / duration) if duration else 0,
    )
    kept.save()


def setup(app: Sphinx) -> None:
    app.connect("write-started", validate)
