"""check and draft stay near-linear: the article is indexed once, a quote only looks at the
paragraphs it is found in, and drafting twice the quotations costs about twice the work.

Work is counted (function calls, paragraphs tokenised), never timed; benchmarks/fidelity.py
has the timings.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from conftest import ROOT

from briefwright.fidelity import check_against, draft_summary
from briefwright.fidelity.match import QuoteTooComplex, find_quote, parse_quote
from briefwright.fidelity.source import SourceText
from briefwright.summary import load_summary

SEED = (ROOT / "seeds" / "lavrov-yerevan-visit-2025.txt").read_text(encoding="utf-8")


def _calls(work: Callable[[], object]) -> int:
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


def _quotations(count: int) -> str:
    return "\n".join(
        f"Minister Ann Lee{n % 7} said: “We will hold talks number {n} soon.”" for n in range(count)
    )


def test_drafting_twice_the_quotations_is_about_twice_the_work():
    small = _calls(lambda: draft_summary(_quotations(300), "a.txt"))
    large = _calls(lambda: draft_summary(_quotations(600), "a.txt"))
    assert large < 2.3 * small


def test_checking_twenty_quotes_tokenises_only_the_paragraphs_they_are_in(tmp_path):
    article = "\n".join([SEED] * 100)
    source = SourceText(article, "big.txt")
    loaded = load_summary(ROOT / "samples" / "lavrov-yerevan-2025.yaml")
    report = check_against(loaded, source)
    assert report.ok
    paragraphs = article.count("\n") + 1
    assert source.tokens.tokenised < paragraphs / 20


def test_a_long_repetitive_quote_is_settled_within_its_budget():
    source = SourceText("“" + "the " * 50_000 + "end.”\n")
    pieces = parse_quote(" ".join(["the"] * 5000) + " end.")
    assert find_quote(pieces, source.tokens)  # found, by one search in the coded index
    cut = parse_quote(" … ".join(["the"] * 15) + " … end")
    with pytest.raises(QuoteTooComplex):  # refused within the budget, not searched for ever
        find_quote(cut, source.tokens)
