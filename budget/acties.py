"""Audited, transactional writes of the wijkbudget: the only code that books money.

Lock order, the same everywhere so two transactions cannot deadlock: the Budgetjaar row
(allocations only), then the Bestedingsvoorstel row, then WijkBudget rows in pk order.
Locks use of=("self",): a select_related join would otherwise also lock the Wijk row,
which every Boeking insert needs a key-share lock on, and that deadlocked under load
(tests/budget/test_gelijktijdig.py).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from budget import toegang
from budget.models import (
    NUL,
    TRANSITIES,
    Bestedingsvoorstel,
    Boeking,
    Budgetjaar,
    Overheveling,
    Statuswijziging,
    WijkBudget,
)
from wijkwerk.eenmaal import eenmaal
from wijkwerk.weergave import euro
from wijkwerk.workflow import Workflow


class BudgetFout(Exception):
    """A refused booking; str() is a Dutch message for the user."""


@dataclass
class OnvoldoendeBudget(BudgetFout):
    wijk: object
    beschikbaar: Decimal
    gevraagd: Decimal

    def __str__(self):
        return (
            f"Er is niet genoeg budget. {self.wijk} heeft nog {euro(self.beschikbaar)} "
            f"beschikbaar; gevraagd is {euro(self.gevraagd)}."
        )


class VerkeerdeStatus(BudgetFout):
    """A status change WORKFLOW refuses, mostly a proposal that was decided already."""


WORKFLOW = Workflow(
    TRANSITIES,
    Bestedingsvoorstel.Status,
    Statuswijziging,
    "voorstel",
    melding="Dit voorstel is al {van}. Er is niets (nog een keer) geboekt.",
    fout=VerkeerdeStatus,
)


def _bedrag(bedrag) -> Decimal:
    bedrag = Decimal(bedrag)
    if bedrag <= 0 or bedrag != bedrag.quantize(Decimal("0.01")):
        raise BudgetFout("Het bedrag moet groter zijn dan € 0 en hoogstens twee decimalen hebben.")
    return bedrag


def _wijkbudget(budgetjaar_id, wijk_id) -> WijkBudget:
    try:
        return WijkBudget.objects.select_for_update(of=("self",)).get(
            budgetjaar_id=budgetjaar_id, wijk_id=wijk_id
        )
    except WijkBudget.DoesNotExist:
        raise BudgetFout("Deze wijk heeft in dit jaar geen wijkbudget.") from None


def wijs_toe_aan_wijk(
    *, budgetjaar, wijk, bedrag, door=None, omschrijving="", is_demo=False
) -> Boeking:
    """Allocate part of the year's integral budget to a wijk; never more than the whole."""
    bedrag = _bedrag(bedrag)
    with transaction.atomic():
        jaar = Budgetjaar.objects.select_for_update().get(pk=budgetjaar.pk)
        wb, _ = WijkBudget.objects.get_or_create(budgetjaar=jaar, wijk=wijk)
        wb = _wijkbudget(jaar.pk, wijk.pk)
        verdeeld = WijkBudget.objects.filter(budgetjaar=jaar).aggregate(s=Sum("begroot"))["s"]
        rest = jaar.integraal_budget - (verdeeld or NUL)
        if bedrag > rest:
            raise BudgetFout(
                f"Er is nog {euro(rest)} van het integrale budget {jaar.jaar} niet verdeeld; "
                f"{euro(bedrag)} is te veel."
            )
        wb.begroot += bedrag
        wb.beschikbaar += bedrag
        wb.save(update_fields=["begroot", "beschikbaar"])
        return Boeking.objects.create(
            budgetjaar=jaar,
            wijk=wijk,
            soort=Boeking.Soort.TOEKENNING,
            bedrag=bedrag,
            door=door,
            omschrijving=omschrijving or f"Toekenning aan {wijk} uit het integrale wijkbudget",
            is_demo=is_demo,
        )


