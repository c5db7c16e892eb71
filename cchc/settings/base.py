"""Settings shared by every environment. Everything deployment-specific comes from the
environment (see README "Configuration"); with nothing set the app runs on an embedded default:
a SQLite file and Celery tasks executed in-process."""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-insecure-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "simple_history",
    "csp",
    "axes",
    "ninja",  # the API's browsable documentation, served from its own static files (no CDN)
    "agencies",
    "notifications",
    "plans",
    "targets",
    "onestop",
    "reporting",
    "reports",
    "scoring",
    "api",
    "public",
    "demo",
    "bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cchc.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "api.middleware.ApiCallLogMiddleware",  # every call of /api/v1/ logged (issue 24)
    # last, as django-axes asks: turns a locked-out login into the lockout page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cchc.urls"
WSGI_APPLICATION = "cchc.wsgi.application"

# Forms (issue 26): Django's renderer with the plain widgets written in Python, the same HTML
# without a template render per field (cchc/form_renderer.py).
FORM_RENDERER = "cchc.form_renderer.Renderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifications.context_processors.notifications",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The embedded default's SQLite file, written by several requests at once (four approvals at the
# same moment got "database is locked"): a transaction takes the write lock when it begins
# (IMMEDIATE) instead of failing at once when it upgrades a read lock another writer blocks, a
# writer waits up to SQLITE_TIMEOUT seconds for the lock, and in WAL mode readers never wait for
# a writer. Options given in DATABASE_URL's query string win.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env.int("SQLITE_TIMEOUT", default=30),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "agencies.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Django's MinimumLengthValidator, its message in Vietnamese
    {"NAME": "cchc.security.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Security (SECURITY.md). Production adds HTTPS: secure cookies, HSTS, redirect. ---------
# Login throttling (django-axes): LOGIN_FAILURE_LIMIT failed logins for one username from one
# address lock that pair for LOGIN_LOCKOUT_MINUTES; a good login resets the count. Every login,
# logout and failed login is kept (axes' AccessLog and AccessFailureLog, in the admin).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out pair before the rest
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "cchc.security.lockout_response"  # the login page, in Vietnamese
AXES_CLIENT_IP_CALLABLE = "cchc.security.client_ip"  # proxy-aware only when BEHIND_PROXY
# Error pages (templates/400.html, 403.html, 404.html, 500.html): Vietnamese, in the layout; a
# refused CSRF token gets the same (templates/403_csrf.html) instead of Django's English page.
CSRF_FAILURE_VIEW = "cchc.views.csrf_failure"

# Behind a reverse proxy that terminates TLS: trust its X-Forwarded-Proto (HTTPS) and take
# the client's address from X-Forwarded-For, PROXY_COUNT entries from the right (the one
# the outermost proxy of ours appended). Only when the app cannot be reached around it.
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
PROXY_COUNT = env.int("PROXY_COUNT", default=1)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Sessions: one office day from login, and gone when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Fields one form may post. "Tạo kế hoạch từ văn bản" reviews a whole plan on one page: 60
# targets of 15 fields and 150 tasks of 8 pass Django's default of 1 000 (the bodies of larger
# requests are still held to DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MB).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5_000

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content Security Policy (django-csp 4): everything from this site, no inline script or
# style, no plugins, never framed. Scripts are files in static/js; the report PDFs' inline
# styles are read by WeasyPrint on the server, never by a browser.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Language and time: Vietnamese first, English available; Vietnam's clock.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["cchc.formats"]
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Evidence files: no public URL; served only through the access-checked download view.
    "evidence": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": MEDIA_ROOT / "evidence",
            "directory_permissions_mode": 0o750,
            "file_permissions_mode": 0o640,
        },
    },
    # Report PDFs: the same, served by the report download view.
    "reports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": MEDIA_ROOT / "reports",
            "directory_permissions_mode": 0o750,
            "file_permissions_mode": 0o640,
        },
    },
}
# Largest evidence file accepted (PDF, DOCX, XLSX, JPG, PNG), in MB.
EVIDENCE_MAX_MB = env.int("EVIDENCE_MAX_MB", default=10)

# E-mail: console by default; EMAIL_URL like smtp+tls://user:pass@mail.example.gov.vn:587
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="cchc@localhost")
# Where users open the app: the links in e-mails (reminders) start with it.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Celery: a real broker when REDIS_URL is set, otherwise tasks run in-process.
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_DEFAULT_QUEUE = "default"
# PDF rendering has its own queue; everything else (progress recompute included) is "default".
CELERY_TASK_ROUTES = {
    "reports.tasks.report_*": {"queue": "reports"},
    "scoring.tasks.publication_render": {"queue": "reports"},
}
CELERY_BEAT_SCHEDULE: dict = {
    # what the broker or a dead worker left waiting (reports.jobs, reporting.jobs): sent again once it is back
    "pending-jobs-dispatch": {"task": "reports.tasks.pending_jobs_dispatch", "schedule": 60.0},
    "progress-recompute-all": {
        "task": "reporting.tasks.progress_recompute_all",
        "schedule": crontab(hour=1, minute=30),
    },
    "report-drafts-due": {"task": "reports.tasks.report_drafts_due", "schedule": crontab(hour=6, minute=0)},
    "evidence-orphans-cleanup": {
        "task": "reporting.tasks.evidence_orphans_cleanup",
        "schedule": crontab(hour=2, minute=30),
    },
    # reminders and the reviewers' digest, at the start of the office day
    "reminders-daily": {"task": "reporting.tasks.reminders_daily", "schedule": crontab(hour=7, minute=0)},
    # year close (chốt năm): plans whose year has ended and was never closed, after the recompute
    "years-close-daily": {"task": "reporting.tasks.years_close_daily", "schedule": crontab(hour=2, minute=0)},
    # PAR-index scoring: rounds whose plan figures changed are recomputed, waiting jobs resent
    "scoring-jobs-dispatch": {"task": "scoring.tasks.scoring_jobs_dispatch", "schedule": 300.0},
}

# Caches (issue 26): the dashboards' pages (reports.caching) and the API's rate limit. Redis
# (REDIS_URL, shared by every web process) when set, as in production; otherwise each process's
# memory (the embedded default). Every page entry expires after PAGE_CACHE_SECONDS (0: pages
# are not cached); a recompute warms its plan's most-read pages when PAGE_CACHE_WARM. Every key
# names the release of the code (cchc.release): a deploy never serves the last release's pages.
CACHE_KEY_FUNCTION = "cchc.release.cache_key"
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cchc",
            "KEY_FUNCTION": CACHE_KEY_FUNCTION,
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
            "KEY_FUNCTION": CACHE_KEY_FUNCTION,
        }
    )
}
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=10 * 60)
PAGE_CACHE_WARM = env.bool("PAGE_CACHE_WARM", default=True)

# The read API (api/, issue 24): calls a minute per client token before 429.
API_RATE_LIMIT = env.int("API_RATE_LIMIT", default=120)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs every layout step at INFO
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # a version banner at every start; its lockouts and failures come from elsewhere
        "axes.apps": {"level": "WARNING"},
    },
}
