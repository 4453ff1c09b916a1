"""Settings shared by every environment. Values that differ come from the environment
(django-environ); see local.py, test.py and production.py."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
env_file = BASE_DIR / ".env"
if env_file.exists():
    env.read_env(str(env_file))

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default=None)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "guardian",
    "organisation",
    "sop",
    "workflow",
    "notifications",
    "reporting",
    "evaluation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organisation.views.demo_switcher_context",
            ],
        },
    },
]


def database_from_env(default_url: str) -> dict:
    """DATABASE_URL when given (PostgreSQL in production), else the embedded SQLite.

    SQLite runs in WAL mode with synchronous=NORMAL and IMMEDIATE transactions, so a
    writer takes the lock when its transaction begins instead of failing halfway."""
    db = env.db_url_config(env.str("DATABASE_URL", default="").strip() or default_url)
    if db["ENGINE"] == "django.db.backends.sqlite3":
        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        db.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
                ),
            }
        )
    else:
        db.setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
        db.setdefault("CONN_HEALTH_CHECKS", True)
    db["ATOMIC_REQUESTS"] = False
    return db


DATABASES = {"default": database_from_env(f"sqlite:///{VAR_DIR / 'alur.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisation.User"
AUTHENTICATION_BACKENDS = [
    # ModelBackend that refuses a username locked after repeated failures (every login
    # path: the login page, the admin, the API token endpoint).
    "organisation.lockout.LockoutModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# No guardian AnonymousUser row: anonymous visitors see nothing but the login page.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [path for path in [BASE_DIR / "static"] if path.is_dir()]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))

REST_FRAMEWORK = {
    # Token first: a request without credentials gets 401 with `WWW-Authenticate: Token`,
    # which a client can tell from the 403 of an action the user may not take.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    # Refusals of the workflow (WorkflowError) answer with their own status and message.
    "EXCEPTION_HANDLER": "workflow.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Alur API",
    "DESCRIPTION": "SOP workflow dan persetujuan SAKIP / LKjIP perangkat daerah",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Separate request and response components, so that an upload is documented as a
    # binary file in the request (not as the URL a response would carry).
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "NotificationKindEnum": "notifications.models.Kind",
        "ReviewNoteKindEnum": "workflow.models.ReviewNote.Kind",
    },
}

# Celery (config/celery.py reads the CELERY_ namespace).
REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = None
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# `manage.py load_demo` calls these in order; each capability appends its own loader.
# The last one opens the quarterly processes that are due (what the beat does hourly).
DEMO_LOADERS = [
    "organisation.demo.load",
    "workflow.demo.load",
    "reporting.demo.load",
    "evaluation.demo.load",
    "workflow.scheduled.open_scheduled_processes",
]

# Links in e-mails point here.
ALUR_BASE_URL = env("ALUR_BASE_URL", default="http://127.0.0.1:8000")

# An e-mail claimed for sending longer ago than this is taken to have died with its worker
# and is sent again; keep it above EMAIL_TIMEOUT.
ALUR_EMAIL_CLAIM_TIMEOUT = env.int("ALUR_EMAIL_CLAIM_TIMEOUT", default=600)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=60)

# Largest upload accepted (documents, bukti dukung), in MB.
ALUR_MAX_UPLOAD_MB = env.int("ALUR_MAX_UPLOAD_MB", default=20)

# The demo role switcher ("Masuk sebagai:") in base.html and /akun/demo-masuk/; local and
# test settings turn it on, production never.
DEMO_MODE = False

# Login lockout (organisation/lockout.py): after ALUR_LOGIN_MAX_FAILURES failed logins for
# one username within ALUR_LOGIN_WINDOW_MINUTES, that username is refused for
# ALUR_LOGIN_LOCK_MINUTES, even with the right password.
ALUR_LOGIN_MAX_FAILURES = env.int("ALUR_LOGIN_MAX_FAILURES", default=5)
ALUR_LOGIN_WINDOW_MINUTES = env.int("ALUR_LOGIN_WINDOW_MINUTES", default=15)
ALUR_LOGIN_LOCK_MINUTES = env.int("ALUR_LOGIN_LOCK_MINUTES", default=15)

# Security headers (config/middleware.py). No 'unsafe-inline' and no 'unsafe-eval':
# templates hold no inline <script>, style attribute or on* handler (tests/config/
# test_templates_csp.py), htmx comes from static/vendor/.
ALUR_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)
ALUR_PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
SECURE_REFERRER_POLICY = "same-origin"
