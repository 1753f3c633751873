from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijken import acties
from wijken import dossier as secties
from wijken.forms import BeeindigForm, OverdrachtForm, PeildatumForm, ToewijzingForm
from wijken.kaart import kaart
from wijken.models import Partner, Toewijzing, Wijk
from wijkwerk import rollen as r

CBS_BRON = "Bron: CBS, Kerncijfers wijken en buurten 2024"


@require_GET
def overzicht(request: HttpRequest) -> HttpResponse:
    wijken = Wijk.objects.met_regisseur_vandaag()
    return render(request, "wijken/overzicht.html", {"wijken": wijken, "cbs_bron": CBS_BRON})


@require_GET
def dossier(request: HttpRequest, slug: str) -> HttpResponse:
    # The wijk's own part here; every feature app adds its section (wijken.dossier).
    # Every staff role may read every wijkdossier: wijkgericht werken is integraal.
    # All eleven wijken in one query: the dossier's wijk plus the map's list of links.
    alle_wijken = list(
        Wijk.objects.select_related("cbs_wijk", "wethouder").defer("cbs_wijk__geometrie")
    )
    wijk = next((w for w in alle_wijken if w.slug == slug), None)
    if wijk is None:
        raise Http404("Onbekende wijk")
    toewijzingen = list(wijk.toewijzingen.select_related("regisseur").order_by("-geldig_van"))
    huidige = next((t for t in toewijzingen if t.is_nu), None)
    focuspunten = wijk.focuspunten.prefetch_related(
        Prefetch("partners", queryset=Partner.objects.order_by("naam"))
    )
    partners = {p for f in focuspunten for p in f.partners.all()}
    # The map's outlines are cached per process; its list alternative reuses them.
    ligging = kaart({wijk.cbs_wijk_id})
    cbs_wijken = [
        {
            "code": vlak.code,
            "naam": vlak.naam,
            "gemeentelijke_wijken": [w for w in alle_wijken if w.cbs_wijk_id == vlak.code],
        }
        for vlak in ligging["vlakken"]
    ]
    return render(
        request,
        "wijken/dossier.html",
        {
            "wijk": wijk,
            "huidige": huidige,
            "toewijzingen": toewijzingen,
            "focuspunten": focuspunten,
            "partners": sorted(partners, key=lambda p: p.naam),
            "voorzieningen": wijk.voorzieningen.all(),
            "kaart": ligging,
            "cbs_wijken": cbs_wijken,
            "deelgenoten": [
                w.naam for w in alle_wijken if w.cbs_wijk_id == wijk.cbs_wijk_id and w != wijk
            ],
            "cbs_bron": CBS_BRON,
            "secties": secties.secties(request, wijk),
        },
    )


@require_GET
@r.rol_vereist(r.BEHEERDER)
def regie_overzicht(request: HttpRequest) -> HttpResponse:
    """Who held which wijk on ?datum= (default today); a refused date is shown at the field,
    with today's table."""
    vandaag = timezone.localdate()
    form = PeildatumForm(request.GET or None, initial={"datum": vandaag})
    datum = vandaag
    if form.is_bound and form.is_valid():
        datum = form.cleaned_data["datum"] or vandaag
    return render(
        request,
        "wijken/regie_overzicht.html",
        {
            "wijken": Wijk.objects.met_regisseur_op(datum),
            "form": form,
            "datum": datum,
            "is_vandaag": datum == vandaag,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@r.rol_vereist(r.BEHEERDER)
def regie(request: HttpRequest, slug: str) -> HttpResponse:
    wijk = get_object_or_404(Wijk, slug=slug)
    form = ToewijzingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            toewijzing = acties.wijs_toe(wijk=wijk, door=request.user, **form.cleaned_data)
        except acties.OverlapFout as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, f"Opgeslagen: {toewijzing}.")
            return redirect("wijken:regie", slug=wijk.slug)
    return _regie_pagina(request, wijk, form, status=400 if form.errors else 200)


@require_POST
@r.rol_vereist(r.BEHEERDER)
def beeindigen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    wijk = get_object_or_404(Wijk, slug=slug)
    toewijzing = get_object_or_404(Toewijzing.objects.select_related("regisseur"), pk=pk, wijk=wijk)
    form = BeeindigForm(request.POST, toewijzing=toewijzing, auto_id=f"id_%s_{toewijzing.pk}")
    if form.is_valid():
        acties.beeindig(
            toewijzing=toewijzing, geldig_tot=form.cleaned_data["geldig_tot"], door=request.user
        )
        messages.success(request, f"De toewijzing van {toewijzing.regisseur} is beëindigd.")
        return redirect("wijken:regie", slug=wijk.slug)
    return _regie_pagina(
        request, wijk, ToewijzingForm(), beeindig_fouten={toewijzing.pk: form}, status=400
    )


@require_POST
@r.rol_vereist(r.BEHEERDER)
def overdragen(request: HttpRequest, slug: str) -> HttpResponse:
    wijk = get_object_or_404(Wijk, slug=slug)
    form = OverdrachtForm(request.POST)
    if form.is_valid():
        try:
            oud, nieuw = acties.draag_over(wijk=wijk, door=request.user, **form.cleaned_data)
        except acties.OverlapFout as fout:
            form.add_error(None, str(fout))
        except ValidationError as fout:
            form.add_error(None, fout)  # keyed by field: lands at that field
        else:
            messages.success(
                request,
                f"Overgedragen per {date_format(nieuw.geldig_van)}: {nieuw.regisseur} neemt "
                f"{wijk} over van {oud.regisseur} (verantwoordelijk tot en met "
                f"{date_format(oud.geldig_tot)}).",
            )
            return redirect("wijken:regie", slug=wijk.slug)
    return _regie_pagina(request, wijk, ToewijzingForm(), overdracht_form=form, status=400)


def _regie_pagina(request, wijk, form, beeindig_fouten=None, overdracht_form=None, status=200):
    toewijzingen = wijk.toewijzingen.select_related("regisseur", "aangemaakt_door").order_by(
        "-geldig_van"
    )
    beeindig_fouten = beeindig_fouten or {}
    rijen = [
        (
            t,
            beeindig_fouten.get(t.pk) or BeeindigForm(toewijzing=t, auto_id=f"id_%s_{t.pk}"),
        )
        for t in toewijzingen
    ]
    return render(
        request,
        "wijken/regie.html",
        {
            "wijk": wijk,
            "form": form,
            "overdracht_form": overdracht_form or OverdrachtForm(),
            "rijen": rijen,
        },
        status=status,
    )
