"""YAML 1.1 oddities in a shared summary: `1:1:1:...` was a base-60 number whose conversion
cost quadratic time (a 1.9 MB summary took minutes in `validate`). Such scalars are text now,
and reading a long scalar costs the same number of calls however long it is.

Work is counted, never timed; benchmarks/hostile.py has the CPU time of the 2 MB case.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from measured import assert_clean, run_measured

from briefwright.errors import EXIT_INVALID
from briefwright.summary.yaml_source import yaml_to_data


def _calls(work: Callable[[], object]) -> tuple[int, set[str]]:
    """How many Python and C calls `work` makes, and the names of the Python functions."""
    count, names = 0, set()

    def profile(frame, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1
        if event == "call":
            names.add(frame.f_code.co_name)

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count, names


def _sexagesimal(parts: int) -> str:
    return "title: " + ":".join(["1"] * parts) + "\n"


@pytest.mark.parametrize("text", ["1:30", "-1:30:00", "190:20:30.15", "="])
def test_yaml_1_1_oddities_stay_text(text):
    data, _, problems = yaml_to_data(f"value: {text}\n")
    assert data["value"] == text and type(data["value"]) is str and not problems


@pytest.mark.parametrize(("text", "value"), [("12", 12), ("1.5", 1.5), ("0x1F", 31), ("yes", True)])
def test_ordinary_scalars_keep_their_yaml_values(text, value):
    data, _, _ = yaml_to_data(f"value: {text}\n")
    assert data["value"].value == value  # a RawScalar: the text written and its value


def test_reading_a_long_number_like_scalar_costs_no_more_calls_than_a_short_one():
    short, _ = _calls(lambda: yaml_to_data(_sexagesimal(10_000)))
    long, names = _calls(lambda: yaml_to_data(_sexagesimal(1_000_000)))  # 2 MB
    assert long <= short + 50
    assert not {n for n in names if n.startswith("construct_")}  # nothing converted it


def test_validate_refuses_the_2_mb_summary_cleanly(tmp_path):
    (tmp_path / "s.yaml").write_text(_sexagesimal(1_000_000))
    run = run_measured(["validate", "s.yaml"], cwd=tmp_path, timeout=60)
    assert_clean(run, EXIT_INVALID)
    assert "s.yaml:1:1: title: is 1,999,999 characters long; the limit" in run.text
