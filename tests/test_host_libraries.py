"""A program that imports briefwright gets reportlab and python-docx exactly as they ship.

In a fresh interpreter, every module of the two libraries that a render loads is imported
first and recorded: the names of its attributes, each function and class as an object, and the
methods and properties of each class it defines. Then briefwright renders all four formats, and
every record must still hold: the same names, the very same objects.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "lavrov-yerevan-2025.yaml"
FORMATS = ("md", "html", "docx", "pdf")
LIBRARIES = ("reportlab", "_rl_accel", "docx")  # _rl_accel: reportlab's C accelerator

# run in a child: list the library modules a render loads
LIST_MODULES = """
import json, sys
import briefwright
briefwright.render(sys.argv[1], formats=sys.argv[3].split(","), output_dir=sys.argv[2])
roots = sys.argv[4].split(",")
print(json.dumps(sorted(m for m in sys.modules if m.partition(".")[0] in roots)))
"""

# run in a child: import those modules, record them, render, and report what changed
COMPARE = """
import importlib, inspect, json, sys

def recorded(module):
    names = {name: _kept(value) for name, value in vars(module).items()}
    members = {
        f"{name}.{attr}": member
        for name, value in vars(module).items()
        if inspect.isclass(value) and value.__module__ == module.__name__
        for attr, member in vars(value).items()
        if _kept(member) is not None or isinstance(member, (property, staticmethod, classmethod))
    }
    return names, members

def _kept(value):
    return value if inspect.isroutine(value) or inspect.isclass(value) else None

def _foreign(value, module_name):
    # a library may rebind a name of its own lazily (reportlab 4.1 does, open_for_read):
    # a replacement counts when the new object comes from outside that library
    owner = (getattr(value, "__module__", None) or "").partition(".")[0]
    return owner != module_name.partition(".")[0]

modules = {name: importlib.import_module(name) for name in json.loads(sys.argv[5])}
before = {name: recorded(module) for name, module in modules.items()}
import briefwright
briefwright.render(sys.argv[1], formats=sys.argv[3].split(","), output_dir=sys.argv[2])
changes = []
for name, module in modules.items():
    (old, old_members), (new, new_members) = before[name], recorded(module)
    for attr in sorted(old.keys() ^ new.keys()):
        changes.append(f"{name}.{attr}: {'added' if attr in new else 'removed'}")
    for attr in sorted(old.keys() & new.keys()):
        if old[attr] is not new[attr] and _foreign(new[attr], name):
            changes.append(f"{name}.{attr}: replaced")
    # a class may gain attributes from the library itself (reportlab binds some lazily)
    for attr, member in sorted(old_members.items()):
        replaced = new_members.get(attr)
        if replaced is not member and _foreign(replaced, name):
            changes.append(f"{name}.{attr}: replaced")
print(json.dumps(changes))
"""


def _run(code: str, out: Path, env: dict[str, str], *extra: str) -> list[str]:
    args = [str(SAMPLE), str(out), ",".join(FORMATS), ",".join(LIBRARIES), *extra]
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture
def child_env(tmp_path, monkeypatch) -> dict[str, str]:
    """The environment of the child interpreters, with a cache of their own."""
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFWRIGHT_")}
    env["BRIEFWRIGHT_CACHE_DIR"] = str(tmp_path / "cache")
    return env


def test_a_render_leaves_reportlab_and_python_docx_as_they_ship(tmp_path, child_env):
    modules = _run(LIST_MODULES, tmp_path / "listing", child_env)
    # the writers' libraries were loaded, including those imported lazily while rendering
    for expected in ("reportlab.platypus.paragraph", "reportlab.pdfbase.ttfonts", "docx.api"):
        assert expected in modules
    # cold: fonts and the starting DOCX are made and cached; warm: they come from the cache
    for run in ("cold", "warm"):
        changes = _run(COMPARE, tmp_path / run, child_env, json.dumps(modules))
        assert changes == [], f"{run} render changed the libraries: {changes}"
        written = {path.suffix for path in (tmp_path / run).iterdir()}
        assert written >= {".md", ".html", ".docx", ".pdf"}
