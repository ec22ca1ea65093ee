"""E-mail drafts of briefings: the message, SMTP delivery, and composing both from a render."""
