"""Settings of the app server in tests/storing.py: those of tests/test_schaal.py, with the URLs
of tests/urls_fouten.py, and static files served from the source folders (no collectstatic)
so the browser test gets htmx and the page's script."""

from tests.instellingen_schaal import *  # noqa: F403

ROOT_URLCONF = "tests.urls_fouten"
WHITENOISE_USE_FINDERS = True
