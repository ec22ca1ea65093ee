"""Names in prose: runs of capitalised words, the people among them, and matching a name.

A person is a name with a title in front of it ("Russian Foreign Minister Sergei Lavrov",
"parliamentarian Azer Badamov"); later bare mentions ("Lavrov") resolve to the first full form.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`, for long word lists kept readable."""
    return frozenset(text.split())


TITLES = word_set(
    """minister president patriarch premier secretary spokesman spokeswoman spokesperson
    ambassador chancellor king queen pope general chairman chairwoman senator parliamentarian
    mp deputy envoy commander governor mayor prince emir sheikh ayatollah lawmaker director
    colonel admiral marshal lieutenant captain"""
)
ORGANISATIONS = word_set(
    """ministry parliament government commission office council court agency service
    committee assembly administration presidency embassy"""
)
# Capitalised only because they start a sentence, or never a name on their own.
_NOT_NAMES = word_set(
    """the a an in on at during however although despite additionally this these that those his
    her their its our my your while unless by for as with some it he she they we i but and or if
    when after before since following regarding what whether there here such many most both all
    no not yet so then also even set january february march april may june july august september
    october november december monday tuesday wednesday thursday friday saturday sunday"""
)
_CONNECTORS = frozenset({"of", "on", "for", "de", "van", "von", "al", "bin", "da", "del", "du"})
# Words a speaker field often holds that say what, not who: ignored when matching names.
GENERIC = TITLES | ORGANISATIONS | {"foreign", "prime", "former", "the", "of", "affairs", "s"}
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_POSSESSIVE = re.compile(r"['’]s$|['’]$")


@dataclass(frozen=True)
class Entity:
    """A name as written (title and possessive removed), its span, and the title, if any."""

    text: str
    start: int
    end: int
    role: str | None = None


@dataclass(frozen=True)
class Person:
    """A person named in the article: full name and the title given with it."""

    name: str
    role: str | None


People = dict[str, Person]


def entities(text: str) -> list[Entity]:
    """Every name in `text`, in order."""
    found: list[Entity] = []
    for run in _runs(text):
        found.append(_entity(text, run))
    return _merge_organisations(text, found)


def people(text: str) -> People:
    """Everyone named with a title, keyed by full name and by surname (first mention wins)."""
    known: People = {}
    for entity in entities(text):
        if entity.role:
            person = Person(entity.text, entity.role)
            known.setdefault(entity.text, person)
            known.setdefault(entity.text.split()[-1], person)
    return known


def key_words(name: str) -> list[str]:
    """The words of a name that identify it, lower-cased, without titles or possessives.

    "Mirzoyan, Ararat" is read as "Ararat Mirzoyan", so the surname comes last.
    """
    if name.count(",") == 1:
        surname, given = name.split(",")
        name = f"{given} {surname}"
    words = [_POSSESSIVE.sub("", w).lower() for w in _WORD.findall(name)]
    return [w for w in words if w and w not in GENERIC] or [w for w in words if w]


