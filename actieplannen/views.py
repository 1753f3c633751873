"""The actieplan pages: the overview per pilot wijk and year, the plan with its goals,
indicators, projects and afwegingskader, and the forms that change it (actieplannen.acties
does the writing; actieplannen.toegang decides who may)."""

from django.contrib import messages
from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actieplannen import acties, metingen, toegang
from actieplannen.forms import (
    AfwegingForm,
    DoelForm,
    DoelindicatorForm,
    EvaluatieForm,
    PlanBewerkenForm,
    PlanForm,
    ProjectEvaluatieForm,
    ProjectForm,
    ProjectStatusForm,
    RealisatieForm,
)
from actieplannen.models import (
    Actieplan,
    Afweging,
    Doel,
    Doelindicator,
    Effect,
    PlanStatus,
    Project,
    Vereiste,
)
from wijken.models import Wijk
from wijkwerk import rollen as r

LEZERS = toegang.LEZERS


def _opstelbare_wijken(user):
    wijken = Wijk.objects.filter(is_pilot=True)
    if r.heeft_rol(user, r.BEHEERDER):
        return wijken
    return wijken.filter(pk__in=r.regisseur_wijk_ids(user))


@require_GET
@r.rol_vereist(*LEZERS)
def overzicht(request: HttpRequest) -> HttpResponse:
    plannen = Actieplan.objects.select_related("wijk").annotate(
        aantal_doelen=Count("doelen", distinct=True),
        aantal_projecten=Count("projecten", distinct=True),
    )
    wijken = Wijk.objects.filter(Q(is_pilot=True) | Q(actieplannen__isnull=False)).distinct()
    per_wijk = {w.pk: (w, []) for w in wijken}
    for p in plannen:
        per_wijk.setdefault(p.wijk_id, (p.wijk, []))[1].append(p)
    return render(
        request,
        "actieplannen/overzicht.html",
        {
            "per_wijk": sorted(per_wijk.values(), key=lambda wp: wp[0].naam),
            "mag_nieuw": _opstelbare_wijken(request.user).exists(),
        },
    )


@require_http_methods(["GET", "POST"])
@r.rol_vereist(r.REGISSEUR, r.BEHEERDER)
def nieuw(request: HttpRequest) -> HttpResponse:
    wijken = _opstelbare_wijken(request.user)
    form = PlanForm(request.POST or None, wijken=wijken)
    if request.method == "POST" and form.is_valid():
        try:
            plan, _ = acties.maak_plan(
                wijk=form.cleaned_data["wijk"],
                jaar=form.cleaned_data["jaar"],
                titel=form.cleaned_data["titel"],
                opgave=form.cleaned_data["opgave"],
                door=request.user,
                idempotentie_token=form.cleaned_data["idempotentie_token"],
            )
        except acties.PlanFout as fout:
            form.add_error("jaar", str(fout))
        else:
            messages.success(request, f"{plan} is aangemaakt als concept.")
            return redirect(plan)
    return _formulier(request, "actieplannen/nieuw.html", {}, form)


