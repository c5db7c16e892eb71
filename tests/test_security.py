"""Secure by default (SECURITY.md): the production settings pass Django's deployment check,
every page carries a strict Content Security Policy and may not be framed, repeated failed
logins lock one username from one address, logins and failures are recorded, passwords are
validated, admin actions are listed, and no URL serves stored files."""

import importlib
import os
import re
import secrets
import subprocess
import sys
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.views.static import serve

from agencies.models import Agency, User
from cchc.security import client_ip
from demo.data import DEMO_PASSWORD
from reporting.services import submissions as services
from tests.evidence_files import PDF, upload

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "cchc.snv.example.gov.vn",
    "CSRF_TRUSTED_ORIGINS": "https://cchc.snv.example.gov.vn",
    "DATABASE_URL": "sqlite:////tmp/cchc-check-deploy.sqlite3",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


# --- production settings -----------------------------------------------------------------------


def test_check_deploy_is_clean_with_production_settings():
    """`manage.py check --deploy` at warning level, in a process of its own with the environment
    a deployment gives it (nothing else inherited that could change the settings)."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "cchc.settings.production",
        **PRODUCTION_ENV,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@contextmanager
def production_settings(monkeypatch, **env):
    for name, value in {**PRODUCTION_ENV, **env}.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    modules = ("cchc.settings.production", "cchc.settings.base")
    for name in modules:
        sys.modules.pop(name, None)
    try:
        yield importlib.import_module("cchc.settings.production")
    finally:
        for name in modules:
            sys.modules.pop(name, None)


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_reads_its_secrets_and_hosts_from_the_environment(monkeypatch, missing):
    with pytest.raises(ImproperlyConfigured), production_settings(monkeypatch, **{missing: None}):
        pass


def test_production_settings_values(monkeypatch):
    with production_settings(monkeypatch) as prod:
        assert secrets.compare_digest(prod.SECRET_KEY, PRODUCTION_ENV["SECRET_KEY"])
        assert prod.ALLOWED_HOSTS == ["cchc.snv.example.gov.vn"]
        assert prod.SESSION_COOKIE_SECURE and prod.CSRF_COOKIE_SECURE
        assert prod.SECURE_SSL_REDIRECT and prod.SECURE_HSTS_SECONDS == 30 * 24 * 3600
        assert prod.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
        assert prod.SESSION_COOKIE_AGE == 8 * 3600 and prod.SESSION_EXPIRE_AT_BROWSER_CLOSE
        assert prod.X_FRAME_OPTIONS == "DENY" and prod.SECURE_CONTENT_TYPE_NOSNIFF
        assert "csp.middleware.CSPMiddleware" in prod.MIDDLEWARE
        assert prod.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
        assert prod.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def test_production_https_settings_come_from_the_environment(monkeypatch):
    with production_settings(
        monkeypatch,
        BEHIND_PROXY="false",
        SECURE_HSTS_SECONDS="3600",
        SESSION_COOKIE_AGE="1800",
        SECURE_HSTS_PRELOAD="true",
    ) as prod:
        assert prod.SECURE_PROXY_SSL_HEADER is None
        assert prod.SECURE_HSTS_SECONDS == 3600 and prod.SECURE_HSTS_PRELOAD
        assert "security.W021" not in getattr(prod, "SILENCED_SYSTEM_CHECKS", [])
        assert prod.SESSION_COOKIE_AGE == 1800


def test_no_url_serves_stored_files_in_production(monkeypatch):
    """Evidence files and report PDFs live under MEDIA_ROOT, which no URL maps: not Django's
    static serve view, not WhiteNoise (it serves STATIC_ROOT only), not the storages' URLs."""
    with production_settings(monkeypatch, MEDIA_ROOT="/data/media", STATIC_ROOT="/app/staticfiles") as prod:
        media = Path(prod.MEDIA_ROOT).resolve()
        for static_dir in [prod.STATIC_ROOT, *prod.STATICFILES_DIRS]:
            static_dir = Path(static_dir).resolve()
            assert not media.is_relative_to(static_dir) and not static_dir.is_relative_to(media)
        assert not getattr(prod, "WHITENOISE_ROOT", None)
        assert not getattr(prod, "WHITENOISE_USE_FINDERS", False)
        assert prod.ROOT_URLCONF == "cchc.urls" and not prod.DEBUG

    def callbacks(resolver):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from callbacks(entry)
            elif isinstance(entry, URLPattern):
                yield entry.callback

    assert serve not in set(callbacks(get_resolver("cchc.urls")))


