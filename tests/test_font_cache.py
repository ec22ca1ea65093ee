"""The per-user cache of parsed font faces: same fonts, same PDF bytes, damage is only a miss."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import ttfonts

from briefwright import cache
from briefwright import fonts as font_files
from briefwright.doctree import nodes as n
from briefwright.theme import Theme
from briefwright.writers.base import WriteOptions
from briefwright.writers.pdf import fonts, write

REGULAR = str(font_files.BUNDLED_DIR / "DejaVuSans.ttf")
TEXT = "Հայաստան Лавров ə ş ğ ı İ <b> & {{ 7*7 }}"


@pytest.fixture
def cache_in(tmp_path, monkeypatch):
    """A fresh cache directory, and fonts registered anew in this test and after it."""

    def use(env: dict[str, str]):
        for name in ("BRIEFWRIGHT_CACHE_DIR", "BRIEFWRIGHT_NO_CACHE"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        cache.cache_dir.cache_clear()
        fonts._register.cache_clear()

    use({"BRIEFWRIGHT_CACHE_DIR": str(tmp_path)})
    yield use
    cache.cache_dir.cache_clear()
    fonts._register.cache_clear()


def font_entries() -> list:
    return sorted((cache.cache_dir() / "fonts").iterdir())


def render() -> bytes:
    doc = n.Document(
        n.DocMeta(title="Fonts", marking="TLP:AMBER"),
        (
            n.Heading(1, (n.Text(TEXT),), line=1),
            n.Paragraph((n.Text(TEXT), n.Emphasis((n.Strong((n.Text(TEXT),)),))), line=2),
            n.Quote((n.Paragraph((n.Text(TEXT),), line=3),), (n.Text("A. Speaker"),), line=3),
        ),
    )
    fonts.load_family(fonts.BUNDLED_FAMILY)
    return write(doc, Theme(), WriteOptions())


def test_a_face_from_the_cache_equals_a_parsed_one(cache_in):
    parsed = fonts.load_font("cache-test", REGULAR)
    assert len(font_entries()) == 1
    cached = fonts.load_font("cache-test", REGULAR)
    assert cached.face is not parsed.face
    assert vars(cached).keys() == vars(parsed).keys()
    for name in ("fontName", "_asciiReadable", "_shapable"):
        assert getattr(cached, name) == getattr(parsed, name)
    face, fresh = vars(cached.face), vars(parsed.face)
    assert face.keys() == fresh.keys()
    for name in face.keys() - {"_pdfScale"}:
        assert face[name] == fresh[name], name
        assert type(face[name]) is type(fresh[name]), name
    assert face["name"].ustr == fresh["name"].ustr == "DejaVuSans"
    assert face["_pdfScale"](2048) == fresh["_pdfScale"](2048) == 1000


def test_pdf_bytes_are_the_same_with_the_cache_off_cold_and_warm(cache_in, monkeypatch):
    cold = render()
    assert len(font_entries()) == 4
    cache_in({"BRIEFWRIGHT_CACHE_DIR": str(cache.cache_dir().parent)})
    with monkeypatch.context() as patch:
        # warm, no face is parsed at all
        patch.setattr(ttfonts.TTFontFile, "extractInfo", None)
        warm = render()
    cache_in({"BRIEFWRIGHT_NO_CACHE": "1"})
    off = render()
    assert cold == warm == off
    text = PdfReader(io.BytesIO(warm)).pages[0].extract_text()
    assert text.count("Հայաստան Лавров ə ş ğ ı İ <b> & {{ 7*7 }}") >= 3


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[:100],
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),
        lambda data: b"\0" * len(data),
    ],
    ids=["empty", "truncated", "one-bit", "zeroed"],
)
def test_a_damaged_entry_is_parsed_again(cache_in, damage):
    reference = render()
    for entry in font_entries():
        entry.write_bytes(damage(entry.read_bytes()))
    cache_in({"BRIEFWRIGHT_CACHE_DIR": str(cache.cache_dir().parent)})
    assert render() == reference


def test_a_valid_entry_of_the_wrong_shape_is_a_miss(cache_in):
    import hashlib
    import marshal

    reference = render()
    payload = marshal.dumps(({"unitsPerEm": "not a number"}, {}))
    for entry in font_entries():
        entry.write_bytes(hashlib.sha1(payload).digest() + payload)
    cache_in({"BRIEFWRIGHT_CACHE_DIR": str(cache.cache_dir().parent)})
    assert render() == reference