def _plan_context(plan: Actieplan, user) -> dict:
    """Everything the plan page shows, in a constant number of queries."""
    projecten = (
        Project.objects.select_related("trekker_partner")
        .annotate(**_GELD)
        .prefetch_related(
            Prefetch("afwegingen", queryset=Afweging.objects.select_related("effect"))
        )
    )
    doelen = list(
        # The effects' names come along as an array: one query fewer than a prefetch.
        plan.doelen.annotate(
            effectnamen=ArrayAgg("effecten__naam", order_by="effecten__volgorde", default=Value([]))
        ).prefetch_related(
            Prefetch("indicatoren", queryset=Doelindicator.objects.select_related("indicator")),
            Prefetch("projecten", queryset=projecten),
        )
    )
    # The Indicator objects read with the goals, so waarden() need not read them again.
    indicatoren = {di.indicator_id: di.indicator for d in doelen for di in d.indicatoren.all()}
    waarden = metingen.waarden([plan.wijk_id], indicatoren.values()) if indicatoren else {}
    effecten = list(Effect.objects.all())
    alle_projecten = []
    for d in doelen:
        for di in d.indicatoren.all():
            di.laatste = metingen.laatste(waarden.get((di.indicator_id, plan.wijk_id), []))
            di.bereikt = _bereikt(di)
        for p in d.projecten.all():
            per_effect = {a.effect_id: a for a in p.afwegingen.all()}
            p.per_effect = [(e, per_effect.get(e.pk)) for e in effecten]
            p.verwacht_totaal = sum(a.verwacht for a in per_effect.values())
            p.gewogen = len(per_effect) == len(effecten)
            alle_projecten.append(p)
        d.toegekend = sum(p.toegekend or 0 for p in d.projecten.all())
        d.besteed = sum(p.besteed or 0 for p in d.projecten.all())
    # Each required part with this plan's answer (or None), in one query.
    vereisten = Vereiste.objects.annotate(
        antwoord=Subquery(plan.antwoorden.filter(vereiste=OuterRef("pk")).values("antwoord")[:1])
    )
    return {
        "plan": plan,
        "doelen": doelen,
        "effecten": effecten,
        "vereisten": vereisten,
        "rangorde": sorted(alle_projecten, key=lambda p: (-p.verwacht_totaal, p.titel)),
        "historie": plan.historie.select_related("door"),
        "mag_opstellen": toegang.mag_opstellen(user, plan.wijk),
        "mag_vaststellen": toegang.mag_vaststellen(user, plan.wijk),
        "ontbreekt": acties.ontbreekt_voor_vaststellen(plan) if plan.is_concept else [],
        "gepland_totaal": sum(p.gepland_budget for p in alle_projecten),
    }


def _bereikt(di) -> bool | None:
    """Was the target reached by the latest measurement? None without one."""
    if di.laatste is None:
        return None
    waarde = di.laatste.waarde
    if di.indicator.richting == di.indicator.Richting.HOGER:
        return waarde >= di.streefwaarde
    return waarde <= di.streefwaarde


@require_GET
@r.rol_vereist(*LEZERS)
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    plan = toegang.plan_voor(request.user, pk)
    return render(request, "actieplannen/plan.html", _plan_context(plan, request.user))


def _formulier(request, sjabloon, context, form) -> HttpResponse:
    """A form page: 400 when a sent form comes back with its errors (what was typed kept)."""
    return render(
        request, sjabloon, {**context, "form": form}, status=400 if form.is_bound else 200
    )


def _weigering(request, plan, fout) -> HttpResponse:
    messages.error(request, str(fout))
    return redirect(plan)


@require_http_methods(["GET", "POST"])
@r.rol_vereist(r.REGISSEUR, r.BEHEERDER)
def bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    plan = toegang.plan_voor(request.user, pk, opstellen=True)
    if not plan.is_concept:
        return _weigering(
            request, plan, "Dit actieplan is vastgesteld en kan niet meer worden gewijzigd."
        )
    vereisten = Vereiste.objects.all()
    antwoorden = {a.vereiste_id: a.antwoord for a in plan.antwoorden.all()}
    initial = {"titel": plan.titel, "opgave": plan.opgave}
    initial.update({f"vereiste_{k}": v for k, v in antwoorden.items()})
    form = PlanBewerkenForm(request.POST or None, initial=initial, vereisten=vereisten)
    if request.method == "POST" and form.is_valid():
        try:
            acties.werk_plan_bij(
                plan=plan,
                titel=form.cleaned_data["titel"],
                opgave=form.cleaned_data["opgave"],
                antwoorden=form.antwoorden(),
            )
        except acties.PlanFout as fout:
            return _weigering(request, plan, fout)
        messages.success(request, "Het plan is bewaard.")
        return redirect(plan)
    return _formulier(request, "actieplannen/bewerken.html", {"plan": plan}, form)


@require_http_methods(["GET", "POST"])
@r.rol_vereist(r.REGISSEUR, r.BEHEERDER)
def doel_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    plan = toegang.plan_voor(request.user, pk, opstellen=True)
    return _doel_form(request, plan, None)


