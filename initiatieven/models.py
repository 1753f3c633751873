"""Maatschappelijke initiatieven: public intake, triage, Groene Loper meetings and decisions.

Statuses and their allowed transitions live here as data; initiatieven.acties is the only
code that changes them, and it writes an InitiatiefHistorie row for every change.
"""

import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from wijkwerk.workflow import een_van


def lokale_datum(moment: datetime.datetime | None) -> datetime.date | None:
    """The calendar date in Europe/Amsterdam: the response clock counts local days."""
    return timezone.localtime(moment).date() if moment else None


def nieuw_token() -> str:
    return secrets.token_urlsafe(32)


def een_jaar_later(datum: datetime.date) -> datetime.date:
    """The same day next year; 29 February becomes 28 February."""
    try:
        return datum.replace(year=datum.year + 1)
    except ValueError:
        return datum.replace(year=datum.year + 1, day=28)


class Status(models.TextChoices):
    ONTVANGEN = "ontvangen", "ontvangen"
    INCOMPLEET = "incompleet", "wacht op antwoord van de indiener"
    COMPLEET = "compleet", "klaar voor de Groene Loper"
    GEAGENDEERD = "geagendeerd", "geagendeerd"
    BESLOTEN = "besloten", "besloten"
    GEINFORMEERD = "geinformeerd", "indiener geïnformeerd"


# Allowed transitions, checked in one place (acties.WORKFLOW). GEAGENDEERD may go to
# itself: an item that is "aangehouden" moves to the next meeting and stays on an agenda.
TRANSITIES: dict[str, set[str]] = {
    Status.ONTVANGEN: {Status.INCOMPLEET, Status.COMPLEET},
    Status.INCOMPLEET: {Status.ONTVANGEN},
    Status.COMPLEET: {Status.INCOMPLEET, Status.GEAGENDEERD},
    Status.GEAGENDEERD: {Status.COMPLEET, Status.GEAGENDEERD, Status.BESLOTEN},
    Status.BESLOTEN: {Status.GEINFORMEERD},
    Status.GEINFORMEERD: set(),
}
# Statuses in which the initiator still waits for an answer (the clock runs or is paused).
OPEN = [Status.ONTVANGEN, Status.INCOMPLEET, Status.COMPLEET, Status.GEAGENDEERD]


class Gevraagd(models.TextChoices):
    ADVIES = "advies", "advies"
    VERGUNNING = "vergunning", "een vergunning of toestemming"
    RUIMTE = "ruimte", "ruimte (een plek of gebouw)"
    GELD = "geld", "geld"


class Uitkomst(models.TextChoices):
    AKKOORD = "akkoord", "akkoord"
    AKKOORD_ONDER_VOORWAARDEN = "akkoord_onder_voorwaarden", "akkoord onder voorwaarden"
    AFGEWEZEN = "afgewezen", "afgewezen"
    AANGEHOUDEN = "aangehouden", "aangehouden"
    DOORVERWEZEN = "doorverwezen", "doorverwezen"


# Decisions after which the wijk picks the initiative up ("wijkgericht opgepakt").
GEACCEPTEERD = [Uitkomst.AKKOORD, Uitkomst.AKKOORD_ONDER_VOORWAARDEN]


class Referentieteller(models.Model):
    """Last reference number per year; incremented by one atomic upsert (no races)."""

    jaar = models.PositiveSmallIntegerField(primary_key=True)
    laatste = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "referentieteller"
        verbose_name_plural = "referentietellers"

    def __str__(self):
        return f"{self.jaar}: {self.laatste}"


class InitiatiefQuerySet(models.QuerySet):
    def nieuw(self):
        return self.filter(status=Status.ONTVANGEN)

    def wacht_op_indiener(self):
        return self.filter(status=Status.INCOMPLEET)

    def klaar(self):
        """Ready for the Groene Loper."""
        return self.filter(status=Status.COMPLEET)

    def geagendeerd(self):
        return self.filter(status=Status.GEAGENDEERD)

    def besloten(self):
        return self.filter(status__in=[Status.BESLOTEN, Status.GEINFORMEERD])

    def geaccepteerd(self):
        """Accepted by the Groene Loper (akkoord, also onder voorwaarden): the wijk picks it up."""
        return self.filter(agendapunten__besluit__uitkomst__in=GEACCEPTEERD).distinct()

    def open(self):
        return self.filter(status__in=OPEN)

    def te_laat(self, op: datetime.date | None = None):
        """Open, clock running (not waiting for the initiator) and past the due date."""
        op = op or timezone.localdate()
        return self.open().exclude(status=Status.INCOMPLEET).filter(uiterste_datum__lt=op)


