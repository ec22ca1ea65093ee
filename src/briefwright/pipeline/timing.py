"""How long each step of a render took, for `render -v`: plain data, so it crosses processes."""

from __future__ import annotations

import time


class StepTimes:
    """Named durations in the order the steps ran; each lap ends where the previous one did."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, float]] = []
        self._mark = time.perf_counter()

    def lap(self, name: str) -> None:
        """Record the time since the last lap (or since creation) under `name`."""
        now = time.perf_counter()
        self.steps.append((name, now - self._mark))
        self._mark = now

    def add(self, *steps: tuple[str, float]) -> None:
        """Record durations measured elsewhere (a writer in another process)."""
        self.steps.extend(steps)


def describe(steps: tuple[tuple[str, float], ...] | list[tuple[str, float]]) -> str:
    """`load 12 ms, template 40 ms, ...`: a writer's own time follows `write` in brackets."""
    parts: list[str] = []
    nested: list[str] = []
    for name, seconds in steps:
        text = f"{name.strip()} {seconds * 1000:.0f} ms"
        if name.startswith(" "):
            nested.append(text)
            continue
        if nested:
            parts[-1] += f" ({', '.join(nested)})"
            nested = []
        parts.append(text)
    if nested:
        parts[-1] += f" ({', '.join(nested)})"
    return ", ".join(parts)
