from django.contrib import messages
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from budget import acties, toegang
from budget.forms import (
    AfwijsForm,
    BudgetjaarForm,
    HerverdeelForm,
    IntrekForm,
    RealisatieForm,
    VoorstelForm,
)
from budget.models import (
    NUL,
    Bestedingsvoorstel,
    Boeking,
    Budgetjaar,
    WijkBudget,
)
from initiatieven.models import Initiatief
from wijken.models import Wijk
from wijkwerk import excel
from wijkwerk import rollen as r
from wijkwerk.grafiek import staafdiagram
from wijkwerk.weergave import euro, naam

BUDGET_ROLLEN = toegang.BUDGET_ROLLEN


# --- Pages ------------------------------------------------------------------------------


def _huidig_jaar() -> int:
    """This year's budget year if there is one, else the latest before it (a year opened
    ahead, or the bench's far-future years, is not 'now'), else the first after it."""
    nu = timezone.localdate().year
    jaren = Budgetjaar.objects.values_list("jaar", flat=True)
    jaar = jaren.filter(jaar__lte=nu).order_by("-jaar").first()
    if jaar is None:
        jaar = jaren.order_by("jaar").first()
    if jaar is None:
        raise Http404("Er is nog geen budgetjaar geladen.")
    return jaar


@require_GET
@r.rol_vereist(*BUDGET_ROLLEN)
def overzicht(request: HttpRequest) -> HttpResponse:
    return redirect("budget:jaar", jaar=_huidig_jaar())


@require_GET
@r.rol_vereist(*BUDGET_ROLLEN)
def nieuw_huidig(request: HttpRequest) -> HttpResponse:
    """A new proposal in the current budget year, with what the link brings (?initiatief=):
    other apps link here without knowing the budget years."""
    url = reverse("budget:nieuw", args=[_huidig_jaar()])
    return redirect(f"{url}?{request.GET.urlencode()}" if request.GET else url)


@require_GET
@r.rol_vereist(*BUDGET_ROLLEN)
def jaar(request: HttpRequest, jaar: int) -> HttpResponse:
    jaren = list(Budgetjaar.objects.order_by("-jaar"))
    budgetjaar = next((j for j in jaren if j.jaar == jaar), None)
    if budgetjaar is None:
        raise Http404("Onbekend budgetjaar")
    # The memo gives no split per wijk: allocations loaded by laad_demo are marked demo.
    demo_toekenning = Boeking.objects.filter(
        budgetjaar=OuterRef("budgetjaar"),
        wijk=OuterRef("wijk"),
        is_demo=True,
        soort__in=[Boeking.Soort.TOEKENNING, Boeking.Soort.HERVERDELING],
    )
    wijkbudgetten = list(
        WijkBudget.objects.filter(budgetjaar=budgetjaar)
        .select_related("wijk")
        .annotate(begroot_is_demo=Exists(demo_toekenning))
        .order_by("wijk__naam")
    )
    totaal = {
        veld: sum((getattr(wb, veld) for wb in wijkbudgetten), NUL)
        for veld in ("begroot", "toegekend", "besteed", "beschikbaar")
    }
    overhevelingen = list(budgetjaar.overhevelingen.all())
    voorstellen = list(
        Bestedingsvoorstel.objects.zichtbaar_voor(request.user)
        .filter(budgetjaar=budgetjaar)
        .select_related("wijk")
    )
    user = request.user
    is_wethouder = r.heeft_rol(user, r.WETHOUDER) and getattr(user, "wethouder", None) is not None
    nu = timezone.localdate().year
    return render(
        request,
        "budget/jaar.html",
        {
            "budgetjaar": budgetjaar,
            "jaren": jaren,
            "nu": nu,
            "huidig": next((j for j in jaren if j.jaar == nu), None),
            "is_beheerder": r.heeft_rol(user, r.BEHEERDER),
            "wijkbudgetten": wijkbudgetten,
            "totaal": totaal,
            "onverdeeld": budgetjaar.integraal_budget - totaal["begroot"],
            "overhevelingen": overhevelingen,
            "som_overhevelingen": sum((o.bedrag for o in overhevelingen), NUL),
            "overhevelingen_demo": any(o.is_demo for o in overhevelingen),
            "verdeling_is_demo": any(wb.begroot_is_demo for wb in wijkbudgetten),
            "grafiek_titel": f"Wijkbudget {budgetjaar.jaar} per wijk",
            "grafiek": staafdiagram(
                [
                    {
                        "kop": wb.wijk.naam,
                        "balken": [
                            {"label": veld, "klasse": veld, "waarde": getattr(wb, veld)}
                            for veld in ("begroot", "toegekend", "besteed", "beschikbaar")
                        ],
                    }
                    for wb in wijkbudgetten
                ]
            ),
            "voorstellen": voorstellen,
            "is_regisseur": r.heeft_rol(user, r.REGISSEUR),
            "is_wethouder": is_wethouder,
        },
    )


