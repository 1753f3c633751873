"""Metingen and the wijkanalyse: the list of measured values, the CSV import (upload, preview,
confirm) and the analysis per wijk under the plan ("ondersteunend, niet leidend")."""

import datetime

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from actieplannen import grafiek, toegang
from actieplannen import metingen as meetwaarden
from actieplannen.models import Actieplan, Indicator, Meting
from initiatieven.models import OPEN as INITIATIEF_OPEN
from initiatieven.models import Besluit, Initiatief, Uitkomst, norm_dagen
from signalen.models import OPEN as SIGNAAL_OPEN
from signalen.models import Signaal
from wijken.models import Focuspunt, Voorziening, Wijk
from wijkwerk import rollen as r
from wijkwerk.forms import Keuzemenu

PER_PAGINA = 50
# How many rows of a checked file the preview lists (errors, changes); the counts cover all.
TOON_RIJEN = 200
# A year of a wijk's signals is tens of thousands of rows at the full volume (a grouped
# count of 300,000 signals' share of one wijk took 70-110 ms): kept per process for ten
# minutes, as signalen.cijfers keeps its median; the page says when it was counted. A
# year's counts per thema hardly move in that time.
SIGNALEN_GELDIG_SECONDEN = 600


class MetingFilterForm(forms.Form):
    alleen_filters = True

    wijk = forms.ModelChoiceField(
        label="Wijk",
        queryset=Wijk.objects.order_by("naam"),
        to_field_name="slug",
        required=False,
        empty_label="Alle wijken",
        widget=Keuzemenu(),
        error_messages={"invalid_choice": "Deze wijk bestaat niet."},
    )
    indicator = forms.ModelChoiceField(
        label="Indicator",
        queryset=Indicator.objects.filter(berekend=False),
        to_field_name="code",
        required=False,
        empty_label="Alle indicatoren",
        widget=Keuzemenu(),
        error_messages={"invalid_choice": "Deze indicator bestaat niet."},
    )


class UploadForm(forms.Form):
    bestand = forms.FileField(
        label="CSV-bestand met metingen",
        help_text=(
            f"Een CSV-bestand uit Excel, met puntkomma's, hoogstens "
            f"{meetwaarden.MAX_BYTES // (1024 * 1024)} MB. De eerste regel noemt de kolommen: "
            f"{meetwaarden.VOORBEELD_KOP}."
        ),
        error_messages={
            "required": "Kies een CSV-bestand.",
            "empty": "Het bestand is leeg.",
            "invalid": "Kies een CSV-bestand.",
        },
        widget=forms.ClearableFileInput(attrs={"class": "utrecht-textbox", "accept": ".csv"}),
    )


class BevestigForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)


@require_GET
@r.rol_vereist(*toegang.LEZERS)
def metingen(request: HttpRequest) -> HttpResponse:
    form = MetingFilterForm(request.GET or None)
    qs = Meting.objects.select_related("indicator", "wijk", "ingevoerd_door").order_by(
        "wijk__naam", "indicator__naam", "-jaar", "-kwartaal"
    )
    if form.is_valid():
        if form.cleaned_data["wijk"]:
            qs = qs.filter(wijk=form.cleaned_data["wijk"])
        if form.cleaned_data["indicator"]:
            qs = qs.filter(indicator=form.cleaned_data["indicator"])
    elif form.is_bound:
        qs = qs.none()
    pagina = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    filters = request.GET.copy()
    filters.pop("pagina", None)
    return render(
        request,
        "actieplannen/metingen.html",
        {
            "form": form,
            "pagina": pagina,
            "filters": filters.urlencode(),
            "mag_importeren": toegang.mag_metingen_invoeren(request.user),
        },
    )


def _controle_context(controle, voorbeeld=None) -> dict:
    return {
        "controle": controle,
        "foute_rijen": controle.foute_rijen[:TOON_RIJEN],
        "meer_fouten": max(0, len(controle.foute_rijen) - TOON_RIJEN),
        "veranderend": controle.veranderende_rijen[:TOON_RIJEN],
        "meer_veranderend": max(0, len(controle.veranderende_rijen) - TOON_RIJEN),
        "bevestig": BevestigForm(initial={"token": voorbeeld.token}) if voorbeeld else None,
        "voorbeeld": voorbeeld,
    }


@require_http_methods(["GET", "POST"])
@r.rol_vereist(r.REGISSEUR, r.BEHEERDER)
def importeren(request: HttpRequest) -> HttpResponse:
    if not toegang.mag_metingen_invoeren(request.user):
        raise PermissionDenied(
            "Metingen importeren doen de beheerder en de wijkregisseurs, elk voor de eigen wijken."
        )
    if request.method == "POST" and "token" in request.POST:
        return _bevestig(request)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        try:
            tekst = meetwaarden.lees_upload(bestand)
            controle = meetwaarden.controleer(tekst, door=request.user)
        except meetwaarden.Bestandsfout as fout:
            form.add_error("bestand", str(fout))
        else:
            voorbeeld = None
            if controle.geldig:
                voorbeeld = meetwaarden.voorbereid(
                    tekst, bestandsnaam=bestand.name, door=request.user
                )
            context = {"bestandsnaam": bestand.name, **_controle_context(controle, voorbeeld)}
            return render(request, "actieplannen/importeren_controle.html", context)
    return render(
        request,
        "actieplannen/importeren.html",
        {"form": form, "indicatoren": Indicator.objects.filter(berekend=False)},
    )


