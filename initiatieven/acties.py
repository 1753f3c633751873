"""Audited, transactional writes of the initiatieven app.

Every status change goes through WORKFLOW (which checks TRANSITIES) and leaves a
history row. Mail to the initiator is sent with transaction.on_commit, so a rolled-back
change never tells the initiator something that did not happen.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from initiatieven.models import (
    TRANSITIES,
    Advies,
    Agendapunt,
    Besluit,
    Initiatief,
    InitiatiefHistorie,
    Pauze,
    Referentieteller,
    Status,
    Uitkomst,
    Vergadering,
    lokale_datum,
    norm_dagen,
)
from wijkwerk.eenmaal import eenmaal
from wijkwerk.slot import vergrendel
from wijkwerk.sql import kolomnaam, tabel
from wijkwerk.weergave import naam
from wijkwerk.workflow import Workflow

logger = logging.getLogger(__name__)


class InitiatiefFout(Exception):
    """A refused action, with a message for the user (Dutch, B1)."""


WORKFLOW = Workflow(
    TRANSITIES,
    Status,
    InitiatiefHistorie,
    "initiatief",
    melding="Dit kan niet: het initiatief staat op ‘{van}’ en kan niet naar ‘{naar}’.",
    fout=InitiatiefFout,
)


def volgende_referenties(jaar: int, aantal: int = 1) -> range:
    """The next `aantal` reference numbers of `jaar`, reserved at once.

    One upsert statement (the ORM has none that returns the value): two submissions at the
    same moment get different numbers, and the first of a new year creates the counter row
    without a race.
    """
    teller, jaar_, laatste = (
        tabel(Referentieteller),
        kolomnaam(Referentieteller, "jaar"),
        kolomnaam(Referentieteller, "laatste"),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {teller} ({jaar_}, {laatste}) VALUES (%s, %s) ON CONFLICT ({jaar_}) "
            f"DO UPDATE SET {laatste} = {teller}.{laatste} + EXCLUDED.{laatste} "
            f"RETURNING {laatste}",
            [jaar, aantal],
        )
        tot = cursor.fetchone()[0]
    return range(tot - aantal + 1, tot + 1)


def referentie(jaar: int, nummer: int) -> str:
    return f"GL-{jaar}-{nummer:04d}"


def volgende_referentie(jaar: int) -> str:
    return referentie(jaar, volgende_referenties(jaar)[0])


def status_url(initiatief: Initiatief) -> str:
    return settings.PUBLIEKE_URL.rstrip("/") + reverse(
        "initiatieven:status", args=[initiatief.status_token]
    )


def _vergrendel(initiatief: Initiatief) -> Initiatief:
    return Initiatief.objects.select_for_update().get(pk=initiatief.pk)


def _mail(aan: str, onderwerp: str, tekst: str) -> bool:
    try:
        send_mail(onderwerp, tekst, None, [aan])
    except Exception:
        # Runs after the commit: the change stands; for a decision the status stays
        # "besloten" (not "geïnformeerd"), so staff see the initiator was not told.
        logger.exception("Mail aan de indiener mislukt: %s", onderwerp)
        return False
    return True


class TeVeel(InitiatiefFout):
    """More submissions from one address in the last hour than INITIATIEF_LIMIET_PER_UUR."""


def controleer_limiet(afzender_hash: str, idempotentie_token=None) -> None:
    """TeVeel when this address sent INITIATIEF_LIMIET_PER_UUR initiatives in the last hour.

    The form with `idempotentie_token` itself does not count: its second click gets the
    confirmation of the first, also when that one reached the limit.
    """
    if not afzender_hash:
        return
    recent = Initiatief.objects.filter(
        afzender_hash=afzender_hash, ontvangen_op__gte=timezone.now() - datetime.timedelta(hours=1)
    )
    if idempotentie_token:
        recent = recent.exclude(idempotentie_token=idempotentie_token)
    if recent.count() >= settings.INITIATIEF_LIMIET_PER_UUR:
        raise TeVeel("Probeert u het over een uur opnieuw.")


def dien_in(*, gegevens: dict, idempotentie_token, afzender_hash: str = "") -> tuple:
    """Store a public submission; returns (initiatief, nieuw).

    The same form twice (a double click) returns the first record, not a second. Raises
    TeVeel past the per-address limit (controleer_limiet).
    """
    nu = timezone.now()

    def maak():
        initiatief = Initiatief.objects.create(
            **gegevens,
            referentie=volgende_referentie(lokale_datum(nu).year),
            idempotentie_token=idempotentie_token,
            afzender_hash=afzender_hash,
            ontvangen_op=nu,
            uiterste_datum=lokale_datum(nu) + datetime.timedelta(days=norm_dagen()),
        )
        WORKFLOW.schrijf(
            initiatief, van="", naar=Status.ONTVANGEN, door=None, toelichting="Ingediend"
        )
        return initiatief

    with transaction.atomic():
        if afzender_hash:
            # Count and insert as one step per address, on whichever app process: without
            # the lock, requests at the same moment all counted the same rows and passed.
            vergrendel("intake", afzender_hash)
        controleer_limiet(afzender_hash, idempotentie_token)
        initiatief, nieuw = eenmaal(Initiatief, idempotentie_token, maak)
    if not nieuw:
        return initiatief, False

    def bevestig():
        _mail(
            initiatief.contact_email,
            f"Wij hebben uw initiatief ontvangen ({initiatief.referentie})",
            f"Beste {initiatief.contact_naam},\n\n"
            f"Dank u wel voor uw initiatief ‘{initiatief.titel}’. Uw nummer is "
            f"{initiatief.referentie}.\n\n"
            f"Hier ziet u hoe het ervoor staat (deel deze link niet met anderen):\n"
            f"{status_url(initiatief)}\n\n"
            f"U hoort binnen {norm_dagen()} dagen wat de gemeente met uw initiatief doet.\n\n"
            f"Met vriendelijke groet,\nGemeente Zoetermeer",
        )

    transaction.on_commit(bevestig)
    return initiatief, True


def triage(*, initiatief, wijk, contactpersoon=None, door) -> Initiatief:
    """Assign the wijk and a contact person (default: that wijk's regisseur today)."""
    with transaction.atomic():
        initiatief = _vergrendel(initiatief)
        if not initiatief.is_open:
            raise InitiatiefFout("Over dit initiatief is al besloten.")
        if contactpersoon is None:
            regisseur = wijk.regisseur_op(timezone.localdate())
            contactpersoon = regisseur.gebruiker if regisseur else None
        initiatief.wijk = wijk
        initiatief.contactpersoon = contactpersoon
        initiatief.save(update_fields=["wijk", "contactpersoon"])
        WORKFLOW.schrijf(
            initiatief,
            door=door,
            van=initiatief.status,
            naar=initiatief.status,
            toelichting=f"Wijk: {wijk}; contactpersoon: {naam(contactpersoon) or '–'}",
        )
        return initiatief


def markeer_incompleet(*, initiatief, vraag: str, door) -> Initiatief:
    """Ask the initiator something; the clock stands still until the answer is recorded."""
    if not vraag.strip():
        raise InitiatiefFout("Schrijf de vraag aan de indiener op.")
    with transaction.atomic():
        initiatief = _vergrendel(initiatief)
        WORKFLOW.zet(initiatief, Status.INCOMPLEET, door=door, toelichting=vraag)
        Pauze.objects.create(initiatief=initiatief, start=timezone.now(), vraag=vraag)
        transaction.on_commit(
            lambda: _mail(
                initiatief.contact_email,
                f"Een vraag over uw initiatief {initiatief.referentie}",
                f"Beste {initiatief.contact_naam},\n\n"
                f"Over uw initiatief ‘{initiatief.titel}’ hebben wij een vraag:\n\n{vraag}\n\n"
                f"Wilt u antwoorden op deze e-mail? Tot wij uw antwoord hebben, staat de "
                f"termijn stil.\n\nStatus: {status_url(initiatief)}\n\n"
                f"Met vriendelijke groet,\nGemeente Zoetermeer",
            )
        )
        return initiatief


def registreer_antwoord(*, initiatief, antwoord: str, door) -> Initiatief:
    """Record the initiator's answer: the pause ends and the due date moves by its days."""
    if not antwoord.strip():
        raise InitiatiefFout("Schrijf het antwoord van de indiener op.")
    with transaction.atomic():
        initiatief = _vergrendel(initiatief)
        WORKFLOW.zet(initiatief, Status.ONTVANGEN, door=door, toelichting=antwoord)
        pauze = Pauze.objects.select_for_update().get(initiatief=initiatief, eind__isnull=True)
        pauze.eind = timezone.now()
        pauze.antwoord = antwoord
        pauze.save(update_fields=["eind", "antwoord"])
        initiatief.gepauzeerde_dagen += pauze.dagen()
        initiatief.uiterste_datum = lokale_datum(initiatief.ontvangen_op) + datetime.timedelta(
            days=norm_dagen() + initiatief.gepauzeerde_dagen
        )
        initiatief.save(update_fields=["gepauzeerde_dagen", "uiterste_datum"])
        return initiatief


def markeer_compleet(*, initiatief, door) -> Initiatief:
    with transaction.atomic():
        initiatief = _vergrendel(initiatief)
        if initiatief.wijk_id is None:
            raise InitiatiefFout("Kies eerst de wijk en de contactpersoon.")
        WORKFLOW.zet(initiatief, Status.COMPLEET, door=door)
        return initiatief


def _regels(obj) -> None:
    """The model's own rules (obj.clean()), as the refusal callers of acties handle."""
    try:
        obj.clean()
    except ValidationError as fout:
        raise InitiatiefFout(" ".join(fout.messages)) from None


def maak_vergadering(*, datum: datetime.date, aanwezig, door) -> Vergadering:
    vergadering = Vergadering(datum=datum, aangemaakt_door=door)
    _regels(vergadering)
    try:
        with transaction.atomic():
            vergadering.save()
            vergadering.aanwezig.set(aanwezig)
            return vergadering
    except IntegrityError:
        # The unique date decides, also for two clicks at the same moment.
        raise InitiatiefFout("Op deze dag is al een vergadering.") from None


def agendeer(*, vergadering, initiatief, door) -> Agendapunt:
    with transaction.atomic():
        vergadering = Vergadering.objects.select_for_update().get(pk=vergadering.pk)
        initiatief = _vergrendel(initiatief)
        if Agendapunt.objects.filter(vergadering=vergadering, initiatief=initiatief).exists():
            raise InitiatiefFout(f"{initiatief.referentie} staat al op deze agenda.")
        WORKFLOW.zet(initiatief, Status.GEAGENDEERD, door=door, toelichting=str(vergadering))
        laatste = vergadering.agendapunten.aggregate(m=Max("volgorde"))["m"] or 0
        return Agendapunt.objects.create(
            vergadering=vergadering, initiatief=initiatief, volgorde=laatste + 1
        )


def verwijder(*, agendapunt, door) -> None:
    with transaction.atomic():
        Vergadering.objects.select_for_update().get(pk=agendapunt.vergadering_id)
        agendapunt = Agendapunt.objects.select_related("vergadering").get(pk=agendapunt.pk)
        if Besluit.objects.filter(agendapunt=agendapunt).exists():
            raise InitiatiefFout("Over dit agendapunt is al besloten; het blijft op de agenda.")
        initiatief = _vergrendel(agendapunt.initiatief)
        WORKFLOW.zet(
            initiatief,
            Status.COMPLEET,
            door=door,
            toelichting=f"Van de agenda van {agendapunt.vergadering} gehaald",
        )
        agendapunt.delete()


def orden(*, agendapunt, richting: str, door) -> None:
    """Swap an item with its neighbour ("op" or "neer")."""
    with transaction.atomic():
        Vergadering.objects.select_for_update().get(pk=agendapunt.vergadering_id)
        punten = list(Agendapunt.objects.filter(vergadering_id=agendapunt.vergadering_id))
        i = next(i for i, p in enumerate(punten) if p.pk == agendapunt.pk)
        j = i - 1 if richting == "op" else i + 1
        if not 0 <= j < len(punten):
            return
        punten[i], punten[j] = punten[j], punten[i]
        # Renumber all: volgorde stays dense even after removals.
        for n, punt in enumerate(punten, start=1):
            punt.volgorde = n
        Agendapunt.objects.bulk_update(punten, ["volgorde"])


def geef_advies(*, agendapunt, discipline, tekst: str, door) -> Advies:
    if not tekst.strip():
        raise InitiatiefFout("Schrijf het advies op.")
    with transaction.atomic():
        advies, _ = Advies.objects.update_or_create(
            agendapunt=agendapunt, discipline=discipline, defaults={"tekst": tekst}
        )
        status = agendapunt.initiatief.status
        WORKFLOW.schrijf(
            agendapunt.initiatief,
            door=door,
            van=status,
            naar=status,
            toelichting=f"Advies {discipline}: {tekst}",
        )
        return advies


def leg_besluit_vast(
    *, agendapunt, uitkomst, motivering: str, actiehouder="", deadline=None, door
) -> Besluit:
    """Record the decision. "aangehouden" moves the item to the next meeting; any other
    outcome is mailed to the initiator after the commit."""
    if not motivering.strip():
        raise InitiatiefFout("Schrijf de motivering op: de indiener krijgt die te lezen.")
    with transaction.atomic():
        Vergadering.objects.select_for_update().get(pk=agendapunt.vergadering_id)
        agendapunt = Agendapunt.objects.select_related("vergadering").get(pk=agendapunt.pk)
        initiatief = _vergrendel(agendapunt.initiatief)
        if Besluit.objects.filter(agendapunt=agendapunt).exists():
            raise InitiatiefFout("Over dit agendapunt is al besloten.")
        besluit = Besluit(
            agendapunt=agendapunt,
            uitkomst=uitkomst,
            motivering=motivering,
            actiehouder=actiehouder,
            deadline=deadline,
            genomen_door=door,
        )
        _regels(besluit)
        besluit.save()
        label = Uitkomst(uitkomst).label
        if uitkomst == Uitkomst.AANGEHOUDEN:
            volgende = (
                Vergadering.objects.filter(datum__gt=agendapunt.vergadering.datum)
                .order_by("datum")
                .first()
            )
            if volgende:
                laatste = volgende.agendapunten.aggregate(m=Max("volgorde"))["m"] or 0
                Agendapunt.objects.get_or_create(
                    vergadering=volgende, initiatief=initiatief, defaults={"volgorde": laatste + 1}
                )
                WORKFLOW.zet(
                    initiatief,
                    Status.GEAGENDEERD,
                    door=door,
                    toelichting=f"Aangehouden; verplaatst naar {volgende}. {motivering}",
                )
            else:
                # No next meeting yet: back to the pool, to be put on the next agenda.
                WORKFLOW.zet(
                    initiatief,
                    Status.COMPLEET,
                    door=door,
                    toelichting=f"Aangehouden; nog geen volgende vergadering. {motivering}",
                )
            return besluit
        WORKFLOW.zet(initiatief, Status.BESLOTEN, door=door, toelichting=f"{label}. {motivering}")
        pk, door_id = initiatief.pk, getattr(door, "pk", None)
        transaction.on_commit(lambda: informeer(initiatief_pk=pk, besluit=besluit, door_id=door_id))
        return besluit


def informeer(*, initiatief_pk: int, besluit: Besluit, door_id=None) -> None:
    """Mail the decision, then stop the clock: 'informed' means the mail went out."""
    initiatief = Initiatief.objects.get(pk=initiatief_pk)
    tekst = (
        f"Beste {initiatief.contact_naam},\n\n"
        f"De Groene Loper heeft over uw initiatief ‘{initiatief.titel}’ "
        f"({initiatief.referentie}) besloten: {besluit.get_uitkomst_display()}.\n\n"
        f"Waarom:\n{besluit.motivering}\n\n"
    )
    if besluit.actiehouder:
        tekst += f"Wie pakt het op: {besluit.actiehouder}"
        if besluit.deadline:
            tekst += f", uiterlijk {date_format(besluit.deadline, 'j F Y')}"
        tekst += ".\n\n"
    tekst += f"Status: {status_url(initiatief)}\n\nMet vriendelijke groet,\nGemeente Zoetermeer"
    if not _mail(
        initiatief.contact_email, f"Besluit over uw initiatief {initiatief.referentie}", tekst
    ):
        return
    with transaction.atomic():
        initiatief = _vergrendel(initiatief)
        if initiatief.status != Status.BESLOTEN:
            return
        initiatief.geinformeerd_op = timezone.now()
        initiatief.doorlooptijd_dagen = initiatief.klok().dagen_gebruikt
        WORKFLOW.zet(
            initiatief,
            Status.GEINFORMEERD,
            door=get_user_model().objects.filter(pk=door_id).first(),
            toelichting="Besluit gemaild",
            velden=["geinformeerd_op", "doorlooptijd_dagen"],
        )
