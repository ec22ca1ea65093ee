"""The JSON Schema of the summary format, for editors (printed by `briefwright schema`).

It is generated from the same models `validate` uses, then brought to what JSON Schema can say
of their validators: number bounds as minimum/maximum, likelihood and confidence in any letter
case, no text made only of spaces. What it cannot say (dates in order, source ids that exist,
control characters) is listed in the README; `validate` remains the judge.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from typing import Any

from briefwright.summary.fields import CONFIDENCE_LEVELS, LIKELIHOOD_RANGES
from briefwright.summary.model import Summary
from briefwright.version import __version__

SCHEMA_VERSION = 1
"""The `schema_version` of summaries this schema describes."""
SCHEMA_ID = f"https://briefwright.github.io/schema/summary-{SCHEMA_VERSION}.json"
SCHEMA_FILE = "summary.schema.json"
"""The name `draft` gives the schema beside a draft, and points the draft's first line at."""
_DRAFT = "https://json-schema.org/draft/2020-12/schema"
# Lists whose items may be written as a bare string instead of a mapping.
_STRING_OR_MAPPING = {
    "key_points": "KeyPoint",
    "implications": "Implication",
    "recommendations": "Recommendation",
}
# pydantic writes its own names for number bounds; JSON Schema has these.
_BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}
_NOT_BLANK = r"\S"


@functools.cache
def _schema() -> dict[str, Any]:
    schema = Summary.model_json_schema()
    for name, definition in _STRING_OR_MAPPING.items():
        ref = {"$ref": f"#/$defs/{definition}"}
        text = {"type": "string", "minLength": 1}
        schema["properties"][name]["items"] = {"anyOf": [text, ref]}
    # `source` may be left out when `sources` is given (the first is then the main one).
    schema["required"] = [name for name in schema["required"] if name != "source"]
    schema["anyOf"] = [{"required": ["source"]}, {"required": ["sources"]}]
    _agree_with_validate(schema)
    return {
        "$schema": _DRAFT,
        "$id": SCHEMA_ID,
        **schema,
        "title": "briefwright summary",
        "$comment": f"summary format schema_version {SCHEMA_VERSION}, briefwright {__version__}",
    }


def summary_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a summary file, with a description on every field."""
    return copy.deepcopy(_schema())


def schema_text() -> str:
    """The schema as the JSON text `briefwright schema` prints and writes."""
    return json.dumps(summary_json_schema(), indent=2, ensure_ascii=False) + "\n"


def _agree_with_validate(node: Any) -> None:
    """Rewrite, in place, what pydantic emits into what validate accepts, as JSON Schema."""
    if isinstance(node, list):
        for item in node:
            _agree_with_validate(item)
        return
    if not isinstance(node, dict):
        return
    for pydantic_name, keyword in _BOUNDS.items():
        if pydantic_name in node:
            node[keyword] = node.pop(pydantic_name)
    enum = node.get("enum")
    if isinstance(enum, list) and enum and all(isinstance(v, str) for v in enum):
        _any_case(node, {v.lower() for v in enum})
    if node.get("type") == "string" and node.get("minLength") == 1 and "pattern" not in node:
        node["pattern"] = _NOT_BLANK  # validate strips text first: spaces alone are empty
    for value in node.values():
        _agree_with_validate(value)


def _any_case(node: dict[str, Any], terms: set[str]) -> None:
    """An enum of likelihood or confidence terms becomes a pattern: any case, spaces as written."""
    if terms == set(LIKELIHOOD_RANGES) or terms == set(CONFIDENCE_LEVELS):
        ordered = [t for t in (*LIKELIHOOD_RANGES, *CONFIDENCE_LEVELS) if t in terms]
        del node["enum"]
        node["pattern"] = r"^\s*(?:" + "|".join(_case_free(t) for t in ordered) + r")\s*$"
        node["examples"] = ordered


def _case_free(term: str) -> str:
    parts = []
    for word in term.split():
        parts.append(
            "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)
        )
    return r"\s+".join(parts)
