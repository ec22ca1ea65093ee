"""Measure briefwright on this machine: one render, batches, start-up, pandoc, and scaling.

    python benchmarks/run.py                 # prints a table, writes benchmarks/results/<time>.json
    python benchmarks/run.py --quick         # fewer runs and a smaller batch, for a first look
    python benchmarks/run.py --output f.json

Every figure is a whole-process wall time unless it says "warm" (in one process, libraries
already imported). Nothing here is asserted; the figures are for people and for the JSON file.

Child processes run with their bytecode cached (in a scratch PYTHONPYCACHEPREFIX, after one
warm-up run), as an installed package runs: an editable checkout under PYTHONDONTWRITEBYTECODE
would otherwise compile briefwright from source in every process while the libraries it is
compared with load their cached bytecode. briefwright's own cache (parsed fonts, compiled
templates) lives in the scratch directory too, warm after that first run as it is for a user
after their first render; "no cache" rows show a render with it switched off.

Two import floors are reported. The "named" floor imports the libraries by name, as the issue
puts it. The "full" floor imports every module a render loads that is not briefwright's own,
which includes what the libraries import lazily when used (pydantic's types on the first model,
zipfile, tomllib, ...): the bare cost of the libraries a render needs, measured, not guessed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "lavrov-yerevan-2025.yaml"
PYTHON = sys.executable
# The modules of each library a render uses. `import reportlab` or `import pydantic` alone loads
# almost nothing (both import lazily), which would make a floor no real program can reach.
VALIDATION_LIBS = "import yaml; from pydantic import BaseModel"
IMPORT_FLOOR = (
    "import click, jinja2, jinja2.sandbox, markdown_it, mdit_py_plugins.container; "
    f"{VALIDATION_LIBS}; import docx, reportlab.platypus, reportlab.pdfgen.canvas, "
    "reportlab.pdfbase.ttfonts"
)
HELP_FLOOR = f"import click, jinja2; {VALIDATION_LIBS}"


def main() -> int:
    args = _arguments()
    runs = 3 if args.quick else 9
    batch_size = 40 if args.quick else args.batch
    results: dict = {"machine": _machine(), "runs": runs}
    with tempfile.TemporaryDirectory(prefix="briefwright-bench-") as scratch:
        work = Path(scratch)
        _cache_bytecode(work / "pycache")
        results["single"] = _single(work, runs)
        results["startup"] = _startup(runs)
        results["batch"] = _batches(work, batch_size, 1 if args.quick else 3)
        results["memory"] = _memory_flatness(work, 100 if args.quick else 500)
        results["pandoc"] = _pandoc(work, runs)
        results["scaling"] = _scaling(work)
        results["warm"] = _warm_stages(work, 10 if args.quick else 40)
    results["machine"]["load_average_at_end"] = os.getloadavg()
    _print_table(results)
    _save(results, args.output)
    return 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, smaller batches")
    parser.add_argument("--batch", type=int, default=200, help="summaries per batch [200]")
    parser.add_argument("--output", type=Path, help="JSON file to write")
    return parser.parse_args()


def _machine() -> dict:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        # other processes take cores from the measured ones: figures under load are slower
        "load_average_at_start": os.getloadavg(),
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def _cache_bytecode(prefix: Path) -> None:
    """Let child processes cache bytecode and briefwright's cache in `prefix`, and fill both."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ.pop("BRIEFWRIGHT_NO_CACHE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(prefix)
    os.environ["BRIEFWRIGHT_CACHE_DIR"] = str(prefix / "briefwright")
    for command in (
        [PYTHON, "-c", IMPORT_FLOOR],
        _briefwright("render", str(SAMPLE), "-o", str(prefix / "out"), "-q", "--force"),
        _briefwright("validate", str(SAMPLE)),
    ):
        subprocess.run(command, check=True, capture_output=True)


# --- measurements -------------------------------------------------------------------------


def _median_seconds(command: list[str], runs: int, cwd: Path | None = None) -> float:
    return _median_wall_and_cpu(command, runs, cwd)[0]


