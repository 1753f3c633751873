import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from rapportage.models import Kwartaalrapport
from tests.rapportage.conftest import moment, signaal

pytestmark = pytest.mark.django_db

RAPPORT = reverse("rapportage:rapport", args=[2026, 2, "oosterheem"])
STAD = reverse("rapportage:rapport_stad", args=[2026, 2])
HOOGTEPUNTEN = reverse("rapportage:hoogtepunten", args=[2026, 2, "oosterheem"])
VASTSTELLEN = reverse("rapportage:vaststellen", args=[2026, 2, "oosterheem"])
VASTSTELLEN_STAD = reverse("rapportage:vaststellen_stad", args=[2026, 2])
WIJKPAGINA = reverse("rapportage:wijkpagina", args=["oosterheem"])


def _tekst(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("rol", ["regisseur_a", "wethouder", "groene_loper", "beheerder"])
def test_elke_rol_leest_de_rapporten(client, wereld, rol, request):
    client.force_login(request.getfixturevalue(rol))
    for url in (reverse("rapportage:overzicht"), RAPPORT, STAD):
        assert client.get(url).status_code == 200, url


def test_anoniem_ziet_geen_rapport(client, wereld):
    assert client.get(RAPPORT).status_code == 302


@pytest.mark.parametrize(
    "url",
    [
        reverse("rapportage:rapport", args=[2026, 2, "meerzicht"]),  # no pilot wijk
        reverse("rapportage:rapport", args=[2027, 1, "oosterheem"]),  # not begun
        reverse("rapportage:rapport", args=[2026, 5, "oosterheem"]),
        reverse("rapportage:rapport", args=[2018, 4, "oosterheem"]),
        "/rapportage/99999999999999999999/1/oosterheem/",
        "/rapportage/99999999999999999999/1/",
    ],
)
def test_onbekend_rapport_is_404(client, wereld, regisseur_a, url):
    client.force_login(regisseur_a)
    assert client.get(url).status_code == 404


def test_rapport_toont_cijfers_tabellen_en_een_zin(client, wereld, regisseur_a):
    client.force_login(regisseur_a)
    html = _tekst(client.get(RAPPORT))
    assert "Voorbeeld met actuele cijfers" in html
    assert "Het aantal open signalen aan het eind van het kwartaal steeg van 2 naar 3." in html
    assert "Het aantal ontvangen initiatieven steeg van 1 naar 2" in html
    assert "€\u00a098.765,50" in html  # beschikbaar
    assert '<svg viewBox="0 0' in html and "Dezelfde cijfers staan in de tabel." in html
    assert "Geheimnaam" not in html


def test_regisseur_schrijft_hoogtepunten_van_zijn_wijk(client, wereld, regisseur_a):
    client.force_login(regisseur_a)
    client.get(RAPPORT)  # the live figures are now kept; the highlights are read every time
    assert client.get(HOOGTEPUNTEN).status_code == 200
    r = client.post(HOOGTEPUNTEN, {"hoogtepunten": "Speeltuin geopend."})
    assert r.status_code == 302
    assert "Speeltuin geopend." in _tekst(client.get(RAPPORT))
    # The city report shows the pilot wijken's highlights.
    assert "Speeltuin geopend." in _tekst(client.get(STAD))


def test_te_lange_hoogtepunten_blijven_staan(client, wereld, regisseur_a):
    client.force_login(regisseur_a)
    r = client.post(HOOGTEPUNTEN, {"hoogtepunten": "x" * 5001})
    assert r.status_code == 400
    assert "Maak uw tekst korter" in _tekst(r) and "x" * 5001 in _tekst(r)


@pytest.mark.parametrize("rol", ["regisseur_b", "wethouder", "groene_loper", "beheerder"])
def test_alleen_de_regisseur_van_de_wijk_schrijft_hoogtepunten(client, wereld, rol, request):
    client.force_login(request.getfixturevalue(rol))
    assert client.post(HOOGTEPUNTEN, {"hoogtepunten": "x"}).status_code == 403
    assert not Kwartaalrapport.objects.exclude(hoogtepunten="").exists()


@pytest.mark.parametrize("rol", ["regisseur_a", "groene_loper", "beheerder"])
def test_alleen_een_wethouder_stelt_vast(client, wereld, rol, request):
    client.force_login(request.getfixturevalue(rol))
    assert client.post(VASTSTELLEN).status_code == 403
    assert client.post(VASTSTELLEN_STAD).status_code == 403
    assert not Kwartaalrapport.objects.vastgesteld().exists()


def test_andere_wethouder_stelt_alleen_de_stad_vast(client, wereld, maak_wethouder):
    ander = maak_wethouder("t-vandriel", "Van Driel", "seghwaert")
    client.force_login(ander)
    assert client.post(VASTSTELLEN).status_code == 403
    assert client.post(VASTSTELLEN_STAD).status_code == 302
    assert Kwartaalrapport.objects.vastgesteld().get().wijk is None


def test_vastgesteld_rapport_verandert_niet_meer(client, wereld, wethouder, regisseur_a):
    client.force_login(wethouder)
    vraag = client.get(VASTSTELLEN)
    assert vraag.status_code == 200 and "Ja, rapport vaststellen" in _tekst(vraag)
    assert not Kwartaalrapport.objects.vastgesteld().exists()  # the GET only asks
    assert client.post(VASTSTELLEN).status_code == 302
    rapport = Kwartaalrapport.objects.vastgesteld().get()
    assert rapport.cijfers["secties"]["signalen"]["nieuw"]["nu"] == 4
    # Later data about the quarter: the adopted report stays, the live preview moves (once
    # its figures, kept ten minutes per process, are recomputed).
    signaal(wereld["oost"], "jeugd", "2026-06-29", streef="2026-07-13")
    cache.clear()
    html = _tekst(client.get(RAPPORT))
    assert "Vastgesteld" in html and "steeg van 2 naar 3." in html
    live = _tekst(client.get(RAPPORT + "?live=1"))
    assert "Actuele cijfers" in live and "steeg van 2 naar 4." in live
    # Twice is once; highlights are closed.
    assert client.post(VASTSTELLEN).status_code == 302
    assert Kwartaalrapport.objects.vastgesteld().count() == 1
    client.force_login(regisseur_a)
    client.post(HOOGTEPUNTEN, {"hoogtepunten": "Te laat"})
    assert Kwartaalrapport.objects.get().hoogtepunten == ""


def test_lopend_kwartaal_kan_niet_worden_vastgesteld(client, wereld, wethouder):
    client.force_login(wethouder)
    import time_machine

    with time_machine.travel(moment("2026-06-20"), tick=False):
        r = client.post(VASTSTELLEN, follow=True)
    assert "loopt nog" in _tekst(r)
    assert not Kwartaalrapport.objects.vastgesteld().exists()


def test_wijkpagina_toont_alleen_vastgestelde_cijfers(client, wereld, wethouder, regisseur_a):
    assert "nog geen rapport" in _tekst(client.get(WIJKPAGINA))
    client.force_login(regisseur_a)
    client.post(HOOGTEPUNTEN, {"hoogtepunten": "Met dank aan Geheimnaam."})
    # The concept report is not public.
    client.logout()
    html = _tekst(client.get(WIJKPAGINA))
    assert "nog geen rapport" in html and "Geheimnaam" not in html
    client.force_login(wethouder)
    client.post(VASTSTELLEN)
    client.logout()
    html = _tekst(client.get(WIJKPAGINA))
    assert "In dit kwartaal kwamen 4 signalen binnen" in html
    assert "50% van de indieners hoorde het besluit binnen 28 dagen" in html
    assert "Wijkregisseur A" in html and "14 079" in html
    # No personal data: not the signal's text, the reporter, the initiative's title or
    # initiator, nor the regisseur's free text.
    assert "Geheimnaam" not in html and "geheim@example.org" not in html
    assert reverse("rapportage:wijkpagina", args=["oosterheem"]) in _tekst(
        client.get(reverse("rapportage:wijkpaginas"))
    )


def test_stad_kaart_met_keuze_van_maat(client, wereld, groene_loper):
    client.force_login(groene_loper)
    html = _tekst(client.get(STAD + "?maat=initiatieven_ontvangen"))
    assert 'value="initiatieven_ontvangen" selected' in html
    # Oosterheem (CBS wijk WK063706) has the most; others none (class 1).
    assert 'href="#gebied-WK063706"' in html
    assert 'id="gebied-WK063706"' in html
    assert "ww-kaart__klasse-5" in html and "ww-kaart__klasse-1" in html
    assert reverse("wijken:dossier", args=["oosterheem"]) in html
    per_1000 = _tekst(client.get(STAD + "?maat=signalen_per_1000"))
    assert "Nieuwe signalen per 1.000 inwoners per CBS-wijk" in per_1000
    assert client.get(STAD + "?maat=onzin").status_code == 200


def test_datum_van_vandaag_in_overzicht(client, wereld, beheerder):
    client.force_login(beheerder)
    html = _tekst(client.get(reverse("rapportage:overzicht")))
    vandaag = datetime.date.today()
    assert f"Q{(vandaag.month - 1) // 3 + 1} {vandaag.year}" in html and "loopt nog" in html


def test_startpagina_wethouder_noemt_rapport_dat_wacht(client, wereld, wethouder):
    import time_machine

    client.force_login(wethouder)
    with time_machine.travel(moment("2026-07-10"), tick=False):
        html = _tekst(client.get(reverse("start")))
        assert "Het kwartaalrapport Q2 2026 van Oosterheem wacht op uw vaststelling." in html
        client.post(VASTSTELLEN)
        assert "wacht op uw vaststelling" not in _tekst(client.get(reverse("start")))


def test_vastgesteld_rapport_leest_alleen_de_opgeslagen_cijfers(
    client, wereld, wethouder, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(wethouder)
    client.post(VASTSTELLEN)
    client.post(VASTSTELLEN_STAD)
    for url in (RAPPORT, STAD, WIJKPAGINA):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        gelezen = " ".join(q["sql"] for q in queries.captured_queries)
        for tabel in ("signalen_signaal", "initiatieven_initiatief", "budget_boeking"):
            assert tabel not in gelezen, (url, tabel)
        assert len(queries.captured_queries) <= 12, url


def test_gewijzigd_focuspunt_staat_in_het_rapport_van_dat_kwartaal(client, wereld, beheerder, rf):
    import time_machine
    from django.contrib import admin

    from wijken.models import Focuspunt, Voorziening

    focuspunt = Focuspunt.objects.filter(wijken=wereld["oost"]).first()
    voorziening = Voorziening.objects.create(
        wijk=wereld["oost"],
        naam="Huis van de Wijk Oost",
        soort="huis_van_de_wijk",
        status="gepland",
    )
    client.force_login(beheerder)
    assert "geen focuspunten of voorzieningen bijgewerkt" in _tekst(client.get(RAPPORT))
    verzoek = rf.post("/beheer/")
    verzoek.user = beheerder
    with time_machine.travel(moment("2026-05-04"), tick=False):
        for obj in (focuspunt, voorziening):
            obj.status = "afgerond" if obj is focuspunt else "bestaand"
            admin.site.get_model_admin(type(obj)).save_model(verzoek, obj, None, True)
    cache.clear()  # the live figures are kept ten minutes
    html = _tekst(client.get(RAPPORT))
    assert f"{focuspunt.titel}: afgerond" in html
    assert "Huis van de Wijk Oost (Huis van de Wijk, Oosterheem): bestaand" in html
    # Not in the quarter after.
    q3 = reverse("rapportage:rapport", args=[2026, 3, "oosterheem"])
    assert "geen focuspunten of voorzieningen bijgewerkt" in _tekst(client.get(q3))


def test_rapportpagina_linkt_naar_de_pdf_van_wat_u_ziet(client, wereld, wethouder):
    client.force_login(wethouder)
    pdf = reverse("rapportage:rapport_pdf", args=[2026, 2, "oosterheem"])
    assert f'href="{pdf}?"' in _tekst(client.get(RAPPORT))
    client.post(VASTSTELLEN)
    assert f'href="{pdf}?live=1&amp;"' in _tekst(client.get(RAPPORT + "?live=1"))
    stad = _tekst(client.get(STAD + "?maat=budget_besteed"))
    assert reverse("rapportage:rapport_stad_pdf", args=[2026, 2]) + "?maat=budget_besteed" in stad
    antwoord = client.get(pdf)
    assert antwoord["Content-Type"] == "application/pdf"
    assert b"".join(antwoord.streaming_content)[:5] == b"%PDF-"
