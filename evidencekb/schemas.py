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
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util import logging
from sphinx_needs.config import NeedsSphinxConfig
from sphinx_needs.data import SphinxNeedsData
from sphinx_needs.logging import log_error, log_warning
from sphinx_needs.needs_schema import FieldsSchema
from sphinx_needs.needsfile import generate_needs_schema
from sphinx_needs.schema.config import SeverityEnum
from sphinx_needs.schema.core import validate_field_link_schemas, validate_type_schema
from sphinx_needs.schema.reporting import (
    OntologyWarning,
    generate_json_schema_validation_report,
    get_formatted_warnings,
)

from .kept import KeptResults
from .locations import location
from .suggest import alternatives

# Each need's findings, kept between builds beside the environment.
FINDINGS_CACHE = "evidencekb-schema-findings.pickle"
REPORT_NAME = "schema_violations.json"  # sphinx-needs' own report, written as its pass writes it
logger = logging.getLogger(__name__)


def suggestion(need: Mapping[str, Any], finding: OntologyWarning, fields_schema: FieldsSchema) -> str:
    """For a value outside its field's enum: the closest allowed values."""
    field = finding.get("field")
    schema = next((f.schema for f in fields_schema.for_type(need["type"]).iter_extra_fields() if f.name == field), None) or {}
    allowed = schema.get("enum") or schema.get("items", {}).get("enum")
    if not allowed or "is not one of" not in finding.get("validation_message", ""):
        return ""
    values = need.get(field) if isinstance(need.get(field), list) else [need.get(field)]
    typed = [str(v) for v in values if v not in allowed]
    hints = [hint for value in typed if (hint := alternatives(value, allowed))]
    return f"\n  Did you mean:   {', '.join(hints)}?" if hints else f"\n  Allowed:        {', '.join(map(repr, allowed))}"


def validate(app: Sphinx, builder: Builder) -> None:
    config = NeedsSphinxConfig(app.config)
    data = SphinxNeedsData(app.env)
    needs = data.get_needs_view()
    type_schemas = data.get_resolved_schemas()
    # a network rule reads needs beyond the neighbourhood that makes a page stable
    network = any({"network", "network_back"} & set(schema["validate"]) for schema in type_schemas)
    kept = KeptResults(app.env, FINDINGS_CACHE, reuse=not network)
    to_validate = needs.filter_ids(need_id for need_id, need in needs.items() if not kept.is_kept(need))

    start = time.perf_counter()
    fields_schema = data.get_schema()
    found = [validate_field_link_schemas(config, fields_schema, to_validate)]
    field_properties = generate_needs_schema(fields_schema)["properties"]
    found += [validate_type_schema(config, schema, to_validate, field_properties, fields_schema=fields_schema)
              for schema in type_schemas]
    validated: dict[str, list[OntologyWarning]] = defaultdict(list)
    for need_findings in found:
        for need_id, warnings in need_findings.items():
            # severity "none" marks a rule passed (kept for sphinx-needs' debug files): nothing to report or keep
            validated[need_id].extend(w for w in warnings if w["severity"] != SeverityEnum.none)
    findings = {need_id: reported for need_id, need in needs.items()
                if (reported := kept.get(need, lambda need_id=need_id: validated.get(need_id, [])))}
    duration = time.perf_counter() - start

    for need_id in sorted(findings):
        need = needs[need_id]
        for finding in findings[need_id]:
            at = location(app, need, finding.get("field"))
            for warning in get_formatted_warnings({need_id: [finding]}):
                log = log_error if warning["log_lvl"] == "error" else log_warning
                log(logger, warning["message"] + suggestion(need, finding, fields_schema), warning["subtype"], at,
                    type=warning["type"])
    generate_json_schema_validation_report(
        duration=duration, need_2_warnings=findings, report_file_path=Path(app.outdir, REPORT_NAME),
        validated_needs_count=len(to_validate), validated_rate=round(len(to_validate) / duration) if duration else 0)
    kept.save()


def setup(app: Sphinx) -> None:
    app.connect("write-started", validate)
