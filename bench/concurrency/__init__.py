"""The concurrent-entry benchmark of issue 9: many reporters saving and submitting at once
through gunicorn on PostgreSQL (locust), then a check that every saved value is stored once.
See ``bench/concurrency/run.sh``."""
