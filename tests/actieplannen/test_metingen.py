"""Metingen: the merged values (stored and computed) and the CSV import."""

import datetime
import itertools
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from actieplannen import metingen
from actieplannen.models import Indicator, Meting
from initiatieven.models import Initiatief, Status
from wijken.models import Wijk

AMS = ZoneInfo("Europe/Amsterdam")
_nummers = itertools.count(1)


def geinformeerd(wijk, dagen, moment, status=Status.GEINFORMEERD):
    """An initiative whose initiator was informed at `moment` after `dagen` days."""
    n = next(_nummers)
    return Initiatief.objects.create(
        referentie=f"GL-T-{n:05d}",
        titel=f"Initiatief {n}",
        omschrijving="Test",
        wijk=wijk,
        gevraagd="advies",
        contact_naam="Ilse Indiener",
        contact_email="ilse@example.org",
        status=status,
        ontvangen_op=moment - datetime.timedelta(days=dagen or 0),
        uiterste_datum=moment.date(),
        geinformeerd_op=moment if status == Status.GEINFORMEERD else None,
        doorlooptijd_dagen=dagen,
    )


@pytest.fixture
def wijken(referentie):
    return Wijk.objects.get(slug="oosterheem"), Wijk.objects.get(slug="seghwaert")


@pytest.fixture
def klok(wijken, settings):
    """The hand-computed fixture (norm 28 days):

    Oosterheem 2020 K1: 10, 20        → mediaan 15, binnen de norm 100 %
               2020 K2: 40, 30        → mediaan 35, 0 % (40 was informed at 00:30 on
                                         1 April in Amsterdam: still 31 March in UTC)
               2020   : 10 20 30 40   → mediaan 25, 50 %
               2021 K1 and 2021: 5    → 5, 100 % (00:15 on 1 January, local)
    Seghwaert  2020 K2 and 2020: 100  → 100, 0 %
    Not counted: a decided initiative whose initiator was not yet informed.
    """
    settings.INITIATIEF_NORM_DAGEN = 28
    oosterheem, seghwaert = wijken
    geinformeerd(oosterheem, 10, datetime.datetime(2020, 1, 15, 12, tzinfo=AMS))
    geinformeerd(oosterheem, 20, datetime.datetime(2020, 2, 20, 12, tzinfo=AMS))
    geinformeerd(oosterheem, 40, datetime.datetime(2020, 4, 1, 0, 30, tzinfo=AMS))
    geinformeerd(oosterheem, 30, datetime.datetime(2020, 5, 10, 9, tzinfo=AMS))
    geinformeerd(oosterheem, 5, datetime.datetime(2021, 1, 1, 0, 15, tzinfo=AMS))
    geinformeerd(oosterheem, None, datetime.datetime(2020, 3, 1, tzinfo=AMS), Status.BESLOTEN)
    geinformeerd(seghwaert, 100, datetime.datetime(2020, 6, 1, 12, tzinfo=AMS))
    return oosterheem, seghwaert


def _reeks(uitkomst, code, wijk):
    indicator = Indicator.objects.get(code=code)
    return [(w.jaar, w.kwartaal, w.waarde) for w in uitkomst[indicator.pk, wijk.pk]]


