import datetime
import itertools
import uuid
import zoneinfo

import pytest
import time_machine
from django.db import IntegrityError
from django.utils import timezone

from signalen import acties
from signalen.models import GEGEVENS, TRANSITIES, Signaal, SignaalHistorie, Status
from wijken.models import Partner

ALLE = list(Status.values)
TOEGESTAAN = [(van, naar) for van, doelen in TRANSITIES.items() for naar in doelen]
AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
VERBODEN = [p for p in itertools.product(ALLE, ALLE) if p not in TOEGESTAAN]


def _in_status(signaal, status):
    Signaal.objects.filter(pk=signaal.pk).update(status=status)
    signaal.refresh_from_db()
    return signaal


def test_workflow_dekt_elke_status():
    assert set(TRANSITIES) == set(ALLE)
    # The happy path from the issue, step by step.
    pad = ["nieuw", "in_behandeling", "doorgezet", "beantwoord", "afgesloten"]
    for van, naar in itertools.pairwise(pad):
        assert naar in TRANSITIES[van]


@pytest.mark.parametrize("van,naar", TOEGESTAAN)
def test_toegestane_overgang_schrijft_historie(maak_signaal, regisseur_a, van, naar):
    # With a regie: doorzetten needs one (test_wijzigen covers the refusal).
    signaal = _in_status(maak_signaal(door=regisseur_a, regie_bij="gemeente"), van)
    acties.zet_status(
        signaal=signaal, naar=naar, verwacht=van, toelichting="omdat", door=regisseur_a
    )
    signaal.refresh_from_db()
    assert signaal.status == naar
    h = SignaalHistorie.objects.filter(signaal=signaal).latest("op", "id")
    assert (h.van, h.naar, h.door, h.toelichting) == (van, naar, regisseur_a, "omdat")
    if naar == "beantwoord":
        assert signaal.beantwoord_op is not None
    if naar in ("afgesloten", "afgesloten_zonder_oplossing"):
        assert signaal.afgesloten_op is not None
    if naar == "in_behandeling" and van in ("afgesloten", "afgesloten_zonder_oplossing"):
        assert signaal.afgesloten_op is None


@pytest.mark.parametrize("van,naar", VERBODEN)
def test_verboden_overgang_verandert_niets(maak_signaal, regisseur_a, van, naar):
    signaal = _in_status(maak_signaal(door=regisseur_a), van)
    aantal = SignaalHistorie.objects.count()
    with pytest.raises(acties.OvergangFout, match="kan niet naar"):
        acties.zet_status(signaal=signaal, naar=naar, verwacht=van, door=regisseur_a)
    signaal.refresh_from_db()
    assert signaal.status == van
    assert SignaalHistorie.objects.count() == aantal


def test_afsluiten_zonder_oplossing_vraagt_reden(maak_signaal, regisseur_a):
    signaal = maak_signaal(door=regisseur_a)
    with pytest.raises(acties.OvergangFout, match="waarom"):
        acties.zet_status(
            signaal=signaal,
            naar="afgesloten_zonder_oplossing",
            verwacht="nieuw",
            toelichting="   ",
            door=regisseur_a,
        )
    assert Signaal.objects.get(pk=signaal.pk).status == "nieuw"


def test_verouderd_formulier_wordt_geweigerd(maak_signaal, regisseur_a):
    signaal = maak_signaal(door=regisseur_a)
    acties.zet_status(signaal=signaal, naar="in_behandeling", verwacht="nieuw", door=regisseur_a)
    # A second user still had the form with status "nieuw" open.
    with pytest.raises(acties.VerouderdFout, match="intussen veranderd in ‘in behandeling’"):
        acties.zet_status(
            signaal=signaal, naar="in_behandeling", verwacht="nieuw", door=regisseur_a
        )
    assert SignaalHistorie.objects.filter(signaal=signaal).count() == 2


def test_nieuw_signaal_heeft_streefdatum_en_eerste_historie(maak_signaal, regisseur_a):
    signaal = maak_signaal(thema="veiligheid", door=regisseur_a)
    # The local (Amsterdam) date: between 23:00 and 24:00 UTC it is already tomorrow there.
    gemeld = timezone.localdate(signaal.aangemaakt_op)
    assert (signaal.streefdatum - gemeld).days == 7
    h = signaal.historie.get()
    assert (h.van, h.naar) == ("", "nieuw")