@require_http_methods(["GET", "POST"])
@r.rol_vereist(r.BEHEERDER)
def jaar_openen(request: HttpRequest) -> HttpResponse:
    """The beheerder opens a budget year: amount, sources and the allocation per wijk."""
    vandaag = timezone.localdate()
    bestaand = dict(Budgetjaar.objects.values_list("jaar", "idempotentie_token"))
    voorstel_jaar = vandaag.year if vandaag.year not in bestaand else vandaag.year + 1
    form = BudgetjaarForm(
        request.POST or None,
        wijken=Wijk.objects.order_by("-is_pilot", "naam"),
        bestaande_jaren=bestaand,
        vandaag=vandaag,
        initial={"jaar": voorstel_jaar},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            budgetjaar = acties.open_budgetjaar(
                jaar=d["jaar"],
                integraal_budget=d["integraal_budget"],
                omschrijving=d["omschrijving"],
                bronnen=form.bronnen(),
                verdeling=form.verdeling(),
                idempotentie_token=d["idempotentie_token"],
                door=request.user,
            )
        except acties.BudgetFout as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, f"Het budgetjaar {budgetjaar.jaar} is geopend.")
            return redirect(budgetjaar)
    return render(
        request,
        "budget/jaar_openen.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@r.rol_vereist(r.REGISSEUR)
def nieuw(request: HttpRequest, jaar: int) -> HttpResponse:
    budgetjaar = toegang.budgetjaar(jaar)
    wijken = toegang.wijken_van_regisseur(request.user, budgetjaar)
    form = VoorstelForm(
        request.POST or None, wijken=wijken, initial=_uit_initiatief(request, wijken)
    )
    tekort = None
    nu = timezone.localdate().year
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        wb = WijkBudget.objects.filter(budgetjaar=budgetjaar, wijk=d["wijk"]).first()
        if wb and d["bedrag"] > wb.beschikbaar and "toch_indienen" not in request.POST:
            # Above what the wijk has left: the wethouder's approval would be refused. Say so
            # before anything is saved; the regisseur lowers the amount or submits anyway.
            tekort = wb
        else:
            try:
                voorstel = acties.dien_in(budgetjaar=budgetjaar, door=request.user, **d)
            except acties.BudgetFout as fout:
                form.add_error(None, str(fout))
            else:
                melding = (
                    f"Uw voorstel van {euro(voorstel.bedrag)} is ingediend. De wijkwethouder "
                    "beslist erover."
                )
                if wb and voorstel.bedrag > wb.beschikbaar:
                    melding += (
                        f" Let op: in {voorstel.wijk} is nu {euro(wb.beschikbaar)} beschikbaar."
                        " Goedkeuren kan pas als er geld bij komt."
                    )
                    messages.warning(request, melding)
                else:
                    messages.success(request, melding)
                return redirect(voorstel)
    return render(
        request,
        "budget/nieuw.html",
        {
            "budgetjaar": budgetjaar,
            "form": form,
            "heeft_wijken": wijken.exists(),
            "tekort": tekort,
            "nu": nu,
            # This year's budget year, to say so when the form is for another year.
            "huidig": budgetjaar
            if budgetjaar.jaar == nu
            else Budgetjaar.objects.filter(jaar=nu).first(),
        },
        status=400 if form.errors else 200,
    )


def _uit_initiatief(request, wijken) -> dict:
    """Prefill from ?initiatief=GL-…: an accepted initiative in one of the user's wijken."""
    referentie = request.GET.get("initiatief", "")
    initiatief = (
        Initiatief.objects.geaccepteerd()
        .filter(wijk__in=wijken, referentie=referentie)
        .select_related("wijk")
        .first()
        if referentie
        else None
    )
    if initiatief is None:
        return {}
    return {
        "initiatief": initiatief.referentie,
        "wijk": initiatief.wijk,
        "omschrijving": f"{initiatief.titel} (initiatief {initiatief.referentie})",
        "bedrag": initiatief.bedrag,
        "ontvanger": f"Initiatiefnemer van {initiatief.referentie}",
    }


@require_GET
@r.rol_vereist(*BUDGET_ROLLEN)
def voorstel(request: HttpRequest, pk: int) -> HttpResponse:
    v = toegang.voorstel_voor(request.user, pk)
    return _voorstel_pagina(request, v)


def _voorstel_pagina(request, v, realisatie_form=None, intrek_form=None, status=200):
    boekingen = list(v.boekingen.select_related("door").order_by("op", "pk"))
    besteed = sum((b.bedrag for b in boekingen if b.soort == Boeking.Soort.REALISATIE), NUL)
    wb = WijkBudget.objects.filter(budgetjaar_id=v.budgetjaar_id, wijk_id=v.wijk_id).first()
    open_ = v.status == Bestedingsvoorstel.Status.GOEDGEKEURD
    wachtend = v.status == Bestedingsvoorstel.Status.INGEDIEND
    return render(
        request,
        "budget/voorstel.html",
        {
            "voorstel": v,
            "geschiedenis": v.geschiedenis(boekingen),
            "besteed": besteed,
            "rest": v.bedrag - besteed if open_ else None,
            "wijkbudget": wb,
            "te_weinig": wachtend and (wb is None or v.bedrag > wb.beschikbaar),
            "mag_uitvoeren": open_ and toegang.mag_uitvoeren(request.user, v),
            "mag_intrekken": wachtend and toegang.mag_intrekken(request.user, v),
            "is_wijkwethouder": toegang.is_wijkwethouder(request.user, v.wijk),
            "realisatie_form": realisatie_form or RealisatieForm(),
            "intrek_form": intrek_form or IntrekForm(),
        },
        status=status,
    )


@require_POST
@r.rol_vereist(r.REGISSEUR)
def intrekken(request: HttpRequest, pk: int) -> HttpResponse:
    v = toegang.voorstel_voor(request.user, pk, intrekken=True)
    form = IntrekForm(request.POST)
    if form.is_valid():
        try:
            acties.trek_in(voorstel=v, door=request.user, reden=form.cleaned_data["reden"])
        except acties.BudgetFout as fout:
            messages.error(request, str(fout))
        else:
            messages.success(
                request,
                "Het voorstel is ingetrokken. De wijkwethouder hoeft er niet meer over "
                "te beslissen; er is niets geboekt.",
            )
        return redirect(v)
    return _voorstel_pagina(request, v, intrek_form=form, status=400)


@require_POST
@r.rol_vereist(r.REGISSEUR, r.BEHEERDER)
def realisatie(request: HttpRequest, pk: int) -> HttpResponse:
    v = toegang.voorstel_voor(request.user, pk, uitvoeren=True)
    form = RealisatieForm(request.POST)
    if form.is_valid():
        try:
            acties.boek_realisatie(voorstel=v, door=request.user, **form.cleaned_data)
        except acties.BudgetFout as fout:
            form.add_error("bedrag", str(fout))
        else:
            messages.success(request, f"Betaling van {euro(form.cleaned_data['bedrag'])} geboekt.")
            return redirect(v)
    return _voorstel_pagina(request, v, realisatie_form=form, status=400)


@require_http_methods(["GET", "POST"])
@r.rol_vereist(r.REGISSEUR, r.BEHEERDER)
def afsluiten(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation (what is paid, what is released); POST closes."""
    v = toegang.voorstel_voor(request.user, pk, uitvoeren=True)
    if request.method == "GET":
        besteed = acties.besteed_aan(v)
        return render(
            request,
            "budget/afsluiten.html",
            {
                "voorstel": v,
                "open": v.status == Bestedingsvoorstel.Status.GOEDGEKEURD,
                "besteed": besteed,
                "rest": v.bedrag - besteed,
            },
        )
    try:
        v = acties.sluit_verplichting(voorstel=v, door=request.user)
    except acties.BudgetFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(
            request,
            f"De verplichting is afgesloten. Vrijgevallen: {euro(v.vrijgevallen)}; dat is weer "
            f"beschikbaar in {v.wijk} ({v.budgetjaar.jaar})."
            if v.vrijgevallen
            else "De verplichting is afgesloten. Alles is betaald; er valt niets vrij.",
        )
    return redirect(v)


# --- The wethouder's queue ---------------------------------------------------------------


# A wethouder decides oldest first: the next ten keep the page the same however long the
# queue grows.
WACHTRIJ_TONEN = 10


def _wachtrij_context(user, afwijs_forms=None, besloten=None):
    afwijs_forms = afwijs_forms or {}
    wachtend = Bestedingsvoorstel.objects.te_beoordelen_door(user)
    voorstellen = list(
        wachtend.select_related("wijk", "budgetjaar", "focuspunt", "ingediend_door")[
            :WACHTRIJ_TONEN
        ]
    )
    aantal = len(voorstellen) if len(voorstellen) < WACHTRIJ_TONEN else wachtend.count()
    # What is left in the years at stake: those of the proposals shown, of the one just
    # decided (its new balance) and this year; not every year the wethouder ever had.
    jaren = {v.budgetjaar_id for v in voorstellen}
    if besloten is not None:
        jaren.add(besloten.budgetjaar_id)
    beschikbaar = {
        (wb.budgetjaar_id, wb.wijk_id): wb
        for wb in WijkBudget.objects.filter(wijk_id__in=r.wethouder_wijk_ids(user))
        .filter(Q(budgetjaar_id__in=jaren) | Q(budgetjaar__jaar=timezone.localdate().year))
        .select_related("wijk", "budgetjaar")
    }
    for v in voorstellen:
        wb = beschikbaar.get((v.budgetjaar_id, v.wijk_id))
        v.beschikbaar = wb.beschikbaar if wb else NUL
        v.na_goedkeuring = v.beschikbaar - v.bedrag
        v.afwijs_form = afwijs_forms.get(v.pk) or AfwijsForm(auto_id=f"id_%s_{v.pk}")
    return {
        "voorstellen": voorstellen,
        "aantal_wachtend": aantal,
        "wijkbudgetten": sorted(
            beschikbaar.values(), key=lambda wb: (-wb.budgetjaar.jaar, wb.wijk.naam)
        ),
    }


@require_GET
@r.rol_vereist(r.WETHOUDER)
def wachtrij(request: HttpRequest) -> HttpResponse:
    return render(request, "budget/wachtrij.html", _wachtrij_context(request.user))


def _na_beoordeling(request, voorstel, melding, niveau, afwijs_forms=None):
    """htmx: the queue partial with the message in it; without JS: redirect to the queue."""
    if request.htmx:
        context = _wachtrij_context(request.user, afwijs_forms, besloten=voorstel)
        context.update({"melding": melding, "melding_niveau": niveau})
        return render(request, "budget/wachtrij.html#wachtrij", context)
    getattr(messages, niveau)(request, melding)
    return redirect("budget:wachtrij")


@require_http_methods(["GET", "POST"])
@r.rol_vereist(r.WETHOUDER)
def goedkeuren(request: HttpRequest, pk: int) -> HttpResponse:
    """GET is the confirmation step (what is approved, in which year, what is left after);
    POST approves, at most once (acties.keur_goed)."""
    v = toegang.voorstel_voor(request.user, pk, beslissen=True)
    if request.method == "GET":
        wb = WijkBudget.objects.filter(budgetjaar_id=v.budgetjaar_id, wijk_id=v.wijk_id).first()
        beschikbaar = wb.beschikbaar if wb else NUL
        return render(
            request,
            "budget/goedkeuren.html",
            {
                "voorstel": v,
                "wachtend": v.status == Bestedingsvoorstel.Status.INGEDIEND,
                "beschikbaar": beschikbaar,
                "na_goedkeuring": beschikbaar - v.bedrag,
            },
        )
    try:
        v = acties.keur_goed(voorstel=v, door=request.user)
    except acties.BudgetFout as fout:
        return _na_beoordeling(request, v, f"Niet goedgekeurd: {fout}", "error")
    return _na_beoordeling(
        request,
        v,
        f"Goedgekeurd: {euro(v.bedrag)} voor {v.wijk}. Nog beschikbaar in {v.wijk} "
        f"({v.budgetjaar.jaar}): {euro(v.wijkbudget.beschikbaar)}.",
        "success",
    )


@require_POST
@r.rol_vereist(r.WETHOUDER)
def afwijzen(request: HttpRequest, pk: int) -> HttpResponse:
    v = toegang.voorstel_voor(request.user, pk, beslissen=True)
    form = AfwijsForm(request.POST, auto_id=f"id_%s_{v.pk}")
    if not form.is_valid():
        return _na_beoordeling(
            request,
            v,
            "Niet afgewezen: geef een reden waarom u het voorstel afwijst.",
            "error",
            afwijs_forms={v.pk: form},
        )
    try:
        acties.wijs_af(voorstel=v, door=request.user, reden=form.cleaned_data["reden"])
    except acties.BudgetFout as fout:
        return _na_beoordeling(request, v, f"Niet afgewezen: {fout}", "error")
    return _na_beoordeling(request, v, f"Afgewezen: het voorstel voor {v.wijk}.", "success")


@require_http_methods(["GET", "POST"])
@r.rol_vereist(r.WETHOUDER)
def herverdelen(request: HttpRequest, jaar: int) -> HttpResponse:
    budgetjaar = toegang.budgetjaar(jaar)
    met_budget = Wijk.objects.filter(wijkbudgetten__budgetjaar=budgetjaar)
    wethouder = getattr(request.user, "wethouder", None)
    van_wijken = met_budget.filter(wethouder=wethouder) if wethouder else Wijk.objects.none()
    form = HerverdeelForm(request.POST or None, van_wijken=van_wijken, naar_wijken=met_budget)
    if request.method == "POST" and form.is_valid():
        try:
            acties.herverdeel(budgetjaar=budgetjaar, door=request.user, **form.cleaned_data)
        except acties.OnvoldoendeBudget as fout:
            form.add_error("bedrag", str(fout))
        except acties.BudgetFout as fout:
            form.add_error(None, str(fout))
        else:
            d = form.cleaned_data
            messages.success(
                request, f"{euro(d['bedrag'])} is van {d['van']} naar {d['naar']} herverdeeld."
            )
            return redirect(budgetjaar)
    return render(
        request,
        "budget/herverdelen.html",
        {"budgetjaar": budgetjaar, "form": form, "heeft_wijken": van_wijken.exists()},
        status=400 if form.errors else 200,
    )


# --- CSV exports ----------------------------------------------------------------------------


@require_GET
@r.rol_vereist(*BUDGET_ROLLEN)
def export_boekingen(request: HttpRequest, jaar: int) -> HttpResponse:
    budgetjaar = toegang.budgetjaar(jaar)
    zichtbaar = Bestedingsvoorstel.objects.zichtbaar_voor(request.user)
    boekingen = (
        Boeking.objects.filter(budgetjaar=budgetjaar)
        .filter(Q(voorstel__isnull=True) | Q(voorstel__in=zichtbaar))
        .select_related("wijk", "door")
        .order_by("op", "pk")
    )
    return excel.csv_antwoord(
        f"wijkbudget-{jaar}-boekingen.csv",
        [
            "boeking",
            "geboekt op",
            "wijk",
            "soort",
            "bedrag (euro)",
            "voorstel",
            "omschrijving",
            "geboekt door",
            "demodata",
        ],
        (
            [
                b.pk,
                excel.tijd(b.op),
                b.wijk.naam if b.wijk else "",
                b.get_soort_display(),
                excel.bedrag(b.bedrag),
                b.voorstel_id or "",
                b.omschrijving,
                naam(b.door),
                "ja" if b.is_demo else "nee",
            ]
            for b in boekingen
        ),
    )


@require_GET
@r.rol_vereist(*BUDGET_ROLLEN)
def export_voorstellen(request: HttpRequest, jaar: int) -> HttpResponse:
    budgetjaar = toegang.budgetjaar(jaar)
    voorstellen = (
        Bestedingsvoorstel.objects.zichtbaar_voor(request.user)
        .filter(budgetjaar=budgetjaar)
        .select_related("wijk", "focuspunt", "ingediend_door", "beoordeeld_door")
        .order_by("ingediend_op", "pk")
    )
    return excel.csv_antwoord(
        f"wijkbudget-{jaar}-voorstellen.csv",
        [
            "voorstel",
            "wijk",
            "omschrijving",
            "bedrag (euro)",
            "ontvanger",
            "focuspunt",
            "status",
            "ingediend door",
            "ingediend op",
            "beoordeeld door",
            "beoordeeld op",
            "reden",
            "demodata",
        ],
        (
            [
                v.pk,
                v.wijk.naam,
                v.omschrijving,
                excel.bedrag(v.bedrag),
                v.ontvanger,
                v.focuspunt.titel if v.focuspunt else "",
                v.get_status_display(),
                naam(v.ingediend_door),
                excel.tijd(v.ingediend_op),
                naam(v.beoordeeld_door),
                excel.tijd(v.beoordeeld_op),
                v.reden,
                "ja" if v.is_demo else "nee",
            ]
            for v in voorstellen
        ),
    )
