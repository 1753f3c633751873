"""Staff pages: the permission matrix over every URL, htmx and no-JS paths, bad input,
constant query counts."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from initiatieven import acties
from initiatieven.models import Agendapunt, Besluit, Discipline, Initiatief, Status, Vergadering
from tests.factories import UserFactory
from tests.initiatieven.conftest import klaar_initiatief, nieuw_initiatief

ROLLEN = ["regisseur_a", "regisseur_b", "wethouder", "groene_loper", "beheerder"]
BEHEER = {"groene_loper", "beheerder"}
# Who may change an initiative in Oosterheem: its regisseur (A) and the Groene Loper.
TRIAGE = BEHEER | {"regisseur_a"}


@pytest.fixture
def wereld(personas, disciplines):
    gl = personas["groene_loper"]
    # Today: a decision is recorded on the meeting's day or later.
    vergadering = Vergadering.objects.create(datum=timezone.localdate())
    punt = acties.agendeer(vergadering=vergadering, initiatief=klaar_initiatief(gl), door=gl)
    return {
        "vergadering": vergadering,
        "punt": punt,
        "nieuw": nieuw_initiatief(),  # Oosterheem, status ontvangen
        "gevraagd": acties.markeer_incompleet(initiatief=nieuw_initiatief(), vraag="?", door=gl),
    }


def _urls(w):
    v, p = w["vergadering"].pk, w["punt"].pk
    ref, vref = w["nieuw"].referentie, w["gevraagd"].referentie
    return [
        # (name, args, method, data, who may)
        ("initiatieven:lijst", [], "get", None, set(ROLLEN)),
        ("initiatieven:doorlooptijd", [], "get", None, set(ROLLEN)),
        ("initiatieven:wijk", ["oosterheem"], "get", None, set(ROLLEN)),
        ("initiatieven:vergaderingen", [], "get", None, set(ROLLEN)),
        ("initiatieven:detail", [ref], "get", None, set(ROLLEN)),
        ("initiatieven:besluitenlijst", [v], "get", None, set(ROLLEN)),
        ("initiatieven:vergadering", [v], "get", None, BEHEER),
        ("initiatieven:vergaderingen", [], "post", {"datum": ""}, BEHEER),
        ("initiatieven:triage", [ref], "post", {}, TRIAGE),
        ("initiatieven:incompleet", [ref], "post", {}, TRIAGE),
        ("initiatieven:antwoord", [vref], "post", {}, TRIAGE),
        ("initiatieven:compleet", [ref], "post", {}, TRIAGE),
        ("initiatieven:agendeer", [v], "post", {}, BEHEER),
        ("initiatieven:advies", [p], "post", {}, BEHEER),
        ("initiatieven:besluit", [p], "post", {}, BEHEER),
        ("initiatieven:orden_punt", [p], "post", {"richting": "neer"}, BEHEER),
        ("initiatieven:verwijder_punt", [p], "post", {}, BEHEER),
    ]


@pytest.mark.parametrize("rol", [*ROLLEN, "zonder_rol"])
def test_rechtenmatrix(client, wereld, personas, rol):
    gebruiker = personas.get(rol) or UserFactory(username="t-zonder-rol")
    client.force_login(gebruiker)
    for naam, args, methode, data, mogen in _urls(wereld):
        url = reverse(naam, args=args)
        response = getattr(client, methode)(url, data) if data is not None else client.get(url)
        if rol in mogen:
            assert response.status_code in (200, 302, 400), (rol, naam, methode)
        else:
            assert response.status_code == 403, (rol, naam, methode, response.status_code)
            if methode == "post":
                htmx = client.post(url, data, headers={"HX-Request": "true"})
                assert htmx.status_code == 403, (rol, naam, "htmx")


def test_regisseur_b_ziet_geen_persoonsgegevens_van_oosterheem(client, wereld, personas):
    ref = wereld["nieuw"].referentie
    client.force_login(personas["regisseur_b"])
    assert (
        "ilse@example.org"
        not in client.get(reverse("initiatieven:detail", args=[ref])).content.decode()
    )
    client.force_login(personas["regisseur_a"])
    assert (
        "ilse@example.org"
        in client.get(reverse("initiatieven:detail", args=[ref])).content.decode()
    )


def test_regisseur_mag_ongeplaatst_initiatief_triageren(client, personas, disciplines):
    initiatief = nieuw_initiatief(wijk=None, adres_vrij="Ergens 1")
    client.force_login(personas["regisseur_b"])
    from wijken.models import Wijk

    seghwaert = Wijk.objects.get(slug="seghwaert").pk
    response = client.post(
        reverse("initiatieven:triage", args=[initiatief.referentie]), {"wijk": seghwaert}
    )
    assert response.status_code == 302
    initiatief.refresh_from_db()
    assert initiatief.contactpersoon == personas["regisseur_b"]


@pytest.mark.parametrize(
    "naam,args",
    [
        ("initiatieven:triage", ["GL-2026-0001"]),
        ("initiatieven:compleet", ["GL-2026-0001"]),
        ("initiatieven:agendeer", [1]),
        ("initiatieven:besluit", [1]),
        ("initiatieven:advies", [1]),
        ("initiatieven:orden_punt", [1]),
        ("initiatieven:verwijder_punt", [1]),
    ],
)
def test_get_op_post_url_geeft_405(client, groene_loper, naam, args):
    client.force_login(groene_loper)
    assert client.get(reverse(naam, args=args)).status_code == 405


@pytest.mark.parametrize(
    "naam", ["initiatieven:lijst", "initiatieven:besluitenlijst", "initiatieven:doorlooptijd"]
)
def test_post_op_get_url_geeft_405(client, groene_loper, naam):
    client.force_login(groene_loper)
    args = [1] if naam == "initiatieven:besluitenlijst" else []
    assert client.post(reverse(naam, args=args)).status_code == 405


def test_onbekend_object_geeft_404(client, groene_loper):
    client.force_login(groene_loper)
    assert client.get(reverse("initiatieven:detail", args=["GL-1999-9999"])).status_code == 404
    assert client.get(reverse("initiatieven:vergadering", args=[999999])).status_code == 404
    assert client.post(reverse("initiatieven:besluit", args=[999999])).status_code == 404


def test_triage_zonder_js(
    client, wereld, groene_loper, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(groene_loper)
    ref = wereld["nieuw"].referentie
    url = reverse("initiatieven:incompleet", args=[ref])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"vraag": "Wanneer?"}).status_code == 302
    assert "Wanneer?" in mailoutbox[-1].body
    url = reverse("initiatieven:antwoord", args=[ref])
    assert client.post(url, {"antwoord": "In mei"}).status_code == 302
    assert client.post(reverse("initiatieven:compleet", args=[ref])).status_code == 302
    assert Initiatief.objects.get(referentie=ref).status == Status.COMPLEET
    # Again: the status does not allow it, a Dutch message and no 500.
    response = client.post(reverse("initiatieven:compleet", args=[ref]))
    assert response.status_code == 400 and "Dit kan niet" in response.content.decode()


def test_besluit_zonder_motivering_via_htmx_en_zonder_js(client, wereld, groene_loper):
    client.force_login(groene_loper)
    p = wereld["punt"]
    url = reverse("initiatieven:besluit", args=[p.pk])
    data = {
        f"besluit-{p.pk}-uitkomst": "akkoord",
        f"besluit-{p.pk}-motivering": "  ",
        f"besluit-{p.pk}-actiehouder": "Team Oost",
    }
    zonder_js = client.post(url, data)
    assert zonder_js.status_code == 400
    tekst = zonder_js.content.decode()
    assert "Schrijf de motivering op" in tekst and 'value="Team Oost"' in tekst and "<html" in tekst
    htmx = client.post(url, data, headers={"HX-Request": "true"})
    assert htmx.status_code == 200
    tekst = htmx.content.decode()
    assert "Schrijf de motivering op" in tekst and "<html" not in tekst and 'id="agenda"' in tekst
    assert not Besluit.objects.exists()


def test_besluit_via_htmx(
    client, wereld, groene_loper, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(groene_loper)
    p = wereld["punt"]
    data = {
        f"besluit-{p.pk}-uitkomst": "akkoord",
        f"besluit-{p.pk}-motivering": "Goed plan",
        f"besluit-{p.pk}-actiehouder": "Team Oost",
        f"besluit-{p.pk}-deadline": "2027-01-31",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("initiatieven:besluit", args=[p.pk]), data, headers={"HX-Request": "true"}
        )
    assert response.status_code == 200
    assert "Besluit: akkoord." in response.content.decode()
    assert response["Vary"].count("HX-Request") == 1
    assert Initiatief.objects.get(pk=p.initiatief_id).status == Status.GEINFORMEERD
    # The wijkdossier section shows it as picked up, with actiehouder and deadline.
    tekst = client.get(
        reverse("initiatieven:wijk", args=["oosterheem"]), headers={"HX-Request": "true"}
    ).content.decode()
    assert p.initiatief.referentie in tekst and "Team Oost" in tekst and "31 januari 2027" in tekst
    assert "<html" not in tekst
    # The besluitenlijst: the decision with its deadline, an undecided item with dashes.
    open_ = acties.agendeer(
        vergadering=p.vergadering, initiatief=klaar_initiatief(groene_loper), door=groene_loper
    )
    tekst = client.get(
        reverse("initiatieven:besluitenlijst", args=[p.vergadering_id])
    ).content.decode()
    assert "<strong>akkoord</strong>. Goed plan" in tekst
    assert '"Actiehouder">Team Oost<' in tekst and '"Deadline">31 januari 2027<' in tekst
    assert f"{open_.initiatief.referentie} Moestuin" in tekst and "nog geen besluit" in tekst
    assert '"Actiehouder">–<' in tekst and '"Deadline">–<' in tekst


@pytest.fixture
def tweede_punt(wereld, groene_loper):
    """A second item on the meeting of `wereld`, after its first."""
    return acties.agendeer(
        vergadering=wereld["vergadering"],
        initiatief=klaar_initiatief(groene_loper),
        door=groene_loper,
    )


def test_advies_zonder_js_staat_op_agenda_en_besluitenlijst(
    client, wereld, groene_loper, tweede_punt
):
    client.force_login(groene_loper)
    p = wereld["punt"]
    v = wereld["vergadering"]
    veiligheid = Discipline.objects.get(naam="veiligheid")
    response = client.post(
        reverse("initiatieven:advies", args=[p.pk]),
        {f"advies-{p.pk}-discipline": veiligheid.pk, f"advies-{p.pk}-tekst": "Geen bezwaar"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{v.get_absolute_url()}?punt={p.pk}#punt-{p.pk}"
    assert p.adviezen.get().tekst == "Geen bezwaar"
    assert p.initiatief.historie.filter(toelichting="Advies veiligheid: Geen bezwaar").exists()
    financien = Discipline.objects.get(naam="financiën")
    client.post(
        reverse("initiatieven:advies", args=[p.pk]),
        {f"advies-{p.pk}-discipline": financien.pk, f"advies-{p.pk}-tekst": "Past in budget"},
    )
    # Present: an active discipline and one made inactive later; only active ones advise.
    zorg = Discipline.objects.get(naam="zorg en welzijn")
    v.aanwezig.add(veiligheid, zorg)
    Discipline.objects.filter(pk=zorg.pk).update(actief=False)
    for url in [v.get_absolute_url(), reverse("initiatieven:besluitenlijst", args=[v.pk])]:
        tekst = client.get(url).content.decode()
        assert "<strong>financiën</strong>: Past in budget" in tekst
        assert tekst.index("Past in budget") < tekst.index("Geen bezwaar")
        assert "veiligheid, zorg en welzijn." in tekst
    tekst = client.get(v.get_absolute_url()).content.decode()
    assert f'<option value="{veiligheid.pk}">veiligheid</option>' in tekst
    assert f'<option value="{zorg.pk}">' not in tekst


def test_alleen_het_huidige_punt_heeft_formulieren(client, wereld, groene_loper, tweede_punt):
    client.force_login(groene_loper)
    v = wereld["vergadering"]
    tekst = client.get(v.get_absolute_url()).content.decode()
    assert tekst.count("Besluit vastleggen") == 1 and tekst.count("Van de agenda halen") == 1
    # The other item has a link that opens it.
    assert f'href="?punt={tweede_punt.pk}#punt-{tweede_punt.pk}"' in tekst
    tekst = client.get(v.get_absolute_url(), {"punt": tweede_punt.pk}).content.decode()
    assert f'action="/initiatieven/agendapunten/{tweede_punt.pk}/besluit/"' in tekst
    assert f'formaction="/initiatieven/agendapunten/{tweede_punt.pk}/verwijderen/"' in tekst


def test_ordenen_en_verwijderen_zonder_js(client, wereld, groene_loper, tweede_punt):
    client.force_login(groene_loper)
    p = wereld["punt"]
    v = wereld["vergadering"]
    response = client.post(
        reverse("initiatieven:orden_punt", args=[tweede_punt.pk]), {"richting": "op"}
    )
    # The moved item stays open.
    assert (
        response["Location"]
        == f"{v.get_absolute_url()}?punt={tweede_punt.pk}#punt-{tweede_punt.pk}"
    )
    assert list(v.agendapunten.values_list("pk", flat=True)) == [tweede_punt.pk, p.pk]
    assert (
        client.post(
            reverse("initiatieven:orden_punt", args=[p.pk]), {"richting": "opzij"}
        ).status_code
        == 400
    )
    client.post(reverse("initiatieven:verwijder_punt", args=[tweede_punt.pk]))
    assert list(v.agendapunten.values_list("pk", flat=True)) == [p.pk]


def test_agendapunt_twee_keer(client, wereld, groene_loper):
    client.force_login(groene_loper)
    p = wereld["punt"]
    url = reverse("initiatieven:agendeer", args=[p.vergadering_id])
    response = client.post(url, {"initiatief": p.initiatief_id})
    assert response.status_code == 400
    assert "staat al op deze agenda" in response.content.decode()
    assert Agendapunt.objects.count() == 1
    nieuw = klaar_initiatief(groene_loper)
    assert (
        client.post(url, {"initiatief": nieuw.pk}, headers={"HX-Request": "true"}).status_code
        == 200
    )
    assert Agendapunt.objects.count() == 2


def test_vergadering_in_het_verleden_via_formulier(client, groene_loper, disciplines):
    client.force_login(groene_loper)
    gisteren = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = client.post(reverse("initiatieven:vergaderingen"), {"datum": gisteren})
    assert response.status_code == 400
    tekst = response.content.decode()
    assert "in het verleden" in tekst and gisteren in tekst
    assert not Vergadering.objects.exists()
    morgen = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert client.post(reverse("initiatieven:vergaderingen"), {"datum": morgen}).status_code == 302
    # The same day twice (a double click): one meeting, a message.
    response = client.post(reverse("initiatieven:vergaderingen"), {"datum": morgen})
    assert response.status_code == 400 and "al een vergadering" in response.content.decode()
    assert Vergadering.objects.count() == 1


@pytest.mark.parametrize(
    "filter_", ["nieuw", "incompleet", "klaar", "geagendeerd", "te-laat", "besloten", "onzin"]
)
def test_lijst_vast_aantal_queries(client, groene_loper, disciplines, max_queries, filter_):
    for _ in range(15):
        klaar_initiatief(groene_loper)
        nieuw_initiatief()
    client.force_login(groene_loper)
    with max_queries(10):
        assert client.get(reverse("initiatieven:lijst"), {"filter": filter_}).status_code == 200


def _referenties(tekst):
    return re.findall(
        r'data-label="Nummer"><a class="utrecht-link" href="/initiatieven/([^/]+)/"', tekst
    )


@pytest.mark.parametrize("filter_", ["nieuw", "besloten"])
def test_werklijst_pagineert_per_25(client, groene_loper, disciplines, max_queries, filter_):
    moment = timezone.now() - datetime.timedelta(days=60)
    initiatieven = [nieuw_initiatief(titel=f"Plan {n}") for n in range(30)]
    # Two share a moment: the id decides between them, none is skipped or repeated.
    Initiatief.objects.filter(pk__in=[initiatieven[24].pk, initiatieven[25].pk]).update(
        ontvangen_op=moment + datetime.timedelta(hours=24)
    )
    for n, i in enumerate(initiatieven):
        if n not in (24, 25):
            Initiatief.objects.filter(pk=i.pk).update(
                ontvangen_op=moment + datetime.timedelta(hours=n)
            )
    if filter_ == "besloten":
        Initiatief.objects.update(status=Status.BESLOTEN)
    client.force_login(groene_loper)
    eerste = client.get(reverse("initiatieven:lijst"), {"filter": filter_}).content.decode()
    assert "Volgende pagina" in eerste and "Terug naar het begin" not in eerste
    assert "25 op deze pagina, er zijn er meer" in eerste
    volgende = html.unescape(re.search(r'href="\?([^"]+)">Volgende pagina', eerste).group(1))
    with max_queries(10):
        tweede = client.get(f"{reverse('initiatieven:lijst')}?{volgende}").content.decode()
    assert "Volgende pagina" not in tweede and "Terug naar het begin" in tweede
    gezien = _referenties(eerste) + _referenties(tweede)
    assert len(_referenties(eerste)) == 25 and len(gezien) == 30
    verwacht = sorted(initiatieven, key=lambda i: (i.refresh_from_db() or i.ontvangen_op, i.pk))
    if filter_ == "besloten":
        verwacht.reverse()  # newest first
    assert gezien == [i.referentie for i in verwacht]
    # An edited cursor starts at the top instead of failing.
    onzin = client.get(reverse("initiatieven:lijst"), {"filter": filter_, "na": "gisteren_x"})
    assert _referenties(onzin.content.decode()) == _referenties(eerste)


def test_werklijst_rij(client, groene_loper, disciplines):
    geld = nieuw_initiatief(titel="Bankjes", gevraagd="geld", bedrag=1234.5)
    gevraagd = acties.markeer_incompleet(
        initiatief=nieuw_initiatief(titel="Vraag"), vraag="?", door=groene_loper
    )
    Initiatief.objects.filter(pk=geld.pk).update(
        ontvangen_op=datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC),
        uiterste_datum=datetime.date(2026, 3, 30),
    )
    client.force_login(groene_loper)
    tekst = client.get(reverse("initiatieven:lijst")).content.decode()
    assert "geld: €\u00a01.234,50" in tekst
    # Received just after midnight in Zoetermeer, on 2 March; overdue since 30 March.
    assert '"Ontvangen">2 mrt 2026<' in tekst
    assert (
        '"Uiterlijk">30 mrt 2026 <span class="ww-label ww-label--te-laat">te laat</span>' in tekst
    )
    tekst = client.get(reverse("initiatieven:lijst"), {"filter": "incompleet"}).content.decode()
    assert gevraagd.referentie in tekst
    assert '"Dagen">staat stil<' in tekst and '"Uiterlijk">termijn staat stil<' in tekst


def test_overige_paginas_vast_aantal_queries(
    client, wereld, groene_loper, max_queries, disciplines
):
    v = wereld["vergadering"]
    for _ in range(10):
        acties.agendeer(vergadering=v, initiatief=klaar_initiatief(groene_loper), door=groene_loper)
    client.force_login(groene_loper)
    for naam, args in [
        ("initiatieven:vergadering", [v.pk]),
        ("initiatieven:besluitenlijst", [v.pk]),
        ("initiatieven:vergaderingen", []),
        ("initiatieven:doorlooptijd", []),
        ("initiatieven:wijk", ["oosterheem"]),
        ("initiatieven:detail", [wereld["punt"].initiatief.referentie]),
    ]:
        with max_queries(10):
            assert client.get(reverse(naam, args=args)).status_code == 200, naam


def test_navigatie_per_rol(client, personas):
    client.force_login(personas["wethouder"])
    tekst = client.get("/").content.decode()
    assert ">Initiatieven<" in tekst and ">Groene Loper<" not in tekst
    client.force_login(personas["groene_loper"])
    assert ">Groene Loper<" in client.get("/").content.decode()


def test_doorlooptijd_toont_de_25_die_het_langst_te_laat_zijn(client, groene_loper, disciplines):
    vandaag = timezone.localdate()
    for n in range(26):
        i = nieuw_initiatief(titel=f"Laat {n}")
        Initiatief.objects.filter(pk=i.pk).update(
            uiterste_datum=vandaag - datetime.timedelta(days=n + 1)
        )
    client.force_login(groene_loper)
    tekst = client.get(reverse("initiatieven:doorlooptijd")).content.decode()
    assert "De 25 die het langst over de termijn zijn." in tekst
    assert 'href="/initiatieven/?filter=te-laat">Alle initiatieven over de termijn' in tekst
    assert "Laat 25 (" in tekst and "Laat 0 (" not in tekst