@require_http_methods(["GET", "POST"])
@r.rol_vereist(r.REGISSEUR, r.BEHEERDER)
def doel(request: HttpRequest, pk: int) -> HttpResponse:
    doel = get_object_or_404(Doel.objects.select_related("plan"), pk=pk)
    plan = toegang.plan_voor(request.user, doel.plan_id, opstellen=True)
    return _doel_form(request, plan, doel)


def _doel_form(request, plan, doel):
    if not plan.is_concept:
        return _weigering(request, plan, "Dit actieplan is vastgesteld: de doelen liggen vast.")
    initial = (
        {"titel": doel.titel, "omschrijving": doel.omschrijving, "effecten": doel.effecten.all()}
        if doel
        else {}
    )
    form = DoelForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            doel = acties.bewaar_doel(plan=plan, doel=doel, **form.cleaned_data)
        except acties.PlanFout as fout:
            return _weigering(request, plan, fout)
        messages.success(request, f"Het doel ‘{doel.titel}’ is bewaard.")
        return redirect(f"{plan.get_absolute_url()}#doel-{doel.pk}")
    return _formulier(request, "actieplannen/doel.html", {"plan": plan, "doel": doel}, form)


@require_http_methods(["GET", "POST"])
@r.rol_vereist(r.REGISSEUR, r.BEHEERDER)
def doelindicator(request: HttpRequest, pk: int) -> HttpResponse:
    doel = get_object_or_404(Doel.objects.select_related("plan"), pk=pk)
    plan = toegang.plan_voor(request.user, doel.plan_id, opstellen=True)
    if not plan.is_concept:
        return _weigering(
            request, plan, "Dit actieplan is vastgesteld: de indicatoren liggen vast."
        )
    form = DoelindicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            acties.bewaar_doelindicator(doel=doel, **form.cleaned_data)
        except acties.PlanFout as fout:
            form.add_error("streefwaarde", str(fout))
        else:
            messages.success(request, f"De indicator is aan ‘{doel.titel}’ toegevoegd.")
            return redirect(f"{plan.get_absolute_url()}#doel-{doel.pk}")
    return _formulier(
        request, "actieplannen/doelindicator.html", {"plan": plan, "doel": doel}, form
    )


@require_http_methods(["GET", "POST"])
@r.rol_vereist(r.REGISSEUR, r.BEHEERDER)
def project_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    plan = toegang.plan_voor(request.user, pk, opstellen=True)
    return _project_form(request, plan, None)


@require_http_methods(["GET", "POST"])
@r.rol_vereist(r.REGISSEUR, r.BEHEERDER)
def project_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    project = toegang.project_voor(request.user, pk, opstellen=True)
    return _project_form(request, project.plan, project)