def test_reactiesnelheid_tegen_handberekening(klok, django_assert_max_num_queries):
    oosterheem, seghwaert = klok
    with django_assert_max_num_queries(4):
        uitkomst = metingen.waarden([oosterheem.pk, seghwaert.pk])
    with django_assert_max_num_queries(3):  # the computed figures from the cache
        assert metingen.waarden([oosterheem.pk, seghwaert.pk]) == uitkomst
    assert _reeks(uitkomst, "reactiesnelheid", oosterheem) == [
        (2020, 0, Decimal("25.0")),
        (2020, 1, Decimal("15.0")),
        (2020, 2, Decimal("35.0")),
        (2021, 0, Decimal("5.0")),
        (2021, 1, Decimal("5.0")),
    ]
    assert _reeks(uitkomst, "binnen-de-norm", oosterheem) == [
        (2020, 0, Decimal("50.0")),
        (2020, 1, Decimal("100.0")),
        (2020, 2, Decimal("0.0")),
        (2021, 0, Decimal("100.0")),
        (2021, 1, Decimal("100.0")),
    ]
    assert _reeks(uitkomst, "reactiesnelheid", seghwaert) == [
        (2020, 0, Decimal("100.0")),
        (2020, 2, Decimal("100.0")),
    ]
    # A newly informed initiative changes the cache key: the figures are never stale.
    geinformeerd(oosterheem, 7, datetime.datetime(2021, 2, 1, 12, tzinfo=AMS))
    assert _reeks(metingen.waarden([oosterheem.pk]), "reactiesnelheid", oosterheem)[-1] == (
        2021,
        1,
        Decimal("6.0"),
    )
    reeks = uitkomst[Indicator.objects.get(code="reactiesnelheid").pk, oosterheem.pk]
    assert metingen.laatste(reeks).periode == "2021 K1"
    assert metingen.laatste(reeks, jaren=True).periode == "2021"
    assert reeks[0].bron.startswith("Wijkwerk")


def test_waarden_voegt_opgeslagen_en_berekende_samen(klok):
    oosterheem, seghwaert = klok
    eenzaam = Indicator.objects.get(code="eenzaamheid")
    Meting.objects.create(
        indicator=eenzaam, wijk=oosterheem, jaar=2019, waarde=Decimal("12.5"), bron="GGD"
    )
    Meting.objects.create(
        indicator=eenzaam, wijk=seghwaert, jaar=2019, waarde=Decimal("9"), bron="GGD"
    )
    snelheid = Indicator.objects.get(code="reactiesnelheid")
    uitkomst = metingen.waarden([oosterheem.pk], [eenzaam.pk, snelheid.pk])
    assert set(uitkomst) == {(eenzaam.pk, oosterheem.pk), (snelheid.pk, oosterheem.pk)}
    assert uitkomst[eenzaam.pk, oosterheem.pk] == [(2019, 0, Decimal("12.50"), "GGD")]
    assert metingen.waarden([], None) == {}


# --- CSV import --------------------------------------------------------------------------

KOP = "wijk;indicator;jaar;kwartaal;waarde;bron\n"


def csv_bytes(*regels, kop=KOP, codering="utf-8-sig"):
    return (kop + "".join(r + "\n" for r in regels)).encode(codering)


def _controleer(data: bytes, door):
    return metingen.controleer(metingen.decodeer(data), door=door)


def _fouten(controle):
    return {rij.nummer: rij.fouten for rij in controle.foute_rijen}


def test_vijfduizend_rijen_met_een_foute_slaat_niets_op(beheerder, max_queries):
    # 10 wijken x 2 indicators x 5 periods (year, quarters) x 50 years: 5,000 distinct rows.
    wijken = ["Oosterheem", "seghwaert", "WK063704", "Dorp", "driemanspolder"]
    wijken += ["Stadscentrum", "Palenstein", "Meerzicht", "Rokkeveen", "De Leyens"]
    regels = [
        f"{wijken[n % 10]};{('eenzaamheid', 'veiligheidsgevoel')[n // 10 % 2]};"
        f"{2000 + n // 100};{n // 20 % 5 or ''};{n % 100},5;"
        for n in range(5000)
    ]
    goed = regels[3456]
    regels[3456] = goed.replace(",5;", "abc;")
    data = csv_bytes(*regels)
    # Wijken, indicators, the user's roles, the stored metingen: whatever the number of rows.
    with max_queries(4):
        controle = metingen.importeer(metingen.decodeer(data), door=beheerder)
    assert not controle.geldig
    assert list(_fouten(controle)) == [3458]  # the header is line 1
    assert "geen getal" in _fouten(controle)[3458][0]
    assert Meting.objects.count() == 0

    regels[3456] = goed
    # The same three reads (roles are known now) and one INSERT per 1,000 rows.
    with max_queries(3 + 5):
        controle = metingen.importeer(metingen.decodeer(csv_bytes(*regels)), door=beheerder)
    assert controle.geldig
    assert (controle.nieuw, controle.gewijzigd, controle.ongewijzigd) == (5000, 0, 0)
    assert Meting.objects.count() == 5000


