"""The real settings for the app processes of tests/test_schaal.py, with what tests/conftest.py
changes for every test: the cheap password hasher the test users are made with (twenty wrong
passwords would cost half a minute of PBKDF2 on a shared machine), and static files linked by
their source names, so the servers need no collectstatic first."""

from wijkwerk.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
