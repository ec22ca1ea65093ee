"""Field types of handling markings and document control: marking, status, version, reference.

A marking is kept as written; markings.py says what it means. Only what can be wrong in the
field alone is refused here (a TLP label TLP 2.0 does not have, a marking too long for a
banner); how portions compare with the summary's marking is summary/validate.py's job.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, WithJsonSchema

from briefwright.markings import MAX_MARKING_CHARS, TLP_LEVELS, check_marking
from briefwright.summary.fields import Text
from briefwright.summary.raw import quoted

STATUSES = ("draft", "final")
MAX_CONTROL_CHARS = 100
"""The longest version or reference: each is printed on one line of the footer."""


def _to_status(value: str) -> str:
    status = value.lower()
    if status in STATUSES:
        return status
    raise ValueError(f"unknown status {quoted(value)}; use one of: {', '.join(STATUSES)}")


def _one_line(value: str) -> str:
    if len(value) > MAX_CONTROL_CHARS:
        raise ValueError(f"is {len(value)} characters long; the limit is {MAX_CONTROL_CHARS}")
    return " ".join(value.split())


MarkingText = Annotated[
    Text,
    AfterValidator(check_marking),
    WithJsonSchema(
        {
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_MARKING_CHARS,
            "examples": [*TLP_LEVELS, "OFFICIAL-SENSITIVE"],
        }
    ),
]
PortionMarking = Annotated[
    MarkingText | None,
    Field(
        default=None,
        description=(
            "This portion's handling marking, e.g. 'TLP:CLEAR'; no higher than the summary's "
            "`marking`. Leave it out and the portion has the summary's marking."
        ),
    ),
]
Status = Annotated[
    Text,
    AfterValidator(_to_status),
    WithJsonSchema({"type": "string", "enum": [*STATUSES, *(s.title() for s in STATUSES)]}),
]
ControlText = Annotated[
    Text,
    AfterValidator(_one_line),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_CONTROL_CHARS}),
]
