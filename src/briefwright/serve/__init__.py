"""Briefings over HTTP: `briefwright serve`, its API, the page for people, and warm workers.

    app.py       the ASGI application (create_app, from_environment)
    config.py    ServeConfig, its safe defaults and the token rule
    service.py   what requests share: workers, templates, metrics; Service.run
    workers.py   WorkerPool: warm processes, deadlines, a bounded queue (a futures Executor)
    tasks.py     the work a worker does, through the same pipeline as the CLI
    routes.py    the HTTP API; inputs.py reads requests; errors.py turns failures into JSON
    limits.py    the guard in front: token, size cap, security headers; policy.py the CSP
    pages.py     `/`, its static files and the API docs page; openapi.py the description
    metrics.py   /metrics for Prometheus

Needs the `serve` extra (Starlette, uvicorn, python-multipart, prometheus-client).
"""
