"""A FIFO or a device where the manifest or an output should be: refused with a message,
never a hang or a read without end, and nothing is replaced."""

from __future__ import annotations

import os
import signal

import pytest

from briefwright.errors import OutputError
from briefwright.output import MANIFEST_NAME, commit_outputs

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs or /dev/zero here")


@pytest.fixture(autouse=True)
def no_hang():
    """A regression here would block in open() for ever: fail after 20 seconds instead."""

    def hung(signum, frame):
        raise TimeoutError("the commit waited on a special file")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_a_fifo_as_the_manifest_is_refused_without_hanging(tmp_path):
    os.mkfifo(tmp_path / MANIFEST_NAME)
    with pytest.raises(OutputError, match="FIFO"):
        commit_outputs({tmp_path / "a.md": b"alpha"})
    assert sorted(os.listdir(tmp_path)) == [MANIFEST_NAME]


def test_a_manifest_leading_to_dev_zero_is_refused(tmp_path):
    os.symlink("/dev/zero", tmp_path / MANIFEST_NAME)
    with pytest.raises(OutputError, match="character device"):
        commit_outputs({tmp_path / "a.md": b"alpha"})
    assert os.path.islink(tmp_path / MANIFEST_NAME)


@pytest.mark.parametrize("force", [False, True])
def test_a_fifo_where_an_output_goes_is_not_read_nor_replaced(tmp_path, force):
    os.mkfifo(tmp_path / "a.md")
    with pytest.raises(OutputError, match="not a regular file"):
        commit_outputs({tmp_path / "a.md": b"alpha", tmp_path / "a.pdf": b"%PDF"}, force=force)
    assert sorted(os.listdir(tmp_path)) == ["a.md"]
