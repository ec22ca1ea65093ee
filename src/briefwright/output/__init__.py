"""Writing outputs all or nothing, never over a file someone edited since briefwright wrote it."""

from briefwright.output.commit import MANIFEST_NAME, commit_outputs

__all__ = ["MANIFEST_NAME", "commit_outputs"]
