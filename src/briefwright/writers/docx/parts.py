"""The package one write builds: its parts, their relationships, and the zip they make.

A write starts from a copy of a Prepared starting document: the parts it changes as copies of
their XML, every other part as its finished zip entry. Relationships get the lowest free rId
and the parts are written depth-first along the relationships, as python-docx numbers and
orders them, so the file is the one python-docx would save.
"""

from __future__ import annotations

import itertools
from dataclasses import astuple, dataclass
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.opc.packuri import PACKAGE_URI, PackURI

from briefwright.writers.docx.archive import (
    Entry,
    deflate,
    deflate_once,
    rels_entry,
    types_entry,
    zip_bytes,
    zip_date_time,
)
from briefwright.writers.docx.prepared import FixedPart, Prepared, Rel, XmlTemplate
from briefwright.writers.docx.xml import clone


class Rels:
    """The relationships of one part, or of the package, in the order they were made."""

    def __init__(self, rels: tuple[Rel, ...] = ()):
        self.items = list(rels)

    def relate_to(self, target: str, reltype: str, is_external: bool = False) -> str:
        """The rId relating to `target` (a partname or URL), added if there is none yet."""
        for rel in self.items:
            if (rel.reltype, rel.target, rel.external) == (reltype, target, is_external):
                return rel.rid
        taken = {rel.rid for rel in self.items}
        rid = next(f"rId{n}" for n in itertools.count(1) if f"rId{n}" not in taken)
        self.items.append(Rel(rid, reltype, target, is_external))
        return rid

    def target(self, rid: str) -> str:
        """The partname or URL that `rid` names."""
        return next(rel.target for rel in self.items if rel.rid == rid)

    def of_type(self, reltype: str) -> str:
        """The target of the one relationship of `reltype`."""
        return next(rel.target for rel in self.items if rel.reltype == reltype)

    def entry(self, partname: str) -> Entry:
        """The .rels zip member of the part named `partname` ("/" for the package)."""
        uri = PackURI(partname)
        listing = tuple(astuple(rel) for rel in self.items)
        return rels_entry(uri.rels_uri.membername, uri.baseURI, listing)


@dataclass
class Story:
    """A part this write builds: its XML and its relationships (hyperlinks are added here)."""

    partname: str
    content_type: str
    element: Any  # a python-docx oxml element: CT_Document, CT_Numbering, CT_Hdr...
    rels: Rels

    def relate_to(self, target: str, reltype: str, is_external: bool = False) -> str:
        """The rId relating this part to `target`, added if new."""
        return self.rels.relate_to(target, reltype, is_external)


class Package:
    """One write's copy of a prepared starting document."""

    def __init__(self, prepared: Prepared):
        self.lists = prepared.lists
        self.style_ids = prepared.style_ids
        self.rels = Rels(prepared.package_rels)
        self._fixed: dict[str, FixedPart] = {}
        self.stories: dict[str, Story] = {}
        for name, part in prepared.parts.items():
            if isinstance(part, XmlTemplate):
                element = clone(part.element)
                self.stories[name] = Story(name, part.content_type, element, Rels(part.rels))
            else:
                self._fixed[name] = part
        self._replaced: dict[str, bytes] = {}
        self._added: dict[str, tuple[str, bytes]] = {}  # binary parts of this write: fonts
        self._fixed_rels: dict[str, Rels] = {}  # relationships this write adds to fixed parts

    @property
    def document(self) -> Story:
        """The main document part."""
        return self.stories[self.rels.of_type(RT.OFFICE_DOCUMENT)]

    @property
    def numbering(self) -> Story:
        """The numbering part of the main document."""
        return self.stories[self.document.rels.of_type(RT.NUMBERING)]

    @property
    def core_properties(self) -> Story:
        """The core properties part (every prepared document has one)."""
        return self.stories[self.rels.of_type(RT.CORE_PROPERTIES)]

    def add_story(self, template: str, content_type: str, element: Any) -> Story:
        """A new part named after `template` ("/word/header%d.xml"), not yet related to."""
        partname = self._free_name(template)
        story = self.stories[partname] = Story(partname, content_type, element, Rels())
        return story

    def add_part(self, template: str, content_type: str, blob: bytes) -> str:
        """A new binary part (a font, an image) named after `template` ("/word/fonts/font%d.odttf"),
        not yet related to; returns its partname."""
        partname = self._free_name(template)
        self._added[partname] = (content_type, blob)
        return partname

    def rels_of(self, partname: str) -> Rels:
        """The relationships of any part, to add to (a fixed part's are copied first)."""
        story = self.stories.get(partname)
        if story is not None:
            return story.rels
        if partname not in self._fixed_rels:
            self._fixed_rels[partname] = Rels(self._fixed[partname].rels)
        return self._fixed_rels[partname]

    def _free_name(self, template: str) -> str:
        taken = set(self.stories) | set(self._fixed) | set(self._added)
        return next(template % n for n in itertools.count(1) if template % n not in taken)

    def replace(self, partname: str, blob: bytes) -> None:
        """Write `blob` as the part `partname`, which the starting document has."""
        if partname not in self._fixed:
            raise KeyError(partname)
        self._replaced[partname] = blob

    def has_part(self, partname: str) -> bool:
        return partname in self._fixed or partname in self.stories or partname in self._added

    def to_bytes(self, timestamp: int) -> bytes:
        """The DOCX file, every zip entry dated `timestamp`."""
        order = self._parts_in_order()
        types = tuple((name, self._content_type(name)) for name in order)
        entries = [types_entry(types), self.rels.entry(PACKAGE_URI)]
        for name in order:
            entries.append(self._entry(name))
            rels = self._rels(name)
            if rels.items:
                entries.append(rels.entry(name))
        return zip_bytes(entries, zip_date_time(timestamp))

    def _parts_in_order(self) -> list[str]:
        """Every part reachable from the package, depth-first along the relationships."""
        order: list[str] = []

        def walk(rels: Rels) -> None:
            for rel in rels.items:
                if not rel.external and rel.target not in order:
                    order.append(rel.target)
                    walk(self._rels(rel.target))

        walk(self.rels)
        return order

    def _rels(self, partname: str) -> Rels:
        story = self.stories.get(partname)
        if story is not None:
            return story.rels
        if partname in self._added:
            return Rels()
        return self._fixed_rels.get(partname) or Rels(self._fixed[partname].rels)

    def _content_type(self, partname: str) -> str:
        story = self.stories.get(partname)
        if story is not None:
            return story.content_type
        if partname in self._added:
            return self._added[partname][0]
        return self._fixed[partname].content_type

    def _entry(self, partname: str) -> Entry:
        member = partname.lstrip("/")
        if partname in self._added:
            return deflate_once(member, self._added[partname][1])
        if partname in self._replaced:
            return deflate(member, self._replaced[partname])
        story = self.stories.get(partname)
        if story is not None:
            return deflate(member, serialize_part_xml(story.element))
        return self._fixed[partname].entry
