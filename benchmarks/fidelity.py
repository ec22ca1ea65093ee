"""Benchmarks of `check` and `draft`: time on large and hostile inputs, and how well `draft`
finds the quotes of the test corpus (recall and precision), printed as a table.

    python benchmarks/fidelity.py            # about a minute
    python benchmarks/fidelity.py --quick    # smaller inputs, one round

Each timed case runs the whole `briefwright` process (imports included) and reports the
median wall time of its rounds. Nothing in the test suite asserts a timing.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "lavrov-yerevan-visit-2025.txt"
ARTICLES = ROOT / "tests" / "data" / "fidelity" / "articles"
SAMPLE = ROOT / "samples" / "lavrov-yerevan-2025.yaml"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefwright", *args], capture_output=True, text=True, check=False
    )


def _timed(run: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def big_article(folder: Path, megabytes: float) -> Path:
    """The seed repeated to the size asked for, one paragraph per line."""
    seed = SEED.read_text(encoding="utf-8")
    copies = max(1, int(megabytes * 1_000_000 / len(seed.encode("utf-8"))))
    path = folder / "big.txt"
    path.write_text("\n".join([seed] * copies), encoding="utf-8")
    return path


def twenty_quotes(folder: Path, article: Path) -> Path:
    """The sample's seven quotes (and its timeline) three times over, minus one: 20 quotes,
    one of them misquoted so that the closest passage is searched too."""
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    quotes = [dict(q) for q in (data["quotes"] * 3)[:20]]
    quotes[7] = {**quotes[7], "text": quotes[7]["text"].replace("historical", "historic")}
    data.update(quotes=quotes, source={**data["source"], "text": article.name})
    path = folder / "twenty.yaml"
    text = yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


class _NoAliases(yaml.SafeDumper):
    """Summaries refuse YAML aliases: write repeated values out."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def repetitive_quote(folder: Path) -> Path:
    """One 5,000-word quote of a repeated word, against an article that repeats it too."""
    (folder / "rep.txt").write_text("“" + "the " * 200_000 + "end.”\n", encoding="utf-8")
    data = {
        "title": "T",
        "source": {"title": "A", "text": "rep.txt"},
        "summary": "S",
        "key_points": ["k"],
        "quotes": [{"text": " ".join(["the"] * 5000) + " end.", "speaker": "Someone"}],
    }
    path = folder / "rep.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def many_quotations(folder: Path, count: int) -> Path:
    """An article of `count` short attributed quotations, one paragraph each."""
    lines = [
        f"Minister Ann Lee{n % 7} said: “We will hold talks number {n} soon.”" for n in range(count)
    ]
    path = folder / f"quotes-{count}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def corpus_scores() -> list[tuple[str, int, int, int]]:
    """(article, expected, drafted, correct) for each article of the corpus with an expected
    file: a drafted quote is correct when its words and its speaker are the expected ones."""
    from briefwright.fidelity import draft_summary
    from briefwright.fidelity.readers import read_article

    rows = []
    for expected_file in sorted(ARTICLES.glob("*.expected.yaml")):
        expected = yaml.safe_load(expected_file.read_text(encoding="utf-8"))
        wanted = {(q["text"], q["speaker"]) for q in expected["quotes"]}
        stem = expected_file.name.removesuffix(".expected.yaml")
        for article in sorted(ARTICLES.glob(stem + ".*")):
            if article.name.endswith(".expected.yaml"):
                continue
            document = read_article(article)
            text = draft_summary(
                document.text, article.name, metadata=document.metadata, places=document.places
            )
            drafted = [(q["text"], q["speaker"]) for q in yaml.safe_load(text)["quotes"] or []]
            correct = sum(1 for q in drafted if q in wanted)
            rows.append((article.name, len(wanted), len(drafted), correct))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs, one round")
    options = parser.parse_args()
    rounds = 1 if options.quick else 3
    size = 1.0 if options.quick else 5.0
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        article = big_article(folder, size)
        summary = twenty_quotes(folder, article)
        cases: list[tuple[str, list[str], int]] = [
            (f"check: 20 quotes against a {size:g} MB article", ["check", str(summary)], 1),
            ("check: one 5,000-word repetitive quote", ["check", str(repetitive_quote(folder))], 0),
        ]
        for count in (2500, 5000):
            path = many_quotations(folder, count)
            size_kb = path.stat().st_size // 1000
            cases.append((f"draft: {count:,} quotations ({size_kb} KB)", ["draft", str(path)], 0))
        shutil.copy(ARTICLES / "lavrov-yerevan.pdf", folder)
        cases.append(("draft: the two-page PDF", ["draft", str(folder / "lavrov-yerevan.pdf")], 0))
        cases.append(("check: the sample (for scale)", ["check", str(SAMPLE)], 0))
        print(f"{'case':<52} {'wall (median)':>14}")
        for name, args, code in cases:
            result = _cli(*args)
            if result.returncode != code:
                print(f"{name}: exit {result.returncode}\n{result.stdout}{result.stderr}")
                return 1
            print(f"{name:<52} {_timed(lambda a=args: _cli(*a), rounds):>12.2f} s")
    print()
    print(f"{'draft on the corpus':<32} {'expected':>8} {'drafted':>8} {'correct':>8}")
    totals = [0, 0, 0]
    for name, wanted, drafted, correct in corpus_scores():
        print(f"{name:<32} {wanted:>8} {drafted:>8} {correct:>8}")
        totals = [totals[0] + wanted, totals[1] + drafted, totals[2] + correct]
    recall, precision = totals[2] / totals[0], totals[2] / max(totals[1], 1)
    print(f"recall {recall:.0%}, precision {precision:.0%} ({totals[2]} of {totals[0]} found)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