def open_budgetjaar(
    *,
    jaar,
    integraal_budget,
    door,
    omschrijving="",
    bronnen=(),
    verdeling=None,
    idempotentie_token=None,
    is_demo=False,
) -> Budgetjaar:
    """Open a budget year: its integral budget, where the money comes from (`bronnen`, pairs
    of name and amount) and a wijkbudget per wijk in `verdeling` (wijk -> amount to allocate,
    or None for a wijkbudget that gets nothing yet). All or nothing, in one transaction.

    With `idempotentie_token`, the same form arriving twice opens the year once.
    """
    integraal_budget = Decimal(integraal_budget)
    if integraal_budget < 0:
        raise BudgetFout("Het integrale budget kan niet negatief zijn.")
    bronnen = [(naam.strip(), _bedrag(bedrag)) for naam, bedrag in bronnen]
    verdeling = {
        wijk: (None if bedrag is None else _bedrag(bedrag))
        for wijk, bedrag in (verdeling or {}).items()
    }
    verdeeld = sum((b for b in verdeling.values() if b is not None), NUL)
    if verdeeld > integraal_budget:
        raise BudgetFout(
            f"De wijken krijgen samen {euro(verdeeld)}; dat is meer dan het integrale budget "
            f"van {euro(integraal_budget)}."
        )

    def maak():
        budgetjaar = Budgetjaar.objects.create(
            jaar=jaar,
            omschrijving=omschrijving.strip() or f"Integraal wijkbudget {jaar}",
            integraal_budget=integraal_budget,
            is_demo=is_demo,
            idempotentie_token=idempotentie_token,
        )
        for naam, bedrag in bronnen:
            Overheveling.objects.create(
                budgetjaar=budgetjaar, bronbudget=naam, bedrag=bedrag, is_demo=is_demo
            )
        for wijk, bedrag in verdeling.items():
            if bedrag is None:
                WijkBudget.objects.create(budgetjaar=budgetjaar, wijk=wijk)
            else:
                wijs_toe_aan_wijk(
                    budgetjaar=budgetjaar,
                    wijk=wijk,
                    bedrag=bedrag,
                    door=door,
                    omschrijving=f"Toekenning aan {wijk} bij het openen van {jaar}"
                    + (" (demoverdeling)" if is_demo else ""),
                    is_demo=is_demo,
                )
        return budgetjaar

    try:
        budgetjaar, _ = eenmaal(Budgetjaar, idempotentie_token, maak)
    except IntegrityError:
        # Not this form's token: another form (or tab) opened the year first.
        if Budgetjaar.objects.filter(jaar=jaar).exists():
            raise BudgetFout(f"Het budgetjaar {jaar} bestaat al.") from None
        raise
    return budgetjaar


def dien_in(
    *,
    budgetjaar,
    wijk,
    omschrijving,
    bedrag,
    ontvanger,
    door,
    focuspunt=None,
    initiatief=None,
    project=None,
    idempotentie_token=None,
    is_demo=False,
) -> Bestedingsvoorstel:
    """A regisseur proposes a spend; nothing is booked until the wijkwethouder approves.

    With `idempotentie_token` (sent along with the form), the same submit arriving twice
    (double click, retry) returns the first proposal instead of making a second one.
    """
    bedrag = _bedrag(bedrag)
    if project is not None and project.plan.wijk_id != wijk.pk:
        raise BudgetFout(f"Het project ‘{project}’ hoort bij een andere wijk dan {wijk}.")
    if not WijkBudget.objects.filter(budgetjaar=budgetjaar, wijk=wijk).exists():
        raise BudgetFout(f"{wijk} heeft in {budgetjaar.jaar} geen wijkbudget.")

    def maak():
        voorstel = Bestedingsvoorstel.objects.create(
            budgetjaar=budgetjaar,
            wijk=wijk,
            omschrijving=omschrijving,
            bedrag=bedrag,
            ontvanger=ontvanger,
            focuspunt=focuspunt,
            initiatief=initiatief,
            project=project,
            ingediend_door=door,
            idempotentie_token=idempotentie_token,
            is_demo=is_demo,
        )
        WORKFLOW.schrijf(voorstel, van="", naar=voorstel.status, door=door)
        return voorstel

    voorstel, nieuw = eenmaal(Bestedingsvoorstel, idempotentie_token, maak)
    if not nieuw and voorstel.ingediend_door_id != door.pk:
        raise BudgetFout("Dit formulier is al door iemand anders ingediend. Begin opnieuw.")
    return voorstel


def _beoordeel(voorstel, naar, *, door, reden):
    """Lock the proposal, check the approver and decide: its status, who and when, and why.
    Returns the locked row."""
    voorstel = (
        Bestedingsvoorstel.objects.select_for_update(of=("self",))
        .select_related("wijk", "budgetjaar")
        .get(pk=voorstel.pk)
    )
    # Only the wijkwethouder of this wijk decides: not a regisseur (not even on their own
    # proposal), not the beheerder. Checked here too, so no view can forget it.
    if not toegang.is_wijkwethouder(door, voorstel.wijk):
        raise PermissionDenied("Alleen de wijkwethouder van deze wijk beslist over dit voorstel.")
    voorstel.beoordeeld_door = door
    voorstel.beoordeeld_op = timezone.now()
    voorstel.reden = reden
    WORKFLOW.zet(
        voorstel,
        naar,
        door=door,
        toelichting=reden,
        velden=("beoordeeld_door", "beoordeeld_op", "reden"),
    )
    return voorstel


