"""The signal list's query: filters, Dutch full-text search and keyset pagination.

Shared by the list page and the CSV export, so the export has what the list shows, in the
same order. Searching, the list ranks only the newest ZOEK_KANDIDATEN matches (it must
answer fast); the export ranks every match, so a download leaves none out.
"""

import datetime
from functools import cache

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import BooleanField, F, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from signalen.models import LIJSTVELDEN, OPEN, Signaal, Thema
from wijken.models import Wijk
from wijkwerk import keyset
from wijkwerk import rollen as r
from wijkwerk.sql import kolom, tabel

# Ten pages of results; further back, the list's hint says to choose a period. The walk
# for them costs in proportion: a common word ("overlast", in 4 % of a million signals)
# reads ~13,000 index entries for 500 matches, ~2.7 ms, and half that for 250. With the
# search's other work that put the page at 4-5x /healthz in make bench, and 3-4x with 250.
# Rank ties go to the newest, so the first pages were the same with 250, 500 and 1,000
# for 13 of the 14 queries tried on the benchmark data.
ZOEK_KANDIDATEN = 250


NIEUWSTE = ("-aangemaakt_op", "-id")


def gefilterd(user, filters: dict):
    """Every signal matching the cleaned filters, newest first (best first when searching).

    The export reads this queryset. The list page reads its rows through lijstpagina():
    the same order, but searching only among the newest ZOEK_KANDIDATEN matches.
    """
    qs, query = _gefilterd(user, filters)
    if query is None:
        return qs.order_by(*NIEUWSTE)
    return qs.annotate(rang=SearchRank(F("zoekvector"), query)).order_by(
        F("rang").desc(), *NIEUWSTE
    )


def _gefilterd(user, filters: dict):
    """(the filtered signals, unordered; the SearchQuery, or None when not searching)."""
    qs = Signaal.objects.select_related("wijk", "thema")
    if filters.get("wijk"):
        qs = qs.filter(wijk=filters["wijk"])
    if filters.get("thema"):
        qs = qs.filter(thema=filters["thema"])
    status = filters.get("status")
    if status == "open":
        qs = qs.filter(status__in=OPEN)
    elif status:
        qs = qs.filter(status=status)
    if filters.get("regie"):
        qs = qs.filter(regie_bij=filters["regie"])
    if filters.get("van"):
        qs = qs.filter(aangemaakt_op__gte=_begin_van_dag(filters["van"]))
    if filters.get("tot"):
        qs = qs.filter(aangemaakt_op__lt=_begin_van_dag(filters["tot"] + datetime.timedelta(1)))
    if filters.get("te_laat"):
        qs = qs.te_laat()
    if not filters.get("q"):
        return qs, None
    query = SearchQuery(filters["q"], config="dutch", search_type="websearch")
    qs = qs.filter(zoekvector=query)
    # Searching must not reveal what a masked signal says: outsiders search only
    # signals without personal data (and those of their own wijken).
    if not r.heeft_rol(user, r.BEHEERDER):
        qs = qs.filter(Q(bevat_persoonsgegevens=False) | Q(wijk_id__in=r.regisseur_wijk_ids(user)))
    return qs, query


def _kandidaten(qs):
    """The newest ZOEK_KANDIDATEN matches: the signals that a search ranks."""
    return qs.order_by(*NIEUWSTE)[:ZOEK_KANDIDATEN]


def lijstpagina(user, filters: dict, cursor: str | None, grootte: int):
    """(rows, next cursor or None) of the list page: what gefilterd() and pagina() give."""
    qs, query = _gefilterd(user, filters)
    if query is None:
        return pagina(qs.voor_lijst().order_by(*NIEUWSTE), cursor, grootte)
    return _zoekpagina(qs, query, cursor, grootte)


def _zoekpagina(qs, query, cursor: str | None, grootte: int):
    """A page of search results, with their rows, in one query.

    The inner part reads each candidate once, from the (aangemaakt_op, id) index walk that
    finds them, and ranks it there. (Fetching all candidates' ids and reading those rows
    again by primary key to rank them cost four times the buffer reads, a long parameter
    list and more than twice the time.) The outer part joins only the page's rows to what a
    list item shows (_lijstrijen). Built as one statement: reading the rows afterwards
    through the ORM (in_bulk) cost a round trip and 0.7 ms to compile, 2.3 ms in all.
    """
    gerangschikt_sql, params = (
        _kandidaten(qs)
        .annotate(k_rang=SearchRank(F("zoekvector"), query), k_op=F("aangemaakt_op"), k_id=F("pk"))
        .values_list("k_rang", "k_op", "k_id")
        .query.sql_with_params()
    )
    na = _lees_cursor(cursor, zoekt=True) if cursor else None
    # ts_rank returns real; compare as real so the cursor's value matches exactly.
    waar = "WHERE (k_rang, k_op, k_id) < (%s::real, %s, %s)" if na else ""
    pagina_ = _lijstrijen(
        f"SELECT k_id, k_rang, k_op FROM ({gerangschikt_sql}) AS kandidaat {waar} "
        "ORDER BY k_rang DESC, k_op DESC, k_id DESC LIMIT %s",
        [*params, *(na or ()), grootte + 1],
    )
    volgende = cursor_van(pagina_[grootte - 1], zoekt=True) if len(pagina_) > grootte else None
    return pagina_[:grootte], volgende


