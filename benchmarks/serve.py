"""Measure `briefwright serve` beside the CLI: latency on a warm server, throughput by workers.

    python benchmarks/serve.py               # a few minutes; prints a table, writes JSON
    python benchmarks/serve.py --quick       # fewer requests, for a first look
    python benchmarks/serve.py --output f.json

One run measures, on this machine and in this order:
- the CLI's cold single render: `briefwright render SAMPLE -f pdf`, the whole process, median;
- on a warm server with one worker, POST /api/render one request at a time: median and p99
  latency for the PDF, and for DOCX + PDF + Markdown as one zip;
- throughput (briefings per second) with 1 and 2 workers, each kept busy by 4 clients, in
  short alternating rounds: the median and the best round of each. On a shared machine the best
  round is the one least disturbed by other work, and two workers, which need both CPUs, are
  disturbed the most; the ratio is given both ways.

The clients are plain http.client connections in threads, to leave the CPUs to the server.
Nothing here is asserted. The load average is recorded: anything else running slows every
figure, and on a 2-CPU machine the server's own process shares the CPUs with its workers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "lavrov-yerevan-2025.yaml"
sys.path.insert(0, str(ROOT / "tests"))

from serve_helpers import running_server  # noqa: E402

BODY = SAMPLE.read_bytes()
PDF = "/api/render?template=analyst&format=pdf&name=lavrov-yerevan-2025.yaml"
ZIP = "/api/render?template=analyst&format=docx,pdf,md&name=lavrov-yerevan-2025.yaml"
CLIENTS = 4


def main() -> int:
    args = _arguments()
    quick = args.quick
    results: dict = {"machine": _machine(), "sample": SAMPLE.name}
    with tempfile.TemporaryDirectory(prefix="briefwright-serve-bench-") as scratch:
        work = Path(scratch)
        results["cli_cold_pdf_s"] = _cli_cold(work, 3 if quick else 9)
        with running_server(work, "--workers", "1") as server:
            results["latency"] = {
                "pdf": _latency(server.url, PDF, 50 if quick else 300),
                "zip_docx_pdf_md": _latency(server.url, ZIP, 30 if quick else 150),
            }
        results["throughput"] = _throughput(work, 1 if quick else 5, 60 if quick else 160)
    results["machine"]["load_average_at_end"] = os.getloadavg()
    cli = results["cli_cold_pdf_s"]
    results["pdf_median_vs_cli"] = results["latency"]["pdf"]["median_s"] / cli
    rates = results["throughput"]
    results["two_workers_vs_one"] = rates["2"]["median_per_s"] / rates["1"]["median_per_s"]
    results["two_workers_vs_one_best"] = rates["2"]["best_per_s"] / rates["1"]["best_per_s"]
    _print(results)
    _save(results, args.output)
    return 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer requests and rounds")
    parser.add_argument("--output", type=Path, help="JSON file to write")
    return parser.parse_args()


def _machine() -> dict:
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "load_average_at_start": os.getloadavg(),
    }


def _cli_cold(work: Path, runs: int) -> float:
    command = [sys.executable, "-m", "briefwright", "render", str(SAMPLE), "-f", "pdf"]
    command += ["-o", str(work / "cli"), "--force", "-q"]
    subprocess.run(command, check=True)  # bytecode and briefwright's cache as a user has them
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _post(connection: http.client.HTTPConnection, path: str) -> bytes:
    connection.request("POST", path, body=BODY, headers={"Content-Type": "application/yaml"})
    answer = connection.getresponse()
    data = answer.read()
    if answer.status != 200:
        raise RuntimeError(f"{path}: {answer.status} {data[:200]!r}")
    return data


def _connection(url: str) -> http.client.HTTPConnection:
    host, port = url.removeprefix("http://").split(":")
    return http.client.HTTPConnection(host, int(port), timeout=120)


def _latency(url: str, path: str, count: int) -> dict:
    connection = _connection(url)
    for _ in range(10):  # the first requests of a connection, and the worker's caches
        _post(connection, path)
    times = []
    for _ in range(count):
        started = time.perf_counter()
        _post(connection, path)
        times.append(time.perf_counter() - started)
    connection.close()
    times.sort()
    return {
        "requests": count,
        "median_s": statistics.median(times),
        "p99_s": times[min(len(times) - 1, round(0.99 * len(times)) - 1)],
    }


def _rate(url: str, count: int) -> float:
    """Briefings per second while CLIENTS clients send `count` PDF renders in all."""
    left = [count]
    lock = threading.Lock()

    def client() -> None:
        connection = _connection(url)
        while True:
            with lock:
                if left[0] == 0:
                    break
                left[0] -= 1
            _post(connection, PDF)
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return count / (time.perf_counter() - started)


def _throughput(work: Path, rounds: int, count: int) -> dict:
    rates: dict[str, list[float]] = {"1": [], "2": []}
    loads: dict[str, list[float]] = {"1": [], "2": []}
    for _ in range(rounds):
        for workers in ("1", "2"):
            with running_server(work, "--workers", workers) as server:
                _rate(server.url, 20)  # warm the connections and the workers
                rates[workers].append(_rate(server.url, count))
                loads[workers].append(os.getloadavg()[0])
    return {
        workers: {
            "rounds": found,
            "load_after_each": loads[workers],
            "median_per_s": statistics.median(found),
            "best_per_s": max(found),
        }
        for workers, found in rates.items()
    }


def _print(r: dict) -> None:
    pdf, zipped = r["latency"]["pdf"], r["latency"]["zip_docx_pdf_md"]
    one, two = r["throughput"]["1"], r["throughput"]["2"]
    rows = [
        ("CLI, one PDF, whole process (median)", f"{r['cli_cold_pdf_s'] * 1000:.0f} ms"),
        ("server, PDF: median / p99", f"{_ms(pdf['median_s'])} / {_ms(pdf['p99_s'])}"),
        ("server, PDF median against the CLI", f"{r['pdf_median_vs_cli']:.2f}x"),
        (
            "server, zip of DOCX+PDF+MD: median / p99",
            f"{_ms(zipped['median_s'])} / {_ms(zipped['p99_s'])}",
        ),
        (
            "throughput, 1 worker: median / best",
            f"{one['median_per_s']:.1f} / {one['best_per_s']:.1f} briefings/s",
        ),
        (
            "throughput, 2 workers: median / best",
            f"{two['median_per_s']:.1f} / {two['best_per_s']:.1f} briefings/s",
        ),
        (
            "2 workers against 1: medians / best rounds",
            f"{r['two_workers_vs_one']:.2f}x / {r['two_workers_vs_one_best']:.2f}x",
        ),
        (
            "load average at start / end",
            f"{r['machine']['load_average_at_start'][0]:.2f} / "
            f"{r['machine']['load_average_at_end'][0]:.2f}",
        ),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _save(results: dict, output: Path | None) -> None:
    if output is None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        output = ROOT / "benchmarks" / "results" / f"serve-{stamp}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {output}")


if __name__ == "__main__":
    sys.exit(main())