def test_herimport_verandert_niets_en_een_gewijzigde_waarde_wel(beheerder, regisseur_a):
    data = csv_bytes(
        "Oosterheem;eenzaamheid;2019;;12,5;GGD 2019",
        "oosterheem;eenzaamheid;2020;;11.25;",
        "WK063703;veiligheidsgevoel;2020;2;30;",
    )
    eerste = metingen.importeer(metingen.decodeer(data), door=beheerder)
    assert (eerste.nieuw, eerste.gewijzigd, eerste.ongewijzigd) == (3, 0, 0)
    meting = Meting.objects.get(jaar=2019)
    assert (meting.waarde, meting.bron, meting.ingevoerd_door) == (
        Decimal("12.50"),
        "GGD 2019",
        beheerder,
    )
    assert Meting.objects.get(jaar=2020, kwartaal=0).bron == "GGD Gezondheidsmonitor"
    assert Meting.objects.get(kwartaal=2).wijk.slug == "seghwaert"
    voor = list(Meting.objects.values_list("id", "waarde", "bron", "ingevoerd_op"))

    tweede = metingen.importeer(metingen.decodeer(data), door=regisseur_a)
    assert (tweede.nieuw, tweede.gewijzigd, tweede.ongewijzigd) == (0, 0, 0) or not tweede.geldig
    tweede = metingen.importeer(metingen.decodeer(data), door=beheerder)
    assert (tweede.nieuw, tweede.gewijzigd, tweede.ongewijzigd) == (0, 0, 3)
    assert list(Meting.objects.values_list("id", "waarde", "bron", "ingevoerd_op")) == voor

    gewijzigd = data.replace(b"11.25", b"10,75")
    derde = metingen.importeer(metingen.decodeer(gewijzigd), door=beheerder)
    assert (derde.nieuw, derde.gewijzigd, derde.ongewijzigd) == (0, 1, 2)
    rij = derde.veranderende_rijen[0]
    assert rij.uitkomsten[0][1:] == ("gewijzigd", Decimal("11.25"))
    assert Meting.objects.get(jaar=2020, kwartaal=0).waarde == Decimal("10.75")
    assert Meting.objects.count() == 3


@pytest.mark.parametrize(
    "regel, melding",
    [
        ("Atlantis;eenzaamheid;2020;;10;", "De wijk ‘Atlantis’ kennen we niet"),
        ("WK063799;eenzaamheid;2020;;10;", "CBS-wijkcode ‘WK063799’ kennen we niet"),
        ("Oosterheem;geluk;2020;;10;", "De indicator ‘geluk’ kennen we niet"),
        ("Oosterheem;reactiesnelheid;2020;;10;", "rekent Wijkwerk zelf uit"),
        ("Oosterheem;eenzaamheid;2020;;veel;", "De waarde ‘veel’ is geen getal"),
        ("Oosterheem;eenzaamheid;2020;;;", "Vul de waarde in"),
        ("Oosterheem;eenzaamheid;2020;;12,345;", "hoogstens twee cijfers"),
        ("Oosterheem;eenzaamheid;2020;;101;", "loopt van 0 tot en met 100"),
        ("Oosterheem;eenzaamheid;2020;;-1;", "De waarde -1 kan niet"),
        ("Oosterheem;eenzaamheid;1999;;10;", "tussen 2000 en 2100"),
        ("Oosterheem;eenzaamheid;2101;;10;", "tussen 2000 en 2100"),
        ("Oosterheem;eenzaamheid;twintig;;10;", "geen jaartal"),
        ("Oosterheem;eenzaamheid;2020;5;10;", "Het kwartaal ‘5’ bestaat niet"),
        ("WK063700;vertrouwen-gemeente;2020;;10;", "bestaat uit meer wijken"),
        (";eenzaamheid;2020;;10;", "Vul de wijk in"),
        ("Oosterheem;eenzaamheid;2020;;10;GGD;extra", "meer kolommen"),
    ],
)
def test_foute_regel_krijgt_nederlandse_melding(beheerder, regel, melding):
    controle = metingen.importeer(
        metingen.decodeer(csv_bytes("Seghwaert;eenzaamheid;2020;;10;", regel)), door=beheerder
    )
    assert not controle.geldig
    fouten = _fouten(controle)
    assert list(fouten) == [3]
    assert any(melding in f for f in fouten[3]), fouten
    assert Meting.objects.count() == 0


