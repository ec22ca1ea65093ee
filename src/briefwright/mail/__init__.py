"""E-mail drafts of briefings: the message, SMTP delivery, and composing both from a render."""

DEFAULT_ATTACH = ("pdf",)
"""The formats `mail` attaches unless told otherwise."""
