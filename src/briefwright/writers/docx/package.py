"""The starting document a write copies, and the properties each write sets.

Preparing a starting document (template or reference document, our styles and list
definitions, page set-up) is the costly part of a write, so it is done with python-docx once
per process for each theme and reference document, and kept in the per-user cache as our own
data (prepared.py). Every write starts from a copy of that (parts.py): the parts no write
changes (styles, settings, theme, fonts...) are finished, compressed bytes, neither parsed,
copied, serialised nor deflated again.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import struct
import zipfile
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.coreprops import CoreProperties
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart
from lxml import etree

from briefwright import cache
from briefwright.doctree.nodes import DocMeta
from briefwright.theme import Theme
from briefwright.version import __version__
from briefwright.writers.base import WriteOptions, file_time
from briefwright.writers.docx.contents import install_contents_styles
from briefwright.writers.docx.letterhead import install_letterhead_styles
from briefwright.writers.docx.marking_styles import install_marking_styles
from briefwright.writers.docx.numbering import Numbering
from briefwright.writers.docx.parts import Package
from briefwright.writers.docx.prepared import Prepared, is_intact, load, pack
from briefwright.writers.docx.properties import twips
from briefwright.writers.docx.reference import check_opened, read_reference, refused
from briefwright.writers.docx.styles import (
    StyleIndex,
    set_default_language,
    set_doc_defaults,
    set_page,
)
from briefwright.writers.docx.stylesheet import stylesheet
from briefwright.writers.docx.tidy import tidy_default_template
from briefwright.writers.docx.xml import clean
from briefwright.writers.look import look

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
_APP_PART = "/docProps/app.xml"
_CACHE = "docx"
_CACHE_FORMAT = 2
# what a damaged or foreign cache entry can raise while loading; it is then rebuilt
_DAMAGE = (ValueError, KeyError, IndexError, TypeError, struct.error, etree.XMLSyntaxError)
_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Company>{company}</Company><Application>{application}</Application></Properties>"
)


def open_package(theme: Theme, reference_doc: Path | None, language: str = "en") -> Package:
    """A package of its own for one write: the prepared starting document, copied.

    `language` is the document's default language (a BCP 47 tag), set in its styles.
    """
    reference = None
    if reference_doc is not None:
        data = read_reference(Path(reference_doc))
        reference = (str(reference_doc), hashlib.sha256(data).hexdigest(), data)
    return Package(_prepare(theme, reference, language))


# keyed by the reference document's content: an edited file is prepared again
@functools.lru_cache(maxsize=16)
def _prepare(theme: Theme, reference: tuple[str, str, bytes] | None, language: str) -> Prepared:
    """The prepared document from the per-user cache, or built (and cached) when not there."""
    key = _cache_key(theme, reference[1] if reference else None, language)
    stored = cache.read(_CACHE, key)
    if stored is not None and is_intact(stored):
        with contextlib.suppress(*_DAMAGE):  # an entry that does not load is only a miss
            return load(stored)
    data = _build(theme, reference, language)
    cache.write(_CACHE, key, data)
    return load(data)


def _cache_key(theme: Theme, reference_digest: str | None, language: str) -> str:
    """Everything a prepared document depends on: versions, this code, theme, reference and
    language."""
    versions = (_CACHE_FORMAT, __version__, docx.__version__, etree.LXML_VERSION)
    made_of = (versions, _source_digest(), theme, reference_digest, language)
    return hashlib.sha256(repr(made_of).encode()).hexdigest()


@functools.cache
def _source_digest() -> str:
    """A hash of this writer's source files, which decide what a prepared document holds, and
    of the house look its styles are set from."""
    digest = hashlib.sha256()
    look_source = Path(__file__).parent.parent / "look.py"
    for path in [*sorted(Path(__file__).parent.glob("*.py")), look_source]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _build(theme: Theme, reference: tuple[str, str, bytes] | None, language: str) -> bytes:
    document = _open_start(reference)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # keep the page set-up, drop the content
            body.remove(child)
    _drop_parts(document)
    _fix_settings(document)
    # made now if the starting document has none, so every write finds one to fill in
    document.core_properties  # noqa: B018 - python-docx adds the part when it is first read
    house = look(theme)
    numbering = Numbering.install(
        _numbering_element(document), theme.font_family, twips(house.list_indent), house.marker
    )
    restyle = reference is None
    section = document.sections[0]
    if restyle:
        set_doc_defaults(document.styles.element, theme)
        set_page(section, theme)
    set_default_language(document.styles.element, language)
    # a reference without header or footer may leave them no room; ours must not touch the edge
    section.header_distance = section.header_distance or section.top_margin // 2
    section.footer_distance = section.footer_distance or section.bottom_margin // 2
    index = StyleIndex(document.styles.element)
    specs = stylesheet(theme, numbering.ids.bullet_num, numbering.ids.ordered_num)
    for spec in specs:
        index.install(spec, replace=restyle)
    style_ids = index.ids(spec.name for spec in specs)
    style_ids |= install_marking_styles(document, replace=restyle)
    style_ids |= install_letterhead_styles(document, theme, replace=restyle)
    style_ids |= install_contents_styles(document, theme, replace=restyle)
    if restyle:
        tidy_default_template(document, style_ids.values(), numbering.ids, theme.font_family)
    return pack(document, numbering.ids, style_ids)


def _numbering_element(document: Any) -> Any:
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


@functools.cache
def _default_template() -> bytes:
    """python-docx's default document, as the file its `save` writes."""
    saved = BytesIO()
    docx.Document().save(saved)
    return saved.getvalue()