def _project_form(request, plan, project):
    if not plan.is_concept:
        return _weigering(request, plan, "Dit actieplan is vastgesteld: de projecten liggen vast.")
    initial = {"start": f"{plan.jaar}-01-01", "eind": f"{plan.jaar}-12-31"}
    if project:
        initial = {
            "titel": project.titel,
            "omschrijving": project.omschrijving,
            "doel": project.doel,
            "trekker_partner": project.trekker_partner,
            "trekker_afdeling": project.trekker_afdeling,
            "gepland_budget": project.gepland_budget or "",
            "start": project.start,
            "eind": project.eind,
            "signalen": ", ".join(str(pk) for pk in project.signalen.values_list("pk", flat=True)),
            "focuspunten": project.focuspunten.all(),
            "initiatieven": ", ".join(project.initiatieven.values_list("referentie", flat=True)),
        }
    form = ProjectForm(request.POST or None, initial=initial, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            project = acties.bewaar_project(
                plan=plan, project=project, door=request.user, **form.cleaned_data
            )
        except acties.PlanFout as fout:
            return _weigering(request, plan, fout)
        messages.success(request, f"Het project ‘{project.titel}’ is bewaard.")
        return redirect(project)
    return _formulier(
        request, "actieplannen/project_form.html", {"plan": plan, "project": project}, form
    )


@require_GET
@r.rol_vereist(*LEZERS)
def project(request: HttpRequest, pk: int) -> HttpResponse:
    project = toegang.project_voor(request.user, pk)
    plan = project.plan
    mag = toegang.mag_opstellen(request.user, plan.wijk)
    afwegingen = {a.effect_id: a for a in project.afwegingen.all()}
    effecten = list(Effect.objects.all())
    volgende = [
        (waarde, Project.Status(waarde).label)
        for waarde in acties.PROJECT_TRANSITIES[project.status]
    ]
    return render(
        request,
        "actieplannen/project.html",
        {
            "plan": plan,
            "project": project,
            "per_effect": [(e, afwegingen.get(e.pk)) for e in effecten],
            "ontbreekt": [e for e in effecten if e.pk not in afwegingen],
            "mag_opstellen": mag,
            # Projects move once the plan is vastgesteld, until it is evaluated.
            "volgende": sorted(volgende) if plan.status == PlanStatus.VASTGESTELD else [],
            "signalen": project.signalen.select_related("thema").order_by("-aangemaakt_op")[:50],
            "focuspunten": project.focuspunten.all(),
            "initiatieven": project.initiatieven.order_by("referentie"),
            "historie": project.historie.select_related("door"),
            "geld": _geld(project),
        },
    )


# What the wijkbudget committed to and paid for a project, from its ledger (budget/models.py:
# toegekend = verplichting + vrijval, besteed = realisatie). Budget names projects in its
# proposals; actieplannen reads the figures through that relation and never imports budget.
_BOEKING = "bestedingsvoorstellen__boekingen"
_GELD = {
    "toegekend": Sum(
        f"{_BOEKING}__bedrag", filter=Q(**{f"{_BOEKING}__soort__in": ["verplichting", "vrijval"]})
    ),
    "besteed": Sum(f"{_BOEKING}__bedrag", filter=Q(**{f"{_BOEKING}__soort": "realisatie"})),
}


def _geld(project) -> dict:
    return Project.objects.filter(pk=project.pk).aggregate(
        **_GELD, voorstellen=Count("bestedingsvoorstellen", distinct=True)
    )


@require_http_methods(["GET", "POST"])
@r.rol_vereist(r.REGISSEUR, r.BEHEERDER)
def afweging(request: HttpRequest, pk: int) -> HttpResponse:
    project = toegang.project_voor(request.user, pk, opstellen=True)
    effecten = Effect.objects.all()
    bestaand = {a.effect_id: a for a in project.afwegingen.all()}
    initial = {"succescriteria": project.succescriteria}
    for effect_id, a in bestaand.items():
        initial[f"score_{effect_id}"] = a.verwacht
        initial[f"tekst_{effect_id}"] = a.motivering
    form = AfwegingForm(request.POST or None, initial=initial, effecten=effecten)
    if request.method == "POST" and form.is_valid():
        try:
            acties.weeg_af(
                project=project,
                scores=form.per_effect_waarden(),
                succescriteria=form.cleaned_data["succescriteria"],
            )
        except acties.PlanFout as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, "De afweging is bewaard.")
            return redirect(project)
    return _formulier(
        request, "actieplannen/afweging.html", {"plan": project.plan, "project": project}, form
    )


@require_POST
@r.rol_vereist(r.REGISSEUR, r.BEHEERDER)
def project_status(request: HttpRequest, pk: int) -> HttpResponse:
    project = toegang.project_voor(request.user, pk, opstellen=True)
    form = ProjectStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for fouten in form.errors.values() for e in fouten))
        return redirect(project)
    try:
        project = acties.zet_project(
            project=project,
            naar=form.cleaned_data["naar"],
            door=request.user,
            toelichting=form.cleaned_data["toelichting"],
        )
    except acties.PlanFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, f"Het project is nu {project.get_status_display()}.")
    return redirect(project)


