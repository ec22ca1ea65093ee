"""Check a loaded summary against its source text: quotes, speakers and timeline dates.

Errors are quotes that are not in the source (after the allowed normalisation and editorial
marks). Warnings are weaker evidence of a problem: a quote the source attributes to someone else,
words the article does not put in quotation marks, a speaker or a timeline date the article
never mentions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefwright.errors import Location
from briefwright.fidelity import names
from briefwright.fidelity.attribution import attribute
from briefwright.fidelity.diff import closest_passage, word_diff
from briefwright.fidelity.findings import CheckReport, Finding
from briefwright.fidelity.match import (
    MAX_PIECES,
    Match,
    Piece,
    QuoteTooComplex,
    find_quote,
    parse_quote,
    prepare_quote,
    quote_words,
)
from briefwright.fidelity.scan import Quotation
from briefwright.fidelity.source import SourceText, read_source

if TYPE_CHECKING:
    from briefwright.summary import LoadedSummary
    from briefwright.summary.model import Quote, TimelineEntry

# Places of one quote looked at for its quotation marks and speaker.
MAX_PLACES = 200
# Findings that say the words were found, but not inside one quotation as written.
_UNQUOTED = frozenset({"not-quoted", "quote-crosses-marks"})


def check_summary(loaded: LoadedSummary, *, allow_outside: bool = False) -> CheckReport:
    """Check every quote, speaker and timeline date of a LoadedSummary against its source's
    text: each item against the source it cites (`source: ID`), by default the first.

    Source paths are relative to the summary file and must stay in its directory tree unless
    `allow_outside`. A source without `text`, or that cannot be read, gets an error finding:
    the items citing it cannot be verified.
    """
    summary = loaded.summary
    if not summary.sources:
        source, problem = read_source(loaded, allow_outside=allow_outside)
        if source is None:
            assert problem is not None
            return CheckReport(_path(loaded), summary.source.text, 0, (problem,))
        return check_against(loaded, source)
    first = summary.sources[0].id
    cited = {q.source or first for q in summary.quotes} | {
        e.source or first for e in summary.timeline
    }
    read: dict[str | None, SourceText] = {}
    problems: list[Finding] = []
    for index, listed in enumerate(summary.sources):
        if listed.id not in cited:
            continue
        source, problem = read_source(
            loaded, listed, ("sources", index), allow_outside=allow_outside
        )
        if source is not None:
            read[listed.id] = source
        elif problem is not None:
            problems.append(problem)
    return _check(loaded, read, problems)


def check_against(loaded: LoadedSummary, source: SourceText) -> CheckReport:
    """Check a LoadedSummary against an already read SourceText (for every source it cites)."""
    return _check(loaded, {s.id: source for s in loaded.summary.source_list()}, [])


def _check(
    loaded: LoadedSummary, sources: dict[str | None, SourceText], found: list[Finding]
) -> CheckReport:
    default = loaded.summary.source_list()[0].id
    checked = 0
    speakers: set[tuple[str, str | None]] = set()
    for index, quote in enumerate(loaded.summary.quotes):
        source = sources.get(quote.source or default)
        if source is not None:
            checked += 1
            found.extend(_check_quote(loaded, source, index, quote))
            if (quote.speaker, quote.source) not in speakers:  # once per speaker and source
                speakers.add((quote.speaker, quote.source))
                found.extend(_check_speaker_named(loaded, source, index, quote))
    for index, entry in enumerate(loaded.summary.timeline):
        source = sources.get(entry.source or default)
        if source is not None:
            found.extend(_check_date(loaded, source, index, entry))
    found.sort(key=lambda f: (f.location.line or 0, f.location.column or 0))
    paths = ", ".join(dict.fromkeys(s.path for s in sources.values() if s.path)) or None
    return CheckReport(_path(loaded), paths, checked, tuple(found), len(set(sources.values())))


def _path(loaded: LoadedSummary) -> str | None:
    return str(loaded.path) if loaded.path else None


def _check_quote(
    loaded: LoadedSummary, source: SourceText, index: int, quote: Quote
) -> list[Finding]:
    where = loaded.locate(("quotes", index, "text"))
    prepared = prepare_quote(quote.text)
    pieces = parse_quote(prepared)
    if not pieces:
        return [Finding("error", "empty-quote", "quote has no words to check", where, quote.text)]
    if len(pieces) > MAX_PIECES:
        message = f"quote has more than {MAX_PIECES} omissions or insertions: too cut up to check"
        return [Finding("error", "quote-too-cut", message, where, quote.text)]
    try:
        matches = find_quote(pieces, source.tokens)
        placed = _check_placement(loaded, source, index, quote, matches) if matches else []
        if matches and not any(f.code in _UNQUOTED for f in placed):
            return placed
        # Not inside one quotation as written: perhaps inside one given in parts.
        # There an ellipsis may stand for the attribution alone: it left out no spoken word.
        loose = [Piece(p.tokens, (0, p.gap[1])) for p in pieces]
        joined = find_quote(loose, source.joined.tokens) if source.joined else []
    except QuoteTooComplex as error:
        return [Finding("error", "quote-too-cut", str(error), where, quote.text)]
    if joined:
        quotations = [source.joined.quotation_of(m) for m in joined[:MAX_PLACES]]
        return _check_speaker(loaded, source, index, quote, quotations)
    return placed if matches else [_mismatch(source, where, quote.text, prepared)]


def _mismatch(source: SourceText, where: Location, text: str, prepared: str) -> Finding:
    tokens = quote_words(prepared)
    passage = closest_passage(tokens, source.tokens)
    message = "quote is not in the source"
    if passage is None:
        return Finding(
            "error", "quote-mismatch", message + "; no passage shares its words", where, text
        )
    span = source.tokens[passage.first : passage.last + 1]
    ops = word_diff(tokens, prepared, span, source.text)
    end = span[-1].end
    while end < len(source.text) and source.text[end] in ".,;:!?":  # "...dissolved it."
        end += 1
    excerpt = source.text[span[0].start : end]
    return Finding(
        "error",
        "quote-mismatch",
        message,
        where,
        text,
        excerpt,
        source.location(span[0].start),
        tuple(ops),
    )


def _check_placement(
    loaded: LoadedSummary, source: SourceText, index: int, quote: Quote, matches: list[Match]
) -> list[Finding]:
    """The words must sit inside one quotation of the source, said by the quote's speaker.

    Crossing the article's quotation marks is an error (quoted words joined to narration);
    words the article never puts in quotation marks, or gives to someone else, are warnings.
    Only the first MAX_PLACES places a quote is found at are looked at: a quote found a
    thousand times over is settled by the first of them.
    """
    others: list[str] = []
    crossing: Match | None = None
    for match in matches[:MAX_PLACES]:
        quotation = _quotation_of(source, match)
        if quotation is None:
            if crossing is None and _crosses(source, match):
                crossing = match
            continue
        other = _other_speaker(source, quote, quotation)
        if other is None:
            return []
        others.append(other)
    if others:
        return [_attributed_elsewhere(loaded, index, quote, others[0])]
    if crossing is not None:
        return [_crossing(loaded, source, index, quote, crossing)]
    message = "these words are in the source but not in quotation marks: the article's own?"
    return [Finding("warning", "not-quoted", message, loaded.locate(("quotes", index, "text")))]


def _check_speaker(
    loaded: LoadedSummary, source: SourceText, index: int, quote: Quote, inside: list[Quotation]
) -> list[Finding]:
    """No finding if one of the quotations is said by the quote's speaker (or by nobody the
    article names), else a warning naming who the article gives it to."""
    others = []
    for quotation in inside:
        other = _other_speaker(source, quote, quotation)
        if other is None:
            return []
        others.append(other)
    return [_attributed_elsewhere(loaded, index, quote, others[0])]


def _other_speaker(source: SourceText, quote: Quote, quotation: Quotation) -> str | None:
    """Who else the article gives a quotation to; None if the quote's speaker (or nobody)."""
    said = attribute(source.text, quotation.start, quotation.end, source.people, source.paragraphs)
    if said.speaker is None or names.mentions(quote.speaker, names.word_list(said.speaker)):
        return None
    return said.speaker