def _median_wall_and_cpu(
    command: list[str], runs: int, cwd: Path | None = None, env: dict | None = None
) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds (user + system, child processes included)."""
    walls, cpus = [], []
    for _ in range(runs):
        before = os.times()
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=cwd, env=env)
        walls.append(time.perf_counter() - start)
        after = os.times()
        cpus.append(
            (after.children_user - before.children_user)
            + (after.children_system - before.children_system)
        )
    return statistics.median(walls), statistics.median(cpus)


def _briefwright(*args: str) -> list[str]:
    return [PYTHON, "-m", "briefwright", *args]


def _single(work: Path, runs: int) -> dict:
    out = work / "single"
    render = _briefwright("render", str(SAMPLE), "-o", str(out), "-q", "--force")
    full_floor, full_floor_modules = _full_floor_command(work)
    no_cache = {**os.environ, "BRIEFWRIGHT_NO_CACHE": "1"}
    commands = {
        "render": (render, None),
        "render_j1": ([*render, "-j", "1"], None),
        "render_no_cache": (render, no_cache),
        "named_floor": ([PYTHON, "-c", IMPORT_FLOOR], None),
        "full_floor": (full_floor, None),
    }
    samples: dict[str, list[float]] = {}
    for _ in range(runs):  # interleaved, so drift in machine load hits every command alike
        for name, (command, env) in commands.items():
            wall, cpu = _median_wall_and_cpu(command, 1, env=env)
            samples.setdefault(f"{name}_wall_s", []).append(wall)
            samples.setdefault(f"{name}_cpu_s", []).append(cpu)
    result: dict = {key: statistics.median(values) for key, values in samples.items()}
    result["named_floor_command"] = IMPORT_FLOOR
    result["full_floor_modules"] = full_floor_modules

    def ratio(measured: str, floor: str) -> float:
        # per round, then the median: a render and its floor ran seconds apart, not minutes
        pairs = zip(samples[f"{measured}_wall_s"], samples[f"{floor}_wall_s"], strict=True)
        return statistics.median(m / f for m, f in pairs)

    for floor in ("named_floor", "full_floor"):
        result[f"ratio_to_{floor}"] = ratio("render", floor)
        result[f"ratio_j1_to_{floor}"] = ratio("render_j1", floor)
    return result


def _full_floor_command(work: Path) -> tuple[list[str], int]:
    """A command importing every module a one-process render loads, except briefwright's own."""
    listing = "\n".join(
        (
            "import sys",
            "from briefwright.api import render",
            f"render({str(SAMPLE)!r}, output_dir={str(work / 'modules')!r}, force=True)",
            "print(*(m for m in sys.modules if m.partition('.')[0] != 'briefwright'), sep='\\n')",
        )
    )
    listed = subprocess.run([PYTHON, "-c", listing], check=True, capture_output=True, text=True)
    modules = [m for m in listed.stdout.split() if m not in ("__main__", "__mp_main__")]
    importer = "\n".join(
        (
            "import importlib",
            f"for name in {modules!r}:",
            "    try:",
            "        importlib.import_module(name)",
            "    except Exception:  # a module only its package may import",
            "        pass",
        )
    )
    return [PYTHON, "-c", importer], len(modules)


def _startup(runs: int) -> dict:
    help_s = _median_seconds(_briefwright("--help"), runs)
    validate_s = _median_seconds(_briefwright("validate", str(SAMPLE)), runs)
    floor_s = _median_seconds([PYTHON, "-c", HELP_FLOOR], runs)
    return {
        "help_s": help_s,
        "validate_s": validate_s,
        "floor_s": floor_s,
        "floor_command": HELP_FLOOR,
        "help_ratio": help_s / floor_s,
        "validate_ratio": validate_s / floor_s,
    }


def _make_batch(directory: Path, count: int) -> Path:
    """Variations of the sample: titles, order of key points and timeline rows differ."""
    import yaml

    directory.mkdir(parents=True, exist_ok=True)
    base = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    base["source"].pop("text", None)
    for i in range(count):
        variant = dict(base)
        variant["title"] = f"{base['title']} (variant {i})"
        shift = i % len(base["key_points"])
        variant["key_points"] = base["key_points"][shift:] + base["key_points"][:shift]
        variant["timeline"] = list(reversed(base["timeline"])) if i % 2 else base["timeline"]
        (directory / f"summary-{i:04d}.json").write_text(
            json.dumps(variant, default=str, ensure_ascii=False), encoding="utf-8"
        )
    return directory


