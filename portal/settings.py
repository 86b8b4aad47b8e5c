"""Settings for the social affairs department portal.

Every value comes from an environment variable with a safe default, so a fresh
checkout runs on SQLite with nothing set. Production sets at least
DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL (see README.md).
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
# Local state of a checkout (SQLite file, uploads, generated secret); ignored
# by git.
VAR_DIR = Path(os.environ.get("DJANGO_VAR_DIR", BASE_DIR / "var"))

TRUE_VALUES = {"1", "true", "yes", "on", "ano"}


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in TRUE_VALUES


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def local_secret_key(path):
    """A key generated once per checkout, never committed.

    Several app servers must share one key, so production sets
    DJANGO_SECRET_KEY instead of relying on this file.
    """
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or local_secret_key(
    VAR_DIR / "secret_key"
)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "django_ckeditor_5",
    "reversion",
    "axes",
    "csp",
    # Second factors (TOTP and one-time recovery codes) for staff.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "mozilla_django_oidc",
    "pagecache",
    # Our apps in dependency order: portal ← documents ← noticeboard ←
    # grants, projects ← news (a news item links to all of them) ← opendata
    # (the catalogue of them all). load_demo follows this order.
    "portal",
    "documents",
    "noticeboard",
    "grants",
    "projects",
    "news",
    "opendata",
    # The editorial workflow (drafts of changes, approval, history, the
    # editors' dashboard and roles) over every app's content; last, so
    # that load_demo records the history of what the apps loaded.
    "editorial",
    # How staff sign in: second factor, the region's identity provider.
    "staffauth",
]

MIDDLEWARE = [
    # /health/ is answered before anything else (portal/health.py).
    "portal.health.HealthCheckMiddleware",
    # The language comes from the URL prefix alone (never a cookie or
    # Accept-Language, so the cached page of a URL is the same for all), and
    # is needed before the page cache resolves the path.
    "portal.middleware.URLLanguageMiddleware",
    # Then: a cached page needs no other middleware (its stored headers
    # carry the security headers; plain HTTP still goes on to the redirect).
    "pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff who have not given their second factor reach only the sign-in
    # pages (staffauth/middleware.py); after the messages, which it uses.
    "staffauth.middleware.SecondFactorMiddleware",
    "staffauth.middleware.ProviderRecheckMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.PortalCSPMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "portal.middleware.DatabaseUnavailableMiddleware",
    # Axes must come last so that it sees every failed login.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "csp.context_processors.nonce",
                "portal.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        # Persistent connections outside debug mode: opening a PostgreSQL
        # connection per request cost more than most pages' queries
        # (docs/performance.md). The dev server starts a thread per request,
        # whose connection would only linger.
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0 if DEBUG else 60),
        # A reused connection that the server has closed (a restart, an idle
        # timeout) is replaced before the request's first query instead of
        # failing it; the check is one `SELECT 1` per request that queries.
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", True),
    )
}
# Plain client-side cursors: a server-side one costs three round trips per
# query (DECLARE, FETCH, CLOSE), and breaks behind PgBouncer's transaction
# pooling.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent requests wait for SQLite's write lock instead of failing;
    # tests use a file (not shared memory, whose table locks never wait).
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # One file per test process, so that concurrent runs never share one.
    DATABASES["default"]["TEST"] = {
        "NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by all app servers when REDIS_URL (or a redis:// CACHE_URL) is set;
# if Redis stops answering, each process carries on with local memory
# (portal/cache_backends.py). Without it, local memory per process.
REDIS_URL = os.environ.get("REDIS_URL", "")
if not REDIS_URL and os.environ.get("CACHE_URL", "").startswith("redis"):
    REDIS_URL = os.environ["CACHE_URL"]
LOCAL_CACHE = {"MAX_ENTRIES": env_int("PORTAL_LOCAL_CACHE_ENTRIES", 3000)}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache_backends.FallbackRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                # Fail fast: a slow Redis must not slow the site down.
                "socket_connect_timeout": 0.3,
                "socket_timeout": 0.5,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": LOCAL_CACHE,
        }
    }
# Whole anonymous pages are cached for at most this long (pagecache/;
# they are never stale, this only bounds memory). 0 switches the cache off; it
# is off by default in debug mode, where templates change under the cache.
PORTAL_PAGE_CACHE_SECONDS = env_int("PORTAL_PAGE_CACHE_SECONDS", 0 if DEBUG else 600)
PORTAL_PAGE_CACHE_SKIP = ("/admin/", "/ckeditor5/", "/static/", "/media/", "/bench/")

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Passwords, unless PORTAL_LOCAL_PASSWORDS switches them off for staff;
    # also every user's permissions, however they signed in.
    "staffauth.backends.PasswordBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failed logins are counted per user and per client; after five the pair is
# locked out for an hour. The client is the address the rate limits use
# (X-Forwarded-For behind PORTAL_PROXY_COUNT proxies): axes alone would read
# proxy headers only through django-ipware and lock out everyone behind the
# proxy together.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
AXES_CLIENT_IP_CALLABLE = "portal.abuse.client_ip"

# A second factor for every staff account (staffauth/): an authenticator
# app's code (TOTP) or a one-time recovery code after the password, set up at
# the first sign-in. Off, only those who have set one up are asked for it.
PORTAL_REQUIRE_2FA = env_bool("PORTAL_REQUIRE_2FA", True)
# The issuer shown in the authenticator app beside the user name.
OTP_TOTP_ISSUER = os.environ.get("PORTAL_2FA_ISSUER", "Portál odboru sociálních věcí")
# Off, staff sign in only through the identity provider below (a local
# password is refused even when it is right).
PORTAL_LOCAL_PASSWORDS = env_bool("PORTAL_LOCAL_PASSWORDS", True)

# Sign-in through the region's OpenID Connect provider, when a client ID is
# set (staffauth/oidc.py, README.md). The provider checks the person's second
# factor; groups come from a claim mapped to the editor groups, e.g.
# PORTAL_OIDC_GROUP_MAP="web-redaktori=Redaktor,web-spravci=Správce".
PORTAL_OIDC = bool(os.environ.get("PORTAL_OIDC_CLIENT_ID"))
PORTAL_OIDC_LABEL = os.environ.get("PORTAL_OIDC_LABEL", "Přihlásit se účtem kraje")
PORTAL_OIDC_USERNAME_CLAIM = os.environ.get(
    "PORTAL_OIDC_USERNAME_CLAIM", "preferred_username"
)
PORTAL_OIDC_GROUPS_CLAIM = os.environ.get("PORTAL_OIDC_GROUPS_CLAIM", "groups")
PORTAL_OIDC_GROUP_MAP = dict(
    item.split("=", 1) for item in env_list("PORTAL_OIDC_GROUP_MAP", []) if "=" in item
)
# The provider's issuer, as its ID tokens name it ("iss"); checked when set.
PORTAL_OIDC_ISSUER = os.environ.get("PORTAL_OIDC_ISSUER", "")
OIDC_RP_CLIENT_ID = os.environ.get("PORTAL_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("PORTAL_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get(
    "PORTAL_OIDC_AUTHORIZATION_ENDPOINT", ""
)
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("PORTAL_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("PORTAL_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("PORTAL_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("PORTAL_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("PORTAL_OIDC_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
# Where a sign-in lands when it was not asked for a page (or was asked for
# one elsewhere).
LOGIN_REDIRECT_URL = "/admin/"
OIDC_AUTHENTICATE_CLASS = "staffauth.oidc.AuthenticateView"
OIDC_CALLBACK_CLASS = "staffauth.oidc.CallbackView"
OIDC_CREATE_USER = True
# How often a signed-in session asks the provider again (without a prompt)
# whether the account still exists and is enabled: someone who leaves loses
# the back office within this time, not at the end of the session.
OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = env_int("PORTAL_OIDC_RECHECK_SECONDS", 15 * 60)
OIDC_TIMEOUT = 10
if PORTAL_OIDC:
    AUTHENTICATION_BACKENDS.append("staffauth.oidc.ProviderBackend")
    if not all(
        (
            OIDC_OP_AUTHORIZATION_ENDPOINT,
            OIDC_OP_TOKEN_ENDPOINT,
            OIDC_OP_USER_ENDPOINT,
            OIDC_OP_JWKS_ENDPOINT,
        )
    ):
        raise ImproperlyConfigured(
            "PORTAL_OIDC_CLIENT_ID needs PORTAL_OIDC_AUTHORIZATION_ENDPOINT, "
            "PORTAL_OIDC_TOKEN_ENDPOINT, PORTAL_OIDC_USERINFO_ENDPOINT and "
            "PORTAL_OIDC_JWKS_ENDPOINT."
        )

SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "cs"
# The public site's languages, Czech first: Czech at the unprefixed URLs, the
# others under /<code>/. A translator adds one (vi, ru, mn) with its catalogue
# in locale/<code>/ and PORTAL_LANGUAGES=cs,en,uk,vi; each is named in its own
# language, as a switcher must name it.
LANGUAGES = [
    (code, LANG_INFO[code]["name_local"])
    for code in env_list("PORTAL_LANGUAGES", ["cs", "en", "uk"])
]
if not LANGUAGES or LANGUAGES[0][0] != LANGUAGE_CODE:
    raise ImproperlyConfigured("PORTAL_LANGUAGES must start with cs.")
TIME_ZONE = "Europe/Prague"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our corrections of Django's date formats, per language (portal/formats/).
FORMAT_MODULE_PATH = ["portal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))

# Files of documents (and of their older versions) live outside what the
# front server serves: only the download view hands them out, and only while
# their document is public (documents/storage.py).
PORTAL_PRIVATE_ROOT = Path(os.environ.get("DJANGO_PRIVATE_ROOT", VAR_DIR / "private"))
for _public_root in (MEDIA_ROOT, STATIC_ROOT):
    if PORTAL_PRIVATE_ROOT.resolve().is_relative_to(_public_root.resolve()):
        raise ImproperlyConfigured(
            f"DJANGO_PRIVATE_ROOT must not be inside {_public_root}, which the "
            "front server serves publicly."
        )

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "documents": {
        "BACKEND": "documents.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PORTAL_PRIVATE_ROOT},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # S3-compatible media for several app servers; credentials, endpoint and
    # region come from django-storages' own AWS_* variables.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    # Document files under their own prefix that no bucket policy may make
    # public; the download view redirects to a URL signed for one minute.
    STORAGES["documents"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **STORAGES["default"]["OPTIONS"],
            "location": "private",
            "default_acl": "private",
            "querystring_expire": 60,
        },
    }

# How the download view sends a file on disk: "" streams it through Python;
# "nginx" answers with X-Accel-Redirect to PORTAL_SENDFILE_PREFIX/<name> (an
# `internal` location aliased to DJANGO_PRIVATE_ROOT); "apache" answers with
# X-Sendfile and the absolute path (mod_xsendfile). The view still checks
# publishing and counts the download.
PORTAL_SENDFILE = os.environ.get("PORTAL_SENDFILE", "").strip().lower()
if PORTAL_SENDFILE not in ("", "nginx", "apache"):
    raise ImproperlyConfigured("PORTAL_SENDFILE must be empty, nginx or apache.")
PORTAL_SENDFILE_PREFIX = os.environ.get("PORTAL_SENDFILE_PREFIX", "/_private/")

# Uploads: the largest file an editor may attach (bytes).
PORTAL_MAX_UPLOAD_SIZE = env_int("PORTAL_MAX_UPLOAD_SIZE", 50 * 1024 * 1024)
# The most pixels an uploaded image may decode to (a 40-megapixel RGB image
# takes 120 MB of a worker's memory); checked on the header, before decoding.
PORTAL_MAX_IMAGE_PIXELS = env_int("PORTAL_MAX_IMAGE_PIXELS", 40_000_000)
FILE_UPLOAD_PERMISSIONS = 0o644
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "odbor-socialni@localhost"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The absolute address of the site, for links in e-mails and feeds sent
# outside a request.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")
# The area the open data covers, as a RÚIAN element for the catalogue
# (DCAT-AP-CZ "prvek_rúian"): the region's VÚSC, e.g.
# https://linked.cuzk.cz/resource/ruian/vusc/78 for Liberecký kraj.
PORTAL_RUIAN = os.environ.get(
    "PORTAL_RUIAN", "https://linked.cuzk.cz/resource/ruian/stat/1"
)

# Security. HTTPS-only settings switch on with DJANGO_HTTPS=1 (production
# behind a TLS-terminating proxy).
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS and env_bool("DJANGO_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Approval before publishing (editorial.approval): staff without the publish
# permission send drafts for approval. Off, everyone who may edit publishes.
PORTAL_APPROVAL = env_bool("PORTAL_APPROVAL", True)

CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"
CKEDITOR_5_MAX_FILE_SIZE = 5  # megabytes, images pasted into rich text
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "jpg", "png"]
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "cs",
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "link",
                "|",
                "bulletedList",
                "numberedList",
                "blockQuote",
                "insertTable",
                "imageUpload",
                "|",
                "undo",
                "redo",
            ],
        },
        "heading": {
            "options": [
                {
                    "model": "paragraph",
                    "title": "Odstavec",
                    "class": "ck-heading_paragraph",
                },
                {
                    "model": "heading2",
                    "view": "h2",
                    "title": "Nadpis 2",
                    "class": "ck-heading_heading2",
                },
                {
                    "model": "heading3",
                    "view": "h3",
                    "title": "Nadpis 3",
                    "class": "ck-heading_heading3",
                },
                {
                    "model": "heading4",
                    "view": "h4",
                    "title": "Nadpis 4",
                    "class": "ck-heading_heading4",
                },
            ]
        },
        "image": {
            "toolbar": ["imageTextAlternative", "|", "toggleImageCaption"],
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
        "json": {"()": "portal.logformat.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            # JSON lines for log collectors, unless asked for plain text.
            "formatter": os.environ.get("LOG_FORMAT", "plain" if DEBUG else "json"),
        },
        "null": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR", "propagate": True},
        # A Host header not in ALLOWED_HOSTS is a scanner's, answered 400:
        # not an error of ours to fill the log with.
        "django.security.DisallowedHost": {"handlers": ["null"], "propagate": False},
    },
}

# Trusted reverse proxies in front of the app servers; client addresses are
# read from X-Forwarded-For only behind them.
PORTAL_PROXY_COUNT = env_int("PORTAL_PROXY_COUNT", 0)

# Personal data is kept only for these periods (portal/retention.py; `manage.py
# apply_retention` runs daily and the privacy page states them): contact
# messages after they were answered (or arrived, if never marked answered),
# subscriptions never confirmed after the request (also how long the
# confirmation link works), records of sign-ins to the back office.
PORTAL_RETAIN_MESSAGES_MONTHS = env_int("PORTAL_RETAIN_MESSAGES_MONTHS", 12)
PORTAL_RETAIN_UNCONFIRMED_DAYS = env_int("PORTAL_RETAIN_UNCONFIRMED_DAYS", 7)
PORTAL_RETAIN_LOGINS_DAYS = env_int("PORTAL_RETAIN_LOGINS_DAYS", 90)
# The office's filing address (podatelna): every contact message is also sent
# there, where it is filed as a record (zákon č. 499/2004 Sb.); the portal's
# own copy only follows the period above. Empty: not filed.
PORTAL_FILING_EMAIL = os.environ.get("PORTAL_FILING_EMAIL", "").strip()

# /health/ names the failing part to loopback clients and to callers that
# send this token in an X-Health-Token header (monitoring from elsewhere).
PORTAL_HEALTH_TOKEN = os.environ.get("PORTAL_HEALTH_TOKEN", "")

# Error reports to Sentry (or a compatible service such as GlitchTip) only
# when a DSN is set; portal/monitoring.py keeps personal data out of them.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "").strip()
if SENTRY_DSN:
    from portal.monitoring import init_error_reporting

    init_error_reporting(SENTRY_DSN, environment=os.environ.get("SENTRY_ENVIRONMENT"))

# Django 6 makes https the default scheme of URL form fields; opt in now.
FORMS_URLFIELD_ASSUME_HTTPS = True
