"""Entry point for gunicorn and the flask command: `gunicorn wsgi:app`, `flask --app wsgi …`."""

import gc

from conference import create_app

app = create_app()

# What is loaded by now (the app and its libraries) lives as long as the worker: move it out
# of the collector's reach, so that full collections during a large page stay short.
gc.freeze()
