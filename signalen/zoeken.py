"""The signal list's query: filters, Dutch full-text search and keyset pagination.

Shared by the list page and the CSV export, so the export has what the list shows, in the
same order. Searching, the list ranks only the newest ZOEK_KANDIDATEN matches (it must
answer fast); the export ranks every match, so a download leaves none out.
"""

import datetime

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, Q
from django.utils import timezone

from signalen.models import OPEN, Signaal
from wijkwerk import keyset
from wijkwerk import rollen as r

# Ten pages of results; further back, the list's hint says to choose a period. A common
# word walks the index in proportion to this number, so it is the search's cost.
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
    """A page of search results: the newest ZOEK_KANDIDATEN matches ranked in the database
    (read from the index walk that finds them), the page cut from those few tuples here, and
    its rows loaded as the list loads them."""
    gerangschikt = sorted(
        _kandidaten(qs)
        .annotate(rang=SearchRank(F("zoekvector"), query))
        .values_list("rang", "aangemaakt_op", "pk"),
        reverse=True,
    )
    na = _lees_cursor(cursor, zoekt=True) if cursor else None
    if na:
        gerangschikt = [k for k in gerangschikt if k < na]
    deze = gerangschikt[: grootte + 1]
    rijen = Signaal.objects.voor_lijst().in_bulk([pk for _, _, pk in deze])
    pagina_ = []
    for rang, _, pk in deze:
        rijen[pk].rang = rang
        pagina_.append(rijen[pk])
    volgende = cursor_van(pagina_[grootte - 1], zoekt=True) if len(pagina_) > grootte else None
    return pagina_[:grootte], volgende


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
    na = keyset.lees(rest)
    return (rang, *na) if na else None


def na_cursor(qs, cursor: str):
    """Rows after the cursor, as a row comparison so the (aangemaakt_op, id) index serves it.

    An unreadable cursor (edited URL) starts at the first page rather than failing.
    """
    na = keyset.lees(cursor)
    return keyset.na(qs, "aangemaakt_op", *na) if na else qs


def pagina(qs, cursor: str | None, grootte: int):
    """(rows, next cursor or None) in one query: one row extra tells whether there is more."""
    if cursor:
        qs = na_cursor(qs, cursor)
    rijen = list(qs[: grootte + 1])
    volgende = cursor_van(rijen[grootte - 1], zoekt=False) if len(rijen) > grootte else None
    return rijen[:grootte], volgende