# The staff work lists: the ?filter= value, its label and the InitiatiefQuerySet method.
WERKLIJSTEN = {
    "nieuw": ("Nieuw", InitiatiefQuerySet.nieuw),
    "incompleet": ("Wacht op indiener", InitiatiefQuerySet.wacht_op_indiener),
    "klaar": ("Klaar voor de Groene Loper", InitiatiefQuerySet.klaar),
    "geagendeerd": ("Geagendeerd", InitiatiefQuerySet.geagendeerd),
    "te-laat": ("Over de termijn", InitiatiefQuerySet.te_laat),
    "besloten": ("Besloten", InitiatiefQuerySet.besloten),
}


class Initiatief(models.Model):
    referentie = models.CharField(max_length=20, unique=True)
    titel = models.CharField(max_length=200)
    omschrijving = models.TextField(max_length=5000)
    wijk = models.ForeignKey(
        "wijken.Wijk",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatieven",
    )
    adres_vrij = models.CharField("adres of plek", max_length=200, blank=True)
    gevraagd = models.CharField("wat vraagt u", max_length=12, choices=Gevraagd.choices)
    bedrag = models.DecimalField(
        "gevraagd bedrag", max_digits=10, decimal_places=2, null=True, blank=True
    )
    # Personal data of the initiator: shown only to staff who may change the initiative.
    contact_naam = models.CharField("naam", max_length=100)
    contact_email = models.EmailField("e-mailadres", max_length=200)
    contact_telefoon = models.CharField("telefoonnummer", max_length=30, blank=True)

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ONTVANGEN)
    status_token = models.CharField(max_length=64, unique=True, default=nieuw_token)
    # The intake form's once-per-form token (wijkwerk.eenmaal): a double click makes one record.
    idempotentie_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # HMAC of the client address (not the address itself), for the intake rate limit.
    afzender_hash = models.CharField(max_length=64, blank=True, editable=False)
    contactpersoon = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiatieven",
    )
    ontvangen_op = models.DateTimeField("ontvangen op", default=timezone.now)
    geinformeerd_op = models.DateTimeField("indiener geïnformeerd op", null=True, blank=True)
    # Kept by acties when a pause ends / the initiator is informed, so lists and figures
    # are plain SQL over 100,000 rows; Initiatief.klok() recomputes them from the pauses.
    gepauzeerde_dagen = models.PositiveIntegerField(default=0)
    uiterste_datum = models.DateField("uiterste datum")
    doorlooptijd_dagen = models.PositiveIntegerField("doorlooptijd (dagen)", null=True, blank=True)
    is_demo = models.BooleanField("demodata", default=False)

    objects = InitiatiefQuerySet.as_manager()

    class Meta:
        verbose_name = "initiatief"
        verbose_name_plural = "initiatieven"
        ordering = ["-ontvangen_op"]
        constraints = [
            models.CheckConstraint(
                condition=een_van("status", Status), name="initiatief_status_geldig"
            ),
            models.CheckConstraint(
                condition=een_van("gevraagd", Gevraagd), name="initiatief_gevraagd_geldig"
            ),
            models.CheckConstraint(
                condition=Q(gevraagd="geld", bedrag__gt=0) | (~Q(gevraagd="geld") & Q(bedrag=None)),
                name="initiatief_bedrag_alleen_bij_geld",
            ),
            models.CheckConstraint(
                condition=Q(wijk__isnull=False) | ~Q(adres_vrij=""),
                name="initiatief_wijk_of_adres",
            ),
        ]
        indexes = [
            # Triage and overdue lists: open initiatives by status, oldest first.
            models.Index(fields=["status", "ontvangen_op"], name="initiatief_status_ontv"),
            # The "besloten" list, newest first.
            models.Index(fields=["-ontvangen_op"], name="initiatief_ontvangen_af"),
            # The "besloten" work list, newest first, paged by (ontvangen_op, id): the
            # newest initiatives are mostly still open, so the index above read thousands
            # of rows to find the first 25 decided ones.
            models.Index(
                fields=["-ontvangen_op", "-id"],
                condition=Q(status__in=[Status.BESLOTEN, Status.GEINFORMEERD]),
                name="initiatief_besloten",
            ),
            # Response-time figures of the last twelve months, all wijken.
            models.Index(fields=["geinformeerd_op"], name="initiatief_geinformeerd"),
            # Overdue list: open initiatives past their due date.
            models.Index(fields=["uiterste_datum"], name="initiatief_uiterste_datum"),
            # Response-time figures per wijk and month.
            models.Index(fields=["wijk", "geinformeerd_op"], name="initiatief_wijk_geinf"),
            # Intake rate limit: recent submissions from one client address.
            models.Index(fields=["afzender_hash", "ontvangen_op"], name="initiatief_afzender"),
        ]

    def __str__(self):
        return f"{self.referentie} {self.titel}"

    def get_absolute_url(self):
        return reverse("initiatieven:detail", args=[self.referentie])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def wijk_of_adres(self) -> str:
        return self.wijk.naam if self.wijk_id else self.adres_vrij

    def is_te_laat(self, op: datetime.date | None = None) -> bool:
        """Past its due date while the clock runs (InitiatiefQuerySet.te_laat for sets)."""
        loopt = self.is_open and self.status != Status.INCOMPLEET
        return loopt and self.uiterste_datum < (op or timezone.localdate())

    def dagen_uit_opgeslagen(self, op: datetime.date | None = None) -> int | None:
        """Days used from the stored fields, for lists (no pauses read). Equal to
        klok().dagen_gebruikt except while a pause is open, when it gives None."""
        if self.doorlooptijd_dagen is not None:
            return self.doorlooptijd_dagen
        if self.status == Status.INCOMPLEET:
            return None
        op = op or timezone.localdate()
        return (op - lokale_datum(self.ontvangen_op)).days - self.gepauzeerde_dagen

    def klok(self, op: datetime.date | None = None, pauzes=None) -> "Klok":
        """Days used and due date, from the pauses themselves (the exact definition)."""
        op = op or timezone.localdate()
        pauzes = self.pauzes.all() if pauzes is None else pauzes
        eind = lokale_datum(self.geinformeerd_op) or op
        gepauzeerd = sum(p.dagen(op) for p in pauzes)
        ontvangen = lokale_datum(self.ontvangen_op)
        gebruikt = (eind - ontvangen).days - gepauzeerd
        uiterste = ontvangen + datetime.timedelta(days=norm_dagen() + gepauzeerd)
        return Klok(
            dagen_gebruikt=gebruikt,
            gepauzeerd=gepauzeerd,
            uiterste_datum=uiterste,
            loopt=self.is_open and self.status != Status.INCOMPLEET,
            binnen_norm=gebruikt <= norm_dagen(),
        )


