# The portal's image: the web process (gunicorn) and the Celery worker run from it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1

# WeasyPrint's libraries, fonts with every Latvian letter, gettext for translations.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libffi8 \
        fonts-dejavu-core fonts-liberation2 gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install -e .
COPY . .

# Collected with the production settings; the key is only for this build step.
RUN DJANGO_SETTINGS_MODULE=erasmus_portal.settings.prod SECRET_KEY=collectstatic-only \
    python manage.py collectstatic --noinput

RUN useradd --create-home portal && mkdir -p /data/media && chown portal /data/media
USER portal

ENV DJANGO_SETTINGS_MODULE=erasmus_portal.settings.prod MEDIA_ROOT=/data/media
EXPOSE 8000
CMD ["gunicorn", "erasmus_portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "120"]
