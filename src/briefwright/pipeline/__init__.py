"""The render pipeline: one briefing step by step, many in a batch, and the executors they take.

    settings.py   RenderSettings and the defaults every entry point shares
    load.py       a summary from a path, a mapping, YAML/JSON text, or an already loaded one
    steps.py      load -> validate -> template -> Markdown -> tree -> writers -> commit
    write.py      the writer step: one task per format, run here or on an Executor
    batch.py      many summaries x templates over any concurrent.futures Executor
    executors.py  InlineExecutor, EarlyForkExecutor, and the CLI's process pool

Nothing here prints or exits: the CLI (cli/) and the library API (api.py) are its two callers.
Importing this package is light; each step imports its libraries when it runs.
"""