def norm_dagen() -> int:
    return settings.INITIATIEF_NORM_DAGEN


@dataclass(frozen=True)
class Klok:
    dagen_gebruikt: int
    gepauzeerd: int
    uiterste_datum: datetime.date
    loopt: bool
    binnen_norm: bool


class InitiatiefHistorie(models.Model):
    initiatief = models.ForeignKey(Initiatief, on_delete=models.CASCADE, related_name="historie")
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    op = models.DateTimeField(default=timezone.now)
    van = models.CharField(max_length=12, choices=Status.choices, blank=True)
    naar = models.CharField(max_length=12, choices=Status.choices)
    toelichting = models.TextField(blank=True)

    class Meta:
        verbose_name = "historieregel"
        verbose_name_plural = "historie"
        ordering = ["op", "pk"]

    def __str__(self):
        return f"{self.initiatief.referentie}: {self.van or '–'} → {self.naar}"


class Pauze(models.Model):
    """The clock stands still from start until eind while the initiator is asked something."""

    initiatief = models.ForeignKey(Initiatief, on_delete=models.CASCADE, related_name="pauzes")
    start = models.DateTimeField()
    eind = models.DateTimeField(null=True, blank=True)
    vraag = models.TextField("vraag aan de indiener")
    antwoord = models.TextField("antwoord van de indiener", blank=True)

    class Meta:
        verbose_name = "pauze"
        verbose_name_plural = "pauzes"
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eind__isnull=True) | Q(eind__gte=models.F("start")),
                name="pauze_eind_na_start",
            ),
            # At most one open pause per initiative.
            models.UniqueConstraint(
                fields=["initiatief"], condition=Q(eind__isnull=True), name="pauze_een_open"
            ),
        ]

    def __str__(self):
        return f"Pauze {self.initiatief_id} vanaf {date_format(self.start)}"

    def dagen(self, op: datetime.date | None = None) -> int:
        """Calendar days paused: from the local start date to the local end date (or op)."""
        eind = lokale_datum(self.eind) or op or timezone.localdate()
        return (eind - lokale_datum(self.start)).days