def same_word(a: str, b: str) -> bool:
    """Equal, or the same stem: "Azerbaijan"/"Azerbaijani", "Russia"/"Russian"."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 5 and long_.startswith(short) and len(long_) - len(short) <= 3


def mentions(name: str, text_words: list[str]) -> bool:
    """True if the identifying last word of `name` is among `text_words` (lower-cased)."""
    words = key_words(name)
    return bool(words) and any(same_word(words[-1], w) for w in text_words)


def word_list(text: str) -> list[str]:
    """The words of `text`, lower-cased and without possessives, for `mentions`."""
    return [_POSSESSIVE.sub("", w).lower() for w in _WORD.findall(text)]


def _runs(text: str) -> list[list[re.Match[str]]]:
    """Runs of adjacent capitalised words (connectors allowed inside), split at possessives."""
    runs: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    matches = list(_WORD.finditer(text))
    for index, match in enumerate(matches):
        word = match.group()
        following = matches[index + 1] if index + 1 < len(matches) else None
        joined = bool(current) and text[current[-1].end() : match.start()].isspace()
        if _capitalised(word) and word.lower() not in _NOT_NAMES:
            if not joined or _POSSESSIVE.search(current[-1].group()):
                current = _flush(runs, current)
            current.append(match)
        elif joined and word in _CONNECTORS and following and _capitalised(following.group()):
            current.append(match)
        else:
            current = _flush(runs, current)
    _flush(runs, current)
    return runs


def _flush(runs: list[list[re.Match[str]]], current: list[re.Match[str]]) -> list:
    while current and current[-1].group() in _CONNECTORS:
        current.pop()
    if current:
        runs.append(current)
    return []


def _capitalised(word: str) -> bool:
    return all(part[:1].isupper() for part in word.split("-") if part)


def _entity(text: str, run: list[re.Match[str]]) -> Entity:
    """An Entity from a run; a title inside it (or a lower-case one just before) makes a person."""
    words = [_POSSESSIVE.sub("", m.group()) for m in run]
    title_at = max((i for i, w in enumerate(words[:-1]) if w.lower() in TITLES), default=None)
    start, end = run[0].start(), run[-1].start() + len(words[-1])
    if title_at is not None:
        role = " ".join(words[: title_at + 1])
        return Entity(" ".join(words[title_at + 1 :]), run[title_at + 1].start(), end, role)
    before = text[max(0, start - 40) : start].split()
    if before and before[-1].lower() in TITLES and before[-1].islower():
        return Entity(" ".join(words), start, end, before[-1])
    return Entity(" ".join(words), start, end)


def _merge_organisations(text: str, found: list[Entity]) -> list[Entity]:
    """Join "Azerbaijan’s" and "Foreign Ministry" into one name when an office follows."""
    merged: list[Entity] = []
    for entity in found:
        last = merged[-1] if merged else None
        tail = entity.text.split()[-1].lower()
        if last and tail in ORGANISATIONS and not last.role:
            between = text[last.end : entity.start]
            if re.fullmatch(r"['’]s?\s+", between):
                joined = " ".join(text[last.start : entity.end].split())  # one line
                merged[-1] = Entity(joined, last.start, entity.end)
                continue
        merged.append(entity)
    return merged


class PeopleIndex:
    """`people(text)` answered one name at a time, for long texts: a name is looked up where
    its last word occurs, in order, until a mention with a title is found (first one wins)."""

    def __init__(self, text: str):
        self._text = text
        self._known: dict[str, Person | None] = {}

    def get(self, name: str, default: Person | None = None) -> Person | None:
        """The person known by `name` (full name or surname), or `default`."""
        if name not in self._known:
            self._known[name] = self._find(name)
        found = self._known[name]
        return found if found is not None else default

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    @functools.cached_property
    def _titles(self) -> list[int]:
        """Where each title word of the text starts."""
        return [match.start() for match in _TITLE_WORD.finditer(self._text)]

    def _find(self, name: str) -> Person | None:
        last = name.split()[-1] if name.split() else ""
        if not last:
            return None
        titles, looks = self._titles, 0
        for match in re.finditer(rf"(?<![\w’'-]){re.escape(last)}(?![\w-])", self._text):
            nearest = bisect.bisect_left(titles, match.start()) - 1
            if nearest < 0 or titles[nearest] < match.start() - _BEFORE:
                continue  # no title near enough to make this mention a person's
            looks += 1
            if looks > _MAX_LOOKS:
                return None
            entity = _entity_at(self._text, match.start())
            if entity and entity.role and name in (entity.text, entity.text.split()[-1]):
                return Person(entity.text, entity.role)
        return None


# Room around a mention for the title and the rest of the name.
_BEFORE, _AFTER = 200, 120
# The lookahead on first letters lets the regex engine skip most positions of a long text.
_TITLE_WORD = re.compile(
    r"\b(?=["
    + "".join(sorted({t[0] for t in TITLES}))
    + r"])(?:"
    + "|".join(sorted(TITLES))
    + r")\b",
    re.IGNORECASE,
)
# Mentions of one name looked at (each with a title nearby) before deciding it is no person's.
_MAX_LOOKS = 100


def _entity_at(text: str, offset: int) -> Entity | None:
    """The name covering `offset`, read from a window around it that starts at a space."""
    start = max(0, offset - _BEFORE)
    if start:
        space = re.search(r"\s", text[start:offset])
        start = start + space.end() if space else offset
    window = text[start : offset + _AFTER]
    for entity in entities(window):
        if entity.start <= offset - start < entity.end:
            return Entity(entity.text, entity.start + start, entity.end + start, entity.role)
    return None


def mentioned(name: str, text: str) -> bool:
    """`mentions(name, word_list(text))` without listing the words of a long text: a regex for
    the identifying last word of `name`, and the forms `same_word` accepts, as whole words."""
    words = key_words(name)
    if not words:
        return False
    key = words[-1]
    forms = [re.escape(key)]
    if len(key) >= 5:
        forms[0] += r"[\w’'-]{0,3}"
    forms += [re.escape(key[:-cut]) for cut in (1, 2, 3) if len(key) - cut >= 5]
    pattern = rf"(?<![\w’'-])(?:{'|'.join(forms)})(?:['’]s?)?(?![\w’'-])"
    return re.search(pattern, text, re.IGNORECASE) is not None
