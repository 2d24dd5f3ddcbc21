"""Kindred's one settings module. Every value that differs between a laptop and a
production server is read from the environment through `kindred.env`."""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from kindred.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(envstr("KINDRED_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = envbool("DEBUG", "false")
# With DEBUG on, Kindred still shows its own 404 and 500 pages (kindred.core.middleware);
# true shows Django's technical pages instead (URL lists, tracebacks): for developers only.
DEBUG_ERROR_PAGES = envbool("DEBUG_ERROR_PAGES", "false")


def _secret_key() -> str:
    key = envstr("SECRET_KEY", "")
    if key:
        return key
    if not DEBUG and not envbool("KINDRED_TESTING", "false"):
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off (see .env.example).")
    # A local, per-checkout key so that `make run` sessions survive restarts.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        # Written whole under another name, then linked into place: processes starting
        # at once (the server and the worker) all read the one key that won.
        draft = VAR_DIR / f"secret_key.{os.getpid()}"
        draft.write_text(secrets.token_urlsafe(50))
        try:
            os.link(draft, key_file)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "kindred.accounts.admin_apps.KindredAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks_db",
    "channels",
    # Only for its templates and static files: the API docs (/api/v1/docs) then load
    # Swagger UI from Kindred itself, not from a CDN that the CSP below would block.
    "ninja",
    "kindred.core",
    "kindred.accounts",
    "kindred.conditions",
    "kindred.directory",
    "kindred.screening",
    "kindred.community",
    "kindred.moderation",
    "kindred.buddies",
    "kindred.api",
    "kindred.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the request: NUL characters are refused with a 400.
    "kindred.core.middleware.RefuseUnreadableInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, so it sees what views raise: Kindred's own 404 and 500 pages with DEBUG on too.
    "kindred.core.middleware.FriendlyErrorPagesMiddleware",
]

ROOT_URLCONF = "kindred.urls"
WSGI_APPLICATION = "kindred.wsgi.application"
ASGI_APPLICATION = "kindred.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kindred" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kindred.core.context_processors.kindred",
                "kindred.accounts.context_processors.accounts",
            ],
        },
    },
]

# Database: embedded SQLite under var/ unless DATABASE_URL names PostgreSQL.
DATABASE_URL = envstr("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Under ASGI Django cannot keep a connection per thread; a pool saves opening
        # a new PostgreSQL connection on every request (bench/feed.py measures it).
        from psycopg_pool import ConnectionPool

        # Each connection is checked before it is handed out, so one left dead by a
        # database restart is replaced, not given to a request; a request waits at most
        # DATABASE_POOL_TIMEOUT seconds for a connection, then gets the error page.
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": envint("DATABASE_POOL_MIN", "2"),
            "max_size": envint("DATABASE_POOL_MAX", "20"),
            "timeout": envint("DATABASE_POOL_TIMEOUT", "10"),
            "check": ConnectionPool.check_connection,
        }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "kindred.sqlite3"),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache (also rate limits and locks): local memory unless REDIS_URL is set. With Redis,