class Discipline(models.Model):
    naam = models.CharField(max_length=100, unique=True)
    actief = models.BooleanField(default=True)

    class Meta:
        verbose_name = "discipline"
        verbose_name_plural = "disciplines"
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Vergadering(models.Model):
    datum = models.DateField(unique=True)
    aanwezig = models.ManyToManyField(
        Discipline, blank=True, related_name="vergaderingen", verbose_name="aanwezige afdelingen"
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "vergadering van de Groene Loper"
        verbose_name_plural = "vergaderingen van de Groene Loper"
        ordering = ["-datum"]

    def __str__(self):
        # Also in the history and the inwoner's mail: the date as users write it.
        return f"Groene Loper {date_format(self.datum)}"

    def get_absolute_url(self):
        return reverse("initiatieven:vergadering", args=[self.pk])

    def clean(self):
        # The meetings of the coming year are planned; a date further ahead is a typing
        # error (2099), and a new meeting in the past would record decisions afterwards.
        if self.datum is None:
            return
        vandaag = timezone.localdate()
        if self._state.adding and self.datum < vandaag:
            raise ValidationError(
                {"datum": "Deze datum ligt in het verleden. Kies vandaag of een latere dag."}
            )
        uiterst = een_jaar_later(vandaag)
        if self.datum > uiterst:
            raise ValidationError(
                {
                    "datum": "Een vergadering plant u hoogstens een jaar vooruit, dus uiterlijk "
                    f"op {date_format(uiterst)}. Klopt het jaartal?"
                }
            )

    @property
    def is_begonnen(self) -> bool:
        """Decisions are recorded on or after the meeting's day (Besluit.clean)."""
        return self.datum <= timezone.localdate()

    def aanwezige_afdelingen(self) -> str:
        """ "veiligheid, zorg en welzijn": from the names toegang.vergadering_voor annotates,
        else (a meeting loaded with its agenda item) from the database."""
        if hasattr(self, "aanwezig_namen"):
            return self.aanwezig_namen or ""
        return ", ".join(d.naam for d in self.aanwezig.all())


class Agendapunt(models.Model):
    vergadering = models.ForeignKey(
        Vergadering, on_delete=models.CASCADE, related_name="agendapunten"
    )
    initiatief = models.ForeignKey(
        Initiatief, on_delete=models.PROTECT, related_name="agendapunten"
    )
    volgorde = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "agendapunt"
        verbose_name_plural = "agendapunten"
        ordering = ["volgorde", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["vergadering", "initiatief"], name="agendapunt_uniek_per_vergadering"
            )
        ]

    def __str__(self):
        return f"{self.vergadering}: {self.initiatief}"


class Advies(models.Model):
    agendapunt = models.ForeignKey(Agendapunt, on_delete=models.CASCADE, related_name="adviezen")
    discipline = models.ForeignKey(Discipline, on_delete=models.PROTECT, related_name="+")
    tekst = models.TextField(max_length=5000)

    class Meta:
        verbose_name = "advies"
        verbose_name_plural = "adviezen"
        ordering = ["discipline__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["agendapunt", "discipline"], name="advies_een_per_discipline"
            )
        ]

    def __str__(self):
        return f"{self.discipline}: {self.tekst[:40]}"


class Besluit(models.Model):
    agendapunt = models.OneToOneField(Agendapunt, on_delete=models.CASCADE, related_name="besluit")
    uitkomst = models.CharField(max_length=30, choices=Uitkomst.choices)
    motivering = models.TextField(max_length=5000)
    actiehouder = models.CharField(max_length=150, blank=True)
    deadline = models.DateField(null=True, blank=True)
    genomen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    genomen_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "besluit"
        verbose_name_plural = "besluiten"
        constraints = [
            models.CheckConstraint(
                condition=een_van("uitkomst", Uitkomst), name="besluit_uitkomst_geldig"
            ),
            models.CheckConstraint(
                condition=~Q(motivering=""), name="besluit_motivering_verplicht"
            ),
        ]

    def __str__(self):
        return f"{self.agendapunt.initiatief.referentie}: {self.get_uitkomst_display()}"

    def clean(self):
        # The inwoner reads "Op <meeting date>: akkoord": a decision recorded before the
        # meeting took place would tell of a meeting that has not happened yet.
        genomen = lokale_datum(self.genomen_op)
        datum = self.agendapunt.vergadering.datum
        fouten = {}
        if genomen < datum:
            fouten["uitkomst"] = (
                f"De vergadering is op {date_format(datum)}. Een besluit legt u vast op of na "
                "die dag."
            )
        if self.deadline and self.deadline < genomen:
            fouten["deadline"] = "De deadline ligt in het verleden. Kies vandaag of een latere dag."
        if fouten:
            raise ValidationError(fouten)
