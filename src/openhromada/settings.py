"""Settings read from the environment, with safe embedded defaults (SQLite under var/)."""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
_checkout = PACKAGE_DIR.parent.parent
# In a source checkout var/ sits beside pyproject.toml; an installed package uses the working dir.
PROJECT_DIR = _checkout if (_checkout / "pyproject.toml").exists() else Path.cwd()

env = environ.Env()
ENVIRONMENT = env.str("OPENHROMADA_ENV", default="development")
if ENVIRONMENT not in {"development", "production", "test"}:
    raise ImproperlyConfigured("OPENHROMADA_ENV must be development, production or test")
PRODUCTION = ENVIRONMENT == "production"

VAR_DIR = Path(env.str("OPENHROMADA_VAR_DIR", default=str(PROJECT_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production-openhromada"
DEBUG = env.bool("DEBUG", default=not PRODUCTION and ENVIRONMENT != "test")
SECRET_KEY = env.str("SECRET_KEY", default=DEV_SECRET_KEY)
if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("Refusing to start: DEBUG is on in production.")
    if SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "Refusing to start: set SECRET_KEY to a random value of at least 50 characters."
        )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "openhromada.core.admin_apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rules.apps.AutodiscoverRulesConfig",
    # Our apps come first so their templates override allauth's.
    "openhromada.core",
    "openhromada.places",
    "openhromada.accounts",
    "openhromada.plans",
    "openhromada.councils",
    "openhromada.participation",
    "openhromada.monitoring",
    "openhromada.notifications",
    "openhromada.opendata",
    "openhromada.portal",  # the top: gathers every app (nothing imports it)
    "ninja",
    "corsheaders",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
]

MIDDLEWARE = [
    "openhromada.core.middleware.ServerTimingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "openhromada.core.middleware.PublicCacheMiddleware",
    "openhromada.core.middleware.WithheldMiddleware",
]

ROOT_URLCONF = "openhromada.portal.urls"
WSGI_APPLICATION = "openhromada.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "openhromada.core.context_processors.preferences",
                "openhromada.notifications.context_processors.unread",
            ],
        },
    },
    # The hot list fragments (`jinja2/` in each app), included by pages with `{% jinja %}`.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "openhromada.core.jinja.environment"},
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'openhromada.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE makes every write transaction take the write lock at BEGIN, so concurrent
    # writers queue instead of failing half-way (the history chain depends on it).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests use a file, not shared-cache memory, so concurrent writers queue as in production.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-openhromada.sqlite3")}
# Persistent connections: no reconnect (and, on SQLite, no PRAGMAs) on every request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background tasks (notifications, e-mails): in the database, run by `openhromada db_worker`;
# TASKS_BACKEND=immediate runs them in the request instead (tests, single-process set-ups).
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[env.str("TASKS_BACKEND", default="database")]
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "my_home"  # each person's home: what waits for them (portal)
LOGIN_URL = "account_login"

# django-allauth: e-mail is the login; an address must be confirmed before the account is used.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_FORMS = {"signup": "openhromada.accounts.forms.SignupForm"}  # asks for the public name
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
# Sign-up and password reset answer alike whether or not the address has an account; the
# e-mail tells its owner. With mandatory verification True already covers sign-up ("strict"
# only matters without it, where it would let several accounts share one address).
ACCOUNT_PREVENT_ENUMERATION = True
# Subjects start with the platform's name in the reader's language (the adapter's
# format_email_subject); the owner is told of every change to the password and the addresses.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_ADAPTER = "openhromada.accounts.adapter.AccountAdapter"
# Failed sign-ins: "ip" is per address (an IPv6 /64); "key" is per account *and* address
# (accounts/adapter.py), so guessing from one address never locks the owner out from another.
# The ceiling per account from all addresses together caps a distributed guess at 300 wrong
# passwords an hour; browsers that have signed in to the account before carry a signed cookie
# and are exempt from it (OWASP's device cookies), so a flood of guesses from many addresses
# cannot lock the owner out of their own devices.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env.str("LOGIN_FAILED_RATE", default="10/m/ip,5/5m/key"),
    "login_failed_account": env.str("LOGIN_FAILED_ACCOUNT_RATE", default="300/h/key"),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}

# E-mail: EMAIL_URL (smtp://user:pass@host:587/?tls=True, consolemail://, filemail:///path);
# the embedded default writes each message to a file under var/mail.
EMAIL_URL = env.str("EMAIL_URL", default="filemail://" + str(VAR_DIR / "mail"))
if EMAIL_URL.startswith("filemail://"):  # django-environ drops the leading "/" of the path
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = EMAIL_URL.removeprefix("filemail://") or str(VAR_DIR / "mail")
else:
    vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Відкрита громада <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "uk"
