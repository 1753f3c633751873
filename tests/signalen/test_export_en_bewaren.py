import csv
import datetime
import io
import re
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from signalen import acties
from signalen.acties import GEANONIMISEERD
from signalen.management.commands.anonimiseer_signalen import maanden_terug
from signalen.models import Inzage, Opvolgnotitie, Signaal

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")


def _export(client, **params):
    response = client.get(reverse("signalen:export"), params)
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    return b"".join(response.streaming_content)


def test_export_bytes_bom_puntkomma_en_afscherming(
    client, regisseur_b, prive_signaal, maak_signaal
):
    open_signaal = maak_signaal(omschrijving='=HYPERLINK("x"); met puntkomma', wijk="seghwaert")
    client.force_login(regisseur_b)
    data = _export(client)
    assert data.startswith(b"\xef\xbb\xbfnummer;gemeld op;wijk;thema;status")
    rijen = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0][-2:] == ["omschrijving", "gemeld door"]
    per_nummer = {int(r[0]): r for r in rijen[1:]}
    # regisseur_b holds Seghwaert, not Oosterheem: the personal data is masked.
    prive = per_nummer[prive_signaal.pk]
    assert prive[-2:] == ["Afgeschermd: bevat persoonsgegevens", ""]
    assert prive[10] == "ja"
    assert b"Jansen" not in data and b"Pietersen" not in data
    # A formula is neutralised for Excel; a ; inside a field is quoted, not a new column.
    assert per_nummer[open_signaal.pk][-2] == '\'=HYPERLINK("x"); met puntkomma'
    assert len(per_nummer[open_signaal.pk]) == len(rijen[0])
    assert not Inzage.objects.exists()


def test_export_met_rechten_toont_en_logt(client, regisseur_a, prive_signaal):
    client.force_login(regisseur_a)
    data = _export(client, wijk="oosterheem")
    assert b"Mevrouw Jansen op nummer 12" in data
    assert b"buurvrouw Pietersen" in data
    assert Inzage.objects.get().pagina == "export"


def test_export_logt_voordat_het_verstuurt(client, regisseur_a, maak_signaal, monkeypatch):
    """A download cut off halfway has logged every personal-data row it handed out."""
    from signalen import views

    monkeypatch.setattr(views, "EXPORT_BLOK", 2)
    for i in range(5):
        maak_signaal(omschrijving=f"Mevrouw {i}", bevat_persoonsgegevens=True)
    client.force_login(regisseur_a)
    delen = iter(client.get(reverse("signalen:export")).streaming_content)
    next(delen)  # the header
    # The first row sent: its block of two was logged before it, the rest not yet.
    assert "Mevrouw" in next(delen).decode() and Inzage.objects.count() == 2
    assert "Mevrouw" in next(delen).decode() and Inzage.objects.count() == 2
    assert b"".join(delen).count(b"Mevrouw") == 3 and Inzage.objects.count() == 5


def test_export_van_een_zoekopdracht_heeft_alle_treffers(
    client, groene_loper, maak_signaal, monkeypatch
):
    """The list ranks only the newest ZOEK_KANDIDATEN matches; the download has them all."""
    from signalen import zoeken

    monkeypatch.setattr(zoeken, "ZOEK_KANDIDATEN", 2)
    sterk = maak_signaal(omschrijving="Speeltuin kapot, speeltuin vies.")
    zwak = [maak_signaal(omschrijving=f"Speeltuin {i}") for i in range(3)]
    maak_signaal(omschrijving="Iets anders")
    client.force_login(groene_loper)
    rijen = list(
        csv.reader(io.StringIO(_export(client, q="speeltuin").decode("utf-8-sig")), delimiter=";")
    )
    # Best first, then newest first, as the list orders them.
    assert [int(r[0]) for r in rijen[1:]] == [sterk.pk, *(s.pk for s in reversed(zwak))]