def test_dubbele_periode_in_het_bestand(beheerder):
    controle = _controleer(
        csv_bytes(
            "Oosterheem;eenzaamheid;2020;;10;",
            "Seghwaert;eenzaamheid;2020;;10;",
            "oosterheem;eenzaamheid;2020;0;11;",
        ),
        beheerder,
    )
    assert _fouten(controle) == {
        4: ["Deze meting (Oosterheem, eenzaamheid, 2020) staat ook in regel 2."]
    }


def test_cbs_code_van_een_cbs_indicator_geldt_voor_elke_wijk_erin(beheerder):
    controle = metingen.importeer(
        metingen.decodeer(csv_bytes("WK063700;eenzaamheid;2020;;10;")), door=beheerder
    )
    assert controle.nieuw == 4
    assert set(Meting.objects.values_list("wijk__slug", flat=True)) == {
        "dorp",
        "driemanspolder",
        "stadscentrum",
        "palenstein",
    }


def test_regisseur_importeert_alleen_eigen_wijken(regisseur_a):
    controle = metingen.importeer(
        metingen.decodeer(
            csv_bytes("Oosterheem;eenzaamheid;2020;;10;", "Seghwaert;eenzaamheid;2020;;10;")
        ),
        door=regisseur_a,
    )
    assert _fouten(controle) == {
        3: [
            "U bent niet de wijkregisseur van Seghwaert. U kunt alleen metingen van uw eigen "
            "wijken invoeren."
        ]
    }
    assert Meting.objects.count() == 0
    controle = metingen.importeer(
        metingen.decodeer(csv_bytes("Oosterheem;eenzaamheid;2020;;10;")), door=regisseur_a
    )
    assert controle.geldig and controle.nieuw == 1


def test_windows_1252_en_komma_als_scheidingsteken(beheerder):
    # Excel-NL on Windows: cp1252 (the ‘ë’ of a source), an English Excel: "," and quotes.
    data = csv_bytes(
        "Oosterheem;eenzaamheid;2020;;12,5;Gezondheidsmonitor België", codering="cp1252"
    )
    controle = metingen.importeer(metingen.decodeer(data), door=beheerder)
    assert controle.geldig
    assert Meting.objects.get().bron == "Gezondheidsmonitor België"

    komma = b'wijk,indicator,jaar,kwartaal,waarde,bron\nSeghwaert,eenzaamheid,2020,,"9,5",\n'
    controle = metingen.importeer(metingen.decodeer(komma), door=beheerder)
    assert controle.geldig
    assert Meting.objects.get(wijk__slug="seghwaert").waarde == Decimal("9.50")

    # Unquoted decimal comma in a comma-separated file: the row says what is wrong.
    fout = b"wijk,indicator,jaar,kwartaal,waarde,bron\nSeghwaert,eenzaamheid,2021,,9,5,GGD\n"
    controle = _controleer(fout, beheerder)
    assert "meer kolommen" in _fouten(controle)[2][0]


