"""Print check reports for people (located lines with the passage and a diff) or as JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from briefwright.fidelity.findings import UNCHECKED, CheckReport, Finding


def render_text(reports: Iterable[CheckReport]) -> str:
    """One `file:line:col: field: severity: message` line per finding, the details indented
    below it, and a closing count line per summary."""
    lines: list[str] = []
    for report in reports:
        for finding in report.findings:
            lines.extend(_finding_lines(finding))
        lines.append(_tally(report))
    return "\n".join(_printable(line) for line in lines) + "\n"


def render_json(reports: Iterable[CheckReport]) -> str:
    """A JSON document: {"ok": ..., "summaries": [{summary, source, counts, issues: [...]}]}."""
    reports = list(reports)
    data = {
        "ok": all(r.ok for r in reports),
        "summaries": [_report_data(r) for r in reports],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# Findings about a quote's words, shown with the quote itself.
DETAILED = frozenset({"quote-mismatch", "quote-crosses-marks"})


def _finding_lines(finding: Finding) -> list[str]:
    prefix = finding.location.prefix()
    head = f"{prefix}: " if prefix else ""
    lines = [f"{head}{finding.severity}: {finding.message}"]
    if finding.quote is not None and finding.code in DETAILED:
        lines.append(f"    quote:   “{_one_line(finding.quote)}”")
    if finding.passage is not None:
        where = finding.passage_location.prefix() if finding.passage_location else ""
        lines.append(f"    source:  {where}: “{_one_line(finding.passage)}”")
    if finding.diff:
        lines.append(f"    diff:    {finding.diff_text}")
    return lines


def _tally(report: CheckReport) -> str:
    name = report.summary_path or "summary"
    errors, warnings = len(report.errors), len(report.warnings)
    where = "their sources" if report.source_count > 1 else "the source"
    verdict = f"all quotes found in {where}" if report.ok else f"quotes do NOT match {where}"
    if any(f.code in UNCHECKED for f in report.findings):
        verdict = "not checked"
    counts = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    quotes = _plural(report.quotes_checked, "quote")
    source = report.source_path or "no source"
    return f"{name}: {quotes} checked against {source}: {verdict} ({counts})"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _printable(text: str) -> str:
    """Control characters shown as escapes: article text must never drive the terminal."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _report_data(report: CheckReport) -> dict[str, Any]:
    return {
        "summary": report.summary_path,
        "source": report.source_path,
        "ok": report.ok,
        "quotes_checked": report.quotes_checked,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "issues": [_finding_data(f) for f in report.findings],
    }


def _finding_data(finding: Finding) -> dict[str, Any]:
    where = finding.location
    data: dict[str, Any] = {
        "severity": finding.severity,
        "code": finding.code,
        "message": finding.message,
        "file": where.file,
        "line": where.line,
        "column": where.column,
        "field": where.field,
        "quote": finding.quote,
    }
    if finding.passage is not None:
        passage_at = finding.passage_location
        data["passage"] = {
            "text": finding.passage,
            "file": passage_at.file if passage_at else None,
            "line": passage_at.line if passage_at else None,
            "place": passage_at.field if passage_at else None,
        }
        data["diff"] = [{"op": d.op, "source": d.source, "quote": d.quote} for d in finding.diff]
    return data
