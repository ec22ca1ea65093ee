"""Writing outputs all or nothing, never over a file someone edited since briefwright wrote it."""

from briefwright.output.commit import commit_outputs
from briefwright.output.names import MANIFEST_NAME, is_reserved, refuse_reserved

__all__ = ["MANIFEST_NAME", "commit_outputs", "is_reserved", "refuse_reserved"]
