"""The one settings module. Everything that differs between a laptop, CI and a deployment comes from the
environment; `.env.example` lists every variable."""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config import embedded, mail_settings
from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
# Without a key (and not in DEBUG) SECRET_KEY stays empty rather than failing here, so that commands that sign
# nothing (read_document, import_official) work on a fresh clone; Django refuses an empty key the moment
# anything signs, and config/wsgi.py asks for it at start, so a server without one never starts.
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "development-only-key-never-used-in-production"  # noqa: S105
# A key copied from an example file is public: refuse it outside development rather than sign with it.
_PLACEHOLDERS = ("change-me", "changeme", "development-only")
if not DEBUG and any(marker in SECRET_KEY.lower() for marker in _PLACEHOLDERS):
    raise ImproperlyConfigured(
        "SECRET_KEY is a placeholder: set it to 50 or more random characters, e.g. the output of "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The admin site of config.admin: admins only, and a second factor for those who have one.
    "config.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "authorities",
    "inspections",
    "improvements",
    "alerts",
    "dashboards",
    "dataversion",
    "ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything reads the body (the CSRF check reads request.POST): refuse oversized bodies unread.
    "config.security.RequestSizeLimitMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "config.security.PrivateCacheMiddleware",
    "config.security.AuditActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last but the page cache, as django-axes asks: it turns a locked-out sign-in into a 429 page.
    "axes.middleware.AxesMiddleware",
    # Last, so that a page it answers from the cache still passes through every middleware above.
    "dataversion.page_cache.PublicPageCacheMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
            ],
        },
    },
]

# --- Database: a real server from DATABASE_URL, else the embedded PostgreSQL: PostgreSQL in every mode. ---
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 60))}
    if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
        raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL (postgres://...).")
else:
    DATABASES = {
        "default": {
            "ENGINE": "config.embedded_db",
            "NAME": embedded.DATABASE_NAME,
            "USER": "postgres",
            "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 60),
        }
    }
# Lets a Celery worker started by the tests use the test database.
if env_str("DATABASE_NAME"):
    DATABASES["default"]["NAME"] = env_str("DATABASE_NAME")
DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME") or None}
# A reused connection is checked before each request: after PostgreSQL restarts, the first request reconnects
# instead of failing on the dead connection.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The national picture and the heat map sort every headline in the database (dashboards.queries): enough
# memory per sort that they stay off the disk at 100x the real data.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
    f"-c work_mem={env_str('DATABASE_WORK_MEM') or '32MB'}"
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The role the app connects as in a deployment, when DATABASE_URL names the tables' owner only for `migrate`:
# after every migrate the owner grants it what the app needs and no more (config.dbroles): no TRUNCATE, no
# changes to the audit trail, no ownership (so it cannot disable a trigger).
DATABASE_APP_ROLE = env_str("DATABASE_APP_ROLE")

# --- Redis and Celery: a real server from REDIS_URL, else the embedded Redis, which the Celery app starts on
# its first connection (config/celery_app.py), not here: importing settings starts nothing. ---
REDIS_URL = env_str("REDIS_URL") or embedded.redis_url()
CELERY_BROKER_URL = REDIS_URL
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task is acknowledged only when it has finished, and given back to the queue if its worker dies: a document
# is never lost. Tasks are written to be safe to run twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 300)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 360)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True  # outcomes live on the models (Document.state), not in a result backend
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "judgement-tracker")
# Memory per worker process: RLIMIT_DATA (config.celery_app) bounds a task as it runs; a child that has grown
# past worker_max_memory_per_child (KiB) is replaced after its task.
WORKER_MEMORY_LIMIT_MB = env_int("WORKER_MEMORY_LIMIT_MB", 2048)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", 512 * 1024)
# Work a restart interrupted is queued again (ops.recovery) by this periodic sweep; the worker runs beat (-B).
RECOVERY_INTERVAL_SECONDS = env_int("RECOVERY_INTERVAL_SECONDS", 60)
RECOVERY_QUEUED_AFTER_SECONDS = env_int("RECOVERY_QUEUED_AFTER_SECONDS", 600)
CELERY_BEAT_SCHEDULE = {
    "recover-interrupted-work": {"task": "ops.tasks.recover_work", "schedule": RECOVERY_INTERVAL_SECONDS}
}
CELERY_BEAT_SCHEDULE_FILENAME = env_str("CELERY_BEAT_SCHEDULE_FILENAME") or str(
    embedded.local_dir() / "celerybeat-schedule"
)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}

# --- The cache: public pages per data version (dataversion), on the Redis we already run. ---
# A local-memory cache only where no Redis is configured (a laptop on the embedded servers): it is still never
# stale, because every key holds the data version, but each process then keeps its own copy.
if env_str("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "jt"),
            "TIMEOUT": env_int("CACHE_TIMEOUT", 24 * 3600),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "TIMEOUT": 3600}}
