"""The summary format: load YAML or JSON, validate it, and describe it as a JSON Schema."""

from briefwright.summary.dates import DateSpec
from briefwright.summary.fields import LIKELIHOOD_RANGES, MAX_TEXT_CHARS
from briefwright.summary.load import MAX_SUMMARY_BYTES, load_summary
from briefwright.summary.model import Summary
from briefwright.summary.schema import summary_json_schema
from briefwright.summary.validate import LoadedSummary, validate_data

__all__ = [
    "LIKELIHOOD_RANGES",
    "MAX_SUMMARY_BYTES",
    "MAX_TEXT_CHARS",
    "DateSpec",
    "LoadedSummary",
    "Summary",
    "load_summary",
    "summary_json_schema",
    "validate_data",
]