def _open_start(reference: tuple[str, str, bytes] | None) -> Any:
    if reference is None:
        return docx.Document(BytesIO(_default_template()))
    path, _, data = reference
    try:
        document = docx.Document(BytesIO(data))
    except (PackageNotFoundError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        # python-docx's own words name the part: "There is no item named 'word/styles.xml'..."
        detail = str(exc).strip("'\"") or type(exc).__name__
        raise refused(Path(path), f"not a usable .docx: {detail[:200]}") from None
    except etree.XMLSyntaxError as exc:
        raise refused(Path(path), f"not a usable .docx: broken XML ({exc})") from None
    check_opened(Path(path), document)
    return document


def _drop_parts(document: Any) -> None:
    for rels in (document.part.package.rels, document.part.rels):
        for rid in [rid for rid, rel in rels.items() if rel.reltype in _DROPPED_RELS]:
            del rels[rid]


def _fix_settings(document: Any) -> None:
    """Settings that must hold in every file we write, whatever the starting document said."""
    settings = document.settings
    zoom = settings.element.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), "100")  # required by the schema; python-docx's template omits it
    # one header and footer for every page, so the marking is on all of them
    settings.odd_and_even_pages_header_footer = False


def set_properties(package: Package, meta: DocMeta, options: WriteOptions) -> None:
    """Core and extended properties, with fixed times so the same input gives the same bytes."""
    props = CoreProperties(package.core_properties.element)
    props.title = _prop(meta.title)
    props.subject = _prop(meta.subject)
    props.author = _prop(meta.author or meta.organization)
    props.keywords = _prop(", ".join(meta.keywords))
    props.language = _prop(meta.language)
    props.comments = ""
    props.last_modified_by = _prop(meta.author or meta.organization or "briefwright")
    props.revision = 1
    stamp = datetime.fromtimestamp(file_time(options.timestamp), UTC).replace(tzinfo=None)
    props.created = props.modified = stamp
    if package.has_part(_APP_PART):
        company = html.escape(_prop(meta.organization), quote=False)
        application = f"briefwright {options.version}".strip()
        text = _APP_XML.format(company=company, application=application)
        package.replace(_APP_PART, text.encode("utf-8"))


def _prop(text: str) -> str:
    return clean(text)[:_CORE_LIMIT]
