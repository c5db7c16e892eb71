"""Production: PostgreSQL, Redis and Celery workers (docker-compose.yml), HTTPS only.
Required env: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL (see SECURITY.md)."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import REDIS_URL, env

DEBUG = False
if not REDIS_URL:
    raise ImproperlyConfigured("REDIS_URL must be set in production (Celery broker).")
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}

# The deployment puts a TLS-terminating proxy in front (README "Deploying"): trusted unless
# BEHIND_PROXY=false; nothing but that proxy may then reach the app's port (SECURITY.md).
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None

# HTTPS: redirect plain HTTP, cookies only over HTTPS, browsers told to stay on HTTPS.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^suc-khoe/$"]  # the container's own health check, over HTTP
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 30)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    # Entering the browsers' preload list is the decision of the owner of the whole domain
    # (a province's gov.vn name), not of one application on a sub-domain of it.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
