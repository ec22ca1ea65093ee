"""The package around the body: the starting document, settings, properties, reproducible zip.

Preparing a starting document (template or reference document, our styles and list
definitions, page set-up) is the costly part of a write, so it is done once per process for
each theme and reference document. Every write starts from a copy of the prepared package in
which the parts no write changes (styles, settings, theme, fonts...) are kept as finished,
compressed bytes: they are neither parsed, copied as trees, serialised nor deflated again.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import struct
import time
import zipfile
from datetime import UTC, datetime
from functools import lru_cache
from io import BytesIO
from pathlib import Path

import docx
from docx.api import _default_docx_path
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.packuri import PACKAGE_URI, PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart
from lxml import etree

from briefwright import cache
from briefwright.doctree.nodes import DocMeta
from briefwright.errors import Issue, Location, RenderError
from briefwright.theme import Theme
from briefwright.writers.base import WriteOptions
from briefwright.writers.docx.archive import rels_entry, types_entry, zip_bytes
from briefwright.writers.docx.numbering import Numbering
from briefwright.writers.docx.prepared import Prepared, is_intact, load, pack
from briefwright.writers.docx.styles import StyleIndex, set_doc_defaults, set_page
from briefwright.writers.docx.stylesheet import stylesheet
from briefwright.writers.docx.xml import clean

# Parts a starting document may carry that would mislead in ours: a preview image of some
# other document, Word 2010's duplicate of the styles that no longer match ours, and core
# properties under the pre-standard relationship LibreOffice writes, which python-docx does
# not see and would duplicate (we write all core properties anew anyway).
_DROPPED_RELS = (
    RT.THUMBNAIL,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/core-properties",
)
_CORE_LIMIT = 255  # python-docx refuses longer core-property strings, and so does Word
_ZIP_EPOCH = 315532800  # 1980-01-01, the earliest time a zip entry can carry
_CACHE = "docx"
_CACHE_FORMAT = 1
# what a damaged or foreign cache entry can raise while loading; it is then rebuilt
_DAMAGE = (
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    struct.error,
    zipfile.BadZipFile,
    etree.XMLSyntaxError,
    PackageNotFoundError,
)
_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Company>{company}</Company><Application>{application}</Application></Properties>"
)


def open_document(theme: Theme, reference_doc: Path | None):
    """A fresh python-docx Document with our styles, and the Prepared it was copied from."""
    key = None
    if reference_doc is not None:
        reference_doc = Path(reference_doc)
        try:
            stat = reference_doc.stat()
        except OSError as exc:
            raise _reference_error(reference_doc, exc.strerror or str(exc)) from None
        key = (str(reference_doc.resolve()), stat.st_mtime_ns, stat.st_size)
    prepared = _prepare(theme, key)
    return prepared.fresh_document(), prepared


@lru_cache(maxsize=16)
def _prepare(theme: Theme, reference: tuple[str, int, int] | None) -> Prepared:
    """The prepared document from the per-user cache, or built (and cached) when not there."""
    key = _cache_key(theme, reference)
    stored = cache.read(_CACHE, key)
    if stored is not None and is_intact(stored):
        with contextlib.suppress(*_DAMAGE):  # an entry that does not load is only a miss
            return load(stored)
    data = _build(theme, reference)
    cache.write(_CACHE, key, data)
    return load(data)


def _cache_key(theme: Theme, reference: tuple[str, int, int] | None) -> str:
    """Everything a prepared document depends on: libraries, this code, theme and reference."""
    sources = [(path.name, *_stamp(path)) for path in sorted(Path(__file__).parent.glob("*.py"))]
    made_of = (_CACHE_FORMAT, docx.__version__, etree.LXML_VERSION, sources, theme, reference)
    return hashlib.sha1(repr(made_of).encode()).hexdigest()


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def _build(theme: Theme, reference: tuple[str, int, int] | None) -> bytes:
    document = _open_start(reference[0] if reference else None)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # keep the page set-up, drop the content
            body.remove(child)
    _drop_parts(document)
    _fix_settings(document)
    numbering = Numbering.install(_numbering_element(document), theme.font_family)
    restyle = reference is None
    section = document.sections[0]
    if restyle:
        set_doc_defaults(document.styles.element, theme)
        set_page(section, theme)
    # a reference without header or footer may leave them no room; ours must not touch the edge
    section.header_distance = section.header_distance or section.top_margin // 2
    section.footer_distance = section.footer_distance or section.bottom_margin // 2
    index = StyleIndex(document.styles.element)
    specs = stylesheet(theme, numbering.ids.bullet_num, numbering.ids.ordered_num)
    for spec in specs:
        index.install(spec, replace=restyle)
    return pack(document, numbering.ids, index.ids(spec.name for spec in specs))


def _numbering_element(document):
    """The w:numbering root, creating the part that documents without lists often lack."""
    try:
        return document.part.part_related_by(RT.NUMBERING).element
    except KeyError:
        part = NumberingPart(
            PackURI("/word/numbering.xml"),
            CT.WML_NUMBERING,
            parse_xml(f"<w:numbering {nsdecls('w')}/>"),
            document.part.package,
        )
        document.part.relate_to(part, RT.NUMBERING)
        return part.element


@lru_cache(maxsize=1)
def _default_template() -> bytes:
    return Path(_default_docx_path()).read_bytes()


def _open_start(reference: str | None):
    if reference is None:
        return docx.Document(BytesIO(_default_template()))
    try:
        data = Path(reference).read_bytes()
    except OSError as exc:
        raise _reference_error(Path(reference), exc.strerror or str(exc)) from None
    try:
        return docx.Document(BytesIO(data))
    except (PackageNotFoundError, ValueError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        raise _reference_error(Path(reference), "not a usable .docx file") from None


def _reference_error(path: Path, why: str) -> RenderError:
    issue = Issue(f"cannot use reference document: {why}", Location(file=str(path)))
    return RenderError(str(issue), [issue])


def _drop_parts(document) -> None:
    for rels in (document.part.package.rels, document.part.rels):
        for rid in [rid for rid, rel in rels.items() if rel.reltype in _DROPPED_RELS]:
            del rels[rid]


def _fix_settings(document) -> None:
    """Settings that must hold in every file we write, whatever the starting document said."""
    settings = document.settings
    zoom = settings.element.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), "100")  # required by the schema; python-docx's template omits it
    # one header and footer for every page, so the marking is on all of them
    settings.odd_and_even_pages_header_footer = False


def set_properties(document, meta: DocMeta, options: WriteOptions) -> None:
    """Core and extended properties, with fixed times so the same input gives the same bytes."""
    props = document.core_properties
    props.title = _prop(meta.title)
    props.subject = _prop(meta.subject)
    props.author = _prop(meta.author or meta.organization)
    props.keywords = _prop(", ".join(meta.keywords))
    props.language = _prop(meta.language)
    props.comments = ""
    props.last_modified_by = _prop(meta.author or meta.organization or "briefwright")
    props.revision = 1
    stamp = datetime.fromtimestamp(options.timestamp, UTC).replace(tzinfo=None)
    props.created = props.modified = stamp
    application = f"briefwright {options.version}".strip()
    for part in document.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":
            text = _APP_XML.format(
                company=html.escape(_prop(meta.organization), quote=False), application=application
            )
            part._blob = text.encode("utf-8")  # a generic part: python-docx keeps only the bytes


def _prop(text: str) -> str:
    return clean(text)[:_CORE_LIMIT]


def to_bytes(document, prepared: Prepared, timestamp: int) -> bytes:
    """The package as python-docx would save it, every zip entry dated `timestamp`."""
    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    entries = [
        types_entry(tuple((part.partname, part.content_type) for part in parts)),
        rels_entry(PACKAGE_URI.rels_uri.membername, PACKAGE_URI.baseURI, package.rels),
    ]
    for part in parts:
        entries.append(prepared.entry(part))
        if len(part.rels):
            name = part.partname.rels_uri.membername
            entries.append(rels_entry(name, part.partname.baseURI, part.rels))
    return zip_bytes(entries, time.gmtime(max(timestamp, _ZIP_EPOCH)))
