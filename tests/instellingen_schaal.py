"""The real settings for the app processes of tests/test_schaal.py, with one change: the
cheap password hasher the test users are made with (as tests/conftest.py does), so twenty
wrong passwords do not cost half a minute of PBKDF2 on a shared machine."""

from wijkwerk.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
