"""The writes of actieplannen: each checks its rules under a row lock on the plan, and each
status change goes through a Workflow with its history row (as the other apps' acties)."""

from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.template.defaultfilters import floatformat
from django.utils import timezone

from actieplannen.models import (
    PLAN_TRANSITIES,
    PROJECT_TRANSITIES,
    Actieplan,
    ActieplanHistorie,
    Afweging,
    Doel,
    Doelindicator,
    Effect,
    Indicator,
    PlanStatus,
    Project,
    ProjectHistorie,
    ProjectStatus,
    Vereiste,
    VereisteAntwoord,
)
from wijkwerk.eenmaal import eenmaal
from wijkwerk.workflow import Workflow


class PlanFout(Exception):
    """A refused change; str() is the Dutch message for the user."""


WORKFLOW = Workflow(
    PLAN_TRANSITIES,
    PlanStatus,
    ActieplanHistorie,
    "plan",
    melding="Dit actieplan is {van}; het kan niet naar ‘{naar}’.",
    fout=PlanFout,
)
PROJECT_WORKFLOW = Workflow(
    PROJECT_TRANSITIES,
    ProjectStatus,
    ProjectHistorie,
    "project",
    melding="Dit project is {van}; het kan niet naar ‘{naar}’.",
    fout=PlanFout,
)


def _vergrendel(plan: Actieplan) -> Actieplan:
    return Actieplan.objects.select_for_update(of=("self",)).select_related("wijk").get(pk=plan.pk)


def _moet_concept(plan: Actieplan) -> None:
    if plan.status != PlanStatus.CONCEPT:
        raise PlanFout(
            "Dit actieplan is vastgesteld en kan niet meer worden gewijzigd. Metingen, de "
            "status van projecten en de evaluatie kunnen wel."
        )


# -- the plan ---------------------------------------------------------------------------


@transaction.atomic
def maak_plan(*, wijk, jaar, titel, opgave="", door, idempotentie_token=None, is_demo=False):
    if Actieplan.objects.filter(wijk=wijk, jaar=jaar).exists():
        raise PlanFout(f"{wijk} heeft al een actieplan voor {jaar}.")

    def maak():
        plan = Actieplan.objects.create(
            wijk=wijk,
            jaar=jaar,
            titel=titel,
            opgave=opgave,
            aangemaakt_door=door,
            idempotentie_token=idempotentie_token,
            is_demo=is_demo,
        )
        WORKFLOW.schrijf(plan, van="", naar=PlanStatus.CONCEPT, door=door)
        return plan

    try:
        return eenmaal(Actieplan, idempotentie_token, maak)
    except IntegrityError as fout:
        # Two drafts of the same wijk and year at once: the database's unique constraint.
        if Actieplan.objects.filter(wijk=wijk, jaar=jaar).exists():
            raise PlanFout(f"{wijk} heeft al een actieplan voor {jaar}.") from fout
        raise


@transaction.atomic
def werk_plan_bij(*, plan, titel, opgave, antwoorden: dict[int, str]) -> Actieplan:
    """The plan's title, task and its answers to the memo's required parts (by Vereiste pk;
    an empty answer removes it)."""
    plan = _vergrendel(plan)
    _moet_concept(plan)
    plan.titel, plan.opgave = titel, opgave
    plan.save(update_fields=["titel", "opgave"])
    for vereiste_id, tekst in antwoorden.items():
        tekst = tekst.strip()
        if tekst:
            VereisteAntwoord.objects.update_or_create(
                plan=plan, vereiste_id=vereiste_id, defaults={"antwoord": tekst}
            )
        else:
            VereisteAntwoord.objects.filter(plan=plan, vereiste_id=vereiste_id).delete()
    return plan


