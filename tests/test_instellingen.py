import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent

PRODUCTIE = {
    "DEBUG": "false",
    "SECRET_KEY": "k8#Zq2!vT9pLm4@wR7xN1&yB6^cF3*hJ0-sD5+gA8=eU2~iO4_jK7%lM9$nP1qXw",
    "ALLOWED_HOSTS": "wijkwerk.zoetermeer.nl",
    "CSRF_TRUSTED_ORIGINS": "https://wijkwerk.zoetermeer.nl",
}


def _manage(*args, extra_env):
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTIE}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_check_deploy_schoon_met_productie_env():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", extra_env=PRODUCTIE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_productie_zonder_secret_key_weigert_te_starten():
    env = {**PRODUCTIE, "SECRET_KEY": "", "DATABASE_URL": "postgres://x:y@127.0.0.1:1/x"}
    result = _manage("check", extra_env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_taal_tijdzone_en_verbinding():
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def test_csp_zonder_inline_scripts_of_styles(client, db):
    csp = client.get("/inloggen/")["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp


def test_met_database_url_start_geen_eigen_postgresql(tmp_path, db):
    from django.db import connection

    nergens = tmp_path / "pgdata-mag-niet-ontstaan"
    host = connection.settings_dict["HOST"]
    url = f"postgres://postgres@/{connection.settings_dict['NAME']}?host={host}"
    result = _manage(
        "shell",
        "-c",
        "from django.db import connection; connection.ensure_connection(); print('verbonden')",
        extra_env={"DEBUG": "true", "DATABASE_URL": url, "PGSERVER_DATA": str(nergens)},
    )
    assert result.returncode == 0, result.stderr
    assert "verbonden" in result.stdout
    assert not nergens.exists()


def test_jaren_zonder_en_aantallen_met_scheidingsteken():
    """Years and ids print as they are; counts that pass a thousand read the Dutch way."""
    from django.template import engines
    from django.utils import translation

    with translation.override("nl"):
        tekst = (
            engines["django"]
            .from_string("{% load humanize %}{{ jaar }} {{ pk }} {{ n|intcomma }} {{ d }}")
            .render({"jaar": 2019, "pk": 12345, "n": 1001812, "d": 2.5})
        )
    assert tekst == "2019 12345 1.001.812 2,5"
