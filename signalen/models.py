"""Signalen: what a wijkregisseur notices in the wijk, followed up to an answer.

The workflow is data (TRANSITIES) next to the status choices; signalen.acties is the one
place that checks it and writes the history row.
"""

import datetime

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from wijken.models import Focuspunt, Partner, Wijk
from wijkwerk.workflow import een_van

OMSCHRIJVING_MAX = 2000
TOELICHTING_MAX = 2000


class Thema(models.Model):
    """A theme from the memo; the beheerder maintains the list and the answer norm."""

    naam = models.CharField(max_length=100, unique=True)
    normdagen = models.PositiveSmallIntegerField(
        "antwoordnorm (dagen)",
        help_text="Binnen hoeveel dagen een signaal met dit thema beantwoord moet zijn.",
    )
    actief = models.BooleanField(default=True)

    class Meta:
        verbose_name = "thema"
        verbose_name_plural = "thema's"
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(condition=Q(normdagen__gte=1), name="thema_normdagen_positief")
        ]

    def __str__(self):
        return self.naam


class Status(models.TextChoices):
    NIEUW = "nieuw", "nieuw"
    IN_BEHANDELING = "in_behandeling", "in behandeling"
    DOORGEZET = "doorgezet", "doorgezet"
    BEANTWOORD = "beantwoord", "beantwoord"
    AFGESLOTEN = "afgesloten", "afgesloten"
    AFGESLOTEN_ZONDER_OPLOSSING = "afgesloten_zonder_oplossing", "afgesloten zonder oplossing"


# Allowed transitions: from -> {to: button text}. Reopening goes back to "in behandeling".
TRANSITIES: dict[str, dict[str, str]] = {
    Status.NIEUW: {
        Status.IN_BEHANDELING: "In behandeling nemen",
        Status.DOORGEZET: "Doorzetten naar wie de regie heeft",
        Status.AFGESLOTEN_ZONDER_OPLOSSING: "Afsluiten zonder oplossing",
    },
    Status.IN_BEHANDELING: {
        Status.DOORGEZET: "Doorzetten naar wie de regie heeft",
        Status.BEANTWOORD: "Beantwoorden",
        Status.AFGESLOTEN_ZONDER_OPLOSSING: "Afsluiten zonder oplossing",
    },
    Status.DOORGEZET: {
        Status.BEANTWOORD: "Beantwoorden",
        Status.AFGESLOTEN_ZONDER_OPLOSSING: "Afsluiten zonder oplossing",
    },
    Status.BEANTWOORD: {
        Status.AFGESLOTEN: "Afsluiten",
        Status.IN_BEHANDELING: "Heropenen",
    },
    Status.AFGESLOTEN: {Status.IN_BEHANDELING: "Heropenen"},
    Status.AFGESLOTEN_ZONDER_OPLOSSING: {Status.IN_BEHANDELING: "Heropenen"},
}
# Reopening: back to "in behandeling" from an answered or closed signal. It starts a new
# answer term (signalen.acties.zet_status).
HEROPENEN_VAN = {Status.BEANTWOORD, Status.AFGESLOTEN, Status.AFGESLOTEN_ZONDER_OPLOSSING}
# Transitions that only make sense with a reason.
REDEN_VERPLICHT = {Status.AFGESLOTEN_ZONDER_OPLOSSING}
# A signal's own data: what the quick log asks and a regisseur may change afterwards
# (signalen.acties.wijzig_gegevens). Not the wijk: it decides who may see the signal.
GEGEVENS = [
    "thema",
    "omschrijving",
    "bevat_persoonsgegevens",
    "bron",
    "waargenomen_op",
    "gemeld_door",
    "focuspunt",
    "regie_bij",
    "regie_afdeling",
    "regie_partner",
]
OPEN = [Status.NIEUW, Status.IN_BEHANDELING, Status.DOORGEZET]
GESLOTEN = [Status.AFGESLOTEN, Status.AFGESLOTEN_ZONDER_OPLOSSING]


class Bron(models.TextChoices):
    INWONER = "inwoner", "inwoner"
    PARTNER = "partner", "maatschappelijke partner"
    HANDHAVER = "handhaver", "handhaver"
    EIGEN = "eigen_waarneming", "eigen waarneming"
    GEMEENTE = "via_gemeente", "via de gemeente"
    OVERIG = "overig", "overig"


class Regie(models.TextChoices):
    GEMEENTE = "gemeente", "gemeente"
    PARTNER = "partner", "partner"
    INWONERS = "inwoners", "inwoners"
    BEDRIJF = "bedrijf", "bedrijf"


LIJSTVELDEN = [
    "wijk__naam",
    "thema__naam",
    "status",
    "omschrijving",
    "bevat_persoonsgegevens",
    "is_demo",
    "aangemaakt_op",
    "streefdatum",
]


class SignaalQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN)

    def te_laat(self, vandaag=None):
        return self.open().filter(streefdatum__lt=vandaag or timezone.localdate())

    def in_wijk(self, wijk):
        return self.filter(wijk=wijk)

    def nieuwste_eerst(self):
        return self.order_by("-aangemaakt_op", "-id")

    def voor_lijst(self):
        """Only what a list item (signalen/_kaartje.html) and the access rules read: the
        search vector and the wijk's and thema's other columns stay in the database."""
        return self.select_related("wijk", "thema").only(*LIJSTVELDEN)


class Signaal(models.Model):
    # No index of their own for wijk and thema (signaal_wijk_nieuwste and
    # signaal_thema_nieuwste start with them), and partial ones for the mostly empty
    # focuspunt and partner: every index costs each new signal a write.
    wijk = models.ForeignKey(
        Wijk, on_delete=models.PROTECT, related_name="signalen", db_index=False
    )
    focuspunt = models.ForeignKey(
        Focuspunt,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signalen",
        db_index=False,
    )
    thema = models.ForeignKey(
        Thema, on_delete=models.PROTECT, related_name="signalen", db_index=False
    )
    bron = models.CharField(max_length=20, choices=Bron.choices, default=Bron.EIGEN)
    omschrijving = models.CharField(max_length=OMSCHRIJVING_MAX)
    waargenomen_op = models.DateField("waargenomen op")
    gemeld_door = models.CharField("gemeld door", max_length=150, blank=True)
    regie_bij = models.CharField("regie bij", max_length=10, choices=Regie.choices, blank=True)
    regie_afdeling = models.CharField("afdeling van de gemeente", max_length=150, blank=True)
    regie_partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signalen",
        verbose_name="partner of bedrijf met de regie",
        db_index=False,
    )
    bevat_persoonsgegevens = models.BooleanField("bevat persoonsgegevens", default=False)
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.NIEUW)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        db_index=False,  # signaal_door_nieuwste starts with it
    )
    # Not auto_now_add: the generator and the demo data spread signals over a year.
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    streefdatum = models.DateField(help_text="Uiterlijk beantwoord op (volgt uit het thema).")
    beantwoord_op = models.DateTimeField(null=True, blank=True)
    afgesloten_op = models.DateTimeField(null=True, blank=True)
    geanonimiseerd_op = models.DateTimeField(null=True, blank=True)
    # A double submit of the quick-log form carries the same token: one record.
    idempotentie_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    is_demo = models.BooleanField("demodata", default=False)
    # Dutch full-text search. Stored and kept by PostgreSQL itself (a generated column), so
    # every write path (the app, COPY in the generator, anonymising) keeps it right, and
    # ranking reads it instead of parsing every matching text again.
    zoekvector = models.GeneratedField(
        expression=SearchVector("omschrijving", config="dutch"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = SignaalQuerySet.as_manager()

    class Meta:
        verbose_name = "signaal"
        verbose_name_plural = "signalen"
        constraints = [
            models.CheckConstraint(
                condition=een_van("status", Status), name="signaal_status_geldig"
            ),
            models.CheckConstraint(condition=een_van("bron", Bron), name="signaal_bron_geldig"),
            models.CheckConstraint(
                condition=een_van("regie_bij", Regie, leeg=True), name="signaal_regie_geldig"
            ),
            # A named partner or bedrijf only when the regie lies with one.
            models.CheckConstraint(
                condition=Q(regie_partner__isnull=True)
                | een_van("regie_bij", [Regie.PARTNER, Regie.BEDRIJF]),
                name="signaal_regie_partner_past",
            ),
        ]
        indexes = [
            # The list, newest first, with keyset pagination on (aangemaakt_op, id). Covering
            # what the search checks (its text and privacy filter), so finding the newest
            # matches of a common word walks the index without reading the table.
            models.Index(
                fields=["aangemaakt_op", "id"],
                name="signaal_nieuwste",
                include=["zoekvector", "bevat_persoonsgegevens", "wijk"],
            ),
            # The list filtered by wijk (and the wijkdossier's numbers), same order.
            models.Index(fields=["wijk", "aangemaakt_op", "id"], name="signaal_wijk_nieuwste"),
            # The list filtered by status, same order.
            models.Index(fields=["status", "aangemaakt_op", "id"], name="signaal_status_nieuwste"),
            # The list filtered by thema, same order.
            models.Index(fields=["thema", "aangemaakt_op", "id"], name="signaal_thema_nieuwste"),
            # "Uw laatste signalen" on the quick log: a user's newest signals, in order, so
            # the page reads five entries rather than sorting all of the user's signals.
            models.Index(
                fields=["aangemaakt_door", "aangemaakt_op", "id"], name="signaal_door_nieuwste"
            ),
            # The list filtered by regie, same order.
            models.Index(
                fields=["regie_bij", "aangemaakt_op", "id"], name="signaal_regie_nieuwste"
            ),
            # "Alleen te laat" and the signalering page: open signals past their due date.
            models.Index(
                fields=["streefdatum", "wijk"],
                name="signaal_open_streefdatum",
                condition=een_van("status", OPEN),
            ),
            # Median days to answer on the wijkdossier: answered signals of one wijk. Covering
            # (aangemaakt_op included) so the median reads only the index.
            models.Index(
                fields=["wijk", "beantwoord_op"],
                name="signaal_wijk_beantwoord",
                condition=Q(beantwoord_op__isnull=False),
                include=["aangemaakt_op"],
            ),
            # The wijkdossier's open signals per thema and overdue count, index-only.
            models.Index(
                fields=["wijk", "thema"],
                name="signaal_wijk_open_thema",
                condition=een_van("status", OPEN),
                include=["streefdatum"],
            ),
            # The retention command: closed personal-data signals not yet anonymised.
            models.Index(
                fields=["afgesloten_op"],
                name="signaal_te_anonimiseren",
                condition=Q(bevat_persoonsgegevens=True, geanonimiseerd_op__isnull=True),
            ),
            # Deleting a focuspunt or partner finds its signals (SET NULL, PROTECT).
            models.Index(
                fields=["focuspunt"],
                name="signaal_focuspunt",
                condition=Q(focuspunt__isnull=False),
            ),
            models.Index(
                fields=["regie_partner"],
                name="signaal_regie_partner",
                condition=Q(regie_partner__isnull=False),
            ),
            # Dutch full-text search in the list ("zoekvector @@ query"). No pending list:
            # new signals are searchable through the index at once, and the planner does
            # not shy away from an index with a long unmerged list after a bulk load.
            GinIndex(fields=["zoekvector"], name="signaal_zoekvector", fastupdate=False),
        ]

    def __str__(self):
        return f"Signaal {self.pk}: {self.omschrijving[:60]}"

    def get_absolute_url(self):
        return reverse("signalen:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def is_te_laat(self, vandaag=None) -> bool:
        """Open past its answer norm: the one rule for a signal (SignaalQuerySet.te_laat for
        sets). A template calls it without `vandaag`: today in Zoetermeer."""
        return self.is_open and self.streefdatum < (vandaag or timezone.localdate())

    def overgangen(self) -> dict[str, str]:
        return TRANSITIES.get(self.status, {})

    @staticmethod
    def bereken_streefdatum(aangemaakt: datetime.date, thema: Thema) -> datetime.date:
        return aangemaakt + datetime.timedelta(days=thema.normdagen)

    def regie_tekst(self) -> str:
        if not self.regie_bij:
            return "nog niet bepaald"
        tekst = self.get_regie_bij_display()
        if self.regie_bij == Regie.GEMEENTE and self.regie_afdeling:
            tekst += f", afdeling {self.regie_afdeling}"
        if self.regie_partner_id:
            tekst += f": {self.regie_partner}"
        return tekst


class SignaalHistorie(models.Model):
    """One row per status change (and one for the creation); never changed afterwards."""

    signaal = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="historie")
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    op = models.DateTimeField(default=timezone.now)
    van = models.CharField(max_length=30, choices=Status.choices, blank=True)
    naar = models.CharField(max_length=30, choices=Status.choices)
    toelichting = models.CharField(max_length=TOELICHTING_MAX, blank=True)
    # Set on a reopening only: it starts a new answer term, and the old one stays readable
    # here (the signal itself keeps only the current streefdatum).
    streefdatum_was = models.DateField("antwoord uiterlijk tot dan", null=True, blank=True)
    streefdatum_nieuw = models.DateField("nieuwe streefdatum", null=True, blank=True)

    class Meta:
        verbose_name = "statuswijziging"
        verbose_name_plural = "statuswijzigingen"
        ordering = ["signaal", "op", "id"]
        # The foreign key index on signaal serves the detail page's timeline.

    def __str__(self):
        return f"{self.van or '–'} → {self.naar}"


class Opvolgnotitie(models.Model):
    signaal = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="notities")
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    op = models.DateTimeField(default=timezone.now)
    tekst = models.CharField(max_length=TOELICHTING_MAX)
    # As Signaal.idempotentie_token: the same form sent twice adds one note.
    idempotentie_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "opvolgnotitie"
        verbose_name_plural = "opvolgnotities"
        ordering = ["signaal", "op", "id"]

    def __str__(self):
        return self.tekst[:60]


class Inzage(models.Model):
    """Access log: who saw the details of a personal-data signal, when, on which page.

    Append-only: a database trigger (migration 0002) refuses UPDATE and DELETE.
    """

    signaal = models.ForeignKey(Signaal, on_delete=models.PROTECT, related_name="inzages")
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    op = models.DateTimeField(default=timezone.now)
    pagina = models.CharField(max_length=30)

    class Meta:
        verbose_name = "inzage"
        verbose_name_plural = "inzagelog"
        # The beheerder's access log page pages by id (newest first) on the primary key.

    def __str__(self):
        return f"{self.gebruiker} zag signaal {self.signaal_id} ({self.pagina})"
