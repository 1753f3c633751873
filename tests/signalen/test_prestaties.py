"""Query counts that do not grow with the page, and an index behind every filter."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from signalen import zoeken
from signalen.generator import genereer
from signalen.models import Signaal, Thema
from wijken.models import Focuspunt, Partner, Wijk


def _tel(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return [
        q["sql"] for q in ctx.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))
    ]


@pytest.mark.parametrize("rol", ["regisseur_a", "groene_loper", "beheerder"])
def test_lijst_25_en_100_rijen_even_veel_queries(client, personas, max_queries, rol):
    genereer(150, seed=1)
    # The newest signal has personal data in Oosterheem, so both pages write the access log
    # for regisseur_a and the beheerder (one INSERT for the whole page).
    nieuwste = Signaal.objects.nieuwste_eerst().first()
    Signaal.objects.filter(pk=nieuwste.pk).update(
        wijk=Wijk.objects.get(slug="oosterheem"), bevat_persoonsgegevens=True
    )
    client.force_login(personas[rol])
    url = reverse("signalen:lijst")
    _tel(client, url)  # warm up the session and the user's role cache
    klein = _tel(client, url + "?per=25")
    groot = _tel(client, url + "?per=100")
    assert len(klein) == len(groot), "\n".join(groot)
    # Searching looks up the themas and focuspunten that match (one query), ranks the newest
    # matches in one query and reads the page's rows in another.
    with max_queries(len(klein) + 2):
        assert client.get(url + "?per=100&status=open&q=speeltuin").status_code == 200
    # Session, user with roles and wijken, rows, the access log, two option lists, session;
    # for the beheerder also the authenticator app that verified the session (django-otp).
    with max_queries(8 if rol == "beheerder" else 7):
        assert client.get(url + "?per=100").status_code == 200


def test_detail_en_signalering_queries_constant(client, regisseur_a, max_queries):
    genereer(150, seed=2)
    client.force_login(regisseur_a)
    s = Signaal.objects.filter(wijk__slug="oosterheem").first()
    _tel(client, s.get_absolute_url())
    with max_queries(6):
        assert client.get(s.get_absolute_url()).status_code == 200
    with max_queries(5):
        assert client.get(reverse("signalen:signalering")).status_code == 200
    # Each of the four selects reads its own list.
    with max_queries(8):
        assert client.get(reverse("signalen:nieuw")).status_code == 200


def test_elk_filter_gebruikt_een_index(personas):
    """One data set of 12,000 signals for all filters: generating it is the slow part."""
    genereer(12_000, seed=3, batch=6000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE signalen_signaal")
        # The generated texts need a tail of rare words, as real ones have. Without it the
        # statistics say an unknown word is in 0.5 % of the signals (PostgreSQL's default
        # for a word it has not seen), and at a million rows a typo then walks the whole
        # (aangemaakt_op, id) index for matches that do not exist.
        cursor.execute(
            "EXPLAIN SELECT 1 FROM signalen_signaal "
            "WHERE zoekvector @@ websearch_to_tsquery('dutch', 'zzzonbekend')"
        )
        geschat = int(re.search(r"rows=(\d+)", cursor.fetchone()[0]).group(1))
    assert geschat <= 0.002 * 12_000, f"onbekend woord geschat op {geschat} van 12.000 rijen"
    vandaag = timezone.localdate()
    wijk = Wijk.objects.get(slug="oosterheem")
    filters = {
        "geen": {},
        "wijk": {"wijk": wijk},
        "thema": {"thema": Thema.objects.get(naam="veiligheid")},
        "status": {"status": "nieuw"},
        "status_veel": {"status": "afgesloten"},
        "open": {"status": "open"},
        "regie": {"regie": "inwoners"},
        "periode": {"van": vandaag - datetime.timedelta(days=30), "tot": vandaag},
        "te_laat": {"te_laat": True},
        # A word in a few percent of the signals. A word in every tenth one makes the
        # planner read the whole 12,000-row table for the newest 1,000 matches; at a million
        # rows it walks the (aangemaakt_op, id) index instead (see make bench).
        "zoeken": {"q": "drugshandel"},
        "zoeken_onbekend": {"q": "zzzonbekend"},
        # A thema's name: its signals are found too (thema_id = …, OR-ed with the text).
        "zoeken_thema": {"q": "eenzaamheid"},
        "zoeken_focuspunt": {"q": "hoogbouw"},
        "wijk_thema_open": {
            "wijk": Wijk.objects.get(slug="seghwaert"),
            "thema": Thema.objects.get(naam="jeugd"),
            "status": "open",
        },
    }
    fouten = []
    for naam, f in filters.items():
        for user in (personas["groene_loper"], personas["regisseur_a"]):
            qs = zoeken.gefilterd(user, f)
            for met_cursor in (False, True):
                if met_cursor:
                    # A search pages among its ranked candidates, not with a cursor in SQL.
                    _, cursor = (None, None) if f.get("q") else zoeken.pagina(qs, None, 25)
                    if cursor is None:
                        continue
                    qs = zoeken.na_cursor(qs, cursor)
                plan = qs[:26].explain()
                if "Seq Scan on signalen_signaal" in plan or "Index" not in plan:
                    fouten.append(f"{naam} (cursor: {met_cursor}):\n{plan}")
            # The list page's own queries (searching ranks in its own SQL), with a cursor too.
            cursor = None
            for _ in range(2):
                with CaptureQueriesContext(connection) as ctx:
                    _, cursor = zoeken.lijstpagina(user, f, cursor, 25)
                for q in ctx.captured_queries:
                    if 'FROM "signalen_signaal"' not in q["sql"]:
                        continue  # the themas and focuspunten a search matches: tiny tables
                    with connection.cursor() as db:
                        db.execute("EXPLAIN " + q["sql"])
                        plan = "\n".join(rij[0] for rij in db.fetchall())
                    if "Seq Scan on signalen_signaal" in plan or "Index" not in plan:
                        fouten.append(f"{naam}, lijstpagina:\n{plan}")
                    if naam == "zoeken_onbekend" and "signaal_zoekvector" not in plan:
                        fouten.append(f"{naam} zonder de zoekindex:\n{plan}")
                if cursor is None:
                    break
    from django.db.models import Count

    # Not checked: the signalering page's count per wijk reads every overdue signal (about
    # 8% here), where a sequential scan is the planner's right choice.
    for naam, qs in {
        "signalering langst": Signaal.objects.te_laat().order_by("streefdatum", "id")[:50],
        "dossier per thema": Signaal.objects.open()
        .in_wijk(wijk)
        .values("thema")
        .annotate(n=Count("id")),
        "dossier te laat": Signaal.objects.te_laat().in_wijk(wijk),
        "dossier mediaan": Signaal.objects.filter(
            wijk=wijk, beantwoord_op__gte=timezone.now() - datetime.timedelta(days=90)
        ),
    }.items():
        plan = qs.explain()
        if "Seq Scan on signalen_signaal" in plan:
            fouten.append(f"{naam}:\n{plan}")
    assert not fouten, "\n\n".join(fouten)


def test_snel_vastleggen_met_htmx_vast_aantal_queries(client, regisseur_a, max_queries):
    """Saving and the fresh form after it: session, user, a lookup per chosen option, the
    signal and its first history row, the recent list, and each select's list once."""
    client.force_login(regisseur_a)
    client.get(reverse("signalen:nieuw"))  # warm up the session
    data = {
        "wijk": Wijk.objects.get(slug="oosterheem").pk,
        "thema": Thema.objects.get(naam="jeugd").pk,
        "omschrijving": "Kapotte bank bij de speeltuin.",
        "idempotentie_token": "0b7e3d6a-4f1e-4c57-9a55-2b1c8d9e0f12",
    }
    with max_queries(12):
        response = client.post(reverse("signalen:nieuw"), data, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
    tekst = response.content.decode()
    assert response.status_code == 200 and "Signaal opgeslagen" in tekst
    # The fresh form still offers every option of the optional selects (the focuspunten of
    # the wijk chosen).
    eigen = Focuspunt.objects.filter(wijken__slug="oosterheem")
    assert eigen.exists() and Partner.objects.exists()
    for obj in (*eigen, *Partner.objects.all()):
        assert f'<option value="{obj.pk}">{escape(str(obj))}</option>' in tekst
    # Everything filled in: the chosen focuspunt and partner are checked from the same lists.
    focuspunt = Focuspunt.objects.filter(wijken__slug="oosterheem").first()
    partner = Partner.objects.first()
    data.update(
        idempotentie_token="5c2d8e1f-3a4b-4c6d-8e9f-0a1b2c3d4e5f",
        focuspunt=focuspunt.pk,
        regie_bij="partner",
        regie_partner=partner.pk,
        gemeld_door="Buurtbewoner",
    )
    with max_queries(14):
        response = client.post(reverse("signalen:nieuw"), data, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
    assert "Signaal opgeslagen" in response.content.decode()
    s = Signaal.objects.get(idempotentie_token=data["idempotentie_token"])
    assert (s.focuspunt, s.regie_partner) == (focuspunt, partner)
