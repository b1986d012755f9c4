"""DacCom settings, read from the environment (see .env.example)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(
        f"{name} must be a boolean (1/0, true/false), not {value!r}"
    )


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tables2",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "django_htmx",
    "axes",
    "core",
    "daccom",
    "governance",
    "programmes",
    "funding",
    "commissioning",
    "agreements",
    "reports",
    "practicedata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.LoginRequiredKeepingEditsMiddleware",
    "core.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username and address never reach the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "daccom.urls"

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
                "governance.context_processors.role",
            ],
        },
    },
]

WSGI_APPLICATION = "daccom.wsgi.application"

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL:
    if not DEBUG:
        # Production runs on PostgreSQL; SQLite only when asked for by name.
        raise ImproperlyConfigured(
            "DATABASE_URL is required when DEBUG is off (postgres://… or, to use "
            "SQLite on purpose, sqlite:////path/to/daccom.sqlite3)."
        )
    DATABASE_URL = f"sqlite:///{BASE_DIR / 'var' / 'daccom.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        # A connection the server dropped is replaced before the request uses it.
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "programmes:dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
# Issued documents (core.documents). Private: no URL serves this folder (MEDIA_URL
# is not routed); a permission-checked view serves each file.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"

SESSION_COOKIE_HTTPONLY = True
# An idle session ends after this long (a working day by default); activity keeps it
# alive (core.middleware.PrivatePagesMiddleware).
SESSION_COOKIE_AGE = 60 * int(os.environ.get("SESSION_IDLE_MINUTES", "480"))

# Wrong passwords (django-axes): after AXES_FAILURE_LIMIT failures for one username
# from one address, that pair is locked out for AXES_COOLOFF_HOURS. Unlock early
# with `manage.py axes_reset_username USERNAME` (README).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# E-mail: SMTP when EMAIL_HOST is set; the console in development; otherwise none,
# and pages that would send one say so (governance.views).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "DacCom <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_ENABLED = True
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    EMAIL_ENABLED = True
else:
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    EMAIL_ENABLED = False
# A post whose cookies are gone is an expired sign-in: keep the edit (governance.views).
CSRF_FAILURE_VIEW = "governance.views.csrf_failure"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

MESSAGE_TAGS = {40: "danger"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# ---------------------------------------------------------------------------
# HTTPS, behind a reverse proxy or not (issue #12). Secure by default when DEBUG
# is off; each setting can be changed from the environment (see .env.example).
# ---------------------------------------------------------------------------


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be a whole number, not {value!r}"
        ) from None


# Trust X-Forwarded-Proto only when a proxy that sets it (and strips the client's
# own) stands in front; otherwise any client could claim HTTPS.
if env_bool("BEHIND_HTTPS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", SECURE_HSTS_SECONDS > 0
)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", SECURE_HSTS_SECONDS > 0)

# ---------------------------------------------------------------------------
# Content Security Policy (django-csp 4). No inline script or style anywhere:
# styles live in static/css/daccom.css, scripts in static/js/. (django-csp leaves
# Django's DEBUG 404 and 500 pages without the header, so they stay readable.)
# ---------------------------------------------------------------------------

INSTALLED_APPS += ["csp"]
MIDDLEWARE += ["csp.middleware.CSPMiddleware"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # Bootstrap's CSS draws its icons (select arrow, navbar toggler) as data: SVG.
        "img-src": ["'self'", "data:"],
        # One style attribute, by its hash: simple-history's admin history page
        # writes style="border-top: 0" on its paginator. Nothing else inline.
        "style-src-attr": [
            "'unsafe-hashes'",
            "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='",
        ],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Evidence attached to tasks (programmes.Evidence): stored under MEDIA_ROOT, at most
# this many bytes a file.
EVIDENCE_MAX_BYTES = int(os.environ.get("EVIDENCE_MAX_BYTES") or 10 * 1024 * 1024)

# ---------------------------------------------------------------------------
# Background work (issue #14): large review PDFs render outside web requests,
# through Django's task framework (the django-tasks backport). The default backend
# keeps the queue in the database (django-tasks-db): run `manage.py db_worker`
# beside the web server (`make run` starts one). TASKS_BACKEND names another,
# e.g. django_tasks.backends.immediate.ImmediateBackend to render in the request.
# ---------------------------------------------------------------------------

INSTALLED_APPS += ["django_tasks", "django_tasks_db"]
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND") or "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# A review PDF of a programme with more tasks than this renders in the background.
REVIEW_PDF_BACKGROUND_ABOVE_TASKS = env_int("REVIEW_PDF_BACKGROUND_ABOVE_TASKS", 300)
# A background file still not ready after this long is reported as overdue.
RENDERED_FILE_OVERDUE_MINUTES = env_int("RENDERED_FILE_OVERDUE_MINUTES", 10)

# ---------------------------------------------------------------------------
# The consortium's seal on signed documents (core.sealing, issue #17): a PAdES
# signature with this certificate and key (PEM). `manage.py make_seal_certificate`
# makes a development set in var/seal/ (`make run` does it when absent); production
# names a certificate from a recognised authority and its key here.
# ---------------------------------------------------------------------------

SEAL_FOLDER = BASE_DIR / "var" / "seal"
SEAL_CERTIFICATE = os.environ.get("SEAL_CERTIFICATE") or str(SEAL_FOLDER / "seal.pem")
SEAL_KEY = os.environ.get("SEAL_KEY") or str(SEAL_FOLDER / "seal.key")
SEAL_KEY_PASSPHRASE = os.environ.get("SEAL_KEY_PASSPHRASE", "")
# The authority the seal certificate chains to: the verification page trusts it.
SEAL_CA_CERTIFICATE = os.environ.get("SEAL_CA_CERTIFICATE") or (
    "" if os.environ.get("SEAL_CERTIFICATE") else str(SEAL_FOLDER / "ca.pem")
)
# The public verification page: the largest upload, and checks per address.
VERIFY_MAX_BYTES = env_int("VERIFY_MAX_BYTES", 20 * 1024 * 1024)
VERIFY_CHECKS_PER_HOUR = env_int("VERIFY_CHECKS_PER_HOUR", 60)
# Documents practices sign up on (agreements): the largest PDF accepted.
AGREEMENT_DOCUMENT_MAX_BYTES = env_int("AGREEMENT_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
