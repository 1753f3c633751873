"""Table and column names for the few hand-written SQL statements (only where the ORM cannot
say it: a row-value keyset comparison, an upsert that returns a value), taken from the models
so a renamed field cannot go unnoticed."""

from django.db import connection


def tabel(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def kolomnaam(model, veld) -> str:
    """The quoted column of a field (a foreign key's, e.g. "wijk_id", for "wijk")."""
    return connection.ops.quote_name(model._meta.get_field(veld).column)


def kolom(model, veld) -> str:
    """The quoted column with its table: "tabel"."kolom"."""
    return f"{tabel(model)}.{kolomnaam(model, veld)}"