@pytest.mark.parametrize(
    "data, melding",
    [
        (b"", "Het bestand is leeg."),
        (b"  \n\n", "Het bestand is leeg."),
        (KOP.encode(), "alleen een kopregel"),
        (KOP.encode() + b";;;;;\n", "alleen een kopregel"),
        (
            b"wijk;indicator;jaar;bron\nOosterheem;eenzaamheid;2020;GGD\n",
            "De kolom ‘waarde’ ontbreekt",
        ),
        (b"wijk|indicator|jaar|waarde\n", "De eerste regel heeft maar één kolom"),
        (b"wijk;indicator;waarde\n", "De kolom ‘jaar’ ontbreekt"),
        (b"wijk;waarde;bron\n", "De kolommen ‘indicator’ en ‘jaar’ ontbreken"),
        (b"PK\x03\x04rest-van-een-xlsx", "Dit is een Excel-bestand"),
        ("wijk;indicator".encode("utf-16"), "geen CSV-tekst"),
        (b"wijk;wijk;indicator;jaar;waarde\n", "De kolom ‘wijk’ staat twee keer"),
    ],
)
def test_slecht_bestand_heeft_een_duidelijke_melding(beheerder, data, melding):
    with pytest.raises(metingen.Bestandsfout) as fout:
        _controleer(data, beheerder)
    assert melding in str(fout.value)


def test_te_groot_bestand_wordt_niet_gelezen(beheerder):
    from django.core.files.uploadedfile import SimpleUploadedFile

    class NietLezen(SimpleUploadedFile):
        def read(self, *args):
            raise AssertionError("een te groot bestand wordt niet gelezen")

    groot = NietLezen("groot.csv", b"x")
    groot.size = 50 * 1024 * 1024
    with pytest.raises(metingen.Bestandsfout) as fout:
        metingen.lees_upload(groot)
    assert "50,0 MB" in str(fout.value) and "hoogstens 5,0 MB" in str(fout.value)


def test_bevestigen_slaat_eenmaal_op(beheerder, regisseur_a):
    tekst = metingen.decodeer(csv_bytes("Oosterheem;eenzaamheid;2020;;10;"))
    voorbeeld = metingen.voorbereid(tekst, bestandsnaam="ggd.csv", door=beheerder)
    # Someone else's token is no preview of theirs.
    assert metingen.bevestig(voorbeeld.token, door=regisseur_a) == (None, None)
    imp, controle = metingen.bevestig(voorbeeld.token, door=beheerder)
    assert controle.geldig and imp.nieuw == 1 and imp.verwerkt_op is not None
    imp, controle = metingen.bevestig(voorbeeld.token, door=beheerder)
    assert controle is None and imp.nieuw == 1
    assert Meting.objects.count() == 1


@pytest.mark.parametrize("einde", ["\r\n", "\r", "\n"])
def test_regeleinden_en_kolomnamen_zoals_excel_ze_schrijft(beheerder, einde):
    # Windows ends lines with CR LF, old Excel for Mac with CR; names may be quoted or
    # capitalised, and an unknown column is named in the preview, not refused.
    regels = [
        '"Wijk";"Indicator";"Jaar";"Waarde";"Opmerking"',
        "Oosterheem;eenzaamheid;2020;12,5;x",
    ]
    controle = _controleer(einde.join(regels).encode("utf-8-sig") + einde.encode(), beheerder)
    assert controle.geldig and controle.nieuw == 1
    assert controle.genegeerde_kolommen == ["opmerking"]


def test_te_veel_regels(beheerder, monkeypatch):
    monkeypatch.setattr(metingen, "MAX_RIJEN", 1000)
    regels = [
        f"Oosterheem;eenzaamheid;{2000 + n % 100};{n // 100 % 5 or ''};1;" for n in range(1001)
    ]
    with pytest.raises(metingen.Bestandsfout) as fout:
        _controleer(csv_bytes(*regels), beheerder)
    assert "meer dan 1.000 regels" in str(fout.value)