@require_http_methods(["GET", "POST"])
@r.rol_vereist(r.REGISSEUR, r.BEHEERDER)
def realisatie(request: HttpRequest, pk: int) -> HttpResponse:
    project = toegang.project_voor(request.user, pk, opstellen=True)
    afwegingen = project.afwegingen.select_related("effect")
    initial = {}
    for a in afwegingen:
        initial[f"score_{a.effect_id}"] = a.gerealiseerd
        initial[f"tekst_{a.effect_id}"] = a.realisatie_toelichting
    form = RealisatieForm(
        request.POST or None, initial=initial, effecten=[a.effect for a in afwegingen]
    )
    if request.method == "POST" and form.is_valid():
        try:
            acties.leg_realisatie_vast(project=project, realisatie=form.per_effect_waarden())
        except acties.PlanFout as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, "De realisatie is bewaard.")
            return redirect(project)
    return _formulier(
        request, "actieplannen/realisatie.html", {"plan": project.plan, "project": project}, form
    )


@require_http_methods(["GET", "POST"])
@r.rol_vereist(r.REGISSEUR, r.BEHEERDER)
def project_evaluatie(request: HttpRequest, pk: int) -> HttpResponse:
    project = toegang.project_voor(request.user, pk, opstellen=True)
    initial = {"besluit": project.evaluatie_besluit, "motivering": project.evaluatie_motivering}
    form = ProjectEvaluatieForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            acties.evalueer_project(
                project=project,
                besluit=form.cleaned_data["besluit"],
                motivering=form.cleaned_data["motivering"],
            )
        except acties.PlanFout as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, "De evaluatie van het project is bewaard.")
            return redirect(project.plan)
    return _formulier(
        request,
        "actieplannen/project_evaluatie.html",
        {"plan": project.plan, "project": project},
        form,
    )


@require_POST
@r.rol_vereist(r.WETHOUDER)
def vaststellen(request: HttpRequest, pk: int) -> HttpResponse:
    plan = toegang.plan_voor(request.user, pk, vaststellen=True)
    try:
        plan = acties.stel_vast(plan=plan, door=request.user)
    except acties.PlanFout as fout:
        return _weigering(request, plan, fout)
    messages.success(request, f"{plan} is vastgesteld.")
    return redirect(plan)


@require_http_methods(["GET", "POST"])
@r.rol_vereist(r.REGISSEUR, r.BEHEERDER)
def evalueren(request: HttpRequest, pk: int) -> HttpResponse:
    plan = toegang.plan_voor(request.user, pk, opstellen=True)
    if plan.status != PlanStatus.VASTGESTELD:
        return _weigering(request, plan, "Alleen een vastgesteld plan wordt geëvalueerd.")
    doelen = plan.doelen.all()
    initial = {"evaluatie": plan.evaluatie}
    initial.update({f"doel_{d.pk}": d.evaluatie for d in doelen})
    form = EvaluatieForm(request.POST or None, initial=initial, doelen=doelen)
    if request.method == "POST" and form.is_valid():
        try:
            acties.evalueer(
                plan=plan,
                evaluatie=form.cleaned_data["evaluatie"],
                doelen=form.per_doel(),
                door=request.user,
            )
        except acties.PlanFout as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, f"{plan} is geëvalueerd.")
            return redirect(plan)
    context = _plan_context(plan, request.user)
    context["nog_te_evalueren"] = acties.ontbreekt_voor_evaluatie(plan)
    return _formulier(request, "actieplannen/evalueren.html", context, form)


@require_POST
@r.rol_vereist(r.REGISSEUR, r.BEHEERDER)
def vervolg(request: HttpRequest, pk: int) -> HttpResponse:
    plan = toegang.plan_voor(request.user, pk, opstellen=True)
    try:
        nieuw = acties.begin_vervolg(plan=plan, door=request.user)
    except acties.PlanFout as fout:
        return _weigering(request, plan, fout)
    messages.success(request, f"{nieuw} is aangemaakt als concept, voortgezet uit {plan.jaar}.")
    return redirect(nieuw)
