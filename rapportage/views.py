"""Kwartaalrapportage pages: the overview per quarter, a report (live preview or the adopted
figures), highlights, adopting, and the public wijkpagina from adopted reports only."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_GET, require_http_methods

from rapportage import acties, cijfers, pdf, toegang
from rapportage.forms import HoogtepuntenForm
from rapportage.models import Kwartaalrapport
from rapportage.periode import EERSTE_JAAR, Kwartaal
from wijken.kaart import choropleth
from wijken.models import Wijk
from wijkwerk import rollen as r


def _url(naam, wijk, kwartaal) -> str:
    args = [kwartaal.jaar, kwartaal.nummer] + ([wijk.slug] if wijk else [])
    return reverse(f"rapportage:{naam}{'' if wijk else '_stad'}", args=args)


@require_GET
@r.rol_vereist(*toegang.LEZERS)
def overzicht(request: HttpRequest) -> HttpResponse:
    huidig = Kwartaal.huidig()
    pilots = list(Wijk.objects.filter(is_pilot=True).order_by("naam"))
    vastgesteld = {
        (rij.jaar, rij.kwartaal, rij.wijk_id): rij
        for rij in Kwartaalrapport.objects.vastgesteld().select_related("vastgesteld_door")
    }
    kwartalen, k = [], huidig
    while k.jaar >= EERSTE_JAAR:
        kwartalen.append(
            {
                "kwartaal": k,
                "loopt": k == huidig,
                "rapporten": [
                    {
                        "naam": w.naam if w else "Stad (alle wijken)",
                        "url": _url("rapport", w, k),
                        "vastgesteld": vastgesteld.get((k.jaar, k.nummer, w.pk if w else None)),
                    }
                    for w in [None, *pilots]
                ],
            }
        )
        k = k.vorige()
    return render(request, "rapportage/overzicht.html", {"kwartalen": kwartalen})


def _context(request, wijk, kwartaal) -> dict:
    rij = (
        Kwartaalrapport.objects.filter(wijk=wijk, jaar=kwartaal.jaar, kwartaal=kwartaal.nummer)
        .select_related("vastgesteld_door", "hoogtepunten_door")
        .first()
    )
    vastgesteld = rij is not None and rij.is_vastgesteld
    live = not vastgesteld or request.GET.get("live") == "1"
    figuren = cijfers.bereken(wijk, kwartaal) if live else rij.cijfers
    context = {
        "wijk": wijk,
        "kwartaal": kwartaal,
        "rapport": rij,
        "vastgesteld": vastgesteld,
        "live": live,
        "cijfers": figuren,
        "berekend_op": (figuren["berekend_op"] if live else parse_datetime(figuren["berekend_op"])),
        "secties": cijfers.toon(figuren),
        "url": _url("rapport", wijk, kwartaal),
        "mag_hoogtepunten": not vastgesteld
        and toegang.mag_hoogtepunten_schrijven(request.user, wijk),
        "mag_vaststellen": not vastgesteld and toegang.mag_vaststellen(request.user, wijk),
        "kwartaal_voorbij": kwartaal.volgende().start <= Kwartaal.huidig().start,
    }
    if wijk is None:
        context.update(_stad(request, figuren))
    return context


def _stad(request, figuren) -> dict:
    maten = cijfers.kaartmaten()
    maat = request.GET.get("maat")
    if maat not in maten:
        maat = next(iter(maten))
    gebieden = figuren["gebieden"]
    kaart = choropleth({g["cbs_code"]: g.get(maat) for g in gebieden})
    per_code = {g["cbs_code"]: g for g in gebieden}
    for vlak in kaart["vlakken"]:
        vlak["gebied"] = per_code.get(vlak["vlak"].code)
    return {
        "maten": maten,
        "maat": maat,
        "maat_naam": maten[maat],
        "kaart": kaart,
        "gebieden": [{**g, "waarde": g.get(maat)} for g in gebieden],
    }


@require_GET
@r.rol_vereist(*toegang.LEZERS)
def rapport(request: HttpRequest, jaar: int, kwartaal: int, wijk: str | None = None):
    k = toegang.kwartaal_of_404(jaar, kwartaal)
    w = toegang.wijk_of_404(wijk) if wijk else None
    return render(request, "rapportage/rapport.html", _context(request, w, k))


@require_GET
@r.rol_vereist(*toegang.LEZERS)
def rapport_pdf(request: HttpRequest, jaar: int, kwartaal: int, wijk: str | None = None):
    """The same report (adopted, or live with ?live=1) as a tagged PDF/UA-1 (rapportage/pdf.py)."""
    k = toegang.kwartaal_of_404(jaar, kwartaal)
    w = toegang.wijk_of_404(wijk) if wijk else None
    inhoud = pdf.maak_pdf(_context(request, w, k))
    naam = f"kwartaalrapport-{k.jaar}-Q{k.nummer}-{w.slug if w else 'stad'}.pdf"
    return FileResponse(
        io.BytesIO(inhoud), as_attachment=True, filename=naam, content_type="application/pdf"
    )


@require_http_methods(["GET", "POST"])
@r.rol_vereist(r.REGISSEUR)
def hoogtepunten(request: HttpRequest, jaar: int, kwartaal: int, wijk: str):
    k = toegang.kwartaal_of_404(jaar, kwartaal)
    w = toegang.wijk_of_404(wijk)
    if not toegang.mag_hoogtepunten_schrijven(request.user, w):
        raise PermissionDenied(f"Alleen de wijkregisseur van {w} schrijft deze hoogtepunten.")
    rij = Kwartaalrapport.objects.filter(wijk=w, jaar=k.jaar, kwartaal=k.nummer).first()
    form = HoogtepuntenForm(
        request.POST or None, initial={"hoogtepunten": rij.hoogtepunten if rij else ""}
    )
    terug = _url("rapport", w, k)
    if request.method == "POST" and form.is_valid():
        try:
            acties.bewaar_hoogtepunten(
                wijk=w, kwartaal=k, tekst=form.cleaned_data["hoogtepunten"], door=request.user
            )
        except acties.RapportFout as fout:
            messages.error(request, str(fout))
        else:
            messages.success(request, "De hoogtepunten zijn bewaard.")
        return redirect(terug)
    return render(
        request,
        "rapportage/hoogtepunten.html",
        {"wijk": w, "kwartaal": k, "form": form, "terug": terug},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@r.rol_vereist(r.WETHOUDER)
def vaststellen(request: HttpRequest, jaar: int, kwartaal: int, wijk: str | None = None):
    """The GET asks (and shows what will be adopted); the POST adopts, once."""
    k = toegang.kwartaal_of_404(jaar, kwartaal)
    w = toegang.wijk_of_404(wijk) if wijk else None
    if not toegang.mag_vaststellen(request.user, w):
        raise PermissionDenied(toegang.reden_niet_vaststellen(w))
    terug = _url("rapport", w, k)
    if request.method == "POST":
        try:
            acties.stel_vast(wijk=w, kwartaal=k, door=request.user)
        except acties.RapportFout as fout:
            messages.error(request, str(fout))
        else:
            messages.success(request, "Het rapport is vastgesteld. De cijfers liggen nu vast.")
        return redirect(terug)
    return render(
        request,
        "rapportage/vaststellen.html",
        {**_context(request, w, k), "terug": terug},
    )


@require_GET
@login_not_required
def wijkpaginas(request: HttpRequest) -> HttpResponse:
    """Public: the wijken with an adopted report."""
    wijken = (
        Wijk.objects.filter(kwartaalrapporten__vastgesteld_op__isnull=False)
        .distinct()
        .order_by("naam")
    )
    return render(request, "publiek/wijken.html", {"wijken": wijken})


@require_GET
@login_not_required
def wijkpagina(request: HttpRequest, slug: str) -> HttpResponse:
    """Public: what the municipality heard and did in the wijk, from adopted reports only."""
    wijk = get_object_or_404(Wijk, slug=slug)
    rapporten = list(
        Kwartaalrapport.objects.vastgesteld()
        .filter(wijk=wijk)
        .order_by("-jaar", "-kwartaal")
        .only("jaar", "kwartaal", "vastgesteld_op", "is_demo")
    )
    gekozen = rapporten[0] if rapporten else None
    gevraagd = request.GET.get("kwartaal", "")
    for rij in rapporten:
        if gevraagd == f"{rij.jaar}-{rij.kwartaal}":
            gekozen = rij
    figuren = None
    if gekozen is not None:
        figuren = Kwartaalrapport.objects.values_list("cijfers", flat=True).get(pk=gekozen.pk)
    return render(
        request,
        "publiek/wijk.html",
        {"wijk": wijk, "rapporten": rapporten, "gekozen": gekozen, "cijfers": figuren},
    )
