"""All settings, read from the environment with safe defaults for ``make run``.

``BINHDAN_ENV`` is ``development`` (the default: SQLite under ``var/``, DEBUG on, keys
kept in ``var/``) or ``production`` (DEBUG off; ``SECRET_KEY`` and
``BINHDAN_IDENTITY_KEY`` are required and the process refuses to start without them).
See docs/operations.md for every variable.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(os.environ.get("BINHDAN_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def read_key_file(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return ""


BINHDAN_ENV = os.environ.get("BINHDAN_ENV", "development").strip().lower()
if BINHDAN_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("BINHDAN_ENV must be 'development' or 'production'.")
PRODUCTION = BINHDAN_ENV == "production"

DEBUG = env_bool("DEBUG", default=not PRODUCTION)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when BINHDAN_ENV=production.")
    SECRET_KEY = "development-only-not-secret-" + "x" * 32

# The key of the HMAC that turns a citizen ID (CCCD) or phone into a stable identity key.
# Losing or changing it splits every person in two: back it up (docs/operations.md).
IDENTITY_KEY_FILE = VAR_DIR / "identity.key"
BINHDAN_IDENTITY_KEY = os.environ.get("BINHDAN_IDENTITY_KEY", "") or read_key_file(
    IDENTITY_KEY_FILE
)
if PRODUCTION and len(BINHDAN_IDENTITY_KEY) < 32:
    raise ImproperlyConfigured(
        "BINHDAN_IDENTITY_KEY must be set (at least 32 characters) when BINHDAN_ENV=production."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if not PRODUCTION else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "binhdan.core",
    "binhdan.areas",
    "binhdan.accounts",
    "binhdan.imports",
    "binhdan.people",
    "binhdan.curriculum",
    "binhdan.learning",
    "binhdan.classes",
    "binhdan.notifications",
    "binhdan.scamcheck",
    "binhdan.volunteers",
    "binhdan.web",
    "binhdan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Domain errors raised in web views become the 404 page or an error page/partial.
    "binhdan.web.middleware.DomainErrorMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "binhdan.config.urls"
WSGI_APPLICATION = "binhdan.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "binhdan.web.context_processors.site",
            ],
        },
    },
]

# Database: SQLite in var/ (WAL, immediate write transactions) unless DATABASE_URL is set.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "binhdan.sqlite3",
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:home"

# django-axes first: it refuses a locked-out client before any password is checked. Every
# authenticate() call must pass the request (tests/conftest.py gives the test client one).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Cache: Redis when REDIS_URL is set, else memory of the process.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "binhdan",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["binhdan.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# In development WhiteNoise serves from the apps (finders); production runs collectstatic.
STATIC_ROOT = VAR_DIR / "static" if PRODUCTION else None
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
UPLOAD_DIR = VAR_DIR / "uploads"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# Mail: an outbox of files in var/ by default (password resets appear there in development).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "outbox"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "binhdan@localhost")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None

NINJA_PAGINATION_PER_PAGE = 50

# The synthetic demo is marked everywhere it shows; production sites turn the banner off.
BINHDAN_SITE_NAME = os.environ.get("BINHDAN_SITE_NAME", "Bình dân học vụ số")
# The body named on certificates and their verify page ("Tỉnh đoàn Hưng Yên").
BINHDAN_CERTIFICATE_ISSUER = os.environ.get("BINHDAN_CERTIFICATE_ISSUER", "")
BINHDAN_DEMO_PROVINCE_CODE = os.environ.get("BINHDAN_DEMO_PROVINCE_CODE", "33")
# The province the site serves: the area pickers of the public forms search it first.
BINHDAN_PROVINCE_CODE = os.environ.get("BINHDAN_PROVINCE_CODE", BINHDAN_DEMO_PROVINCE_CODE)
# How many reverse proxies (load balancers) stand in front of the app: the client address
# for rate limits is read that many hops from the right of X-Forwarded-For. 0 = trust none.
BINHDAN_PROXY_COUNT = int(os.environ.get("BINHDAN_PROXY_COUNT", "0"))
# How long a worker trusts an API token it has just checked (one query less per request of a
# check-in wave); a revoked token or deactivated user is refused everywhere after this.
BINHDAN_TOKEN_CACHE_SECONDS = float(os.environ.get("BINHDAN_TOKEN_CACHE_SECONDS", "5"))
# How long an API token works after it is issued (personal and device tokens alike).
BINHDAN_TOKEN_DAYS = int(os.environ.get("BINHDAN_TOKEN_DAYS", "180"))
# Login lockout (django-axes, attempts kept in the database that every worker shares): after
# BINHDAN_LOGIN_FAILURE_LIMIT wrong passwords or two-factor codes for one username from one
# client (an IPv4 address or an IPv6 /64, read like the rate limits), that pair is locked
# out for BINHDAN_LOGIN_COOLOFF_MINUTES. Keyed by the pair, not the address alone, so one
# person mistyping in a commune office behind a shared NAT does not lock out colleagues.
BINHDAN_LOGIN_FAILURE_LIMIT = int(os.environ.get("BINHDAN_LOGIN_FAILURE_LIMIT", "10"))
BINHDAN_LOGIN_COOLOFF_MINUTES = int(os.environ.get("BINHDAN_LOGIN_COOLOFF_MINUTES", "15"))
AXES_FAILURE_LIMIT = BINHDAN_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=BINHDAN_LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_CLIENT_IP_CALLABLE = "binhdan.core.ratelimit.client_ip_for_lockout"
AXES_LOCKOUT_CALLABLE = "binhdan.accounts.login_views.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]
AXES_VERBOSE = False  # no banner on every command; failures and lockouts are still logged
# Two-factor login (django-otp TOTP): the name the authenticator app shows.
OTP_TOTP_ISSUER = BINHDAN_SITE_NAME
BINHDAN_CONTENT_DIR = Path(os.environ.get("BINHDAN_CONTENT_DIR", PROJECT_DIR / "content"))
BINHDAN_ATTACHMENT_MAX_BYTES = int(
    os.environ.get("BINHDAN_ATTACHMENT_MAX_BYTES", str(5 * 1024 * 1024))
)
# Channel → backend class, e.g. "sms=mygateway.SmsBackend,zalo=mygateway.ZaloBackend".
BINHDAN_NOTIFICATION_BACKENDS = dict(
    item.split("=", 1) for item in env_list("BINHDAN_NOTIFICATION_BACKENDS", "") if "=" in item
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