LANGUAGES = [("uk", _("Ukrainian")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Kyiv"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = not PRODUCTION  # serves app static files without collectstatic
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Behind TLS (production, unless SECURE_COOKIES=0 says the site is served over plain http, as
# the browser tests and the bench run it): secure cookies, http redirected to https, and HSTS.
BEHIND_TLS = env.bool("SECURE_COOKIES", default=PRODUCTION)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = BEHIND_TLS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=BEHIND_TLS)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 3600 if BEHIND_TLS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): scripts and styles come from our own static files; no
# inline script, style or style="" attribute runs. JSON-LD blocks are data, never run, so CSP
# does not govern them and they need no nonce (one would make every page body, and its ETag,
# unique). `{{ request.csp_nonce }}` is there for an inline block that truly must run, and
# enters the header only on pages that use it — but not on a page the page cache serves (its
# body keeps the nonce of the response it was cached from), so prefer a static file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],  # data: for the API docs' icons
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"

# Public pages may be cached by a CDN or Redis page cache for this many seconds (anonymous only).
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=60)
# Anonymous readers' pages are kept in the cache (Redis when REDIS_URL is set); 0 turns it off.
# --- Open data -------------------------------------------------------------------------------
OPENDATA_LICENCE = {
    "name": env.str("OPENDATA_LICENCE_NAME", default="CC BY 4.0"),
    "url": env.str("OPENDATA_LICENCE_URL", default="https://creativecommons.org/licenses/by/4.0/"),
    "title": env.str(
        "OPENDATA_LICENCE_TITLE", default="Creative Commons Attribution 4.0 International"
    ),
    # the SPDX identifier (Data Package licences[].name must match ^[-a-zA-Z0-9._]+$)
    "spdx": env.str("OPENDATA_LICENCE_SPDX", default="CC-BY-4.0"),
    # the licence's URL in CKAN's licence register: CKAN's DCAT harvester (ckanext-dcat) sets a
    # dataset's license_id only when a distribution's dct:license equals such a URL (or title)
    "register_url": env.str(
        "OPENDATA_LICENCE_REGISTER_URL", default="http://www.opendefinition.org/licenses/cc-by"
    ),
}
# Who publishes the catalogue (DCAT-AP publisher and contact point; EDRPOU and КАТОТТГ if known).
OPENDATA_PUBLISHER = {
    "name": env.str("OPENDATA_PUBLISHER_NAME", default="Open Hromada"),
    "edrpou": env.str("OPENDATA_PUBLISHER_EDRPOU", default=""),
    "katottg": env.str("OPENDATA_PUBLISHER_KATOTTG", default="UA80000000000093317"),
    "email": env.str("OPENDATA_CONTACT_EMAIL", default="opendata@openhromada.example"),
}
# Pre-built bulk files (the ZIP of everything): where they go and how long one is served.
OPENDATA_DUMP_DIR = Path(env.str("OPENDATA_DUMP_DIR", default=str(VAR_DIR / "opendata")))
OPENDATA_DUMP_MAX_AGE = env.int("OPENDATA_DUMP_MAX_AGE", default=24 * 3600)
API_RATE_ANONYMOUS = env.str("API_RATE_ANONYMOUS", default="120/m")
API_RATE_TOKEN = env.str("API_RATE_TOKEN", default="1200/m")
# Reads are open to every origin; no cookies cross (writes use tokens, not sessions).
CORS_URLS_REGEX = r"^/(api/v1/|data/|feeds/).*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Link", "Retry-After")

PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=60)
# Benchmarking (bench/): a floor view (a page of N bytes, no database work) and the
# Server-Timing header with the server's own time; off unless asked for.
BENCH_FLOOR_ENABLED = env.bool("OPENHROMADA_BENCH", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# Rate limits on people's contributions, per account; an address gets RATE_LIMIT_ADDRESS_FACTOR
# times as many (many people can share one). Forms: "5/h", "30/10m".
RATE_LIMITS = {
    "proposal": env.str("RATE_PROPOSALS", default="5/h"),
    "comment": env.str("RATE_COMMENTS", default="20/10m"),
    "support": env.str("RATE_SUPPORTS", default="60/10m"),
    "abuse_report": env.str("RATE_ABUSE_REPORTS", default="10/h"),
}
RATE_LIMIT_ADDRESS_FACTOR = env.int("RATE_LIMIT_ADDRESS_FACTOR", default=5)
TRUSTED_PROXY_HEADER = env.str("TRUSTED_PROXY_HEADER", default="")
# The public moderation log says what was hidden, when and why; it names the moderator only if
# the platform is configured to.
MODERATION_SHOW_MODERATOR = env.bool("MODERATION_SHOW_MODERATOR", default=False)