def ontbreekt_voor_vaststellen(plan: Actieplan) -> list[str]:
    """What the plan must still answer before it can be vastgesteld, in Dutch."""
    ontbreekt = [
        f"Beantwoord: {v.tekst}"
        for v in Vereiste.objects.exclude(pk__in=plan.antwoorden.values("vereiste_id")).order_by(
            "volgorde"
        )
    ]
    if not plan.doelen.exists():
        ontbreekt.append("Het plan heeft nog geen doel.")
    zonder_indicator = plan.doelen.filter(indicatoren__isnull=True).values_list("titel", flat=True)
    ontbreekt += [f"Het doel ‘{t}’ heeft nog geen indicator." for t in zonder_indicator]
    # Every project is weighed against every effect before the plan (and so the project)
    # can start: the afwegingskader is part of the plan the wethouder adopts.
    aantal = Effect.objects.count()
    ongewogen = (
        plan.projecten.annotate(n=Count("afwegingen"))
        .filter(n__lt=aantal)
        .values_list("titel", flat=True)
    )
    ontbreekt += [f"Vul de afweging in voor het project ‘{t}’." for t in ongewogen]
    return ontbreekt


@transaction.atomic
def stel_vast(*, plan, door) -> Actieplan:
    plan = _vergrendel(plan)
    WORKFLOW.controleer(plan.status, PlanStatus.VASTGESTELD)
    if ontbreekt := ontbreekt_voor_vaststellen(plan):
        raise PlanFout("Het plan kan nog niet worden vastgesteld. " + " ".join(ontbreekt))
    plan.vastgesteld_door, plan.vastgesteld_op = door, timezone.now()
    WORKFLOW.zet(
        plan, PlanStatus.VASTGESTELD, door=door, velden=["vastgesteld_door", "vastgesteld_op"]
    )
    return plan


def ontbreekt_voor_evaluatie(plan: Actieplan) -> list[str]:
    return [
        f"Kies voor ‘{t}’: doorzetten, bijstellen of stoppen, met een motivering."
        for t in plan.projecten.filter(evaluatie_besluit="").values_list("titel", flat=True)
    ]


@transaction.atomic
def evalueer(*, plan, evaluatie, doelen: dict[int, str], door) -> Actieplan:
    """The year's evaluation: a text for the plan and per goal (by Doel pk). The plan is
    geëvalueerd once every project has its decision (doorzetten, bijstellen, stoppen)."""
    plan = _vergrendel(plan)
    WORKFLOW.controleer(plan.status, PlanStatus.GEEVALUEERD)
    if ontbreekt := ontbreekt_voor_evaluatie(plan):
        raise PlanFout("De evaluatie is nog niet compleet. " + " ".join(ontbreekt))
    for doel in plan.doelen.filter(pk__in=doelen):
        doel.evaluatie = doelen[doel.pk].strip()
        doel.save(update_fields=["evaluatie"])
    plan.evaluatie = evaluatie.strip()
    WORKFLOW.zet(plan, PlanStatus.GEEVALUEERD, door=door, velden=["evaluatie"])
    return plan


@transaction.atomic
def begin_vervolg(*, plan, door) -> Actieplan:
    """Next year's concept from this plan: its goals with their effects, indicators and
    targets (the last plan's target is where the new one starts from), the required-part
    answers as a start, and the projects that continue (doorzetten or bijstellen)."""
    plan = _vergrendel(plan)
    if plan.status == PlanStatus.CONCEPT:
        raise PlanFout("Stel dit plan eerst vast: een vervolg begint bij een vastgesteld plan.")
    if hasattr(plan, "opvolger"):
        raise PlanFout(f"Het vervolg op dit plan bestaat al: {plan.opvolger}.")
    nieuw = maak_plan(
        wijk=plan.wijk,
        jaar=plan.jaar + 1,
        titel=plan.titel,
        opgave=plan.opgave,
        door=door,
        is_demo=plan.is_demo,
    )[0]
    nieuw.voorganger = plan
    nieuw.save(update_fields=["voorganger"])
    VereisteAntwoord.objects.bulk_create(
        VereisteAntwoord(plan=nieuw, vereiste_id=a.vereiste_id, antwoord=a.antwoord)
        for a in plan.antwoorden.all()
    )
    doorgaand = {Project.Besluit.DOORZETTEN, Project.Besluit.BIJSTELLEN}
    for doel in plan.doelen.prefetch_related("effecten", "indicatoren", "projecten"):
        kopie = Doel.objects.create(
            plan=nieuw, titel=doel.titel, omschrijving=doel.omschrijving, volgorde=doel.volgorde
        )
        kopie.effecten.set(doel.effecten.all())
        Doelindicator.objects.bulk_create(
            Doelindicator(
                doel=kopie,
                indicator_id=di.indicator_id,
                nulmeting=di.nulmeting,
                nulmeting_jaar=di.nulmeting_jaar,
                streefwaarde=di.streefwaarde,
            )
            for di in doel.indicatoren.all()
        )
        for p in doel.projecten.all():
            if p.evaluatie_besluit in doorgaand:
                _kopieer_project(p, nieuw, kopie, door)
    return nieuw


