"""The copies of the seed article beside the summaries that check against it stay the seed:
a source.text must sit in its summary's directory tree, so the sample and the corpus each
carry one."""

from __future__ import annotations

import pytest
from conftest import ROOT

SEED = ROOT / "seeds" / "lavrov-yerevan-visit-2025.txt"


@pytest.mark.parametrize(
    "copy",
    ["samples/lavrov-yerevan-visit-2025.txt", "tests/data/fidelity/articles/lavrov-yerevan.txt"],
)
def test_each_copy_of_the_seed_is_the_seed(copy):
    assert (ROOT / copy).read_bytes() == SEED.read_bytes()