def _lijstrijen(kandidaten_sql, params) -> list[Signaal]:
    """The signals of `kandidaten_sql` (k_id, k_rang, k_op), best first, loaded as
    Signaal.objects.voor_lijst() loads them: LIJSTVELDEN, with the wijk and thema named
    (a test compares the two). Each carries its rank as `rang`."""
    kolommen, velden = _lijstrijen_sql()
    with connection.cursor() as cursor:
        cursor.execute(kolommen.format(kandidaten=kandidaten_sql), params)
        rijen = cursor.fetchall()
    db, namen, n = connection.alias, [f.attname for f in velden], len(velden)
    signalen = []
    for rij in rijen:
        signaal = Signaal.from_db(db, namen, rij[:n])
        signaal.wijk = Wijk.from_db(db, [Wijk._meta.pk.attname, "naam"], (signaal.wijk_id, rij[n]))
        signaal.thema = Thema.from_db(
            db, [Thema._meta.pk.attname, "naam"], (signaal.thema_id, rij[n + 1])
        )
        signaal.rang = rij[n + 2]
        signalen.append(signaal)
    return signalen


@cache
def _lijstrijen_sql():
    """(statement with a {kandidaten} slot, the Signaal fields it reads in column order)."""
    velden = [f for f in Signaal._meta.concrete_fields if f.primary_key or f.name in _LIJST_EIGEN]
    kolommen = ", ".join(kolom(Signaal, f.name) for f in velden)
    sql = (
        f"SELECT {kolommen}, {kolom(Wijk, 'naam')}, {kolom(Thema, 'naam')}, k.k_rang "
        f"FROM ({{kandidaten}}) AS k JOIN {tabel(Signaal)} ON {kolom(Signaal, 'id')} = k.k_id "
        f"JOIN {tabel(Wijk)} ON {kolom(Wijk, 'id')} = {kolom(Signaal, 'wijk')} "
        f"JOIN {tabel(Thema)} ON {kolom(Thema, 'id')} = {kolom(Signaal, 'thema')} "
        "ORDER BY k.k_rang DESC, k.k_op DESC, k.k_id DESC"
    )
    return sql, velden


# Signaal's own fields among LIJSTVELDEN ("wijk__naam" is the wijk's: Signaal has wijk_id).
_LIJST_EIGEN = {naam.split("__")[0] for naam in LIJSTVELDEN}


def _begin_van_dag(datum):
    return timezone.make_aware(datetime.datetime.combine(datum, datetime.time()))


def cursor_van(signaal, zoekt: bool) -> str:
    t = keyset.cursor(signaal.aangemaakt_op, signaal.pk)
    return f"{signaal.rang!r}_{t}" if zoekt else t


def _lees_cursor(cursor: str, zoekt: bool):
    """(rank, time, id) or (time, id) from a cursor; None if it is unreadable."""
    if not zoekt:
        return keyset.lees(cursor)
    rang, _, rest = cursor.partition("_")
    try:
        rang = float(rang)
    except ValueError:
        return None
    # ts_rank gives a real in [0, 1]. Beyond a real's range, too large or too close to zero,
    # "%s::real" fails in the database.
    if not (rang == 0 or 1e-30 <= rang <= 1e30):
        return None
    na = keyset.lees(rest)
    return (rang, *na) if na else None


def na_cursor(qs, cursor: str, zoekterm: str):
    """Rows after the cursor, as a row comparison so the (aangemaakt_op, id) index serves it.

    An unreadable cursor (edited URL) starts at the first page rather than failing.
    """
    zoekt = bool(zoekterm)
    na = _lees_cursor(cursor, zoekt)
    if na is None:
        return qs
    if not zoekt:
        return keyset.na(qs, "aangemaakt_op", *na)
    rang, t, pk = na
    # ts_rank returns real; compare as real so the cursor's value matches exactly.
    return qs.filter(
        RawSQL(
            f"(ts_rank({kolom(Signaal, 'zoekvector')}, "
            f"websearch_to_tsquery('dutch'::regconfig, %s)), "
            f"{kolom(Signaal, 'aangemaakt_op')}, {kolom(Signaal, 'id')}) < (%s::real, %s, %s)",
            [zoekterm, rang, t, pk],
            output_field=BooleanField(),
        )
    )


def pagina(qs, cursor: str | None, grootte: int, zoekterm: str = ""):
    """(rows, next cursor or None) in one query: one row extra tells whether there is more."""
    zoekt = bool(zoekterm)
    if cursor:
        qs = na_cursor(qs, cursor, zoekterm)
    rijen = list(qs[: grootte + 1])
    volgende = cursor_van(rijen[grootte - 1], zoekt) if len(rijen) > grootte else None
    return rijen[:grootte], volgende
