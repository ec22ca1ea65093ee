"""What a check found: located findings with the closest passage and a word diff, per summary."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefwright.errors import Issue, Location
from briefwright.fidelity.diff import DiffOp, diff_text

# Finding codes that mean the quotes could not be checked at all.
UNCHECKED = frozenset({"no-source-text", "source-unreadable"})


@dataclass(frozen=True)
class Finding:
    """One problem: severity "error" or "warning", a stable code, where it is in the summary,
    and for a misquote the closest passage of the source (with its location) and a word diff."""

    severity: str
    code: str
    message: str
    location: Location
    quote: str | None = None
    passage: str | None = None
    passage_location: Location | None = None
    diff: tuple[DiffOp, ...] = ()

    def __str__(self) -> str:
        """The one-line form shared with errors.Issue: `file:line:col: field: message`."""
        return str(Issue(self.message, self.location, self.severity))

    @property
    def diff_text(self) -> str:
        """The diff in wdiff form: `[-source only-] {+quote only+}`."""
        return diff_text(list(self.diff))


@dataclass(frozen=True)
class CheckReport:
    """The outcome of checking one summary: what was checked and every finding, in order."""

    summary_path: str | None
    source_path: str | None
    quotes_checked: int
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    source_count: int = 1

    @property
    def errors(self) -> list[Finding]:
        """Findings that make the check fail."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        """Findings worth a look that do not fail the check."""
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when nothing is wrong enough to refuse: warnings alone do not fail a check."""
        return not self.errors

    def as_issues(self) -> list[Issue]:
        """The findings as errors.Issue, for raising a BriefwrightError (e.g. `render --verify`)."""
        return [Issue(f.message, f.location, f.severity) for f in self.findings]
