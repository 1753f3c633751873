"""The signal list's query: filters, Dutch full-text search and keyset pagination.

Shared by the list page and the CSV export, so the export has what the list shows, in the
same order. Searching, the list ranks only the newest ZOEK_KANDIDATEN matches (it must
answer fast); the export ranks every match, so a download leaves none out.
"""

import datetime
import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import Case, F, FloatField, Q, Value, When
from django.utils import timezone

from signalen.models import OPEN, Signaal, Thema
from wijken.models import Focuspunt
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
    qs, rang = _gefilterd(user, filters)
    if rang is None:
        return qs.order_by(*NIEUWSTE)
    return qs.annotate(rang=rang).order_by(F("rang").desc(), *NIEUWSTE)


def _gefilterd(user, filters: dict):
    """(the filtered signals, unordered; the rank expression, or None when not searching)."""
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
    tekst = Q(zoekvector=query)
    rang = SearchRank(F("zoekvector"), query)
    # Searching must not reveal what a masked signal says: outsiders search the text only
    # of signals without personal data (and those of their own wijken), and a masked signal
    # found by its thema ranks as if its text said nothing (its place would tell).
    if not r.heeft_rol(user, r.BEHEERDER):
        leesbaar = Q(bevat_persoonsgegevens=False) | Q(wijk_id__in=r.regisseur_wijk_ids(user))
        tekst &= leesbaar
        rang = Case(When(leesbaar, then=rang), default=Value(0.0), output_field=FloatField())
    # A signal's thema and focuspunt are shown to everybody, so they are searched for all.
    # Their ids are looked up first (two small tables, one query) and then matched as
    # plain values: the planner sees which ids, and the thema's own index can serve them.
    thema_ids, focuspunt_ids = _themas_en_focuspunten(query)
    if thema_ids:
        tekst |= Q(thema_id__in=thema_ids)
    if focuspunt_ids:
        tekst |= Q(focuspunt_id__in=focuspunt_ids)
    return qs.filter(tekst), rang


def _themas_en_focuspunten(query) -> tuple[list[int], list[int]]:
    """(ids of the themas, ids of the focuspunten) whose name or title matches `query`."""
    themas = (
        Thema.objects.annotate(soort=Value("t"), v=SearchVector("naam", config="dutch"))
        .filter(v=query)
        .order_by()
        .values_list("soort", "pk")
    )
    focuspunten = (
        Focuspunt.objects.annotate(soort=Value("f"), v=SearchVector("titel", config="dutch"))
        .filter(v=query)
        .order_by()
        .values_list("soort", "pk")
    )
    gevonden = list(themas.union(focuspunten, all=True))
    return [pk for soort, pk in gevonden if soort == "t"], [
        pk for soort, pk in gevonden if soort == "f"
    ]


def themas_bij(q: str) -> list:
    """The themas to offer when a search for `q` found nothing: those whose name starts like
    a word of the search ("eenzaam", "eenzame" for "eenzaamheid"), or else all active ones."""
    woorden = [w[:5] for w in re.findall(r"\w{4,}", q.lower())]
    themas = list(Thema.objects.filter(actief=True))
    passend = [
        t
        for t in themas
        if any(deel.startswith(w) for w in woorden for deel in re.findall(r"\w+", t.naam))
    ]
    return passend or themas


def _kandidaten(qs):
    """The newest ZOEK_KANDIDATEN matches: the signals that a search ranks."""
    return qs.order_by(*NIEUWSTE)[:ZOEK_KANDIDATEN]


def lijstpagina(user, filters: dict, cursor: str | None, grootte: int):
    """(rows, next cursor or None) of the list page: what gefilterd() and pagina() give."""
    qs, rang = _gefilterd(user, filters)
    if rang is None:
        return pagina(qs.voor_lijst().order_by(*NIEUWSTE), cursor, grootte)
    return _zoekpagina(qs, rang, cursor, grootte)


def _zoekpagina(qs, rang, cursor: str | None, grootte: int):
    """A page of search results: the newest ZOEK_KANDIDATEN matches ranked in the database
    (read from the index walk that finds them), the page cut from those few tuples here, and
    its rows loaded as the list loads them."""
    gerangschikt = sorted(
        _kandidaten(qs).annotate(rang=rang).values_list("rang", "aangemaakt_op", "pk"),
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
