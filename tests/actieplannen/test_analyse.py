"""The views of metingen and the wijkanalyse: who may, the import's upload → preview →
confirm, and the analysis with a constant number of queries."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from actieplannen.models import Indicator, Meting, Metingimport
from initiatieven.models import Agendapunt, Besluit, Uitkomst, Vergadering
from signalen.models import Signaal, Thema
from tests.actieplannen.test_metingen import AMS, geinformeerd
from wijken.models import Voorziening, Wijk

CSV = (
    "wijk;indicator;jaar;kwartaal;waarde;bron\n"
    "Oosterheem;eenzaamheid;2019;;12,5;GGD 2019\n"
    "Oosterheem;eenzaamheid;2020;;11,0;GGD 2020\n"
)


def upload(inhoud: str | bytes, naam="ggd.csv"):
    data = inhoud.encode("utf-8-sig") if isinstance(inhoud, str) else inhoud
    return SimpleUploadedFile(naam, data, content_type="text/csv")


def _token(html: str) -> str:
    return re.search(r'name="token" value="([0-9a-f-]+)"', html).group(1)


# --- Who may ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "naam, args",
    [
        ("actieplannen:metingen", []),
        ("actieplannen:importeren", []),
        ("actieplannen:wijkanalyse", ["oosterheem"]),
    ],
)
def test_anoniem_naar_inloggen(client, referentie, naam, args):
    response = client.get(reverse(naam, args=args))
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


def test_alle_rollen_lezen_metingen_en_wijkanalyse(client, personas):
    for user in personas.values():
        client.force_login(user)
        assert client.get(reverse("actieplannen:metingen")).status_code == 200
        assert (
            client.get(reverse("actieplannen:wijkanalyse", args=["oosterheem"])).status_code == 200
        )
    assert client.get(reverse("actieplannen:wijkanalyse", args=["atlantis"])).status_code == 404


@pytest.mark.parametrize("persona", ["wethouder", "groene_loper"])
def test_wethouder_en_groene_loper_importeren_niet(client, personas, persona):
    client.force_login(personas[persona])
    assert client.get(reverse("actieplannen:importeren")).status_code == 403
    response = client.post(reverse("actieplannen:importeren"), {"bestand": upload(CSV)})
    assert response.status_code == 403
    assert not Meting.objects.exists() and not Metingimport.objects.exists()
    pagina = client.get(reverse("actieplannen:metingen")).content.decode()
    assert "Metingen importeren" not in pagina


def test_regisseur_zonder_wijk_importeert_niet(client, referentie):
    from tests.factories import UserFactory
    from wijkwerk import rollen as r

    client.force_login(UserFactory(username="t-zonder-wijk", rol=r.REGISSEUR))
    assert client.get(reverse("actieplannen:importeren")).status_code == 403


def test_regisseur_importeert_geen_rijen_van_een_andere_wijk(client, regisseur_a):
    client.force_login(regisseur_a)
    andere = CSV + "Seghwaert;eenzaamheid;2020;;9;\n"
    response = client.post(reverse("actieplannen:importeren"), {"bestand": upload(andere)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "U bent niet de wijkregisseur van Seghwaert" in html
    assert 'data-testid="fout-4"' in html
    assert 'name="token"' not in html  # nothing to confirm
    assert not Meting.objects.exists() and not Metingimport.objects.exists()


def test_wrong_method(client, beheerder):
    client.force_login(beheerder)
    assert client.post(reverse("actieplannen:metingen")).status_code == 405
    assert client.put(reverse("actieplannen:importeren")).status_code == 405
    assert client.post(reverse("actieplannen:wijkanalyse", args=["oosterheem"])).status_code == 405


# --- Import: upload → preview → confirm -------------------------------------------------


def test_upload_controle_en_opslaan(client, regisseur_a):
    client.force_login(regisseur_a)
    assert (
        "Kies een CSV-bestand"
        not in client.get(reverse("actieplannen:importeren")).content.decode()
    )
    response = client.post(reverse("actieplannen:importeren"), {"bestand": upload(CSV)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Alle 2 regels zijn goed. Er is nog niets opgeslagen." in html
    assert 'data-testid="nieuw">2<' in html
    assert not Meting.objects.exists()

    token = _token(html)
    response = client.post(reverse("actieplannen:importeren"), {"token": token})
    assert response.status_code == 302 and response["Location"] == reverse("actieplannen:metingen")
    assert Meting.objects.count() == 2
    lijst = client.get(response["Location"]).content.decode()
    assert "opgeslagen: 2 nieuw, 0 gewijzigd, 0 ongewijzigd" in lijst
    assert "12,5" in lijst and "Test Persoon" in lijst
    vandaag = timezone.localdate()
    from django.utils.formats import date_format

    assert date_format(vandaag, "j F Y") in lijst

    # A second click on the same confirmation saves nothing twice.
    response = client.post(reverse("actieplannen:importeren"), {"token": token}, follow=True)
    assert Meting.objects.count() == 2
    assert "2 nieuw, 0 gewijzigd, 0 ongewijzigd" in response.content.decode()

    # The same file again: nothing changes.
    html = client.post(
        reverse("actieplannen:importeren"), {"bestand": upload(CSV)}
    ).content.decode()
    assert 'data-testid="ongewijzigd">2<' in html and "Opslaan verandert niets" in html
    response = client.post(reverse("actieplannen:importeren"), {"token": _token(html)}, follow=True)
    assert "0 nieuw, 0 gewijzigd, 2 ongewijzigd" in response.content.decode()

    # A changed value updates that row and says so.
    html = client.post(
        reverse("actieplannen:importeren"), {"bestand": upload(CSV.replace("11,0", "10,5"))}
    ).content.decode()
    assert "gewijzigd, was 11" in html
    response = client.post(reverse("actieplannen:importeren"), {"token": _token(html)}, follow=True)
    assert "0 nieuw, 1 gewijzigd, 1 ongewijzigd" in response.content.decode()
    assert Meting.objects.get(jaar=2020).waarde == Decimal("10.50")


def test_token_van_een_ander_of_onzin(client, regisseur_a, beheerder):
    client.force_login(beheerder)
    token = _token(
        client.post(reverse("actieplannen:importeren"), {"bestand": upload(CSV)}).content.decode()
    )
    client.force_login(regisseur_a)
    response = client.post(reverse("actieplannen:importeren"), {"token": token}, follow=True)
    assert "Deze controle bestaat niet meer" in response.content.decode()
    response = client.post(reverse("actieplannen:importeren"), {"token": "onzin"}, follow=True)
    assert "Deze controle kennen we niet" in response.content.decode()
    assert not Meting.objects.exists()


@pytest.mark.parametrize(
    "bestand, melding",
    [
        (None, "Kies een CSV-bestand."),
        (upload(b"", "leeg.csv"), "Het bestand is leeg."),
        (upload("wijk;indicator;jaar;kwartaal;waarde;bron\n"), "alleen een kopregel"),
        (
            upload("wijk;indicator;jaar\nOosterheem;eenzaamheid;2020\n"),
            "De kolom ‘waarde’ ontbreekt",
        ),
        (upload(b"PK\x03\x04xlsx", "cijfers.xlsx"), "Dit is een Excel-bestand"),
    ],
)
def test_slecht_bestand_een_melding_bij_het_veld(client, beheerder, bestand, melding):
    client.force_login(beheerder)
    response = client.post(
        reverse("actieplannen:importeren"), {"bestand": bestand} if bestand else {}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "utrecht-form-field--invalid" in html and "foutoverzicht-titel" in html
    assert melding in html
    assert not Metingimport.objects.exists()


def test_te_groot_bestand_over_de_grens(client, beheerder, settings):
    from actieplannen import metingen

    client.force_login(beheerder)
    groot = b"wijk;indicator;jaar;waarde\n" + b"x" * (metingen.MAX_BYTES + 10)
    response = client.post(reverse("actieplannen:importeren"), {"bestand": upload(groot)})
    assert response.status_code == 200
    assert "Dat is te groot: het mag hoogstens 5,0 MB zijn" in response.content.decode()


def test_windows_1252_bestand_via_het_formulier(client, beheerder):
    client.force_login(beheerder)
    data = "wijk;indicator;jaar;waarde;bron\n"
    data += "Oosterheem;eenzaamheid;2020;12,5;Gezondheidsmonitor België\n"
    html = client.post(
        reverse("actieplannen:importeren"), {"bestand": upload(data.encode("cp1252"))}
    ).content.decode()
    client.post(reverse("actieplannen:importeren"), {"token": _token(html)})
    assert Meting.objects.get().bron == "Gezondheidsmonitor België"


# --- Metingen list ------------------------------------------------------------------------


def test_metingen_filteren_en_pagineren(client, beheerder, max_queries):
    client.force_login(beheerder)
    eenzaam = Indicator.objects.get(code="eenzaamheid")
    veilig = Indicator.objects.get(code="veiligheidsgevoel")
    oosterheem = Wijk.objects.get(slug="oosterheem")
    Meting.objects.bulk_create(
        Meting(indicator=ind, wijk=oosterheem, jaar=2000 + n, waarde=n, bron="test")
        for n in range(40)
        for ind in (eenzaam, veilig)
    )
    with max_queries(8):
        html = client.get(reverse("actieplannen:metingen")).content.decode()
    assert "80 metingen; pagina 1 van 2." in html and "Volgende pagina" in html
    html = client.get(
        reverse("actieplannen:metingen"), {"indicator": "eenzaamheid"}
    ).content.decode()
    assert "40 metingen." in html
    html = client.get(reverse("actieplannen:metingen"), {"wijk": "atlantis"}).content.decode()
    assert "Deze wijk bestaat niet." in html and "Geen metingen gevonden." in html


# --- Wijkanalyse ------------------------------------------------------------------------


def _vul_wijk(wijk, van, tot, beheerder):
    """Numbers van..tot of everything the wijkanalyse counts, in `wijk`."""
    thema = Thema.objects.order_by("naam")
    vandaag = timezone.localdate()
    for i in range(van, tot):
        Signaal.objects.create(
            wijk=wijk,
            thema=thema[i % 3],
            omschrijving=f"Signaal {i}",
            waargenomen_op=vandaag,
            streefdatum=vandaag,
            aangemaakt_door=beheerder,
        )
        Voorziening.objects.create(
            wijk=wijk, naam=f"Ontmoetingsplek {i}", soort="ontmoetingsplaats", status="bestaand"
        )
        initiatief = geinformeerd(wijk, 10 + i, datetime.datetime(2020, 1 + i % 12, 3, tzinfo=AMS))
        vergadering, _ = Vergadering.objects.get_or_create(
            datum=datetime.date(2019, 12, 1 + i % 28)
        )
        punt = Agendapunt.objects.create(vergadering=vergadering, initiatief=initiatief)
        Besluit.objects.create(
            agendapunt=punt,
            uitkomst=Uitkomst.AKKOORD if i % 2 else Uitkomst.AFGEWEZEN,
            motivering="Test",
        )
        Meting.objects.create(
            indicator=Indicator.objects.get(code="eenzaamheid"),
            wijk=wijk,
            jaar=2015 + i,
            waarde=Decimal(10 + i),
            bron="GGD",
        )


def test_wijkanalyse_constant_aantal_queries(client, beheerder, django_assert_max_num_queries):
    oosterheem = Wijk.objects.get(slug="oosterheem")
    client.force_login(beheerder)
    url = reverse("actieplannen:wijkanalyse", args=["oosterheem"])
    # 11 for the page (wijken, indicators, metingen, the latest informed initiative and the
    # reactiesnelheid, signals per thema, focuspunten, voorzieningen, initiatives,
    # decisions, plans) and 4 for the session and the user (read, user with roles, the
    # authenticator app that verified the beheerder's session, session saved); the session's
    # save adds a savepoint pair that django_assert_max_num_queries counts as two more.
    _vul_wijk(oosterheem, 0, 2, beheerder)
    with django_assert_max_num_queries(17) as weinig:
        client.get(url)
    # Warm: the signals per thema (ten minutes) and the reactiesnelheid (until an
    # initiative is informed) come from the cache.
    with django_assert_max_num_queries(15) as warm:
        client.get(url)
    cache.clear()
    _vul_wijk(oosterheem, 2, 10, beheerder)
    with django_assert_max_num_queries(17) as veel:
        html = client.get(url).content.decode()
    assert len(weinig) == len(veel)
    echte = [q for q in veel.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(echte) == 15, [q["sql"][:80] for q in echte]
    assert len([q for q in warm.captured_queries if "SAVEPOINT" not in q["sql"]]) == 13
    assert 'data-testid="signalen-totaal">10<' in html
    assert 'data-testid="initiatieven-totaal">10<' in html
    assert "Ontmoetingsplek 7" in html
    # The eenzaamheid trend 2015-2024 as a line and as a table.
    assert "<polyline" in html and "Lijngrafiek van de cijfers per jaar" in html
    assert "Bron: CBS" in html
    assert 'data-testid="laatste-eenzaamheid">19<' in html


# --- Beheer -----------------------------------------------------------------------------


def test_beheerder_onderhoudt_de_indicatoren(client, beheerder):
    client.force_login(beheerder)
    indicator = Indicator.objects.get(code="eenzaamheid")
    url = reverse("admin:actieplannen_indicator_change", args=[indicator.pk])
    data = {
        "code": "eenzaamheid",
        "naam": indicator.naam,
        "effect": indicator.effect_id,
        "eenheid": indicator.eenheid,
        "minimum": "0",
        "maximum": "50",
        "richting": "lager",
        "bron": "GGD Gezondheidsmonitor 2024",
        "niveau": "cbs_wijk",
    }
    assert client.post(url, data).status_code == 302
    indicator.refresh_from_db()
    assert (indicator.maximum, indicator.bron) == (Decimal("50"), "GGD Gezondheidsmonitor 2024")
    # The database's rule (minimum below maximum) is a message at the form, not a 500.
    response = client.post(url, {**data, "minimum": "60"})
    assert response.status_code == 200 and "errornote" in response.content.decode()
    nieuw = reverse("admin:actieplannen_indicator_add")
    assert (
        client.post(nieuw, {**data, "code": "mantelzorg", "naam": "Mantelzorg"}).status_code == 302
    )
    assert not Indicator.objects.get(code="mantelzorg").berekend
    # Metingen are read (and a wrong one deleted) here, never typed in.
    assert client.get(reverse("admin:actieplannen_meting_add")).status_code == 403


def test_regisseur_beheert_geen_indicatoren(client, regisseur_a):
    client.force_login(regisseur_a)
    response = client.get(reverse("admin:actieplannen_indicator_changelist"))
    assert response.status_code == 302  # /beheer/ is for staff accounts only