def _run_batch(inputs: Path, out: Path, jobs: int) -> tuple[float, int]:
    """Wall seconds and the peak RSS (KiB) of the largest process of one batch render."""
    shutil.rmtree(out, ignore_errors=True)
    command = _briefwright("render", str(inputs), "-o", str(out), "-q", "-j", str(jobs))
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=True)\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    result = subprocess.run(
        [PYTHON, "-c", code, *command], check=True, capture_output=True, text=True
    )
    seconds, peak = result.stdout.split()
    return float(seconds), int(peak)


def _batches(work: Path, count: int, rounds: int) -> dict:
    """-j 1 and -j 2 in alternating rounds, so a slow spell of the machine hits both alike."""
    inputs = _make_batch(work / "batch-in", count)
    runs: dict[int, list[tuple[float, int]]] = {1: [], 2: []}
    speedups = []
    for _ in range(rounds):
        for jobs in (1, 2):
            runs[jobs].append(_run_batch(inputs, work / f"batch-out-{jobs}", jobs))
        speedups.append(runs[1][-1][0] / runs[2][-1][0])
    figures: dict = {"summaries": count, "rounds": rounds}
    for jobs, measured in runs.items():
        seconds = statistics.median(s for s, _ in measured)
        figures[f"j{jobs}"] = {
            "seconds": seconds,
            "briefings_per_s": count / seconds,
            "ms_per_briefing_per_core": 1000 * seconds * jobs / count,
            "peak_rss_mb": max(peak for _, peak in measured) / 1024,
        }
    figures["speedup_j2"] = statistics.median(speedups)
    figures["speedup_j2_each_round"] = speedups
    return figures


