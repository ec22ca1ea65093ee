"""The one document tree every writer walks."""
