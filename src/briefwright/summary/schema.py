"""The JSON Schema of the summary format, for editors (printed by `briefwright schema`)."""

from __future__ import annotations

import copy
import functools
from typing import Any

from briefwright.summary.model import Summary

_SCHEMA_ID = "https://json-schema.org/draft/2020-12/schema"
# Lists whose items may be written as a bare string instead of a mapping.
_STRING_OR_MAPPING = {
    "key_points": "KeyPoint",
    "implications": "Implication",
    "recommendations": "Recommendation",
}


@functools.cache
def _schema() -> dict[str, Any]:
    schema = Summary.model_json_schema()
    for name, definition in _STRING_OR_MAPPING.items():
        ref = {"$ref": f"#/$defs/{definition}"}
        schema["properties"][name]["items"] = {"anyOf": [{"type": "string", "minLength": 1}, ref]}
    # `source` may be left out when `sources` is given (the first is then the main one).
    schema["required"] = [name for name in schema["required"] if name != "source"]
    schema["anyOf"] = [{"required": ["source"]}, {"required": ["sources"]}]
    return {"$schema": _SCHEMA_ID, **schema, "title": "briefwright summary"}


def summary_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a summary file, with a description on every field."""
    return copy.deepcopy(_schema())


def schema_text() -> str:
    """The schema as the JSON text `briefwright schema` prints and writes."""
    import json

    return json.dumps(summary_json_schema(), indent=2, ensure_ascii=False) + "\n"