def _attributed_elsewhere(loaded: LoadedSummary, index: int, quote: Quote, other: str) -> Finding:
    message = f"the source attributes this quote to {other}, not {quote.speaker}"
    return Finding(
        "warning", "speaker-attribution", message, loaded.locate(("quotes", index, "speaker"))
    )


def _quotation_of(source: SourceText, match: Match) -> Quotation | None:
    """The source quotation holding the whole match, or None."""
    start, end = source.tokens[match.first].start, source.tokens[match.last].end
    return source.quotation_holding(start, end)


def _crosses(source: SourceText, match: Match) -> bool:
    """True if a quotation mark of the source falls inside the matched words."""
    start, end = source.tokens[match.first].start, source.tokens[match.last].end
    return source.marks_inside(start, end)


def _crossing(
    loaded: LoadedSummary, source: SourceText, index: int, quote: Quote, match: Match
) -> Finding:
    first, last = source.tokens[match.first], source.tokens[match.last]
    message = "quote runs across the article's quotation marks, joining quoted and unquoted words"
    where = loaded.locate(("quotes", index, "text"))
    excerpt = source.text[first.start : last.end]
    return Finding(
        "error",
        "quote-crosses-marks",
        message,
        where,
        quote.text,
        excerpt,
        source.location(first.start),
    )


def _check_speaker_named(
    loaded: LoadedSummary, source: SourceText, index: int, quote: Quote
) -> list[Finding]:
    """A warning for a TODO speaker or one the source never names."""
    where = loaded.locate(("quotes", index, "speaker"))
    if "TODO" in quote.speaker:
        message = "speaker is still a TODO: the draft could not tell who said this"
        return [Finding("warning", "speaker-todo", message, where)]
    if not source.mentions(quote.speaker):
        message = f"speaker {quote.speaker!r} is not named anywhere in the source"
        return [Finding("warning", "speaker-not-in-source", message, where)]
    return []


def _check_date(
    loaded: LoadedSummary, source: SourceText, index: int, entry: TimelineEntry
) -> list[Finding]:
    points = [p.strip() for p in entry.date.iso.split("/")]
    if all(source.dates.mentions(p) for p in points):
        return []
    where = loaded.locate(("timeline", index, "date"))
    message = f"date {entry.date.iso} is not mentioned in the source"
    return [Finding("warning", "date-not-in-source", message, where)]
