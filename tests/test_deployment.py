"""The production path stays in step with the settings: compose services, env, health."""

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_compose_has_every_service_with_health_checks():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)
    for name in ("postgres", "redis", "web", "worker"):
        assert "healthcheck" in services[name], name
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DJANGO_SETTINGS_MODULE"] == "cchc.settings.production"
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["REDIS_URL"].startswith("redis://")
    assert "gunicorn" in services["web"]["command"]
    assert "reports" in " ".join(services["worker"]["command"])
    assert {"pgdata", "media"} <= set(compose["volumes"])


def test_production_settings_refuse_to_start_without_redis(monkeypatch):
    import importlib
    import sys

    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("DATABASE_URL", "postgres://u@h/db")
    monkeypatch.delenv("REDIS_URL", raising=False)
    for name in ("cchc.settings.production", "cchc.settings.base"):
        sys.modules.pop(name, None)
    with pytest.raises(ImproperlyConfigured):
        importlib.import_module("cchc.settings.production")
    for name in ("cchc.settings.production", "cchc.settings.base"):
        sys.modules.pop(name, None)


def test_production_settings_are_secure(monkeypatch):
    import importlib
    import sys

    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("ALLOWED_HOSTS", "cchc.snv.example.gov.vn")
    monkeypatch.setenv("DATABASE_URL", "postgres://u@h/db")
    monkeypatch.setenv("REDIS_URL", "redis://r:6379/0")
    for name in ("cchc.settings.production", "cchc.settings.base"):
        sys.modules.pop(name, None)
    prod = importlib.import_module("cchc.settings.production")
    try:
        assert prod.DEBUG is False
        assert prod.SESSION_COOKIE_SECURE and prod.CSRF_COOKIE_SECURE
        assert prod.CELERY_TASK_ALWAYS_EAGER is False
        assert "whitenoise.middleware.WhiteNoiseMiddleware" in prod.MIDDLEWARE
    finally:
        for name in ("cchc.settings.production", "cchc.settings.base"):
            sys.modules.pop(name, None)


@pytest.mark.django_db
def test_health_endpoint(client):
    response = client.get("/suc-khoe/")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_runserver_serves_static_files_for_the_embedded_default():
    """scripts/start.sh runs `runserver`: it must be staticfiles' version, which serves
    static/ in DEBUG (WhiteNoise serves them only in production)."""
    from django.core.management import get_commands

    assert get_commands()["runserver"] == "django.contrib.staticfiles"


def test_every_asset_is_local():
    for path in list((ROOT / "templates").rglob("*.html")) + list(ROOT.glob("*/templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text, path
