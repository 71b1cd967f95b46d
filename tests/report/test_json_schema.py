"""The published JSON Schema is generated from the models, current, and validates output."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from csprules.cli import main
from csprules.report.json_report import json_schema

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schema" / "recommendations.schema.json"


def test_published_schema_is_current() -> None:
    """Regenerate with: python -c "from csprules.report.json_report import json_schema;
    open('schema/recommendations.schema.json','w').write(json_schema())"."""
    assert SCHEMA.read_text(encoding="utf-8") == json_schema()


def test_output_validates_against_the_schema(tmp_path: Path) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for example in ("havering-2017", "wandsworth-2012"):
        out = tmp_path / f"{example}.json"
        assert main(["recommend", f"examples/{example}", "--format", "json", "-o", str(out)]) == 0
        jsonschema.validate(json.loads(out.read_text(encoding="utf-8")), schema)
