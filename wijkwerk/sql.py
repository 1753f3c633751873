"""Table and column names for the few hand-written SQL statements, taken from the models so
a renamed field cannot go unnoticed. The statements are built once per process: only the
models and PostgreSQL's quoting shape them."""

from functools import cache

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


def lijsten(delen, params=()) -> list[list[list]]:
    """A few small tables in one query (UNION ALL), e.g. a form's option lists.

    `delen`: a tuple of (model, column expressions, WHERE or ""). Returns per part the
    values of its columns, a list per row, in the model's Meta.ordering. Each part's
    columns travel as one JSON array, so the parts need not line up in number or type.
    """
    with connection.cursor() as cursor:
        cursor.execute(_lijsten_sql(delen), params)
        rijen = cursor.fetchall()
    per_deel = [[] for _ in delen]
    for deel, _, waarden in rijen:
        per_deel[deel].append(waarden)
    return per_deel


@cache
def _lijsten_sql(delen) -> str:
    return (
        " UNION ALL ".join(
            f"SELECT {i}, ROW_NUMBER() OVER (ORDER BY {volgorde(model)}) AS nr, "
            f"json_build_array({', '.join(kolommen)}) FROM {tabel(model)}"
            + (f" WHERE {waar}" if waar else "")
            for i, (model, kolommen, waar) in enumerate(delen)
        )
        + " ORDER BY 1, 2"
    )