def _bevestig(request: HttpRequest) -> HttpResponse:
    form = BevestigForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Deze controle kennen we niet. Upload het bestand opnieuw.")
        return redirect("actieplannen:importeren")
    voorbeeld, controle = meetwaarden.bevestig(form.cleaned_data["token"], door=request.user)
    if voorbeeld is None:
        messages.error(request, "Deze controle bestaat niet meer. Upload het bestand opnieuw.")
        return redirect("actieplannen:importeren")
    if controle is not None and not controle.geldig:
        # A row became wrong between preview and confirmation (an indicator's range or a
        # regisseur's wijken changed): nothing was saved; show why.
        context = {"bestandsnaam": voorbeeld.bestandsnaam, **_controle_context(controle)}
        return render(request, "actieplannen/importeren_controle.html", context)
    messages.success(
        request,
        f"De metingen uit {voorbeeld.bestandsnaam} zijn opgeslagen: {voorbeeld.nieuw} nieuw, "
        f"{voorbeeld.gewijzigd} gewijzigd, {voorbeeld.ongewijzigd} ongewijzigd.",
    )
    return redirect("actieplannen:metingen")


def _signalen_per_thema(wijk, nu, sinds) -> dict:
    per_thema = list(
        Signaal.objects.in_wijk(wijk)
        .filter(aangemaakt_op__gte=sinds)
        .values("thema__naam")
        .annotate(aantal=Count("id"), open=Count("id", filter=Q(status__in=SIGNAAL_OPEN)))
        .order_by("-aantal", "thema__naam")
    )
    return {
        "per_thema": per_thema,
        "totaal": sum(rij["aantal"] for rij in per_thema),
        "sinds": sinds,
        "berekend_op": nu,
    }


@require_GET
@r.rol_vereist(*toegang.LEZERS)
def wijkanalyse(request: HttpRequest, slug: str) -> HttpResponse:
    # All wijken in one query: this one, and the others in its CBS wijk.
    alle_wijken = list(Wijk.objects.select_related("cbs_wijk").defer("cbs_wijk__geometrie"))
    wijk = next((w for w in alle_wijken if w.slug == slug), None)
    if wijk is None:
        raise Http404("Onbekende wijk")
    cbs = wijk.cbs_wijk
    zelfde_cbs = [w for w in alle_wijken if w.cbs_wijk_id == wijk.cbs_wijk_id and w != wijk]

    indicatoren = list(Indicator.objects.select_related("effect"))
    reeksen = meetwaarden.waarden([wijk.pk], indicatoren)
    trends = []
    for indicator in indicatoren:
        reeks = reeksen.get((indicator.pk, wijk.pk), [])
        trends.append(
            {
                "indicator": indicator,
                "reeks": list(reversed(reeks)),  # the table: newest first
                "grafiek": grafiek.lijngrafiek(reeks),
                # The latest whole year, as plans set yearly baselines and targets.
                "laatste": meetwaarden.laatste(reeks, jaren=True) or meetwaarden.laatste(reeks),
            }
        )

    nu = timezone.now()
    sinds = nu - datetime.timedelta(days=365)
    signalen = cache.get_or_set(
        f"actieplannen:signalen:{wijk.pk}",
        lambda: _signalen_per_thema(wijk, nu, sinds),
        SIGNALEN_GELDIG_SECONDEN,
    )

    focuspunten = list(wijk.focuspunten.filter(status=Focuspunt.Status.LOPEND).order_by("titel"))
    voorzieningen = list(
        wijk.voorzieningen.exclude(status=Voorziening.Status.GESLOTEN).order_by("soort", "naam")
    )

    initiatieven = Initiatief.objects.filter(wijk=wijk).aggregate(
        totaal=Count("id"),
        jaar=Count("id", filter=Q(ontvangen_op__gte=sinds)),
        open=Count("id", filter=Q(status__in=INITIATIEF_OPEN)),
    )
    tellingen = {
        rij["uitkomst"]: rij
        for rij in Besluit.objects.filter(agendapunt__initiatief__wijk=wijk)
        .values("uitkomst")
        .annotate(totaal=Count("id"), jaar=Count("id", filter=Q(genomen_op__gte=sinds)))
        .order_by()
    }
    uitkomsten = [
        {
            "label": label,
            "totaal": tellingen.get(waarde, {}).get("totaal", 0),
            "jaar": tellingen.get(waarde, {}).get("jaar", 0),
        }
        for waarde, label in Uitkomst.choices
    ]

    plannen = list(Actieplan.objects.filter(wijk=wijk).order_by("-jaar"))
    return render(
        request,
        "actieplannen/wijkanalyse.html",
        {
            "wijk": wijk,
            "cbs": cbs,
            "zelfde_cbs": zelfde_cbs,
            "trends": trends,
            "signalen": signalen,
            "sinds": sinds,
            "focuspunten": focuspunten,
            "voorzieningen": voorzieningen,
            "initiatieven": initiatieven,
            "uitkomsten": uitkomsten,
            "norm": norm_dagen(),
            "plannen": plannen,
            "mag_importeren": toegang.mag_metingen_invoeren(request.user, wijk),
        },
    )