@pytest.mark.django_db
def test_a_stored_evidence_file_has_no_public_url(client, settings):
    settings.DEBUG = False
    stp = Agency.objects.get(code="hy-stp")
    stored = services.evidence_store(
        upload=upload("kiem-chung.pdf", PDF),
        kind="pdf",
        agency=stp,
        user=User.objects.get(username="tp.reporter"),
    )
    client.force_login(User.objects.get(username="nv.reviewer"))  # may read every file
    name = stored.file.name
    for url in (
        f"/media/{name}",
        f"/media/evidence/{name}",
        f"/evidence/{name}",
        f"/{settings.MEDIA_URL.strip('/')}/evidence/{name}".replace("//", "/"),
        "/" + stored.file.url.lstrip("/"),
        f"/static/../media/evidence/{name}",
    ):
        assert client.get(url).status_code == 404, url
    download = client.get(reverse("reporting:evidence_download", args=[stored.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


# --- headers on every page ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "url"), [(None, "/dang-nhap/"), ("tp.reporter", "/"), ("nv.reviewer", "/quan-tri/")]
)
def test_pages_carry_a_strict_content_security_policy(client, who, url):
    if who:
        client.force_login(User.objects.get(username=who))
    response = client.get(url)
    assert response.status_code == 200
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


INLINE = re.compile(
    r"<script(?![^>]*\ssrc=)[^>]*>|<style[\s>]|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE
)


def test_no_template_has_what_the_policy_would_block():
    """No inline script or style, no style attribute, no event-handler attribute: the policy
    blocks them. The report PDF's templates are read by WeasyPrint, never by a browser."""
    pdf_templates = ROOT / "reports/templates/reports/pdf"
    paths = list((ROOT / "templates").rglob("*.html")) + list(ROOT.glob("*/templates/**/*.html"))
    assert len(paths) > 20
    for path in paths:
        if path.is_relative_to(pdf_templates):
            continue
        found = INLINE.search(path.read_text(encoding="utf-8"))
        assert found is None, f"{path.relative_to(ROOT)}: {found.group(0)}"


# --- login throttling and lockout -------------------------------------------------------------

LOCKED = "Tài khoản tạm bị khoá vì đăng nhập sai 5 lần"


def login(client, username, password, ip="10.0.0.7"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_repeated_failures_lock_the_account_for_that_address(client):
    for _ in range(6):
        response = login(client, "tp.reporter", "sai-mat-khau")
    assert response.status_code == 429 and LOCKED in response.text
    assert "Hãy thử lại sau 30 phút" in response.text
    assert 'value="tp.reporter"' in response.text  # the login page again, name kept

    right = login(client, "tp.reporter", DEMO_PASSWORD)
    assert right.status_code == 429 and LOCKED in right.text
    assert "_auth_user_id" not in client.session

    # another user from the same address, and the same user from another address, log in
    assert login(client, "tp.head", DEMO_PASSWORD).status_code == 302
    client.logout()
    assert login(client, "tp.reporter", DEMO_PASSWORD, ip="10.0.0.8").status_code == 302


@pytest.mark.django_db
def test_the_lock_ends_after_the_cool_off_and_a_good_login_resets_the_count(client):
    for _ in range(5):
        login(client, "tp.reporter", "sai-mat-khau")
    assert login(client, "tp.reporter", DEMO_PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=31), tick=False):
        assert login(client, "tp.reporter", DEMO_PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="tp.reporter").exists()


@pytest.mark.django_db
def test_four_failures_then_the_right_password_log_in(client):
    for _ in range(4):
        assert login(client, "tp.reporter", "sai-mat-khau").status_code == 200
    assert login(client, "tp.reporter", DEMO_PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_admin_login_is_throttled_too(client):
    for _ in range(5):
        client.post(
            "/quan-tri/login/", {"username": "nv.reviewer", "password": "sai"}, REMOTE_ADDR="10.0.0.9"
        )
    response = client.post(
        "/quan-tri/login/", {"username": "nv.reviewer", "password": DEMO_PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 429 and LOCKED in response.text


# --- what is recorded -------------------------------------------------------------------------


@pytest.mark.django_db
def test_failed_logins_logins_and_logouts_are_recorded(client):
    login(client, "tp.reporter", "sai-mat-khau", ip="10.1.2.3")
    failure = AccessFailureLog.objects.get(username="tp.reporter")
    assert failure.ip_address == "10.1.2.3" and failure.path_info == "/dang-nhap/"
    assert not failure.locked_out
    attempt = AccessAttempt.objects.get(username="tp.reporter")
    assert attempt.failures_since_start == 1
    assert "sai-mat-khau" not in attempt.post_data  # the password typed is never kept

    assert login(client, "tp.reporter", DEMO_PASSWORD, ip="10.1.2.3").status_code == 302
    entry = AccessLog.objects.get(username="tp.reporter")
    assert entry.ip_address == "10.1.2.3" and entry.logout_time is None
    assert not AccessAttempt.objects.filter(username="tp.reporter").exists()  # count reset

    client.post(reverse("logout"), REMOTE_ADDR="10.1.2.3")
    entry.refresh_from_db()
    assert entry.logout_time is not None


@pytest.mark.django_db
def test_admin_actions_are_listed_read_only_for_staff(client):
    reviewer = User.objects.get(username="nv.reviewer")
    agency = Agency.objects.get(code="hy-stp")
    LogEntry.objects.log_actions(
        user_id=reviewer.pk, queryset=[agency], action_flag=CHANGE, change_message="Đổi tên viết tắt"
    )
    staff = User.objects.create_user("qt.staff", password="Mot-mat-khau-dai-2026", is_staff=True)
    client.force_login(staff)
    index = client.get(reverse("admin:index")).text
    assert reverse("admin:agencies_adminaction_changelist") in index
    listing = client.get(reverse("admin:agencies_adminaction_changelist"))
    assert listing.status_code == 200 and "Đổi tên viết tắt" in listing.text
    assert client.get(reverse("admin:agencies_adminaction_add")).status_code == 403
    assert "nhật ký thao tác quản trị" in index.lower()
    entry = LogEntry.objects.latest("action_time")
    assert (
        client.post(
            reverse("admin:agencies_adminaction_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert LogEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
def test_superusers_see_the_login_records_in_the_admin(client):
    client.force_login(User.objects.get(username="nv.reviewer"))
    index = client.get(reverse("admin:index")).text
    for model in ("accesslog", "accessfailurelog", "accessattempt"):
        assert reverse(f"admin:axes_{model}_changelist") in index


# --- passwords ----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("12345678", "quá ngắn"),
        ("12345678901", "hoàn toàn là số"),
        ("password123", "quá phổ biến"),
        ("tp.reporter1", "quá giống"),
    ],
)
def test_weak_passwords_are_refused(password, reason):
    user = User.objects.get(username="tp.reporter")
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert reason in " ".join(refused.value.messages)


@pytest.mark.django_db
def test_a_long_uncommon_password_is_accepted():
    validate_password("Cai-cach-hanh-chinh-2026", User.objects.get(username="tp.reporter"))


# --- the client address behind a proxy ---------------------------------------------------------


@pytest.mark.parametrize(
    ("behind", "count", "forwarded", "expected"),
    [
        (False, 1, "1.2.3.4", "10.0.0.1"),  # no proxy: the header is the client's word
        (True, 1, "1.2.3.4", "1.2.3.4"),
        (True, 1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),  # what the client put first does not count
        (True, 2, "6.6.6.6, 1.2.3.4, 172.16.0.2", "1.2.3.4"),
        (True, 2, "1.2.3.4", "10.0.0.1"),  # fewer entries than proxies: the peer
        (True, 1, "", "10.0.0.1"),
    ],
)
def test_client_address(settings, behind, count, forwarded, expected):
    settings.BEHIND_PROXY, settings.PROXY_COUNT = behind, count
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_the_settings_under_test_are_the_secure_ones():
    assert settings.X_FRAME_OPTIONS == "DENY" and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    cool_off = settings.AXES_COOLOFF_TIME
    assert settings.AXES_FAILURE_LIMIT == 5 and cool_off == timedelta(minutes=30)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
