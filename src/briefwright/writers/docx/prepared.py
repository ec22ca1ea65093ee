"""The prepared starting document as bytes, and reopened from them for the writes of a process.

The bytes hold the package as a zip in which every part no write changes (styles, settings,
theme, fonts...) is labelled with a content type python-docx does not know, so reopening parses
only the few parts a write changes and keeps the rest as bytes; beside it, those parts' zip
entries, compressed once. The bytes are what the per-user cache stores, so a new process
neither restyles a template nor parses its 350 kB styles part.
"""

from __future__ import annotations

import hashlib
import json
import struct
from copy import deepcopy
from dataclasses import astuple, dataclass
from io import BytesIO

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.packuri import PACKAGE_URI
from docx.opc.part import Part, XmlPart
from docx.package import Package

from briefwright.writers.docx.archive import Entry, deflate, rels_entry, types_entry, zip_bytes
from briefwright.writers.docx.numbering import ListIds

# The parts a write changes: the body, its lists, header and footer, and the properties.
_WRITTEN_PARTS = (
    CT.WML_DOCUMENT_MAIN,
    CT.WML_NUMBERING,
    CT.WML_HEADER,
    CT.WML_FOOTER,
    CT.OPC_CORE_PROPERTIES,
)
_FIXED = "application/vnd.briefwright.fixed"  # python-docx loads it as a plain Part, unparsed
_LENGTH = struct.Struct("<I")
_DIGEST = 20  # sha1 of the rest, so a damaged cache entry is recognised


@dataclass(frozen=True)
class Prepared:
    """A starting document with our styles, to be copied for each write."""

    document: object  # python-docx Document; never written to, only copied
    lists: ListIds
    style_ids: dict[str, str]
    entries: dict[str, tuple[bytes, Entry]]  # partname -> (blob, its zip entry) of fixed parts

    def fresh_document(self):
        """A python-docx Document of its own, copied from the prepared one.

        Fixed parts share their bytes; the parts a write changes get copies of their trees.
        (copy.deepcopy of the whole python-docx object graph does the same at twice the cost.)
        """
        template = self.document.part.package
        package = Package()
        copies = {
            part: type(part)(part.partname, part.content_type, deepcopy(part.element), package)
            if isinstance(part, XmlPart)
            else Part(part.partname, part.content_type, part.blob, package)
            for part in template.parts
        }
        _relate_alike(package.rels, template.rels, copies)
        for old, new in copies.items():
            _relate_alike(new.rels, old.rels, copies)
        return copies[self.document.part].document

    def entry(self, part) -> Entry:
        """The zip entry of `part`, compressed again only if it is not a fixed part."""
        blob = part.blob
        fixed = self.entries.get(part.partname)
        if fixed is not None and fixed[0] is blob:
            return fixed[1]
        return deflate(part.partname.membername, blob)


def pack(document, lists: ListIds, style_ids: dict[str, str]) -> bytes:
    """The bytes of a prepared python-docx document, for `load`."""
    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    entries = {part.partname: deflate(part.partname.membername, part.blob) for part in parts}
    fixed = [part for part in parts if part.content_type not in _WRITTEN_PARTS]
    members = [
        types_entry(tuple((p.partname, _FIXED if p in fixed else p.content_type) for p in parts)),
        rels_entry(PACKAGE_URI.rels_uri.membername, PACKAGE_URI.baseURI, package.rels),
    ]
    for part in parts:
        members.append(entries[part.partname])
        if len(part.rels):
            name = part.partname.rels_uri.membername
            members.append(rels_entry(name, part.partname.baseURI, part.rels))
    slim = zip_bytes(members, (1980, 1, 1, 0, 0, 0))
    described = [(p.partname, p.content_type, entries[p.partname]) for p in fixed]
    header = {
        "lists": astuple(lists),
        "style_ids": style_ids,
        "package": len(slim),
        "fixed": [(name, kind, e.crc, e.size, len(e.data)) for name, kind, e in described],
    }
    head = json.dumps(header).encode()
    payload = b"".join([_LENGTH.pack(len(head)), head, slim, *(e.data for *_, e in described)])
    return hashlib.sha1(payload).digest() + payload


def is_intact(data: bytes) -> bool:
    """Whether `data` is whole as `pack` made it (a cache entry may be cut short or damaged)."""
    return hashlib.sha1(data[_DIGEST:]).digest() == data[:_DIGEST]


def load(data: bytes) -> Prepared:
    """The Prepared that `pack` turned into `data`."""
    (length,) = _LENGTH.unpack_from(data, _DIGEST)
    offset = _DIGEST + _LENGTH.size
    header = json.loads(data[offset : offset + length])
    offset += length
    document = docx.Document(BytesIO(data[offset : offset + header["package"]]))
    offset += header["package"]
    package = document.part.package
    kinds = {name: kind for name, kind, *_ in header["fixed"]}
    labelled = {part: kinds[part.partname] for part in package.parts if part.content_type == _FIXED}
    if len(labelled) != len(kinds):
        raise ValueError("the fixed parts listed and the package disagree")
    thawed = {old: Part(old.partname, kind, old.blob, package) for old, kind in labelled.items()}
    _retarget(package, thawed)
    blobs = {part.partname: part.blob for part in thawed.values()}
    entries = {}
    for name, _, crc, size, length in header["fixed"]:
        membername = name.lstrip("/")
        entries[name] = (blobs[name], Entry(membername, crc, size, data[offset : offset + length]))
        offset += length
    lists = ListIds(*header["lists"])
    return Prepared(document, lists, header["style_ids"], entries)


def _retarget(package, replacements: dict) -> None:
    """Put each replacement part in the place of the part it replaces, under the same ids."""
    for old, new in replacements.items():
        _relate_alike(new.rels, old.rels, replacements)
    for rels in (package.rels, *(part.rels for part in package.parts)):
        if any(rel.target_part in replacements for rel in rels.values() if not rel.is_external):
            _relate_alike(rels, rels, replacements)


def _relate_alike(rels, source, replacements: dict) -> None:
    """Give `rels` the relationships of `source`, under the same ids, to replaced parts."""
    for rel in list(source.values()):
        target = rel.target_ref if rel.is_external else rel.target_part
        rels.add_relationship(
            rel.reltype, replacements.get(target, target), rel.rId, rel.is_external
        )