def _kopieer_project(p: Project, plan, doel, door) -> Project:
    kopie = Project.objects.create(
        plan=plan,
        doel=doel,
        titel=p.titel,
        omschrijving=p.omschrijving,
        trekker_partner_id=p.trekker_partner_id,
        trekker_afdeling=p.trekker_afdeling,
        gepland_budget=p.gepland_budget,
        start=p.start.replace(year=plan.jaar, month=1, day=1),
        eind=p.eind.replace(year=plan.jaar, month=12, day=31),
        succescriteria=p.succescriteria,
        voortgezet_uit=p,
    )
    kopie.signalen.set(p.signalen.all())
    kopie.focuspunten.set(p.focuspunten.all())
    kopie.initiatieven.set(p.initiatieven.all())
    PROJECT_WORKFLOW.schrijf(
        kopie, van="", naar=ProjectStatus.GEPLAND, door=door, toelichting=f"Voortgezet uit {p.plan}"
    )
    return kopie


# -- goals ------------------------------------------------------------------------------


@transaction.atomic
def bewaar_doel(*, plan, doel=None, titel, omschrijving, effecten) -> Doel:
    plan = _vergrendel(plan)
    _moet_concept(plan)
    if doel is None:
        volgende = (plan.doelen.aggregate(m=Max("volgorde"))["m"] or 0) + 1
        doel = Doel(plan=plan, volgorde=volgende)
    doel.titel, doel.omschrijving = titel, omschrijving
    doel.save()
    doel.effecten.set(effecten)
    return doel


def controleer_streefwaarde(indicator: Indicator, nulmeting, streefwaarde) -> str | None:
    """The Dutch message when a target lies the wrong way from its baseline, else None."""
    if streefwaarde == nulmeting:
        return "De streefwaarde is gelijk aan de nulmeting: dan is er niets te bereiken."
    if not indicator.is_beter(streefwaarde, nulmeting):
        richting = "hoger" if indicator.richting == Indicator.Richting.HOGER else "lager"
        return (
            f"Bij ‘{indicator}’ is {richting} beter: de streefwaarde moet {richting} liggen "
            "dan de nulmeting."
        )
    mini, maxi = indicator.minimum, indicator.maximum
    for waarde in (nulmeting, streefwaarde):
        if (mini is not None and waarde < mini) or (maxi is not None and waarde > maxi):
            # floatformat: the numbers as the pages write them ("0", "12,5").
            grenzen = f"vanaf {floatformat(mini, -2)}"
            if maxi is not None:
                grenzen = f"van {floatformat(mini, -2)} tot en met {floatformat(maxi, -2)}"
            return f"Een waarde van ‘{indicator}’ ligt in het bereik {grenzen}."
    return None


@transaction.atomic
def bewaar_doelindicator(*, doel, indicator, nulmeting, nulmeting_jaar, streefwaarde):
    _moet_concept(_vergrendel(doel.plan))
    if melding := controleer_streefwaarde(indicator, nulmeting, streefwaarde):
        raise PlanFout(melding)
    return Doelindicator.objects.update_or_create(
        doel=doel,
        indicator=indicator,
        defaults={
            "nulmeting": nulmeting,
            "nulmeting_jaar": nulmeting_jaar,
            "streefwaarde": streefwaarde,
        },
    )[0]


# -- projects ---------------------------------------------------------------------------


