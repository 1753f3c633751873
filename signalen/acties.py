"""Audited, transactional writes of signalen: create, change data or status, add a note,
anonymise."""

import hashlib

from django.db import transaction
from django.utils import timezone

from signalen import cijfers, toegang
from signalen.models import (
    GEGEVENS,
    GESLOTEN,
    HEROPENEN_VAN,
    REDEN_VERPLICHT,
    TRANSITIES,
    Inzage,
    Opvolgnotitie,
    Signaal,
    SignaalHistorie,
    Status,
)
from wijkwerk import workflow
from wijkwerk.eenmaal import eenmaal


class OvergangFout(workflow.OvergangFout):
    """A status change that is refused; str() is the Dutch message for the user."""


class VerouderdFout(OvergangFout):
    """Somebody else changed the signal (its status, or its data) after this user opened
    the form."""


class GegevensFout(Exception):
    """A change of a signal's data that is refused; str() is the Dutch message, `veld` the
    form field it belongs to."""

    def __init__(self, melding, veld=None):
        super().__init__(melding)
        self.veld = veld


class Geanonimiseerd(Exception):
    """The signal was anonymised after the retention period: nothing more is written to it
    (text added now would stay for good). str() is the Dutch message."""

    def __init__(self):
        super().__init__(
            "Dit signaal is na de bewaartermijn geanonimiseerd en kan niet meer worden "
            "gewijzigd of aangevuld. Is er iets nieuws? Leg dan een nieuw signaal vast."
        )


WORKFLOW = workflow.Workflow(
    TRANSITIES,
    Status,
    SignaalHistorie,
    "signaal",
    melding="Een signaal met status ‘{van}’ kan niet naar ‘{naar}’.",
    fout=OvergangFout,
)

REGIE_NODIG = (
    "Vul eerst in bij wie de regie ligt (Gegevens wijzigen), dan kunt u het signaal doorzetten."
)


def maak_signaal(*, door, idempotentie_token=None, **velden) -> tuple[Signaal, bool]:
    """Create a signal with its first history row; (signaal, created).

    A second POST with the same token (double click, resent form) returns the first
    signal instead of a copy (wijkwerk.eenmaal).
    """
    nu = timezone.now()
    signaal = Signaal(
        aangemaakt_door=door,
        aangemaakt_op=nu,
        idempotentie_token=idempotentie_token,
        **velden,
    )
    signaal.waargenomen_op = signaal.waargenomen_op or timezone.localdate(nu)
    signaal.streefdatum = Signaal.bereken_streefdatum(timezone.localdate(nu), signaal.thema)

    def maak():
        # eenmaal's savepoint holds both rows: a signal never exists without its history.
        signaal.save()
        WORKFLOW.schrijf(signaal, van="", naar=signaal.status, door=door, op=nu)
        return signaal

    return eenmaal(Signaal, idempotentie_token, maak)


def _vergrendeld(pk, *velden) -> Signaal:
    """The signal, locked for this transaction (only `velden`, if given); Geanonimiseerd if
    it was anonymised. The row lock anonimiseer takes too: text written just after it would
    stay for good."""
    qs = Signaal.objects.select_for_update()
    signaal = (qs.only(*velden) if velden else qs).get(pk=pk)
    if signaal.geanonimiseerd_op:
        raise Geanonimiseerd
    return signaal