@pytest.mark.django_db(transaction=True)
def test_signaal_en_eerste_historie_samen_buiten_een_transactie(maak_signaal, regisseur_a):
    """Outside a transaction, as in a request: the token still decides, and a row the
    database refuses leaves nothing behind."""
    token = uuid.uuid4()
    a = maak_signaal(door=regisseur_a, idempotentie_token=token, gemeld_door="Buurvrouw")
    b = maak_signaal(door=regisseur_a, idempotentie_token=token)
    assert a.pk == b.pk
    h = SignaalHistorie.objects.get()
    assert (h.signaal, h.door, h.op) == (a, regisseur_a, a.aangemaakt_op)
    assert (h.van, h.naar) == ("", "nieuw")
    with pytest.raises(IntegrityError):
        # A named partner while the regie is not with a partner: refused by a constraint.
        maak_signaal(door=regisseur_a, regie_partner=Partner.objects.first())
    assert (Signaal.objects.count(), SignaalHistorie.objects.count()) == (1, 1)
    # A note sent twice outside a transaction: saved once too.
    token = uuid.uuid4()
    een = acties.voeg_notitie_toe(
        signaal=a, tekst="Gebeld.", door=regisseur_a, idempotentie_token=token
    )
    twee = acties.voeg_notitie_toe(
        signaal=a, tekst="Gebeld.", door=regisseur_a, idempotentie_token=token
    )
    assert een.pk == twee.pk and a.notities.count() == 1


def test_dubbel_token_maakt_een_signaal(maak_signaal, regisseur_a):
    import uuid

    token = uuid.uuid4()
    a = maak_signaal(door=regisseur_a, idempotentie_token=token)
    b = maak_signaal(door=regisseur_a, idempotentie_token=token)
    assert a.pk == b.pk
    assert Signaal.objects.count() == 1


@pytest.mark.parametrize("van", ["beantwoord", "afgesloten", "afgesloten_zonder_oplossing"])
def test_heropenen_start_een_nieuwe_termijn(client, maak_signaal, regisseur_a, van):
    """Reopened months later, the signal is not overdue at once: a new term from that day by
    the thema's norm (jeugd: 14 days); the history keeps the old one."""
    with time_machine.travel(datetime.datetime(2026, 1, 5, 10, tzinfo=AMS), tick=False):
        signaal = maak_signaal(door=regisseur_a, thema="jeugd")
    oud = datetime.date(2026, 1, 19)
    assert signaal.streefdatum == oud
    signaal = _in_status(signaal, van)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, tzinfo=AMS), tick=False):
        acties.zet_status(signaal=signaal, naar="in_behandeling", verwacht=van, door=regisseur_a)
        signaal.refresh_from_db()
        assert signaal.streefdatum == datetime.date(2026, 3, 16)
        assert not signaal.is_te_laat()
        assert not Signaal.objects.te_laat().filter(pk=signaal.pk).exists()
        h = signaal.historie.latest("op", "id")
        assert (h.streefdatum_was, h.streefdatum_nieuw) == (oud, datetime.date(2026, 3, 16))
        client.force_login(regisseur_a)
        tekst = client.get(signaal.get_absolute_url()).content.decode()
        assert "Nieuwe termijn: antwoord uiterlijk 16 maart 2026 (was 19 januari 2026)" in tekst
        # A new thema afterwards counts its norm from the reopening, not from the logging.
        acties.wijzig_gegevens(
            signaal=signaal,
            gegevens={**{n: getattr(signaal, n) for n in GEGEVENS}, "thema": _thema("veiligheid")},
            verwacht=acties.versie(signaal),
            door=regisseur_a,
        )
        signaal.refresh_from_db()
        assert signaal.streefdatum == datetime.date(2026, 3, 9)


def test_andere_overgang_houdt_de_termijn(maak_signaal, regisseur_a):
    signaal = maak_signaal(door=regisseur_a)
    termijn = signaal.streefdatum
    acties.zet_status(signaal=signaal, naar="in_behandeling", verwacht="nieuw", door=regisseur_a)
    signaal.refresh_from_db()
    assert signaal.streefdatum == termijn
    assert signaal.historie.latest("op", "id").streefdatum_was is None


def _thema(naam):
    from signalen.models import Thema

    return Thema.objects.get(naam=naam)
