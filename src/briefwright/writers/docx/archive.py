"""The zip container of a DOCX, written in one pass with every entry dated alike.

Entries are deflated once each; parts that are the same in every write (the styles part is
most of the file) are deflated once per process and their compressed bytes reused.
"""

from __future__ import annotations

import struct
import time
import zlib
from dataclasses import dataclass
from functools import lru_cache

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.oxml import CT_Relationships
from docx.opc.packuri import PackURI
from docx.opc.spec import default_content_types
from lxml import etree

_LOCAL = struct.Struct("<4s2B4HL2L2H")  # the layouts of Python's zipfile, so its readers agree
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_VERSION = 20  # "2.0", deflate: what zipfile writes for a deflated entry
_UNIX = 3
_DEFLATED = 8
_UTF8_NAME = 0x800
_PERMISSIONS = 0o644 << 16
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
# The range of an MS-DOS date: seven bits of years from 1980, two-second steps.
_ZIP_FIRST = 315532800  # 1980-01-01 00:00:00 UTC
_ZIP_LAST = 4354819198  # 2107-12-31 23:59:58 UTC


@dataclass(frozen=True)
class Entry:
    """One deflated zip member."""

    name: str
    crc: int
    size: int
    data: bytes


def deflate(name: str, blob: bytes) -> Entry:
    """The member `name` holding `blob`, compressed as zipfile's default level does."""
    return Entry(name, zlib.crc32(blob), len(blob), zlib.compress(blob, wbits=-15))


@lru_cache(maxsize=16)
def deflate_once(name: str, blob: bytes) -> Entry:
    """`deflate`, remembered: for the same large parts in write after write (embedded fonts)."""
    return deflate(name, blob)


def zip_date_time(timestamp: int) -> tuple[int, ...]:
    """(year, month, day, hour, minute, second) of `timestamp`, moved into 1980-2107.

    A zip entry cannot be dated outside those years: a briefing dated 2108 or 1970 gets the
    nearest date a zip can hold rather than a broken archive.
    """
    return tuple(time.gmtime(min(max(timestamp, _ZIP_FIRST), _ZIP_LAST))[:6])


def zip_bytes(entries: list[Entry], date_time: tuple[int, ...]) -> bytes:
    """The archive of `entries` in order, each dated `date_time` (year..second, 1980-2107)."""
    year, month, day, hour, minute, second = date_time[:6]
    if not 1980 <= year <= 2107:
        raise ValueError(f"a zip entry cannot be dated {year}; see zip_date_time")
    dos_date = (year - 1980) << 9 | month << 5 | day
    dos_time = hour << 11 | minute << 5 | second // 2
    chunks, directory, offset = [], [], 0
    for entry in entries:
        name, flags = _encode(entry.name)
        fields = (flags, _DEFLATED, dos_time, dos_date, entry.crc, len(entry.data), entry.size)
        local = _LOCAL.pack(b"PK\x03\x04", _VERSION, 0, *fields, len(name), 0)
        chunks += [local, name, entry.data]
        versions = (_VERSION, _UNIX, _VERSION, 0)  # made by, on, needed to extract, reserved
        tail = (len(name), 0, 0, 0, 0, _PERMISSIONS, offset)  # no extra, comment or disk number
        directory += [_CENTRAL.pack(b"PK\x01\x02", *versions, *fields, *tail), name]
        offset += len(local) + len(name) + len(entry.data)
    size = sum(len(chunk) for chunk in directory)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(entries), len(entries), size, offset, 0)
    return b"".join([*chunks, *directory, end])


def _encode(name: str) -> tuple[bytes, int]:
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), _UTF8_NAME


def types_entry(listing: tuple[tuple[str, str], ...]) -> Entry:
    """The [Content_Types].xml member for these (partname, content type) pairs."""
    return _types_entry(listing)


@lru_cache(maxsize=64)
def _types_entry(listing: tuple[tuple[str, str], ...]) -> Entry:
    # the same dozen parts in nearly every write: made once for each set of parts
    defaults = {"rels": CT.OPC_RELATIONSHIPS, "xml": CT.XML}
    overrides = {}
    for partname, content_type in listing:
        ext = PackURI(partname).ext
        if (ext.lower(), content_type) in default_content_types:
            defaults[ext.lower()] = content_type
        else:
            overrides[partname] = content_type
    root = etree.fromstring(f'<Types xmlns="{_TYPES_NS}"/>')
    for ext in sorted(defaults):
        etree.SubElement(root, f"{{{_TYPES_NS}}}Default", Extension=ext, ContentType=defaults[ext])
    for name in sorted(overrides):
        etree.SubElement(
            root, f"{{{_TYPES_NS}}}Override", PartName=name, ContentType=overrides[name]
        )
    return deflate("[Content_Types].xml", etree.tostring(root, encoding="UTF-8", standalone=True))


@lru_cache(maxsize=256)
def rels_entry(name: str, base_uri: str, listing: tuple[tuple[str, str, str, bool], ...]) -> Entry:
    """The .rels member `name` for relationships (rId, type, target, external) of a part at
    `base_uri`; internal targets are partnames. Made once for each distinct set."""
    # python-docx's own serialisation
    root = CT_Relationships.new()
    for rid, reltype, target, external in listing:
        root.add_rel(
            rid, reltype, target if external else PackURI(target).relative_ref(base_uri), external
        )
    return deflate(name, root.xml)
