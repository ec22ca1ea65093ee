"""Who said a quotation, as far as the surrounding words tell.

The rules are those of news prose: a name right before a speech verb ("Lavrov confirmed that",
"Mirzoyan, responding to"), a pronoun resolved to the last person named ("He added,"), a
participle after a comma ("..., calling the move"), or a verb after the quote ("..., said X").
Names inside quotations never count. People are recognised by a title before their name
("Foreign Minister Sergei Lavrov", "parliamentarian Azer Badamov").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefwright.fidelity import names
from briefwright.fidelity.scan import Paragraphs, sentences

SPEECH_VERBS = names.word_set(
    """said says say stated states stating told tells confirmed confirms confirming added adds
    adding noted notes noting emphasized emphasised emphasizing emphasising stressed stressing
    declared declaring insisted insisting warned warning argued arguing replied replying
    responded responding answered answering acknowledged acknowledging explained explaining
    claimed claiming asserted asserting remarked calling called describing described wrote
    writes announced announcing tweeted posted urged urging"""
)
PRONOUNS = frozenset({"he", "she", "they"})
# Words that may sit between a speaker and the verb: "Mirzoyan, responding", "X has said".
_GLUE = frozenset({"has", "had", "was", "also", "then", "later", "again", "to", "is"})
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
# "He added" refers to someone named in this paragraph or the few before it.
LOOKBACK = 8
# ", a researcher in Yerevan," between a name and its verb.
_APPOSITIVE = re.compile(r",\s+(?:a|an|the|who|whose|which)\b[^,]{0,80},\s*$")
_OPENERS = " \t\n\"'“‘„«»‹›「『"
# Words after a quotation read for "said X" ("..., Foreign Minister Ann Lee said").
_AFTER_WORDS = 6


@dataclass(frozen=True)
class Attribution:
    """The speaker a quotation is attributed to (None if the text does not say), with the
    role given beside the name, and every name near the quotation for a human to choose from."""

    speaker: str | None
    role: str | None
    nearby: tuple[str, ...]


def attribute(
    text: str,
    start: int,
    end: int,
    people: names.People | names.PeopleIndex | None = None,
    paras: Paragraphs | None = None,
) -> Attribution:
    """Attribute the quotation whose inside spans text[start:end].

    `people` and `paras` may be passed in when attributing many quotations of one text.
    """
    people = people if people is not None else names.PeopleIndex(text)
    paras = paras if paras is not None else Paragraphs(text)
    index = paras.index_of(start)
    para = paras[index]
    lo, hi = start - para.start, end - para.start
    sent_start, sent_end = next(
        ((a, b) for a, b in sentences(para.masked) if a <= lo < b), (0, len(para.masked))
    )
    before = para.masked[sent_start:lo]
    after = para.masked[hi:sent_end]
    nearby = tuple(dict.fromkeys(e.text for e in reversed(names.entities(before + " " + after))))
    speaker = _before(before)
    if speaker is None:
        speaker = _after(after)
    if speaker == "":
        speaker = _last_person(paras, index, para.start + sent_start, people)
    if not speaker:
        return Attribution(None, None, nearby)
    person = people.get(speaker)
    if person:
        return Attribution(person.name, person.role, nearby)
    return Attribution(speaker, None, nearby)


def _before(before: str) -> str | None:
    """The subject of the speech verb nearest the quote; "" for a pronoun, None if none."""
    words = [(m.group(), m.start()) for m in _WORD.finditer(before)]
    cues = [i for i, (w, _) in enumerate(words) if w.lower() in SPEECH_VERBS]
    for cue in reversed(cues):
        head = _APPOSITIVE.sub("", before[: words[cue][1]])  # "Ann Lee, a researcher, said"
        subject = _subject(head, [(m.group(), m.start()) for m in _WORD.finditer(head)], None)
        if subject is not None:
            return subject
    if cues:  # "..., calling the move": the nearest name before the participle
        found = names.entities(before[: words[cues[-1]][1]])
        if found:
            return found[-1].text
    # "Merz was more careful: “...”": the sentence's subject, if a person.
    if before.rstrip(_OPENERS).endswith(":"):
        found = names.entities(before)
        if found and found[0].role:
            return found[0].text
    return None


def _subject(before: str, words: list[tuple[str, int]], cue: int | None) -> str | None:
    """The name or pronoun right before words[cue] (or at the end), skipping glue words and
    commas; a name's affiliation ("Laurence Broers of Chatham House") is left out."""
    position = (len(words) if cue is None else cue) - 1
    while position >= 0 and words[position][0].lower() in _GLUE:
        position -= 1
    if position < 0:
        return None
    if words[position][0].lower() in PRONOUNS:
        return ""
    found = names.entities(before[: words[position][1] + len(words[position][0])])
    if found and found[-1].end == words[position][1] + len(words[position][0]):
        return _without_affiliation(found[-1].text)
    return None


def _without_affiliation(name: str) -> str:
    """ "Laurence Broers of Chatham House" -> "Laurence Broers"; offices keep their "of"."""
    person, of, _ = name.partition(" of ")
    if of and len(person.split()) >= 2 and not set(person.lower().split()) & names.GENERIC:
        return person
    return name


def _after(after: str) -> str | None:
    """'“...,” said Lavrov.', '“...,” Lavrov said.' or '“...,” Foreign Minister Ann Lee
    said' right after the quotation."""
    head = after[:80]
    words = [m.group() for m in _WORD.finditer(head)][:_AFTER_WORDS]
    if not any(w.lower() in SPEECH_VERBS for w in words):
        return None
    if words and words[0].lower() in PRONOUNS:
        return ""
    found = names.entities(head)
    return found[0].text if found else None


def _last_person(
    paras: Paragraphs, index: int, before: int, people: names.People | names.PeopleIndex
) -> str | None:
    """The last person named outside quotations before offset `before` (for "He added"):
    someone with a title, or a name followed by a speech verb, at most a few paragraphs back."""
    for number in range(index, max(-1, index - LOOKBACK), -1):
        para = paras[number]
        limit = min(before, para.end) - para.start
        for entity in reversed(names.entities(para.masked[:limit])):
            if entity.text in people or _speaks(para.masked, entity.end):
                return entity.text
    return None


def _speaks(masked: str, after: int) -> bool:
    """True if a speech verb follows a name ("Ann Lee said"): it names a speaker."""
    following = [m.group().lower() for m in _WORD.finditer(masked, after, after + 60)]
    following = [w for w in following if w not in _GLUE][:1]
    return bool(following) and following[0] in SPEECH_VERBS