def zet_status(*, signaal, naar, verwacht, toelichting="", door) -> Signaal:
    """Move a signal to `naar`, checked against TRANSITIES, with a history row.

    `verwacht` is the status the user saw when opening the form: if it changed since,
    the change is refused rather than applied to a situation the user did not see.
    """
    toelichting = (toelichting or "").strip()
    with transaction.atomic():
        signaal = _vergrendeld(signaal.pk)
        van = signaal.status
        if van != verwacht:
            raise VerouderdFout(
                "Iemand anders heeft de status van dit signaal intussen veranderd in "
                f"‘{Status(van).label}’. Bekijk de nieuwe situatie en kies opnieuw."
            )
        WORKFLOW.controleer(van, naar)
        if naar == Status.DOORGEZET and not signaal.regie_bij:
            # "Doorgezet" means passed on to whoever holds the regie: there must be one.
            raise OvergangFout(REGIE_NODIG)
        if naar in REDEN_VERPLICHT and not toelichting:
            raise OvergangFout(
                "Schrijf op waarom u dit signaal zonder oplossing afsluit. Dat is verplicht."
            )
        nu = timezone.now()
        if naar == Status.BEANTWOORD:
            signaal.beantwoord_op = nu
        if naar in GESLOTEN:
            signaal.afgesloten_op = nu
        elif van in GESLOTEN:
            # Reopened: the retention period starts again at the next closing.
            signaal.afgesloten_op = None
        velden, termijn = ["beantwoord_op", "afgesloten_op"], {}
        if van in HEROPENEN_VAN and naar == Status.IN_BEHANDELING:
            # Reopened: a new answer term from today by the thema's norm (the old one has
            # usually passed, so the signal would be overdue at once); the history row keeps
            # the old one.
            termijn["streefdatum_was"] = signaal.streefdatum
            signaal.streefdatum = Signaal.bereken_streefdatum(timezone.localdate(nu), signaal.thema)
            termijn["streefdatum_nieuw"] = signaal.streefdatum
            velden.append("streefdatum")
        WORKFLOW.zet(
            signaal,
            naar,
            door=door,
            toelichting=toelichting,
            velden=velden,
            op=nu,
            **termijn,
        )
    if naar == Status.BEANTWOORD:
        cijfers.vergeet_mediaan(signaal.wijk_id)
    return signaal


def wijzig_gegevens(*, signaal, gegevens: dict, verwacht: str, door) -> list[str]:
    """Change a signal's data (models.GEGEVENS); returns the labels of what changed.

    `verwacht` is versie() of the signal as the user saw it: if any field changed
    since, nothing is saved. A change is written to the trail as an Opvolgnotitie naming
    the fields, not their values (those may be personal data). One transaction, so the
    signal and its trail row are saved together or not at all.
    """
    with transaction.atomic():
        signaal = _vergrendeld(signaal.pk)
        intussen = anders_dan(signaal, verwacht)
        if intussen:
            raise VerouderdFout(
                "De gegevens van dit signaal zijn intussen gewijzigd, door iemand anders of in "
                "een ander venster ("
                + ", ".join(_label(n) for n in intussen)
                + "). Wat u invulde staat hieronder nog; de huidige gegevens ziet u op de "
                "pagina van het signaal. Controleer uw invoer en sla opnieuw op."
            )
        gewijzigd = [
            naam
            for naam, waarde in gegevens.items()
            if _waarde(signaal, naam) != getattr(waarde, "pk", waarde)
        ]
        if not gewijzigd:
            return []
        if signaal.status == Status.DOORGEZET and not gegevens.get("regie_bij"):
            raise GegevensFout(
                "Dit signaal is doorgezet naar wie de regie heeft. Laat Regie bij daarom niet "
                "leeg.",
                veld="regie_bij",
            )
        for naam in gewijzigd:
            setattr(signaal, naam, gegevens[naam])
        velden = list(gewijzigd)
        if "thema" in gewijzigd:
            # The answer norm follows from the thema, counted from the day the current term
            # started: the day it was logged, or the day it was last reopened.
            heropend = (
                signaal.historie.filter(streefdatum_nieuw__isnull=False)
                .order_by("-op", "-id")
                .values_list("op", flat=True)
                .first()
            )
            signaal.streefdatum = Signaal.bereken_streefdatum(
                timezone.localdate(heropend or signaal.aangemaakt_op), signaal.thema
            )
            velden.append("streefdatum")
        signaal.save(update_fields=velden)
        labels = [_label(n) for n in gewijzigd]
        Opvolgnotitie.objects.create(
            signaal=signaal, door=door, tekst="Gegevens gewijzigd: " + ", ".join(labels)
        )
    return labels


