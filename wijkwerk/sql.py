"""Table and column names for the few hand-written SQL statements, taken from the models so
a renamed field cannot go unnoticed. The statements are built once per process: only the
models and PostgreSQL's quoting shape them."""

from django.db import connection


def tabel(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def kolomnaam(model, veld) -> str:
    """The quoted column of a field (a foreign key's, e.g. "wijk_id", for "wijk")."""
    return connection.ops.quote_name(model._meta.get_field(veld).column)


def kolom(model, veld) -> str:
    """The quoted column with its table: "tabel"."kolom"."""
    return f"{tabel(model)}.{kolomnaam(model, veld)}"


def volgorde(model) -> str:
    """The model's Meta.ordering (plain field names) as an ORDER BY list."""
    return ", ".join(
        kolom(model, v.lstrip("-")) + (" DESC" if v[0] == "-" else "") for v in model._meta.ordering
    )