# Tables whose changes bump the data version: every table of these apps but the ignored ones.
DATA_VERSION_APPS = ["authorities", "inspections", "improvements"]
DATA_VERSION_IGNORED_TABLES = ["authorities_councilassignment"]  # who may edit which council: never shown
# Tables public only in some rows: a document is shown once published, not while it is uploaded and read.
DATA_VERSION_PUBLIC_ROWS = {"inspections_document": "{row}.state = 'published'"}
# The pages served from the cache to visitors who are not signed in (URL names), and how long a shared cache
# (a proxy, a browser) may keep one without asking again. 0: always ask, and the ETag makes asking cheap
# (304), so nobody is ever shown a page older than the data.
PUBLIC_PAGES = [
    "home",
    "authorities:list",
    "authorities:detail",
    "compare",
    "national",
    "lists:inspections",
    "lists:judgements",
    "lists:recommendations",
    "inspections:detail",
]
# What a worker computes the moment a change commits (dataversion.tasks): the figures every page needs.
DATA_VERSION_PRECOMPUTE = ["dashboards.precompute.precompute"]
# ... and then renders this many of the pages visitors ask for most, so the crowd after a publish finds them.
PRERENDER_PAGES = env_int("PRERENDER_PAGES", 100)
POPULAR_PAGES_SAMPLE = float(env_str("POPULAR_PAGES_SAMPLE") or 0.1)  # the share of requests counted
PUBLIC_CACHE_MAX_AGE = env_int("PUBLIC_CACHE_MAX_AGE", 0)
# Larger responses (a national CSV) are streamed and validated by ETag, but not kept in Redis.
PUBLIC_CACHE_MAX_BYTES = env_int("PUBLIC_CACHE_MAX_BYTES", 2 * 1024 * 1024)

# --- Alerts' periodic work (the same beat as the recovery sweep; or cron running the same commands) ---
# Times are Europe/London (TIME_ZONE). notify_overdue finds plan actions that fell overdue; send_digests mails
# the day's news to those who chose a daily digest; send_due_mails picks up any mail whose retry was lost.
CELERY_TIMEZONE = "Europe/London"
CELERY_BEAT_SCHEDULE = {
    **CELERY_BEAT_SCHEDULE,  # the recovery sweep above
    "alerts-notify-overdue": {
        "task": "alerts.tasks.notify_overdue_task",
        "schedule": crontab(hour=6, minute=0),
    },
    "alerts-daily-digests": {"task": "alerts.tasks.send_digests_task", "schedule": crontab(hour=7, minute=0)},
    "alerts-send-due-mails": {"task": "alerts.tasks.send_due_mails_task", "schedule": 300.0},
}

# Long passphrases, checked against Django's list of 20,000 common passwords and the words of this site
# (NCSC guidance: length and a deny-list, no composition rules).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 12)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "config.security.SiteWordsPasswordValidator"},
]
# django-axes counts failed sign-ins (the site's form and the admin's) per account and, separately, per
# client: after AXES_FAILURE_LIMIT failures either is locked for the cool-off, even with the right password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.security.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Files ---
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "config.staticfiles.PlotlyFinder",
]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or embedded.local_dir() / "media")
# A deployment runs collectstatic and serves hashed, compressed files; elsewhere files are served from source.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", False)
# Uploads go through Django's storage API only (document.file.open), so several web and worker containers
# share them through one volume mounted at MEDIA_ROOT, or through S3-compatible storage: set
# UPLOADS_STORAGE=storages.backends.s3.S3Storage and the S3_* variables (pip install ".[s3]").
UPLOADS_STORAGE = env_str("UPLOADS_STORAGE", "django.core.files.storage.FileSystemStorage")
_UPLOADS_OPTIONS = {}
if UPLOADS_STORAGE.endswith("S3Storage"):
    _UPLOADS_OPTIONS = {
        "bucket_name": env_str("S3_BUCKET"),
        "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
        "region_name": env_str("S3_REGION") or None,
        "access_key": env_str("S3_ACCESS_KEY_ID") or None,
        "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
        "default_acl": "private",
        "querystring_auth": True,  # never a public URL: files are served through the app's own view
    }
