# The image behind docker-compose.yml's web and worker services.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY config config
COPY authorities authorities
COPY inspections inspections
COPY improvements improvements
COPY dataversion dataversion
COPY dashboards dashboards
RUN pip install --no-cache-dir .
COPY . .
RUN useradd --create-home judgement && mkdir -p /srv/static /srv/media && chown -R judgement /srv
USER judgement
RUN DEBUG=1 SECRET_KEY=build-only DATABASE_URL=postgres://build@localhost/build REDIS_URL=redis://localhost \
    STATIC_ROOT=/srv/static STATIC_MANIFEST=1 python manage.py collectstatic --noinput
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
