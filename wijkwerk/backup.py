"""Backup (`pg_dump -Fc`) and the restore drill, for the embedded or the configured database.

Next to each dump a small JSON file keeps the row count of every table and the budget
ledger's totals, counted in the very snapshot pg_dump reads (`pg_export_snapshot`): the
drill compares the restored copy with the source as it was at that moment, so a source that
kept changing since (sessions, new signals) is no false alarm.
"""

import json
import os
import shutil
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path

import psycopg
from django.conf import settings
from psycopg import sql

from wijkwerk import embedded_db
from wijkwerk.apps_met import modules


def verbinding(naam: str | None = None) -> dict:
    d = settings.DATABASES["default"]
    return {
        "host": d["HOST"],
        "port": str(d["PORT"] or 5432),
        "user": d["USER"],
        "password": d["PASSWORD"] or "",
        "dbname": naam or d["NAME"],
    }


def _programma(naam: str) -> str:
    # A configured server may be newer than the wheel's PostgreSQL 16: its own tools first.
    if os.environ.get("DATABASE_URL") and shutil.which(naam):
        return shutil.which(naam)
    return str(embedded_db.programma(naam))


def _pg(programma: str, v: dict, *args: str) -> None:
    env = {**os.environ, "PGPASSWORD": v["password"]}
    opdracht = [_programma(programma), "-h", v["host"], "-p", v["port"], "-U", v["user"], *args]
    subprocess.run(opdracht, check=True, env=env, capture_output=True, text=True)


def cijfers(conn) -> dict:
    """Rows per table of the schema, and the ledger's totals (per kind of booking, and the
    balances), as strings so that JSON keeps every cent."""
    tabellen = [
        t
        for (t,) in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        )
    ]
    rijen = {
        t: conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(t))).fetchone()[0]
        for t in tabellen
    }
    # Totals that must survive a restore exactly (the budget ledger's), from each app's
    # `<app>/controletotalen.py`, counted on this connection and so in the same snapshot.
    grootboek = {}
    for module in modules("controletotalen"):
        grootboek.update(module.totalen(conn, rijen))
    return {"rijen": rijen, "grootboek": grootboek}


def maak(map_: Path) -> Path:
    """A dump of the database in `map_` (wijkwerk-<tijdstip>.dump) with its counts beside it."""
    map_.mkdir(parents=True, exist_ok=True)
    stam = map_ / f"wijkwerk-{datetime.now():%Y%m%d-%H%M%S}"
    dump = stam.with_suffix(".dump")
    v = verbinding()
    with psycopg.connect(**v, autocommit=True) as conn:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        telling = cijfers(conn)
        # Written under another name first: a dump cut short is never the newest backup.
        with tempfile.NamedTemporaryFile(dir=map_, suffix=".deel", delete=False) as tijdelijk:
            deel = Path(tijdelijk.name)
        try:
            _pg("pg_dump", v, "-Fc", f"--snapshot={snapshot}", "-f", str(deel), v["dbname"])
        except BaseException:
            deel.unlink(missing_ok=True)
            raise
        conn.execute("COMMIT")
    stam.with_suffix(".json").write_text(json.dumps(telling, indent=1, sort_keys=True))
    deel.rename(dump)
    return dump


def nieuwste(map_: Path) -> Path | None:
    dumps = sorted(map_.glob("wijkwerk-*.dump"))
    return dumps[-1] if dumps else None


def drill(dump: Path) -> tuple[dict, dict, str]:
    """Restore `dump` into a scratch database, count it, drop it. Returns (the source's
    figures, the restored figures, what the source figures are)."""
    telling = dump.with_suffix(".json")
    v = verbinding()
    if telling.exists():
        bron = json.loads(telling.read_text())
        herkomst = f"de bron op het moment van de back-up ({telling.name})"
    else:
        with psycopg.connect(**v) as conn:
            bron = cijfers(conn)
        herkomst = f"de bron nu (database {v['dbname']}; geen {telling.name} naast de dump)"
    kladnaam = f"{v['dbname'][:40]}_hersteltest_{os.getpid()}"
    with psycopg.connect(**{**v, "dbname": "postgres"}, autocommit=True) as beheer:
        beheer.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(kladnaam)))
        beheer.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(kladnaam)))
        try:
            _pg(
                "pg_restore",
                v,
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "-d",
                kladnaam,
                str(dump),
            )
            with psycopg.connect(**{**v, "dbname": kladnaam}) as conn:
                hersteld = cijfers(conn)
        finally:
            beheer.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(kladnaam))
            )
    return bron, hersteld, herkomst
