"""The prepared starting document as our own data: finished parts as zip entries, the rest as XML.

A starting document (template or reference document, our styles and list definitions, page
set-up) is prepared with python-docx once per theme and reference document. What a write needs
of it is kept here as plain data, in python-docx's order: each part no write changes (styles,
settings, theme, fonts...) as its compressed zip entry, each part a write changes (body,
lists, header and footer, core properties) as XML to copy, and every part's relationships.
`pack` turns it into the bytes the per-user cache stores and `load` reads them back, so a new
process neither restyles a template nor has python-docx load and parse a package.
"""

from __future__ import annotations

import hashlib
import json
import struct
from dataclasses import astuple, dataclass
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.oxml import parse_xml
from lxml import etree

from briefwright.writers.docx.archive import Entry, deflate
from briefwright.writers.docx.numbering import ListIds

# The parts a write changes: the body, its lists, header and footer, and the core properties.
WRITTEN_PARTS = (
    CT.WML_DOCUMENT_MAIN,
    CT.WML_NUMBERING,
    CT.WML_HEADER,
    CT.WML_FOOTER,
    CT.OPC_CORE_PROPERTIES,
)
_LENGTH = struct.Struct("<I")
_DIGEST = 20  # sha1 of the rest, so a damaged cache entry is recognised


@dataclass(frozen=True)
class Rel:
    """One relationship of a part (or of the package)."""

    rid: str
    reltype: str
    target: str  # the partname of an internal target, the URL of an external one
    external: bool = False


@dataclass(frozen=True)
class FixedPart:
    """A part every write copies unchanged: its zip entry, compressed once."""

    partname: str
    content_type: str
    rels: tuple[Rel, ...]
    entry: Entry


@dataclass(frozen=True)
class XmlTemplate:
    """A part each write builds from its own copy of `element` (never changed itself)."""

    partname: str
    content_type: str
    rels: tuple[Rel, ...]
    element: etree._Element


@dataclass(frozen=True)
class Prepared:
    """A starting document with our styles, as the data each write copies."""

    lists: ListIds
    style_ids: dict[str, str]
    package_rels: tuple[Rel, ...]
    parts: dict[str, FixedPart | XmlTemplate]  # by partname


def pack(document: Any, lists: ListIds, style_ids: dict[str, str]) -> bytes:
    """The bytes of a prepared python-docx document, for `load`."""
    package = document.part.package
    described, blobs = [], []
    for part in package.iter_parts():
        blob = part.blob
        if part.content_type in WRITTEN_PARTS:
            form = ["xml", len(blob)]
            blobs.append(blob)
        else:
            entry = deflate(part.partname.membername, blob)
            form = ["fixed", entry.crc, entry.size, len(entry.data)]
            blobs.append(entry.data)
        described.append([str(part.partname), part.content_type, _listing(part.rels), *form])
    header = {
        "lists": astuple(lists),
        "style_ids": style_ids,
        "package_rels": _listing(package.rels),
        "parts": described,
    }
    head = json.dumps(header).encode()
    payload = b"".join([_LENGTH.pack(len(head)), head, *blobs])
    return hashlib.sha1(payload).digest() + payload


def _listing(rels: Any) -> list[list[Any]]:
    """python-docx relationships as [rId, type, target, external], internal targets by partname."""
    return [
        [rel.rId, rel.reltype, rel.target_ref if rel.is_external else str(rel.target_part.partname)]
        + [rel.is_external]
        for rel in rels.values()
    ]


def is_intact(data: bytes) -> bool:
    """Whether `data` is whole as `pack` made it (a cache entry may be cut short or damaged)."""
    return hashlib.sha1(data[_DIGEST:]).digest() == data[:_DIGEST]


def load(data: bytes) -> Prepared:
    """The Prepared that `pack` turned into `data`."""
    (length,) = _LENGTH.unpack_from(data, _DIGEST)
    offset = _DIGEST + _LENGTH.size
    header = json.loads(data[offset : offset + length])
    offset += length
    parts: dict[str, FixedPart | XmlTemplate] = {}
    for partname, content_type, rels, form, *sizes in header["parts"]:
        end = offset + sizes[-1]
        related = tuple(Rel(*rel) for rel in rels)
        if form == "xml":
            element = parse_xml(data[offset:end])
            parts[partname] = XmlTemplate(partname, content_type, related, element)
        else:
            crc, size, _ = sizes
            entry = Entry(partname.lstrip("/"), crc, size, data[offset:end])
            parts[partname] = FixedPart(partname, content_type, related, entry)
        offset = end
    if offset != len(data):
        raise ValueError("the parts listed and the data disagree")
    package_rels = tuple(Rel(*rel) for rel in header["package_rels"])
    return Prepared(ListIds(*header["lists"]), header["style_ids"], package_rels, parts)
