"""The summary format as typed, immutable pydantic models; the field names are a contract.

Every model is frozen and refuses unknown keys. Key points, implications and recommendations
may be written as bare strings. `audiences` restricts an item to the templates whose audience is
listed; `priority` orders key points (1 is the most important) when a template shows the top few.
A summary cites one article (`source`) or several (`sources`, each with an `id`); key points,
quotes, timeline events and implications may say which with `source: ID`. Every item, and each
version of the bottom line, may carry its own handling `marking` (portion marking).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
    model_validator,
)

from briefwright.i18n.tags import HOUSE_LANGUAGE
from briefwright.summary.control import ControlText, MarkingText, PortionMarking, Status
from briefwright.summary.dates import DateSpec
from briefwright.summary.fields import (
    Confidence,
    Date,
    LanguageTag,
    Likelihood,
    SchemaVersion,
    Text,
    Url,
    WholeNumber,
)

Audiences = Annotated[
    list[Text] | None,
    Field(
        default=None,
        min_length=1,
        description=(
            "Show this item only in templates whose audience is listed (e.g. [analyst, "
            "executive]). Leave it out to show the item to every audience."
        ),
    ),
]


_SOURCE_ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,39}"


def _to_source_id(value: str) -> str:
    if not re.fullmatch(_SOURCE_ID, value):
        raise ValueError(
            "a source id is up to 40 letters, digits, '.', '_' or '-', starting with a letter "
            "or a digit, e.g. 'tass' or 'reuters-2'"
        )
    return value


SourceId = Annotated[
    Text,
    AfterValidator(_to_source_id),
    WithJsonSchema({"type": "string", "pattern": f"^{_SOURCE_ID}$"}),
]
SourceRef = Annotated[
    SourceId | None,
    Field(
        default=None,
        description="The id of the source (in `sources`) this comes from; shown as its number.",
    ),
]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _TextItem(_Model):
    """An item that may also be written as a bare string, meaning {text: ...}."""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        return {"text": data} if isinstance(data, str) else data


class Source(_Model):
    """An article the briefing summarises."""

    id: SourceId | None = Field(
        None,
        description="Short name that items cite with `source: ID`; needed in `sources`.",
    )
    title: Text = Field(description="Title of the article.")
    publisher: Text | None = Field(None, description="Who published it.")
    author: Text | None = Field(None, description="Who wrote it.")
    published: Date | None = Field(None, description="Publication date, YYYY-MM-DD.")
    url: Url | None = Field(None, description="Web address (http or https only); never fetched.")
    text: Text | None = Field(
        None, description="Local copy of the article, as a path relative to the summary file."
    )


class KeyPoint(_TextItem):
    """One key judgement or finding; may be written as a bare string."""

    text: Text = Field(description="The key point itself.")
    detail: Text | None = Field(None, description="Supporting detail or evidence.")
    priority: WholeNumber | None = Field(
        None,
        ge=1,
        le=1000,
        description=(
            "1 is the most important. Templates that show only the top key points take them "
            "in priority order; points without a priority follow, in the order written."
        ),
    )
    source: SourceRef
    audiences: Audiences
    marking: PortionMarking


class Quote(_Model):
    """A direct quotation, verbatim, with its speaker."""

    text: Text = Field(description="The quotation, verbatim, without quotation marks.")
    speaker: Text = Field(description="Who said it.")
    role: Text | None = Field(None, description="The speaker's role or title.")
    date: Date | None = Field(None, description="When it was said, YYYY-MM-DD.")
    context: Text | None = Field(None, description="Where or in answer to what it was said.")
    source: SourceRef
    audiences: Audiences
    marking: PortionMarking


class TimelineEntry(_Model):
    """A dated event; the timeline is shown in chronological order, stable for ties."""

    date: DateSpec = Field(
        description=(
            "YYYY, YYYY-MM, YYYY-MM-DD, or a range START/END of those, e.g. 2025-05-20/2025-05-21."
        )
    )
    event: Text = Field(description="What happened.")
    significance: Text | None = Field(None, description="Why it matters.")
    label: Text | None = Field(
        None, description="Display text for the date instead of the default, e.g. 'early May 2025'."
    )
    source: SourceRef
    audiences: Audiences
    marking: PortionMarking


class Implication(_TextItem):
    """A judgement about what follows; may be written as a bare string."""

    text: Text = Field(description="The implication.")
    actor: Text | None = Field(None, description="Who it concerns or who would act.")
    likelihood: Likelihood | None = Field(
        None,
        description=(
            "ICD 203 term, any letter case: almost no chance (1-5%), very unlikely (5-20%), "
            "unlikely (20-45%), roughly even chance (45-55%), likely (55-80%), "
            "very likely (80-95%), almost certain (95-99%)."
        ),
    )
    confidence: Confidence | None = Field(
        None, description="Analytic confidence: low, moderate or high."
    )
    source: SourceRef
    audiences: Audiences
    marking: PortionMarking


class Recommendation(_TextItem):
    """A recommended action; may be written as a bare string."""

    text: Text = Field(description="The recommendation.")
    audiences: Audiences
    marking: PortionMarking


class SummaryVersion(_Model):
    """One version of the bottom line, for readers cleared to its marking."""

    text: Text = Field(description="The bottom line, as this version tells it.")
    marking: PortionMarking


def _summary_kind(value: Any) -> str:
    return "versions" if isinstance(value, list) else "text"


BottomLine = Annotated[
    Annotated[Text, Tag("text")]
    | Annotated[list[SummaryVersion], Field(min_length=1), Tag("versions")],
    Discriminator(_summary_kind),
]


class Summary(_Model):
    """A structured summary of one article: the input of every briefing."""

    schema_version: SchemaVersion | None = Field(
        None, description="Version of this format; only 1 exists. Optional."
    )
    title: Text = Field(
        description=(
            "Title of the briefing. No length limit; where a format caps it (DOCX file "
            "properties hold 255 characters) only that copy is shortened."
        )
    )
    subtitle: Text | None = Field(None, description="Subtitle of the briefing.")
    date: Date | None = Field(None, description="Date of the briefing, YYYY-MM-DD.")
    author: Text | None = Field(None, description="Who prepared the briefing.")
    organization: Text | None = Field(None, description="The preparing organisation.")
    marking: MarkingText | None = Field(
        None,
        description=(
            "Handling marking of the summary as a whole, e.g. 'TLP:AMBER' or "
            "'OFFICIAL-SENSITIVE': the highest of its portions, and the marking of every "
            "portion that has none of its own."
        ),
    )
    status: Status | None = Field(
        None, description="draft or final; a draft is watermarked DRAFT on every page."
    )
    version: ControlText | None = Field(
        None, description="Version of the briefing, e.g. '0.3'; printed in the footer."
    )
    reference: ControlText | None = Field(
        None, description="The office's document number; printed in the footer."
    )
    source: Source = Field(
        description=(
            "The article this briefing summarises. With several, give `sources` instead; "
            "`source` is then the first of them."
        )
    )
    sources: list[Source] | None = Field(
        None,
        min_length=1,
        description=(
            "Several articles, each with an `id`, instead of `source`; the first is the main "
            "one. Items cite one with `source: ID`, and briefings list them numbered."
        ),
    )
    summary: BottomLine = Field(
        description=(
            "The bottom line up front: text, or a list of versions {text, marking} for readers "
            "cleared to different markings; a briefing shows the highest version its template "
            "may release."
        )
    )
    key_points: list[KeyPoint] = Field(
        min_length=1, description="At least one key point; each a string or {text, detail?}."
    )
    quotes: list[Quote] = Field([], description="Direct quotations from the article.")
    timeline: list[TimelineEntry] = Field([], description="Dated events, in any order.")
    implications: list[Implication] = Field(
        [], description="Each a string or {text, actor?, likelihood?, confidence?}."
    )
    recommendations: list[Recommendation] = Field(
        [], description="Recommended actions; each a string or {text}."
    )
    tags: list[Text] = Field([], description="Keywords; also written to the file properties.")
    language: LanguageTag = Field(
        HOUSE_LANGUAGE,
        description=(
            "The language of the briefing as a BCP 47 tag, e.g. 'fr' or 'ru': headings, page "
            "furniture and dates follow it. Default 'en'."
        ),
    )

    @model_validator(mode="before")
    @classmethod
    def _first_source(cls, data: Any) -> Any:
        """With `sources` and no `source`, the first source is the main one (`source`)."""
        if isinstance(data, dict) and "source" not in data:
            listed = data.get("sources")
            if isinstance(listed, list) and listed:
                return {**data, "source": listed[0]}
        return data

    def bottom_lines(self) -> list[SummaryVersion]:
        """The versions of the bottom line: `summary` as written, or its one text."""
        if isinstance(self.summary, str):
            return [SummaryVersion(text=self.summary, marking=None)]
        return list(self.summary)

    def source_list(self) -> list[Source]:
        """Every source, the main one first: `sources`, or `source` alone."""
        return list(self.sources) if self.sources else [self.source]

    def source_number(self, source_id: str | None) -> int | None:
        """The 1-based number of the source with this id, or None."""
        ids = [s.id for s in self.source_list()]
        return ids.index(source_id) + 1 if source_id is not None and source_id in ids else None