def _memory_flatness(work: Path, count: int) -> dict:
    """Peak RSS of one worker after a tenth of the batch and after all of it."""
    small = _make_batch(work / "mem-small", max(1, count // 10))
    large = _make_batch(work / "mem-large", count)
    _, small_kib = _run_batch(small, work / "mem-out-small", 1)
    _, large_kib = _run_batch(large, work / "mem-out-large", 1)
    return {
        "summaries": count,
        "peak_rss_mb_tenth": small_kib / 1024,
        "peak_rss_mb_all": large_kib / 1024,
    }


def _pandoc(work: Path, runs: int) -> dict:
    pandoc = shutil.which("pandoc")
    if not pandoc:
        return {"available": False, "note": "pandoc not installed (apt-get install pandoc)"}
    out = work / "pandoc"
    subprocess.run(
        _briefwright("render", str(SAMPLE), "-f", "md", "-o", str(out), "-q"), check=True
    )
    markdown = out / "lavrov-yerevan-2025.analyst.md"
    figures = {"available": True}
    routes = {"docx": [pandoc, str(markdown), "-o", str(out / "p.docx")]}
    engine = next(
        (e for e in ("weasyprint", "wkhtmltopdf", "pdflatex", "xelatex") if shutil.which(e)), None
    )
    if engine:
        routes["pdf"] = [pandoc, str(markdown), f"--pdf-engine={engine}", "-o", str(out / "p.pdf")]
    ours = {"docx": "docx", "pdf": "pdf"}
    for route, command in routes.items():
        theirs_t, ours_t = [], []
        mine = _briefwright(
            "render", str(SAMPLE), "-f", ours[route], "-o", str(out), "-q", "--force"
        )
        for _ in range(runs):  # alternate, so drift in machine load hits both alike
            theirs_t.append(_median_seconds(command, 1))
            ours_t.append(_median_seconds(mine, 1))
        figures[route] = {
            "pandoc_s": statistics.median(theirs_t),
            "briefwright_s": statistics.median(ours_t),
        }
        figures[route]["ratio"] = figures[route]["briefwright_s"] / figures[route]["pandoc_s"]
    if not engine:
        figures["pdf_note"] = "no PDF engine for pandoc (weasyprint, wkhtmltopdf, pdflatex)"
    both = _briefwright(
        "render", str(SAMPLE), "-f", "docx", "-f", "pdf", "-o", str(out), "-q", "--force"
    )
    figures["briefwright_docx_and_pdf_s"] = _median_seconds(both, runs)
    figures["briefwright_docx_and_pdf_j1_s"] = _median_seconds([*both, "-j", "1"], runs)
    if "pdf" in figures:  # pandoc needs two runs for what one of ours makes
        pandoc_both = figures["docx"]["pandoc_s"] + figures["pdf"]["pandoc_s"]
        figures["pandoc_docx_plus_pdf_s"] = pandoc_both
        figures["ratio_docx_and_pdf"] = figures["briefwright_docx_and_pdf_s"] / pandoc_both
        figures["ratio_docx_and_pdf_j1"] = figures["briefwright_docx_and_pdf_j1_s"] / pandoc_both
        figures["all_formats"] = _all_formats_against_pandoc(routes, out, runs)
    return figures


def _all_formats_against_pandoc(routes: dict[str, list[str]], out: Path, runs: int) -> dict:
    """Our render of all formats against pandoc's DOCX run plus its PDF run, round by round."""
    ours = _briefwright("render", str(SAMPLE), "-o", str(out), "-q", "--force")
    ratios, walls = [], []
    for _ in range(runs):  # each round: pandoc's two runs, then ours, so drift hits all alike
        theirs = sum(_median_seconds(command, 1) for command in routes.values())
        walls.append(_median_seconds(ours, 1))
        ratios.append(walls[-1] / theirs)
    return {"briefwright_s": statistics.median(walls), "ratio": statistics.median(ratios)}


def _scaling(work: Path) -> dict:
    """Warm, in one process: the sample against one with 10x the key points and timeline."""
    sys.path.insert(0, str(ROOT / "src"))
    import yaml

    from briefwright import load_summary, render_bytes

    base = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    base["source"].pop("text", None)
    big = dict(base)
    big["key_points"] = base["key_points"] * 10
    big["timeline"] = base["timeline"] * 10
    timings = {}
    for name, data in (("sample", base), ("ten_times", big)):
        loaded = load_summary(json.loads(json.dumps(data, default=str)))
        render_bytes(loaded)  # warm caches and imports
        samples = []
        for _ in range(3):
            start = time.perf_counter()
            render_bytes(loaded)
            samples.append(time.perf_counter() - start)
        timings[name] = statistics.median(samples)
    return {
        "sample_warm_s": timings["sample"],
        "ten_times_warm_s": timings["ten_times"],
        "ratio": timings["ten_times"] / timings["sample"],
    }


def _warm_stages(work: Path, count: int) -> dict:
    """CPU ms per briefing of each step, warm, in this process: where a batch's time goes."""
    sys.path.insert(0, str(ROOT / "src"))
    from briefwright.pipeline.settings import RenderSettings
    from briefwright.pipeline.steps import build_document, load, resolve, write_options
    from briefwright.writers import get_writer

    inputs = sorted(_make_batch(work / "warm-in", count).iterdir())
    steps: dict[str, list[float]] = {}

    def timed(step, function, *args):
        start = time.process_time()
        value = function(*args)
        steps.setdefault(step, []).append(1000 * (time.process_time() - start))
        return value

    for round_ in range(2):  # the first round imports and fills the caches
        if round_:
            steps.clear()
        for path in inputs:
            loaded = timed("load", load, path)
            resolved = timed("template", resolve, "analyst")
            doc = timed("template + parse", build_document, loaded, resolved)
            options = write_options(loaded, resolved, RenderSettings())
            for fmt in ("pdf", "docx", "md"):
                timed(fmt, get_writer(fmt), doc, resolved.theme, options)
    medians = {step: statistics.median(values) for step, values in steps.items()}
    medians["total"] = sum(medians.values())
    return {"summaries": count, "cpu_ms_per_briefing": medians}


# --- reporting ----------------------------------------------------------------------------


def _rows(r: dict) -> list[tuple[str, str, str]]:
    s, st, b, m, sc = r["single"], r["startup"], r["batch"], r["memory"], r["scaling"]
    rows = [
        (
            "render sample, 3 formats (process)",
            f"{s['render_wall_s']:.3f} s",
            f"{s['ratio_to_named_floor']:.2f}x named floor ({s['named_floor_wall_s']:.3f} s), "
            f"{s['ratio_to_full_floor']:.2f}x full floor ({s['full_floor_wall_s']:.3f} s); "
            f"CPU {s['render_cpu_s']:.3f} s",
        ),
        (
            "  the same, -j 1 (one process)",
            f"{s['render_j1_wall_s']:.3f} s",
            f"{s['ratio_j1_to_named_floor']:.2f}x named floor, "
            f"{s['ratio_j1_to_full_floor']:.2f}x full floor",
        ),
        (
            "  the same, no cache",
            f"{s['render_no_cache_wall_s']:.3f} s",
            "BRIEFWRIGHT_NO_CACHE=1: fonts parsed, templates compiled",
        ),
        ("briefwright --help", f"{st['help_s']:.3f} s", f"{st['help_ratio']:.2f}x `{HELP_FLOOR}`"),
        (
            "briefwright validate sample",
            f"{st['validate_s']:.3f} s",
            f"{st['validate_ratio']:.2f}x same floor ({st['floor_s']:.3f} s)",
        ),
    ]
    for jobs in (1, 2):
        j = b[f"j{jobs}"]
        rows.append(
            (
                f"batch of {b['summaries']}, -j {jobs}",
                f"{j['briefings_per_s']:.1f} /s",
                f"{j['ms_per_briefing_per_core']:.0f} ms/briefing/core, "
                f"peak {j['peak_rss_mb']:.0f} MB",
            )
        )
    each = ", ".join(f"{x:.2f}" for x in b["speedup_j2_each_round"])
    rows.append(
        (
            "-j 2 speed-up",
            f"{b['speedup_j2']:.2f}x",
            f"throughput of -j 2 over -j 1, median of {b['rounds']} alternating rounds ({each})",
        )
    )
    rows.append(
        (
            f"peak RSS, {m['summaries']} summaries",
            f"{m['peak_rss_mb_all']:.0f} MB",
            f"after a tenth: {m['peak_rss_mb_tenth']:.0f} MB",
        )
    )
    p = r["pandoc"]
    if p.get("available"):
        for route in ("docx", "pdf"):
            if route in p:
                rows.append(
                    (
                        f"pandoc md -> {route}",
                        f"{p[route]['pandoc_s']:.3f} s",
                        f"briefwright {p[route]['briefwright_s']:.3f} s ({p[route]['ratio']:.2f}x)",
                    )
                )
        rows.append(
            (
                "briefwright docx + pdf",
                f"{p['briefwright_docx_and_pdf_s']:.3f} s",
                p.get("pdf_note")
                or f"{p['ratio_docx_and_pdf']:.2f}x pandoc's docx + pdf "
                f"({p['pandoc_docx_plus_pdf_s']:.3f} s)",
            )
        )
        rows.append(
            (
                "  the same, -j 1",
                f"{p['briefwright_docx_and_pdf_j1_s']:.3f} s",
                f"{p['ratio_docx_and_pdf_j1']:.2f}x" if "ratio_docx_and_pdf_j1" in p else "",
            )
        )
        if "all_formats" in p:
            rows.append(
                (
                    "briefwright docx + pdf + md",
                    f"{p['all_formats']['briefwright_s']:.3f} s",
                    f"{p['all_formats']['ratio']:.2f}x pandoc's docx + pdf (median of per-round "
                    "ratios)",
                )
            )
    else:
        rows.append(("pandoc", "-", p["note"]))
    rows.append(
        (
            "10x key points and timeline (warm)",
            f"{sc['ratio']:.2f}x",
            f"{sc['sample_warm_s'] * 1000:.0f} ms -> {sc['ten_times_warm_s'] * 1000:.0f} ms",
        )
    )
    warm = r["warm"]["cpu_ms_per_briefing"]
    rows.append(
        (
            "warm CPU per briefing (in process)",
            f"{warm['total']:.0f} ms",
            ", ".join(f"{step} {ms:.0f}" for step, ms in warm.items() if step != "total"),
        )
    )
    return rows


def _print_table(results: dict) -> None:
    rows = _rows(results)
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    machine = results["machine"]
    start, end = machine["load_average_at_start"][0], machine["load_average_at_end"][0]
    print(f"\nload average (1 min) {start:.2f} at start, {end:.2f} at end, {machine['cpus']} CPUs")


def _save(results: dict, output: Path | None) -> None:
    if output is None:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        output = ROOT / "benchmarks" / "results" / f"{stamp}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {output}")


if __name__ == "__main__":
    sys.exit(main())
