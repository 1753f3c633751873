"""Wijkwerk settings: one file, every difference between environments comes from env vars.

See .env.example for the variables. A deployment sets DATABASE_URL, SECRET_KEY,
ALLOWED_HOSTS and CSRF_TRUSTED_ORIGINS and leaves DEBUG off (the default).
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from pythonjsonlogger.core import RESERVED_ATTRS

from wijkwerk.netwerk import vertrouwde_proxies
from wijkwerk.rollen import KORTE_ROLNAMEN

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# A deployment (DATABASE_URL set, DEBUG off) must bring its own secret: fail loudly rather
# than run with a known key. Development and tests on the embedded database may use one.
ONTWIKKELING = DEBUG or not env.str("DATABASE_URL", default="")
SECRET_KEY = env.str(
    "SECRET_KEY",
    default="dev-only-insecure-key-wijkwerk-do-not-use-xxxxxxxxxxxxxxxx" if ONTWIKKELING else "",
)
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY ontbreekt of is korter dan 50 tekens.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "wijkwerk",
    "wijken",
    "initiatieven",
    "actieplannen",
    "budget",
    "signalen",
    "rapportage",
]

MIDDLEWARE = [
    # Outermost: the access log line and X-Request-ID, whichever layer answered.
    "wijkwerk.middleware.VerzoekLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, so static files keep their long cache.
    "wijkwerk.middleware.NietBewarenMiddleware",
    # Before the session is read: PostgreSQL refuses text with NUL, even in a lookup.
    "wijkwerk.middleware.NulTekenMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # user.is_verified(): whether this session passed the second step.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # After the login check: a signed-in user who still owes the second step goes there.
    "wijkwerk.middleware.TweestapsMiddleware",
    "wijkwerk.middleware.SessionMaxAgeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wijkwerk.middleware.VaryOnHtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so a locked-out login is answered before the view runs.
    "axes.middleware.AxesMiddleware",
]

# Outermost, so it times everything Django does (the benchmark reads it as server time).
if env.bool("SERVER_TIMING", default=False):
    MIDDLEWARE.insert(0, "wijkwerk.middleware.ServerTimingMiddleware")

ROOT_URLCONF = "wijkwerk.urls"
WSGI_APPLICATION = "wijkwerk.wsgi.application"

# Django's template renderer over TEMPLATES (so the admin finds its widget templates), with
# the project's field template.
FORM_RENDERER = "wijkwerk.forms.Weergever"

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
                "wijkwerk.context_processors.navigatie",
            ],
            "builtins": [
                "template_partials.templatetags.partials",
                "wijkwerk.templatetags.weergave",
            ],
        },
    },
]

# Database: DATABASE_URL for any PostgreSQL >= 14; otherwise the embedded one.
if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db_url("DATABASE_URL")}
else:
    from wijkwerk.embedded_db import database_settings

    DATABASES = {
        "default": database_settings(
            Path(env.str("PGSERVER_DATA", default=str(BASE_DIR / ".pgdata"))),
            env.str("PGSERVER_DATABASE", default="wijkwerk"),
        )
    }
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A connection broken by a database restart is dropped before use, not used for a failing query.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Wijkwerk draait alleen op PostgreSQL.")

# Per process on purpose: the cache holds only figures for display, under keys that change
# with the data (initiatieven.cijfers, actieplannen.metingen) or shown with the time they
# were counted (signalen.cijfers, actieplannen.analyse). What must hold across processes
# (sessions, login lockout, intake limit, budget) lives in the database, never in here.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend, with the roles read in the same query as the user.
    "wijkwerk.auth.RollenBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

# Sessions: 30 minutes idle (renewed on every request), 12 hours at most (middleware).
# In the database, so every app process behind the load balancer knows every session.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_MAX_SECONDS = env.int("SESSION_MAX_SECONDS", default=12 * 60 * 60)

# django-axes: 5 failures lock the combination of username and client address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"
# Failures are counted in the database (under a row lock), shared by all app processes.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# Addresses or networks of the reverse proxies and load balancers in front of the app: only
# a request from one of them has its X-Forwarded-For read (wijkwerk.netwerk.client_ip), for
# the login lockout and the intake limit. Empty: the connecting address is the client.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
try:
    vertrouwde_proxies(TRUSTED_PROXIES)
except ValueError as fout:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: geen IP-adres of netwerk ({fout}).") from None
if env.str("NUM_PROXIES", default=""):
    # Ignoring it would make every client look like the proxy: one intake limit and one
    # lockout for the whole city.
    raise ImproperlyConfigured(
        "NUM_PROXIES bestaat niet meer: zet TRUSTED_PROXIES op de adressen van uw proxy's."
    )
AXES_CLIENT_IP_CALLABLE = "wijkwerk.netwerk.client_ip"

# Two-step verification (BIO: MFA for administrative access): the roles that must pass it
# after the password (wijkwerk.tweestaps), by their short names; /beheer/ users always must.
_rollen = env.list("TWEESTAPS_ROLLEN", default=["beheerder", "wethouder"])
if set(_rollen) - set(KORTE_ROLNAMEN):
    raise ImproperlyConfigured(
        f"TWEESTAPS_ROLLEN kent alleen {', '.join(KORTE_ROLNAMEN)}; niet: "
        f"{', '.join(sorted(set(_rollen) - set(KORTE_ROLNAMEN)))}."
    )
TWEESTAPS_ROLLEN = [KORTE_ROLNAMEN[naam] for naam in _rollen]
# `make run` lets the demo accounts skip it; a deployment may not (it has no demo accounts,
# and a flag copied into its environment must not open a hole).
TWEESTAPS_DEMO_OVERSLAAN = env.bool("TWEESTAPS_DEMO_OVERSLAAN", default=False)
if TWEESTAPS_DEMO_OVERSLAAN and not ONTWIKKELING:
    raise ImproperlyConfigured(
        "TWEESTAPS_DEMO_OVERSLAAN is alleen voor make run, niet voor een database uit DATABASE_URL."
    )
# The name the authenticator app shows next to the account.
OTP_TOTP_ISSUER = "Wijkwerk Zoetermeer"
# The admin shows no secret keys of the devices.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# Off: with it every number got a separator, so years, ids and pks in links read "2.019".
# Counts that can pass a thousand use |intcomma (django.contrib.humanize): "1.234".
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# collectstatic (part of `make run`) writes each file under a name with its hash and a gzip
# copy; whitenoise serves those with a year's cache. With DEBUG, pages link the source files.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Wijkwerk <wijkwerk@zoetermeer.nl>")

# HTTPS-only behaviour: on by default for a deployment that names its https origins.
SECURE = env.bool("SECURE", default=not DEBUG and bool(CSRF_TRUSTED_ORIGINS))
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
# The load balancer probes /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# One JSON object per line on stderr. The access log (wijkwerk.logboek) writes one line per
# request, whatever LOG_LEVEL says; LOG_LEVEL is for everything else.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": True,
            # Django attaches the request to some records; its text holds the path and query.
            "reserved_attrs": [*RESERVED_ATTRS, "request"],
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json"},
        "weg": {"class": "logging.NullHandler"},
    },
    "loggers": {
        # The access log: one line per request; TOEGANGSLOG=false leaves only errors (the
        # benchmark's thousands of requests).
        "wijkwerk.verzoek": {
            "level": "INFO" if env.bool("TOEGANGSLOG", default=True) else "WARNING"
        },
        # Its line per refused or failed request would repeat the access log line. (A handler
        # that drops it: with none at all, Python would print it anyway, as plain text.)
        "django.request": {"handlers": ["weg"], "propagate": False},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# Closed signals with personal data are anonymised this many months after closing
# (manage.py anonimiseer_signalen, daily from cron).
SIGNALEN_BEWAARTERMIJN_MAANDEN = env.int("SIGNALEN_BEWAARTERMIJN_MAANDEN", default=24)

DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="wijkwerk-demo")

# Initiatieven: the initiator hears the Groene Loper's decision within this many calendar
# days (paused time excluded); the public intake accepts this many submissions per client
# address per hour.
INITIATIEF_NORM_DAGEN = env.int("INITIATIEF_NORM_DAGEN", default=28)
INITIATIEF_LIMIET_PER_UUR = env.int("INITIATIEF_LIMIET_PER_UUR", default=5)
# The private status link stops working this many days after the initiator was informed.
INITIATIEF_STATUSLINK_DAGEN = env.int("INITIATIEF_STATUSLINK_DAGEN", default=365)
# Contact data of initiators is removed this many days after the decision
# (manage.py anonimiseer_initiatieven).
INITIATIEF_BEWAARTERMIJN_DAGEN = env.int("INITIATIEF_BEWAARTERMIJN_DAGEN", default=730)
# The address of the public site, for links in mail to initiators (not taken from the
# request's Host header).
PUBLIEKE_URL = env.str("PUBLIEKE_URL", default="http://127.0.0.1:8000")
