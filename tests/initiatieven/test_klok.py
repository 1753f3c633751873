"""The response clock: calendar days in Europe/Amsterdam, paused days excluded."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from initiatieven import acties, cijfers
from initiatieven.models import Agendapunt, Initiatief, Vergadering
from tests.initiatieven.conftest import nieuw_initiatief

AMS = ZoneInfo("Europe/Amsterdam")
UTC = datetime.UTC


def op(*args, tz=AMS):
    return time_machine.travel(datetime.datetime(*args, tzinfo=tz), tick=False)


def besluit_op(moment, initiatief, door, django_capture_on_commit_callbacks, uitkomst="akkoord"):
    with moment:
        acties.triage(initiatief=initiatief, wijk=initiatief.wijk, door=door)
        acties.markeer_compleet(initiatief=initiatief, door=door)
        vergadering = Vergadering.objects.create(datum=datetime.date.today())
        punt = acties.agendeer(vergadering=vergadering, initiatief=initiatief, door=door)
        with django_capture_on_commit_callbacks(execute=True):
            acties.leg_besluit_vast(
                agendapunt=punt, uitkomst=uitkomst, motivering="Past in de wijk.", door=door
            )
    return Initiatief.objects.get(pk=initiatief.pk)


def test_pauze_telt_niet_mee_over_de_zomertijd(
    groene_loper, disciplines, django_capture_on_commit_callbacks, mailoutbox
):
    with op(2026, 3, 20, 10, 0):
        initiatief = nieuw_initiatief()
        assert initiatief.uiterste_datum == datetime.date(2026, 4, 17)
    with op(2026, 3, 25, 10, 0):
        acties.markeer_incompleet(initiatief=initiatief, vraag="Welke straat?", door=groene_loper)
    # While paused the clock stands still at 5 days and the due date moves along.
    with op(2026, 3, 28, 12, 0):
        klok = Initiatief.objects.get(pk=initiatief.pk).klok()
        assert (klok.dagen_gebruikt, klok.gepauzeerd, klok.loopt) == (5, 3, False)
        assert klok.uiterste_datum == datetime.date(2026, 4, 20)
    # Summer time started on 29 March 2026; the answer comes on 31 March.
    with op(2026, 3, 31, 9, 0):
        acties.registreer_antwoord(
            initiatief=initiatief, antwoord="De Dorpsstraat", door=groene_loper
        )
    initiatief.refresh_from_db()
    assert initiatief.gepauzeerde_dagen == 6
    assert initiatief.uiterste_datum == datetime.date(2026, 4, 23)
    with op(2026, 4, 10, 12, 0):
        klok = initiatief.klok()
        assert (klok.dagen_gebruikt, klok.gepauzeerd, klok.loopt) == (15, 6, True)
        assert klok.uiterste_datum == initiatief.uiterste_datum
    initiatief = besluit_op(
        op(2026, 4, 20, 16, 0), initiatief, groene_loper, django_capture_on_commit_callbacks
    )
    assert initiatief.status == "geinformeerd"
    # 31 calendar days from 20 March to 20 April, minus 6 paused days.
    assert initiatief.doorlooptijd_dagen == 25
    with op(2026, 6, 1, 12, 0):
        assert initiatief.klok().dagen_gebruikt == 25


def test_lokale_datum_telt_niet_utc(
    groene_loper, disciplines, django_capture_on_commit_callbacks, mailoutbox
):
    # 23:30 UTC on 28 March is 00:30 on 29 March in Zoetermeer (still winter time).
    with op(2026, 3, 28, 23, 30, tz=UTC):
        initiatief = nieuw_initiatief()
    assert initiatief.uiterste_datum == datetime.date(2026, 4, 26)
    # 21:30 UTC on 26 April is 23:30 summer time on 26 April: exactly 28 days, within the
    # norm (counting UTC dates would give 29).
    initiatief = besluit_op(
        op(2026, 4, 26, 21, 30, tz=UTC),
        initiatief,
        groene_loper,
        django_capture_on_commit_callbacks,
    )
    assert initiatief.doorlooptijd_dagen == 28
    assert initiatief.klok().binnen_norm


def test_wintertijd_en_norm_uit_instelling(
    settings, groene_loper, disciplines, django_capture_on_commit_callbacks, mailoutbox
):
    settings.INITIATIEF_NORM_DAGEN = 10
    # Winter time starts 25 October 2026 at 03:00.
    with op(2026, 10, 25, 0, 30):
        initiatief = nieuw_initiatief()
    assert initiatief.uiterste_datum == datetime.date(2026, 11, 4)
    initiatief = besluit_op(
        op(2026, 11, 5, 0, 15), initiatief, groene_loper, django_capture_on_commit_callbacks
    )
    assert initiatief.doorlooptijd_dagen == 11
    assert not initiatief.klok().binnen_norm


def test_te_laat_lijst(groene_loper, disciplines):
    with op(2026, 1, 5, 9, 0):
        laat = nieuw_initiatief(titel="Laat")
        wacht = nieuw_initiatief(titel="Wacht")
    with op(2026, 1, 20, 9, 0):
        nieuw_initiatief(titel="Op tijd")
        acties.markeer_incompleet(initiatief=wacht, vraag="?", door=groene_loper)
    with op(2026, 2, 3, 9, 0):  # 29 days after 5 January
        assert list(Initiatief.objects.te_laat().values_list("titel", flat=True)) == ["Laat"]
    with op(2026, 2, 2, 9, 0):  # day 28: still within the norm
        assert not Initiatief.objects.te_laat().exists()
    assert laat.klok(op=datetime.date(2026, 2, 3)).dagen_gebruikt == 29


def test_te_laat_pagina_telt_zoals_de_klok(client, groene_loper, disciplines):
    with op(2026, 1, 5, 9, 0):
        laat = nieuw_initiatief(titel="Laat")
    with op(2026, 1, 7, 9, 0):
        acties.markeer_incompleet(initiatief=laat, vraag="?", door=groene_loper)
    with op(2026, 1, 10, 9, 0):
        acties.registreer_antwoord(initiatief=laat, antwoord="!", door=groene_loper)
    client.force_login(groene_loper)
    with op(2026, 2, 20, 9, 0):
        tekst = client.get("/initiatieven/doorlooptijd/").content.decode()
        dagen = Initiatief.objects.get(pk=laat.pk).klok().dagen_gebruikt
    assert dagen == 46 - 3
    with op(2026, 2, 20, 9, 0):
        assert Initiatief.objects.get(pk=laat.pk).dagen_uit_opgeslagen() == dagen
    assert f"{dagen} dagen (uiterlijk 5 februari 2026)" in tekst


def test_mediaan_en_aandeel_per_wijk_en_maand(
    groene_loper, disciplines, django_capture_on_commit_callbacks, mailoutbox
):
    duur = [10, 20, 35, 45]  # informed in May (10, 20) and in June (35, 45)
    for dagen in duur:
        with op(2026, 5, 1, 12, 0):
            initiatief = nieuw_initiatief()
        besluit_op(
            time_machine.travel(
                datetime.datetime(2026, 5, 1, 12, tzinfo=AMS) + datetime.timedelta(days=dagen),
                tick=False,
            ),
            initiatief,
            groene_loper,
            django_capture_on_commit_callbacks,
        )
    rijen = cijfers.per_wijk_en_maand()
    per_maand = {(r["wijk__naam"], r["maand"].date().isoformat()): r for r in rijen}
    mei = per_maand[("Oosterheem", "2026-05-01")]
    juni = per_maand[("Oosterheem", "2026-06-01")]
    assert (mei["aantal"], mei["mediaan"], mei["aandeel_binnen"]) == (2, 15.0, 100)
    assert (juni["aantal"], juni["mediaan"], juni["aandeel_binnen"]) == (2, 40.0, 0)
    assert Agendapunt.objects.count() == 4


@pytest.mark.parametrize("dagen,binnen", [(28, True), (29, False)])
def test_grens_van_de_norm(
    dagen, binnen, groene_loper, disciplines, django_capture_on_commit_callbacks, mailoutbox
):
    with op(2026, 2, 1, 8, 0):
        initiatief = nieuw_initiatief()
    moment = time_machine.travel(
        datetime.datetime(2026, 2, 1, 20, tzinfo=AMS) + datetime.timedelta(days=dagen), tick=False
    )
    initiatief = besluit_op(moment, initiatief, groene_loper, django_capture_on_commit_callbacks)
    assert initiatief.doorlooptijd_dagen == dagen
    assert initiatief.klok().binnen_norm is binnen


def _tabel() -> str:
    from django.template.loader import render_to_string

    tabel = cijfers.tabel(met_wijk=True, bijschrift="Per wijk")
    return render_to_string("initiatieven/_cijfers.html", {"tabel": tabel})


def test_cijfers_uit_de_cache_verouderen_niet(
    groene_loper, disciplines, django_capture_on_commit_callbacks, mailoutbox
):
    with op(2026, 5, 1, 12, 0):
        eerste = nieuw_initiatief()
        tweede = nieuw_initiatief()
    besluit_op(op(2026, 5, 11, 12, 0), eerste, groene_loper, django_capture_on_commit_callbacks)
    with op(2026, 5, 20, 12, 0):
        assert [r["aantal"] for r in cijfers.per_wijk_en_maand()] == [1]
        tabel = _tabel()
    assert '"Beantwoord">1<' in tabel and '"Mediaan (dagen)">10<' in tabel
    besluit_op(op(2026, 5, 21, 12, 0), tweede, groene_loper, django_capture_on_commit_callbacks)
    with op(2026, 5, 22, 12, 0):
        rijen = cijfers.per_wijk_en_maand()
        tabel = _tabel()
    assert [(r["aantal"], r["mediaan"]) for r in rijen] == [(2, 15.0)]
    # The table shows the cached figures: they change with the data.
    assert '"Beantwoord">2<' in tabel and '"Mediaan (dagen)">15<' in tabel
    assert "<caption" in tabel and "Oosterheem" in tabel and "mei 2026" in tabel
    assert 'scope="col">Binnen de norm</th>' in tabel and "(norm: 28 dagen" in tabel