STORAGES = {
    "default": {"BACKEND": UPLOADS_STORAGE, "OPTIONS": _UPLOADS_OPTIONS},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST

# Uploads larger than this are refused before they are stored.
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 50
# What one document may cost the reader (inspections.documents.limits): a Word file's unpacked size and
# packing ratio, its parts, and the characters of text kept from any document.
MAX_UNPACKED_BYTES = env_int("MAX_UNPACKED_BYTES", 200 * 1024 * 1024)
MAX_UNPACK_RATIO = env_int("MAX_UNPACK_RATIO", 100)
MAX_ARCHIVE_PARTS = env_int("MAX_ARCHIVE_PARTS", 2000)
MAX_DOCUMENT_CHARS = env_int("MAX_DOCUMENT_CHARS", 10_000_000)
# The review page draws a document's text this many characters at a time (?part=N), cut at page starts.
REVIEW_PART_CHARS = env_int("REVIEW_PART_CHARS", 200_000)
# Whole request bodies, refused by their Content-Length before a byte is read (config.security): a signed-in
# editor's batch of uploads, anyone else's form. The proxy in front should refuse larger bodies itself.
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", 200 * 1024 * 1024)
MAX_FORM_REQUEST_BYTES = env_int("MAX_FORM_REQUEST_BYTES", 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_FORM_REQUEST_BYTES
# Zip archives (manage.py ingest, the upload page): refused whole over these (inspections/documents/intake.py)
ZIP_MAX_MEMBERS = env_int("ZIP_MAX_MEMBERS", 1000)
ZIP_MAX_TOTAL_BYTES = env_int("ZIP_MAX_TOTAL_BYTES", 2 * 1024**3)
ZIP_MAX_RATIO = env_int("ZIP_MAX_RATIO", 100)  # a member expanding more than this many times is a bomb

# --- Security ---
HTTPS = env_bool("HTTPS", False)  # served behind TLS: secure cookies, redirects and HSTS
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # container healthchecks speak plain HTTP inside the network
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Behind a proxy, the scheme comes from gunicorn, which believes X-Forwarded-Proto only from the proxy's
# addresses (FORWARDED_ALLOW_IPS, config/gunicorn.conf.py): Django never reads that header from anyone.
# How many proxies append to X-Forwarded-For; 0: the client is REMOTE_ADDR (config.security.client_ip).
PROXY_COUNT = env_int("PROXY_COUNT", 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# Nothing runs but our own files: Plotly's JavaScript is served from static/, charts read their data from
# json_script blocks, so neither inline scripts nor a CDN are needed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
    }
}

# Django's error pages (DEBUG=1) and error e-mails hide these settings and request variables: URLs with
# passwords in them as well as Django's own list.
DEFAULT_EXCEPTION_REPORTER_FILTER = "config.security.ExceptionReporterFilter"

# --- Rate limits: django-ratelimit counts in the cache above (CACHES); the expensive public pages take at
# most this many requests per client.
PUBLIC_PAGE_RATE = env_str("PUBLIC_PAGE_RATE", "60/m")
RATELIMIT_IP_META_KEY = "config.security.client_ip"
RATELIMIT_VIEW = "config.security.rate_limited"
RATELIMIT_FAIL_OPEN = True  # a Redis outage slows the site down rather than taking it off the air

# A second factor (TOTP, django-otp) for admins: offered to every admin, required of all when this is set.
ADMIN_REQUIRE_2FA = env_bool("ADMIN_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = "Judgement Tracker"

# --- E-mail (alerts): SMTP from EMAIL_URL (smtp://user:password@host:587, smtp+ssl://... for port 465) or
# EMAIL_HOST / EMAIL_PORT / EMAIL_HOST_USER / EMAIL_HOST_PASSWORD / EMAIL_USE_TLS / EMAIL_USE_SSL. With
# neither, mails are written as files under .local/mail (or EMAIL_FILE_PATH): nothing is "sent" into the void.
globals().update(mail_settings.from_env(embedded.local_dir() / "mail"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Judgement Tracker <alerts@judgement-tracker.invalid>")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
# The address mails link to (no trailing slash): mails are read outside the site, so links must be absolute.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# A failed mail is tried again after ALERTS_RETRY_SECONDS, doubling each time up to ALERTS_RETRY_MAX_SECONDS;
# after ALERTS_MAX_ATTEMPTS it waits for an admin (alerts admin: "Send again").
ALERTS_RETRY_SECONDS = env_int("ALERTS_RETRY_SECONDS", 60)
ALERTS_RETRY_MAX_SECONDS = env_int("ALERTS_RETRY_MAX_SECONDS", 3600)
ALERTS_MAX_ATTEMPTS = env_int("ALERTS_MAX_ATTEMPTS", 30)
# Facts older than this when they arrive (an official import of a 2012 inspection) are listed as news but not
# mailed: a follower is told what is new, not what was new years ago.
ALERTS_NEWS_MAX_AGE_DAYS = env_int("ALERTS_NEWS_MAX_AGE_DAYS", 90)
# An action that fell overdue within this many days is news; older ones were news before alerts began.
ALERTS_OVERDUE_LOOKBACK_DAYS = env_int("ALERTS_OVERDUE_LOOKBACK_DAYS", 7)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # pgserver narrates every connection at INFO, and from an atexit hook after stdout may be closed.
    "loggers": {"pgserver": {"level": "WARNING"}},
}

DJANGO_TABLES2_TEMPLATE = "tables/govuk_table.html"
DJANGO_TABLES2_PAGE_RANGE = 5

SITE_NAME = "Judgement Tracker"
