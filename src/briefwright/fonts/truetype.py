"""A TrueType file's character maps measured before a font reader expands them.

A character map (cmap) lists ranges of characters; a reader builds one dictionary entry per
character of every range. Ranges are 32-bit numbers, so a damaged or hostile file of a few
kilobytes can ask for billions of entries. `check_character_maps` adds the ranges up, reading
only the range headers, and refuses a file that maps more characters than Unicode has.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

MAX_MAPPED = 0x110000
"""The most characters a character map may map: every Unicode code point once."""

_U16 = struct.Struct(">H")
_U32 = struct.Struct(">L")


class NotAFont(ValueError):
    """The data is not a TrueType font a reader can use safely; the message says why."""


def check_character_maps(data: bytes) -> None:
    """Raise NotAFont if any character map of the (first) font in `data` maps too much."""
    try:
        for offset in cmap_subtables(data):
            mapped = _mapped(data, offset)
            if mapped > MAX_MAPPED:
                raise NotAFont(
                    f"its character map lists {mapped:,} characters, more than Unicode has"
                )
    except struct.error:
        raise NotAFont("it is cut short or damaged") from None


def _u16(data: bytes, offset: int) -> int:
    return int(_U16.unpack_from(data, offset)[0])


def _u32(data: bytes, offset: int) -> int:
    return int(_U32.unpack_from(data, offset)[0])


def cmap_subtables(data: bytes) -> Iterator[int]:
    """The offset of every character-map subtable of every `cmap` table the directory lists."""
    start = _u32(data, 12) if data[:4] == b"ttcf" else 0  # a collection: its first font
    tables = _u16(data, start + 4)
    for record in range(start + 12, start + 12 + 16 * tables, 16):
        if data[record : record + 4] != b"cmap":
            continue
        cmap = _u32(data, record + 8)
        count = max(_u16(data, cmap), _u16(data, cmap + 2))  # some files swap the two
        for entry in range(cmap + 4, cmap + 4 + 8 * count, 8):
            yield cmap + _u32(data, entry + 4)


def _mapped(data: bytes, offset: int) -> int:
    """How many characters the subtable at `offset` maps, as a reader would count them
    (counting stops once past MAX_MAPPED)."""
    return _bounded_sum(_range_sizes(data, offset))


def _bounded_sum(sizes: Iterator[int]) -> int:
    total = 0
    for size in sizes:
        total += max(size, 0)
        if total > MAX_MAPPED:
            break
    return total


def _range_sizes(data: bytes, offset: int) -> Iterator[int]:
    kind = _u16(data, offset)
    if kind == 4:  # segments of 16-bit ranges
        segments = _u16(data, offset + 6) // 2
        ends = offset + 14
        starts = ends + 2 * segments + 2
        for n in range(segments):
            yield _u16(data, ends + 2 * n) - _u16(data, starts + 2 * n) + 1
    elif kind in (12, 13):  # groups of 32-bit ranges
        first, groups = offset + 16, _u32(data, offset + 12)
        if first + 12 * groups > len(data):
            raise struct.error("more groups than the file holds")
        for n in range(groups):
            yield _u32(data, first + 12 * n + 4) - _u32(data, first + 12 * n) + 1
    elif kind == 2:  # high bytes, each pointing at a sub-header with its own count
        headers = offset + 6 + 512
        for key in (_u16(data, offset + 6 + 2 * n) for n in range(256)):
            if key:
                yield _u16(data, headers + 8 * key + 2)
    # formats 0, 6, 8 and 10 read one entry from the file per character: bounded by its size