def test_export_volgt_het_filter(client, groene_loper, maak_signaal):
    maak_signaal(wijk="seghwaert", omschrijving="In Seghwaert")
    maak_signaal(wijk="meerzicht", omschrijving="In Meerzicht")
    client.force_login(groene_loper)
    data = _export(client, wijk="meerzicht").decode("utf-8-sig")
    assert "In Meerzicht" in data and "In Seghwaert" not in data


# --- Retention --------------------------------------------------------------------------


def test_maanden_terug():
    t = datetime.datetime(2026, 3, 31, 12, tzinfo=datetime.UTC)
    assert maanden_terug(t, 1) == datetime.datetime(2026, 2, 28, 12, tzinfo=datetime.UTC)
    assert maanden_terug(t, 24) == datetime.datetime(2024, 3, 31, 12, tzinfo=datetime.UTC)
    assert maanden_terug(t, 3).month == 12 and maanden_terug(t, 3).year == 2025


def test_anonimiseren_na_bewaartermijn(maak_signaal, regisseur_a, settings):
    settings.SIGNALEN_BEWAARTERMIJN_MAANDEN = 24

    def afgesloten_op(moment, **velden):
        with time_machine.travel(moment, tick=False):
            s = maak_signaal(door=regisseur_a, **velden)
            acties.zet_status(signaal=s, naar="in_behandeling", verwacht="nieuw", door=regisseur_a)
            acties.voeg_notitie_toe(
                signaal=s, tekst="Gesproken met mevrouw Jansen.", door=regisseur_a
            )
            acties.zet_status(
                signaal=s,
                naar="afgesloten_zonder_oplossing",
                verwacht="in_behandeling",
                toelichting="Mevrouw Jansen wil geen hulp.",
                door=regisseur_a,
            )
        return s

    oud = afgesloten_op(datetime.datetime(2023, 1, 10, 9, tzinfo=AMS), bevat_persoonsgegevens=True)
    net_niet = afgesloten_op(
        datetime.datetime(2023, 6, 2, 9, tzinfo=AMS), bevat_persoonsgegevens=True
    )
    zonder = afgesloten_op(datetime.datetime(2022, 1, 1, 9, tzinfo=AMS))
    with time_machine.travel(datetime.datetime(2022, 1, 1, 9, tzinfo=AMS), tick=False):
        nog_open = maak_signaal(door=regisseur_a, bevat_persoonsgegevens=True)

    uit = io.StringIO()
    with time_machine.travel(datetime.datetime(2025, 6, 1, 3, tzinfo=AMS), tick=False):
        call_command("anonimiseer_signalen", stdout=uit)
    assert "1 signalen geanonimiseerd, 1 notities en 1 toelichtingen gewist" in uit.getvalue()

    oud.refresh_from_db()
    assert oud.omschrijving == GEANONIMISEERD and oud.gemeld_door == ""
    assert oud.geanonimiseerd_op is not None and not oud.bevat_persoonsgegevens
    assert Opvolgnotitie.objects.get(signaal=oud).tekst == GEANONIMISEERD
    assert oud.historie.get(naar="afgesloten_zonder_oplossing").toelichting == GEANONIMISEERD
    # The numbers stay: wijk, thema, status and dates are kept.
    assert oud.status == "afgesloten_zonder_oplossing" and oud.wijk.slug == "oosterheem"
    for s in (net_niet, zonder, nog_open):
        s.refresh_from_db()
        assert s.geanonimiseerd_op is None and s.omschrijving != GEANONIMISEERD

    # Idempotent: a second run the same night finds nothing.
    uit = io.StringIO()
    with time_machine.travel(datetime.datetime(2025, 6, 1, 3, 5, tzinfo=AMS), tick=False):
        call_command("anonimiseer_signalen", stdout=uit)
    assert "0 signalen geanonimiseerd" in uit.getvalue()
    assert Signaal.objects.filter(geanonimiseerd_op__isnull=False).count() == 1


