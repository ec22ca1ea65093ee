"""The parts behind templates.py and rendering.py: config, sandbox, filters, context, scaffold."""