@transaction.atomic
def bewaar_project(*, plan, project=None, door, **velden) -> Project:
    plan = _vergrendel(plan)
    _moet_concept(plan)
    koppelingen = {k: velden.pop(k) for k in ("signalen", "focuspunten", "initiatieven")}
    nieuw = project is None
    project = project or Project(plan=plan)
    for veld, waarde in velden.items():
        setattr(project, veld, waarde)
    project.save()
    for veld, waarden in koppelingen.items():
        getattr(project, veld).set(waarden)
    if nieuw:
        PROJECT_WORKFLOW.schrijf(project, van="", naar=ProjectStatus.GEPLAND, door=door)
    return project


def ontbrekende_effecten(project: Project) -> list[Effect]:
    return list(Effect.objects.exclude(pk__in=project.afwegingen.values("effect_id")))


@transaction.atomic
def weeg_af(*, project, scores: dict[int, tuple[int, str]], succescriteria) -> Project:
    """The afwegingskader before the start: per effect (pk) the expected contribution 0-3
    and its motivation, and the project's success criteria."""
    _moet_concept(_vergrendel(project.plan))
    if project.status != ProjectStatus.GEPLAND:
        raise PlanFout("De afweging ligt vast zodra een project is gestart.")
    for effect_id, (verwacht, motivering) in scores.items():
        Afweging.objects.update_or_create(
            project=project,
            effect_id=effect_id,
            defaults={"verwacht": verwacht, "motivering": motivering.strip()},
        )
    project.succescriteria = succescriteria.strip()
    project.save(update_fields=["succescriteria"])
    return project


@transaction.atomic
def zet_project(*, project, naar, door, toelichting="") -> Project:
    """A project's status; also in a vastgesteld plan. Starting needs the afweging of every
    effect and success criteria: a project without a score cannot start."""
    plan = _vergrendel(project.plan)
    if plan.status == PlanStatus.GEEVALUEERD:
        raise PlanFout("Dit actieplan is geëvalueerd; de projecten liggen vast.")
    project = Project.objects.select_for_update(of=("self",)).get(pk=project.pk)
    if naar == ProjectStatus.GESTART:
        if plan.status == PlanStatus.CONCEPT:
            raise PlanFout("Een project start pas als het actieplan is vastgesteld.")
        if ontbreekt := ontbrekende_effecten(project):
            namen = ", ".join(e.naam for e in ontbreekt)
            raise PlanFout(f"Dit project kan nog niet starten: de afweging ontbreekt voor {namen}.")
        if not project.succescriteria:
            raise PlanFout("Dit project kan nog niet starten: beschrijf eerst de succescriteria.")
    PROJECT_WORKFLOW.zet(project, naar, door=door, toelichting=toelichting)
    return project


@transaction.atomic
def leg_realisatie_vast(*, project, realisatie: dict[int, tuple[int, str]]) -> Project:
    """Afterwards: per effect (pk) the realised contribution 0-3 and a note."""
    plan = _vergrendel(project.plan)
    if plan.status == PlanStatus.GEEVALUEERD:
        raise PlanFout("Dit actieplan is geëvalueerd; de realisatie ligt vast.")
    project = Project.objects.select_for_update(of=("self",)).get(pk=project.pk)
    if project.status == ProjectStatus.GEPLAND:
        raise PlanFout("Een realisatie legt u vast voor een project dat is gestart.")
    for afweging in project.afwegingen.filter(effect_id__in=realisatie):
        afweging.gerealiseerd, afweging.realisatie_toelichting = realisatie[afweging.effect_id]
        afweging.save(update_fields=["gerealiseerd", "realisatie_toelichting"])
    return project


@transaction.atomic
def evalueer_project(*, project, besluit, motivering) -> Project:
    plan = _vergrendel(project.plan)
    if plan.status != PlanStatus.VASTGESTELD:
        raise PlanFout("Projecten evalueert u in een vastgesteld plan dat nog niet is geëvalueerd.")
    project.evaluatie_besluit, project.evaluatie_motivering = besluit, motivering.strip()
    project.save(update_fields=["evaluatie_besluit", "evaluatie_motivering"])
    return project