def keur_goed(*, voorstel, door, reden="") -> Bestedingsvoorstel:
    """Approve: book a commitment, if the wijk has enough available. Books at most once.

    The wijk's budget row is locked last, just before the commit, so concurrent approvals
    in one wijk wait on each other as briefly as possible. The returned proposal carries
    the updated `wijkbudget`.
    """
    with transaction.atomic():
        voorstel = _beoordeel(
            voorstel, Bestedingsvoorstel.Status.GOEDGEKEURD, door=door, reden=reden
        )
        Boeking.objects.create(
            budgetjaar_id=voorstel.budgetjaar_id,
            wijk=voorstel.wijk,
            soort=Boeking.Soort.VERPLICHTING,
            bedrag=voorstel.bedrag,
            voorstel=voorstel,
            door=door,
            omschrijving=f"Goedgekeurd: {voorstel.omschrijving[:200]}",
            is_demo=voorstel.is_demo,
        )
        wb = _wijkbudget(voorstel.budgetjaar_id, voorstel.wijk_id)
        if voorstel.bedrag > wb.beschikbaar:
            # Rolls back the status change and the booking above.
            raise OnvoldoendeBudget(voorstel.wijk, wb.beschikbaar, voorstel.bedrag)
        wb.toegekend += voorstel.bedrag
        wb.beschikbaar -= voorstel.bedrag
        wb.save(update_fields=["toegekend", "beschikbaar"])
        voorstel.wijkbudget = wb
        return voorstel


def wijs_af(*, voorstel, door, reden) -> Bestedingsvoorstel:
    if not reden.strip():
        raise BudgetFout("Geef een reden waarom u het voorstel afwijst.")
    with transaction.atomic():
        return _beoordeel(
            voorstel, Bestedingsvoorstel.Status.AFGEWEZEN, door=door, reden=reden.strip()
        )


def trek_in(*, voorstel, door, reden) -> Bestedingsvoorstel:
    """The regisseur withdraws a proposal the wijkwethouder has not decided on yet.

    Ledger-neutral: nothing was booked before approval, so only the status and its history
    row change. The proposal row is locked first, as in _beoordeel, so a withdrawal and an
    approval arriving together are decided one after the other.
    """
    if not reden.strip():
        raise BudgetFout("Geef een reden waarom u het voorstel intrekt.")
    with transaction.atomic():
        voorstel = (
            Bestedingsvoorstel.objects.select_for_update(of=("self",))
            .select_related("wijk")
            .get(pk=voorstel.pk)
        )
        # Checked here too, so no view can forget it.
        if not toegang.mag_intrekken(door, voorstel):
            raise PermissionDenied("Alleen de wijkregisseur trekt dit voorstel in.")
        if not WORKFLOW.mag(voorstel.status, Bestedingsvoorstel.Status.INGETROKKEN):
            raise VerkeerdeStatus(
                f"Dit voorstel is al {voorstel.get_status_display()}. Intrekken kan alleen "
                "zolang de wijkwethouder nog niet heeft beslist."
            )
        WORKFLOW.zet(
            voorstel, Bestedingsvoorstel.Status.INGETROKKEN, door=door, toelichting=reden.strip()
        )
        return voorstel


def besteed_aan(voorstel) -> Decimal:
    return voorstel.boekingen.filter(soort=Boeking.Soort.REALISATIE).aggregate(
        s=Sum("bedrag", default=NUL)
    )["s"]


def boek_realisatie(*, voorstel, bedrag, door, omschrijving) -> Boeking:
    """Book a payment against an approved commitment; never more than what is left of it."""
    bedrag = _bedrag(bedrag)
    with transaction.atomic():
        voorstel = (
            Bestedingsvoorstel.objects.select_for_update(of=("self",))
            .select_related("wijk")
            .get(pk=voorstel.pk)
        )
        if voorstel.status != Bestedingsvoorstel.Status.GOEDGEKEURD:
            raise BudgetFout("Alleen op een goedgekeurd, open voorstel kunt u betalingen boeken.")
        open_ = voorstel.bedrag - besteed_aan(voorstel)
        if bedrag > open_:
            raise BudgetFout(
                f"Van deze verplichting is nog {euro(open_)} over; {euro(bedrag)} is te veel."
            )
        wb = _wijkbudget(voorstel.budgetjaar_id, voorstel.wijk_id)
        wb.besteed += bedrag
        wb.save(update_fields=["besteed"])
        return Boeking.objects.create(
            budgetjaar_id=voorstel.budgetjaar_id,
            wijk=voorstel.wijk,
            soort=Boeking.Soort.REALISATIE,
            bedrag=bedrag,
            voorstel=voorstel,
            door=door,
            omschrijving=omschrijving or "Betaling",
            is_demo=voorstel.is_demo,
        )


