"""The JSON output: a stable, documented shape with a published JSON Schema.

Shape (``schema/recommendations.schema.json`` is generated from the models):
``partnership``, ``area``, ``assessment_date``, ``ruleset`` (name, version,
hash, method), ``engine``, ``weights``, ``recommendations`` (each with
``theme``, ``rank``, ``status``, ``score``, ``criteria``, ``grade``,
``confidence``, ``owner``, ``chain``, ``justifications`` [``rule``, ``text``,
``evidence``], ``reasons``), ``findings``, and ``not_recommended`` (theme ->
reasons).
"""

from __future__ import annotations

import json
from typing import Any

from csprules.assessment.model import Assessment
from csprules.report.hygiene import json_safe
from csprules.scoring.model import Recommendations, Status

SCHEMA_VERSION = "1"


def to_jsonable(recs: Recommendations) -> dict[str, Any]:
    data = recs.model_dump(mode="json")
    data = {"schema_version": SCHEMA_VERSION, **data}
    data["not_recommended"] = {
        r.theme: list(r.reasons) for r in recs.recommendations
        if r.status is Status.NOT_RECOMMENDED
    }
    return data


def render_json(recs: Recommendations) -> str:
    """Byte-stable JSON: sorted keys, fixed separators, trailing newline."""
    # Hidden characters as \u escapes: the data is unchanged, and no raw ESC or bidi
    # override reaches a terminal or an editor.
    return json_safe(
        json.dumps(to_jsonable(recs), indent=2, sort_keys=True, ensure_ascii=False)) + "\n"


def json_schema() -> str:
    schema = Assessment.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "csprules recommendations"
    schema.pop("description", None)  # the model docstring is for Python readers
    props = schema.setdefault("properties", {})
    props["schema_version"] = {"type": "string", "const": SCHEMA_VERSION}
    props["not_recommended"] = {
        "type": "object",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
        "description": "Themes not recommended, with the reasons why not.",
    }
    schema.setdefault("required", []).extend(["schema_version", "not_recommended"])
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
