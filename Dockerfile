# One image for web, worker and beat (docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=cchc.settings.production

# WeasyPrint's system libraries, Vietnamese-capable serif fonts, gettext for the catalogues,
# poppler-utils for the text of an uploaded PDF (cchc/uploads.py pdf_read).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
      libharfbuzz0b fonts-liberation2 gettext curl poppler-utils \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml ./
RUN pip install --upgrade pip
COPY . .
RUN pip install . \
 && SECRET_KEY=build ALLOWED_HOSTS=build REDIS_URL=redis://build DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput -v 0 \
 && SECRET_KEY=build ALLOWED_HOSTS=build REDIS_URL=redis://build DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py compilemessages -v 0 \
 && useradd --create-home --uid 10001 cchc && mkdir -p /data/media && chown -R cchc /data

USER cchc
EXPOSE 8000
CMD ["gunicorn", "cchc.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", "--access-logfile", "-"]
