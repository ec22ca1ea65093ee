"""Every summary fixture: valid ones load, invalid ones give exactly their .expected lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefwright.errors import InvalidSummary
from briefwright.summary import load_summary

DATA = Path(__file__).parent / "data" / "summaries"
VALID = sorted((DATA / "valid").iterdir())
INVALID = sorted(p for p in (DATA / "invalid").iterdir() if p.suffix != ".expected")


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_fixture_loads(path: Path) -> None:
    loaded = load_summary(path)
    assert loaded.summary.title
    assert loaded.summary.key_points
    assert loaded.path == path


def test_every_invalid_fixture_has_an_expected_transcript() -> None:
    stems = sorted(p.stem for p in INVALID)
    expected = sorted(p.stem for p in (DATA / "invalid").glob("*.expected"))
    assert stems == expected
    assert len(set(stems)) == len(stems), "two invalid cases share a name"


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_fixture_gives_expected_lines(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Load by bare name from inside the folder, so the transcript holds no machine paths.
    monkeypatch.chdir(path.parent)
    with pytest.raises(InvalidSummary) as caught:
        load_summary(path.name)
    transcript = "\n".join(caught.value.lines()) + f"\n=> {caught.value.exit_code}\n"
    assert transcript == path.with_suffix(".expected").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_every_invalid_line_is_located(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(path.parent)
    with pytest.raises(InvalidSummary) as caught:
        load_summary(path.name)
    for issue in caught.value.issues:
        assert issue.location.file == path.name
        if path.suffix != ".txt":  # a wrong file type has no line to point at
            assert issue.location.line is not None and issue.location.column is not None
