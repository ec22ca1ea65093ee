"""Draft a summary from an article: its quotations with speakers, its dated sentences as a
timeline, and commented TODO placeholders for everything a person must write.

The drafter never invents content: quotes are the article's words between quotation marks, and
each timeline event is the sentence the date was found in.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from briefwright.fidelity.attribution import Attribution, attribute
from briefwright.fidelity.datefind import DateMention, find_dates
from briefwright.fidelity.joined import logical, said_text
from briefwright.fidelity.match import QuoteTooComplex, find_quote, parse_quote, prepare_quote
from briefwright.fidelity.normalize import is_control
from briefwright.fidelity.readers.document import Metadata, Places
from briefwright.fidelity.scan import Quotation, sentences
from briefwright.fidelity.source import SourceText

TITLE_LENGTH = 100

_HEADER = """\
# Draft summary of {path}, written by `briefwright draft`.
# The quotes and the timeline are copied from the article; everything else is a TODO.
# Fill in each TODO, cut what you do not need, then run `briefwright check` on this file.
schema_version: 1
title: {title}{title_note}
# subtitle: "TODO"
# date: YYYY-MM-DD  (the date of the briefing)
# author: "TODO"
# organization: "TODO"
# marking: "TLP:AMBER"

source:
  title: {title}
{source_fields}  text: {path_yaml}{outside_note}

summary: "TODO: the bottom line up front, in two or three sentences."

key_points:
  - text: "TODO: the most important point."
    # detail: "TODO"
  # - "TODO: the next point."
"""

_FOOTER = """\
# implications:
#   - text: "TODO: what is likely to follow."
#     actor: "TODO"
#     likelihood: likely  # almost no chance, very unlikely, unlikely, roughly even chance,
#                         # likely, very likely, almost certain (ICD 203)
#     confidence: moderate  # low, moderate or high
# recommendations:
#   - "TODO"
# tags: ["TODO"]
"""


def draft_summary(
    article_text: str,
    article_path: str,
    title: str | None = None,
    *,
    metadata: Metadata | None = None,
    places: Places | None = None,
) -> str:
    """A summary skeleton (YAML text) for an article.

    `article_path` is written as source.text, so it must be relative to where the summary will
    be saved (see `source_text_path`). `title` overrides the document's own title (or its first
    line). `metadata` (what a web page or a PDF says about itself) fills `source`; `places`
    locates the drafted quotes in the original (see fidelity.readers).
    """
    # Control characters cannot go into a summary, and `check` ignores them in the source.
    text = "".join(c for c in article_text.replace("\r\n", "\n") if not is_control(c))
    text = text.lstrip("\ufeff")
    metadata = metadata or Metadata()
    # Offsets of the cleaned text still match the reader's map only if nothing was removed.
    source = SourceText(text, article_path, places if text == article_text else None)
    chosen, note = (title, "") if title else _title(metadata.title or text)
    parts = [
        _HEADER.format(
            path=_comment(article_path),
            title=yaml_str(chosen),
            title_note=note,
            source_fields=_source_fields(metadata),
            path_yaml=yaml_str(article_path),
            outside_note=_outside_note(article_path),
        ),
        _quotes_block(source),
        _timeline_block(source),
        _FOOTER,
    ]
    return "\n".join(p for p in parts if p)


def _comment(text: str) -> str:
    """`text` made safe for a YAML comment: no line break can end the comment early."""
    return json.dumps(text, ensure_ascii=False)[1:-1]


def _source_fields(metadata: Metadata) -> str:
    """publisher, author, published and url: the document's own, or commented TODOs."""
    lines = []
    for name, value, placeholder in (
        ("publisher", metadata.publisher, '"TODO"'),
        ("author", metadata.author, '"TODO"'),
        ("published", _iso_day(metadata.published), "YYYY-MM-DD"),
        ("url", _web_url(metadata.url), '"https://TODO"'),
    ):
        if value:
            lines.append(f"  {name}: {yaml_str(value)}  # from the document: check it\n")
        else:
            lines.append(f"  # {name}: {placeholder}\n")
    return "".join(lines)


def _iso_day(value: str | None) -> str | None:
    match = re.match(r"\d{4}-\d{2}-\d{2}", value or "")
    return match.group() if match else None


def _web_url(value: str | None) -> str | None:
    return value if value and re.match(r"https?://\S+$", value) else None


def _outside_note(article_path: str) -> str:
    if os.path.isabs(article_path) or article_path.split("/")[0] == "..":
        return "  # outside this file's directory: check it with --allow-source-outside"
    return ""


def source_text_path(article: str | os.PathLike[str], summary: str | os.PathLike[str]) -> str:
    """The article's path relative to the summary file's directory, with forward slashes."""
    start = Path(os.path.abspath(summary)).parent
    return Path(os.path.relpath(os.path.abspath(article), start)).as_posix()