# Kindred keeps working while Redis is away (kindred/core/cache.py says how).
REDIS_URL = envstr("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "kindred.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kindred",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background jobs: Django's own tasks API over the database (a worker started by make run).
TASKS = {
    "default": {
        "BACKEND": envstr("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Kindred's task worker (`manage.py kindred_worker`, kindred/core/worker.py): a job whose
# worker stopped saying it is alive for LEASE_SECONDS is given to another; a failed job
# is tried again after RETRY_BASE_SECONDS, doubling up to MAX_BACKOFF_SECONDS, for
# ATTEMPTS runs in all (0: until it succeeds).
KINDRED_WORKER = {
    "LEASE_SECONDS": float(envstr("KINDRED_WORKER_LEASE_SECONDS", "60")),
    "HEARTBEAT_SECONDS": float(envstr("KINDRED_WORKER_HEARTBEAT_SECONDS", "5")),
    "RETRY_BASE_SECONDS": float(envstr("KINDRED_TASK_RETRY_BASE_SECONDS", "30")),
    "MAX_BACKOFF_SECONDS": float(envstr("KINDRED_TASK_MAX_BACKOFF_SECONDS", "900")),
    "ATTEMPTS": envint("KINDRED_TASK_ATTEMPTS", "5"),
    # An urgent alert about a possible crisis is tried until it is sent.
    "ATTEMPTS_BY_TASK": {"kindred.moderation.tasks.send_urgent_alert": 0},
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# With Redis shared by every process, sessions are read from the cache first, so a page
# view rarely touches the sessions table. A per-process memory cache could go stale.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"

# django-allauth: email is the login; every address is verified before use.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "kindred.accounts.forms.SignupExtraForm"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Failed logins are rate limited per address and per IP (lockout after repeated failures).
# Behind a reverse proxy every request comes from the proxy's address: count sign-in
# limits per person's own address instead, read from X-Forwarded-For, trusting only the
# last TRUSTED_PROXY_COUNT entries (the ones your own proxies added). 0: no proxy, the
# header is ignored (anyone could write it).
ALLAUTH_TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", "0")
ACCOUNT_RATE_LIMITS = {
    "login_failed": envstr("LOGIN_FAILED_RATE", "10/m/ip,5/5m/key"),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Kindred"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG

# Email (Django 6.1 mailers): printed to the console with DEBUG on, SMTP otherwise.
_EMAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
_SMTP_OPTIONS = {
    "host": envstr("EMAIL_HOST", "localhost"),
    "port": envint("EMAIL_PORT", "25"),
    "username": envstr("EMAIL_HOST_USER", ""),
    "password": envstr("EMAIL_HOST_PASSWORD", ""),
    "use_tls": envbool("EMAIL_USE_TLS", "false"),
    "timeout": envint("EMAIL_TIMEOUT", "20"),
}
MAILERS = {
    "default": {
        "BACKEND": _EMAIL_BACKEND,
        "OPTIONS": _SMTP_OPTIONS if _EMAIL_BACKEND.endswith("smtp.EmailBackend") else {},
    }
}
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Kindred <no-reply@kindred.localhost>")

# Languages: English is complete; more arrive as translation files in kindred/locale.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "kindred" / "locale"]
USE_I18N = True
TIME_ZONE = envstr("TIME_ZONE", "Europe/London")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "kindred" / "static"]
# collectstatic writes a gzip copy of each text file (and a Brotli one when the optional
# `brotli` package is installed) for WhiteNoise to send to browsers that accept it. In
# production the names carry a hash of the content, so browsers keep them for a year.
# HTML is not compressed: see docs/deployment.md (BREACH).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
# With DEBUG on, files are served from the source folders as they are edited, unless
# they were collected first (`make run` does, and serves them compressed).
WHITENOISE_USE_FINDERS = envbool("WHITENOISE_USE_FINDERS", "true" if DEBUG else "false")
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# Security. Everything below is strict unless DEBUG is on for local work.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "true")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "true")

# Content Security Policy: only our own origin; no inline scripts, no third parties.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}

# One handler, on the root logger: every line is printed once. Django's default logging
# also gives the "django" logger a console handler of its own (used with DEBUG on), so
# its lines (a 404, a failed request) printed twice, and at INFO; here it only passes
# them on to the root logger, at the level chosen.
LOG_LEVEL = envstr("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django": {"handlers": [], "level": LOG_LEVEL, "propagate": True}},
}

# Search: how many results a page shows and the distances a visitor may choose.
DIRECTORY_PAGE_SIZE = envint("DIRECTORY_PAGE_SIZE", "20")

FORM_RENDERER = "kindred.core.forms.KindredFormRenderer"

# Live updates (Django Channels): in memory for one process, Redis across several.
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": "kindred-live"},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
