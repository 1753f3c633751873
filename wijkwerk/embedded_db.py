"""A private PostgreSQL for development and tests, from the pgserver wheel.

Used only when DATABASE_URL is unset. The server keeps running after this
process exits so the next command (runserver, pytest, a management command)
reuses it instead of paying the start-up again; `make db-stop` stops it.
"""

import os
import warnings
from pathlib import Path

import psycopg
from psycopg import sql


def database_settings(data_dir: Path, name: str) -> dict:
    # Imported lazily: a deployment with DATABASE_URL never needs it. Its import warns
    # about XDG_RUNTIME_DIR on servers without a login session, which is harmless.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver

    server = pgserver.get_server(data_dir, cleanup_mode=None)
    info = server.get_postmaster_info()
    host = str(info.socket_dir)
    port = str(info.port or 5432)
    _ensure_database(host, port, name)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": host,
        "PORT": port,
    }


def _ensure_database(host: str, port: str, name: str) -> None:
    with psycopg.connect(
        dbname="postgres", user="postgres", host=host, port=port, autocommit=True
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def stop(data_dir: Path) -> None:
    from pgserver._commands import pg_ctl

    if (data_dir / "postmaster.pid").exists():
        user = "pgserver" if os.geteuid() == 0 else None
        pg_ctl(["-m", "fast", "stop"], pgdata=data_dir, user=user)


def start(data_dir: Path) -> None:
    """Start it again after `stop` (the load test does, mid-run); same socket and port."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver

    pgserver.get_server(data_dir, cleanup_mode=None).ensure_postgres_running()


def programma(naam: str) -> Path:
    """pg_dump, pg_restore … as the wheel ships them, matching the server's version."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver

    return Path(pgserver.__file__).parent / "pginstall" / "bin" / naam