def test_heropenen_start_de_bewaartermijn_opnieuw(maak_signaal, regisseur_a):
    with time_machine.travel(datetime.datetime(2020, 1, 1, tzinfo=AMS), tick=False):
        s = maak_signaal(door=regisseur_a, bevat_persoonsgegevens=True)
        acties.zet_status(
            signaal=s,
            naar="afgesloten_zonder_oplossing",
            verwacht="nieuw",
            toelichting="x",
            door=None,
        )
    with time_machine.travel(datetime.datetime(2024, 1, 1, tzinfo=AMS), tick=False):
        acties.zet_status(
            signaal=s, naar="in_behandeling", verwacht="afgesloten_zonder_oplossing", door=None
        )
        call_command("anonimiseer_signalen", stdout=io.StringIO())
    s.refresh_from_db()
    assert s.geanonimiseerd_op is None and s.afgesloten_op is None


def test_export_houdt_telefoonnummers_en_tekst_als_tekst(client, regisseur_a, maak_signaal):
    """Excel must not turn a phone number into a number (losing its plus or zero), and text
    that merely starts with a dash gets no apostrophe."""
    plus = maak_signaal(
        omschrijving="-Stichting Buurtwerk meldt overlast", gemeld_door="+31612345678"
    )
    nul = maak_signaal(omschrijving="=1+1", gemeld_door="0612345678")
    client.force_login(regisseur_a)
    rijen = list(csv.reader(io.StringIO(_export(client).decode("utf-8-sig")), delimiter=";"))
    per_nummer = {int(r[0]): r for r in rijen[1:]}
    assert per_nummer[plus.pk][-2:] == ["-Stichting Buurtwerk meldt overlast", "'+31612345678"]
    assert per_nummer[nul.pk][-2:] == ["'=1+1", "'0612345678"]
    # Dates stay dates: no marker in front of them.
    assert re.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d", per_nummer[plus.pk][1])
    assert re.fullmatch(r"\d\d-\d\d-\d{4}", per_nummer[plus.pk][5])


@pytest.mark.parametrize(
    "filters,melding",
    [
        ({"wijk": "abc"}, "Wijk: Deze wijk bestaat niet."),
        ({"van": "2026-13-45"}, "Gemeld vanaf: Vul een geldige datum in."),
        ({"thema": "999999"}, "Thema: Dit thema bestaat niet."),
        ({"status": "weg"}, "Status:"),
        ({"q": "speeltuin " * 30}, "Zoeken in de omschrijving: Maak de tekst korter"),
        (
            {"van": "2026-03-10", "tot": "2026-03-01"},
            "Gemeld tot en met: Deze datum ligt vóór ‘Gemeld vanaf’ (10 maart 2026).",
        ),
    ],
)
def test_export_weigert_een_geweigerd_filter(client, groene_loper, maak_signaal, filters, melding):
    """The list leaves a refused filter out and says so; a download would hand out everything."""
    maak_signaal(omschrijving="Speeltuin kapot")
    client.force_login(groene_loper)
    response = client.get(reverse("signalen:export"), filters)
    assert response.status_code == 400
    assert not response.streaming
    assert response["Content-Type"].startswith("text/html")
    tekst = response.content.decode()
    assert "Niet gedownload" in tekst and melding in tekst
    assert "Speeltuin kapot" not in tekst
    # The way back keeps the filters, to correct them.
    assert 'href="/signalen/?' in tekst


def test_periode_met_einde_voor_begin_op_de_lijst(client, groene_loper, maak_signaal):
    maak_signaal(omschrijving="Speeltuin kapot")
    client.force_login(groene_loper)
    tekst = client.get(
        reverse("signalen:lijst"), {"van": "2026-03-10", "tot": "2026-03-01"}
    ).content.decode()
    assert "Niet toegepast: Gemeld tot en met: Deze datum ligt vóór ‘Gemeld vanaf’" in tekst
    # No download link that could only be refused.
    assert reverse("signalen:export") not in tekst
    assert "Downloaden kan als de filters in orde zijn." in tekst
