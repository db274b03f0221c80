# The image behind docker-compose.yml's web and worker services.
FROM python:3.11-slim
# Inside the container gunicorn listens on every interface: what the host publishes (127.0.0.1 only, in
# docker-compose.yml) decides who reaches it.
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 GUNICORN_BIND=0.0.0.0:8000
WORKDIR /app
COPY pyproject.toml README.md ./
COPY config config
COPY authorities authorities
COPY inspections inspections
COPY improvements improvements
COPY dataversion dataversion
COPY dashboards dashboards
COPY ops ops
COPY requirements.lock ./
# The pinned versions of requirements.lock: the image installs what CI tested.
RUN pip install --no-cache-dir -c requirements.lock .
COPY . .
RUN useradd --create-home judgement && mkdir -p /srv/static /srv/media && chown -R judgement /srv
USER judgement
RUN DEBUG=1 SECRET_KEY=build-only DATABASE_URL=postgres://build@localhost/build REDIS_URL=redis://localhost \
    STATIC_ROOT=/srv/static STATIC_MANIFEST=1 python manage.py collectstatic --noinput
EXPOSE 8000
CMD ["gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"]