def sluit_verplichting(*, voorstel, door, omschrijving="") -> Bestedingsvoorstel:
    """Close a commitment: what was not paid returns to the wijk's available money. The
    returned proposal carries what was released (`vrijgevallen`)."""
    with transaction.atomic():
        voorstel = (
            Bestedingsvoorstel.objects.select_for_update(of=("self",))
            .select_related("wijk", "budgetjaar")
            .get(pk=voorstel.pk)
        )
        WORKFLOW.controleer(voorstel.status, Bestedingsvoorstel.Status.AFGESLOTEN)
        rest = voorstel.bedrag - besteed_aan(voorstel)
        if rest > 0:
            wb = _wijkbudget(voorstel.budgetjaar_id, voorstel.wijk_id)
            wb.toegekend -= rest
            wb.beschikbaar += rest
            wb.save(update_fields=["toegekend", "beschikbaar"])
            Boeking.objects.create(
                budgetjaar_id=voorstel.budgetjaar_id,
                wijk=voorstel.wijk,
                soort=Boeking.Soort.VRIJVAL,
                bedrag=-rest,
                voorstel=voorstel,
                door=door,
                omschrijving=omschrijving or "Verplichting afgesloten; restant vrijgevallen",
                is_demo=voorstel.is_demo,
            )
        WORKFLOW.zet(
            voorstel, Bestedingsvoorstel.Status.AFGESLOTEN, door=door, toelichting=omschrijving
        )
        voorstel.vrijgevallen = max(rest, NUL)
        return voorstel


def herverdeel(*, budgetjaar, van, naar, bedrag, reden, door) -> tuple[Boeking, Boeking]:
    """Move available money from one wijk to another; by the wijkwethouder of `van`."""
    bedrag = _bedrag(bedrag)
    if not reden.strip():
        raise BudgetFout("Geef een reden voor de herverdeling.")
    if van == naar:
        raise BudgetFout("Kies twee verschillende wijken.")
    if not toegang.is_wijkwethouder(door, van):
        raise PermissionDenied("Alleen de wijkwethouder van de wijk die geld afstaat herverdeelt.")
    with transaction.atomic():
        rijen = {
            wb.wijk_id: wb
            for wb in WijkBudget.objects.select_for_update(of=("self",))
            .filter(budgetjaar=budgetjaar, wijk__in=[van, naar])
            .order_by("pk")
        }
        if len(rijen) != 2:
            raise BudgetFout("Beide wijken moeten in dit jaar een wijkbudget hebben.")
        bron, doel = rijen[van.pk], rijen[naar.pk]
        if bedrag > bron.beschikbaar:
            raise OnvoldoendeBudget(van, bron.beschikbaar, bedrag)
        bron.begroot -= bedrag
        bron.beschikbaar -= bedrag
        doel.begroot += bedrag
        doel.beschikbaar += bedrag
        bron.save(update_fields=["begroot", "beschikbaar"])
        doel.save(update_fields=["begroot", "beschikbaar"])
        tekst = f"Herverdeling van {van} naar {naar}: {reden.strip()}"[:500]
        return (
            Boeking.objects.create(
                budgetjaar=budgetjaar,
                wijk=van,
                soort=Boeking.Soort.HERVERDELING,
                bedrag=-bedrag,
                door=door,
                omschrijving=tekst,
            ),
            Boeking.objects.create(
                budgetjaar=budgetjaar,
                wijk=naar,
                soort=Boeking.Soort.HERVERDELING,
                bedrag=bedrag,
                door=door,
                omschrijving=tekst,
            ),
        )


def saldi_uit_grootboek(budgetjaar, wijk) -> dict[str, Decimal]:
    """Recompute the four balances from the ledger alone (for the drift check)."""
    rijen = dict(
        Boeking.objects.filter(budgetjaar=budgetjaar, wijk=wijk)
        .values("soort")
        .annotate(s=Sum("bedrag"))
        .values_list("soort", "s")
    )
    s = Boeking.Soort
    begroot = rijen.get(s.TOEKENNING, NUL) + rijen.get(s.HERVERDELING, NUL)
    toegekend = rijen.get(s.VERPLICHTING, NUL) + rijen.get(s.VRIJVAL, NUL)
    return {
        "begroot": begroot,
        "toegekend": toegekend,
        "besteed": rijen.get(s.REALISATIE, NUL),
        "beschikbaar": begroot - toegekend,
    }