def yaml_str(value: str) -> str:
    """A double-quoted YAML scalar that reads back as exactly `value`."""
    encoded = json.dumps(value, ensure_ascii=False)
    # JSON leaves these raw, but YAML treats them as line breaks or refuses them.
    return re.sub(
        "[\u0085\u2028\u2029\u007f-\u009f\ud800-\udfff\ufffe\uffff]",
        lambda m: f"\\u{ord(m.group()):04x}",
        encoded,
    )


def _title(text: str) -> tuple[str, str]:
    """The first line, or its first sentence if that is too long to be a title."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not first:
        return "TODO: title", ""
    if len(first) <= TITLE_LENGTH:
        return first, ""
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    if len(sentence) > TITLE_LENGTH:
        sentence = sentence[:TITLE_LENGTH].rsplit(" ", 1)[0] + "…"
    return sentence, "  # TODO: the article's first line was too long for a title; write one"


def _quotes_block(source: SourceText) -> str:
    lines: list[str] = []
    for parts in logical(source.quotations):
        words = _words(source, parts)
        if _checkable(source, words):
            lines.extend(_quote_lines(source, parts, words))
        else:
            where = source.where(parts[0].start)
            lines.append(f"  # {where}: left out a quotation that `check` could not verify")
    if not any(line.startswith("  - ") for line in lines):
        return "\n".join(["quotes: []  # no quotation found in the article", *lines]) + "\n"
    return "\n".join(["quotes:", *lines]) + "\n"


def _checkable(source: SourceText, words: str) -> bool:
    """True if `check` finds the quotation as drafted: the draft never holds a misquote.

    Quotation marks around no word ("—", "{{"), or around bracketed words only, fail.
    """
    try:
        pieces = parse_quote(prepare_quote(words))
        return bool(find_quote(pieces, source.tokens)) or bool(
            source.joined and find_quote(pieces, source.joined.tokens)
        )
    except QuoteTooComplex:
        return False


def said_by(source: SourceText, parts: list[Quotation]) -> Attribution:
    """Who said a quotation in parts: the first part that tells ("he said" may follow the
    last part of a quotation over paragraphs)."""
    for part in parts:
        said = attribute(source.text, part.start, part.end, source.people, source.paragraphs)
        if said.speaker:
            return said
    return attribute(source.text, parts[0].start, parts[0].end, source.people, source.paragraphs)


def _words(source: SourceText, parts: list[Quotation]) -> str:
    """The quotation as one quote: its parts joined, a comma before "he said" dropped."""
    return said_text(source.text, parts).rstrip(",")


def _quote_lines(source: SourceText, parts: list[Quotation], words: str) -> list[str]:
    said = said_by(source, parts)
    where = source.where(parts[0].start)
    if said.speaker:
        lines = [
            f"  # {where}",
            f"  - text: {yaml_str(words)}",
            f"    speaker: {yaml_str(said.speaker)}",
        ]
        if said.role:
            lines.append(f"    role: {yaml_str(said.role)}")
        return lines
    nearby = ", ".join(said.nearby) or "none"
    return [
        f"  # {where}: the article does not say who said this; names nearby: {nearby}",
        f"  - text: {yaml_str(words)}",
        '    speaker: "TODO"',
    ]


def _timeline_block(source: SourceText) -> str:
    entries = _dated_sentences(source)
    if not entries:
        return "timeline: []  # no dates recognised in the article\n"
    lines = ["timeline:"]
    seen: dict[tuple[str, str | None], str] = {}
    for mention, sentence in entries:
        key = (mention.iso, mention.label)
        line = source.where(mention.start)
        if key in seen:
            lines.append(f"  # {mention.text!r} on {line} again: see the entry from {seen[key]}")
            continue
        seen[key] = line
        lines.extend(_entry_lines(mention, sentence, line))
    return "\n".join(lines) + "\n"


def _entry_lines(mention: DateMention, sentence: str, line: str) -> list[str]:
    note = "" if mention.year_given else f"; the year {mention.year} is inferred: check it"
    lines = [f"  # {line}: {mention.text!r}{note}", f"  - date: {yaml_str(mention.iso)}"]
    if mention.label:
        lines.append(f"    label: {yaml_str(mention.label)}")
    lines.append(f"    event: {yaml_str(sentence)}  # TODO: shorten to the event itself")
    return lines


def _dated_sentences(source: SourceText) -> list[tuple[DateMention, str]]:
    """Each date mention with the sentence it sits in (whitespace collapsed)."""
    text, paras = source.text, source.paragraphs
    found = []
    spans_of: dict[int, list[tuple[int, int]]] = {}
    for mention in find_dates(text):
        number = paras.index_of(mention.start)
        if number not in spans_of:
            para = paras[number]
            spans_of[number] = [(para.start + a, para.start + b) for a, b in sentences(para.masked)]
        spans = spans_of[number]
        start, end = next(((a, b) for a, b in spans if a <= mention.start < b), (0, len(text)))
        found.append((mention, " ".join(text[start:end].split())))
    return found