def versie(signaal) -> str:
    """What the edit form saw of each field of GEGEVENS: a short hash per field, joined.

    Carried in the form (as OvergangForm carries the status) so that a save compares it
    with the signal as it is then, and can name the fields somebody else changed meanwhile.
    Hashes rather than the values: the page's source need not repeat the text twice.
    """
    return ".".join(
        hashlib.sha256(str(_waarde(signaal, naam)).encode()).hexdigest()[:8] for naam in GEGEVENS
    )


def _waarde(signaal, naam):
    # The column's value: a foreign key's id, without loading the related row.
    return getattr(signaal, Signaal._meta.get_field(naam).attname)


def anders_dan(signaal, gezien: str) -> list[str]:
    """The fields of GEGEVENS whose value differs from what `gezien` (versie()) recorded."""
    nu, toen = versie(signaal).split("."), gezien.split(".")
    if len(toen) != len(nu):
        return list(GEGEVENS)  # a form from before a field was added: all may differ
    return [naam for naam, a, b in zip(GEGEVENS, nu, toen, strict=True) if a != b]


def _label(naam) -> str:
    return str(Signaal._meta.get_field(naam).verbose_name)


def voeg_notitie_toe(*, signaal, tekst, door, idempotentie_token=None) -> Opvolgnotitie:
    """Add a note; sent again with the same token, the first note is returned (see
    maak_signaal). Refused (Geanonimiseerd) once the signal is anonymised."""
    with transaction.atomic():
        _vergrendeld(signaal.pk, "geanonimiseerd_op")
        notitie, _ = eenmaal(
            Opvolgnotitie,
            idempotentie_token,
            lambda: Opvolgnotitie.objects.create(
                signaal=signaal,
                door=door,
                tekst=tekst.strip(),
                idempotentie_token=idempotentie_token,
            ),
        )
    return notitie


def log_inzage(*, signalen, door, pagina) -> None:
    """Write an access-log row for every personal-data signal whose details `door` sees (a
    masked one, e.g. in a wijk the user no longer holds, is not logged)."""
    ids = [s.pk for s in signalen if s.bevat_persoonsgegevens and toegang.mag_details_zien(door, s)]
    if not ids:
        return
    nu = timezone.now()
    Inzage.objects.bulk_create(
        [Inzage(signaal_id=pk, gebruiker=door, op=nu, pagina=pagina) for pk in ids]
    )


GEANONIMISEERD = "[geanonimiseerd na de bewaartermijn]"


def anonimiseer(*, voor, door=None) -> dict[str, int]:
    """Anonymise closed personal-data signals closed before `voor`; returns counts.

    The signal itself stays (for the numbers per wijk and thema); its text, reporter,
    notes and history reasons are replaced. The access log keeps its rows: it holds no
    content, only who looked when.
    """
    with transaction.atomic():
        ids = list(
            Signaal.objects.select_for_update()
            .filter(
                bevat_persoonsgegevens=True,
                geanonimiseerd_op__isnull=True,
                status__in=GESLOTEN,
                afgesloten_op__lt=voor,
            )
            .values_list("pk", flat=True)
        )
        nu = timezone.now()
        signalen = Signaal.objects.filter(pk__in=ids).update(
            omschrijving=GEANONIMISEERD,
            gemeld_door="",
            bevat_persoonsgegevens=False,
            geanonimiseerd_op=nu,
        )
        notities = Opvolgnotitie.objects.filter(signaal_id__in=ids).update(tekst=GEANONIMISEERD)
        historie = (
            SignaalHistorie.objects.filter(signaal_id__in=ids)
            .exclude(toelichting="")
            .update(toelichting=GEANONIMISEERD)
        )
    return {"signalen": signalen, "notities": notities, "toelichtingen": historie}
