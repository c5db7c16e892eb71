"""Production settings served over plain HTTP on localhost, for the benchmark only: the HTTPS
redirect, secure-only cookies, HSTS and the proxy header are off (locust talks HTTP to gunicorn
directly); everything else is production's. Static files are collected to ``STATIC_ROOT``."""

from cchc.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_PROXY_SSL_HEADER = None
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
