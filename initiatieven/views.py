import datetime
import hashlib
import hmac
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from initiatieven import acties, cijfers, toegang
from initiatieven.forms import (
    AdviesForm,
    AgendeerForm,
    AntwoordForm,
    BesluitForm,
    IntakeForm,
    TriageForm,
    VergaderingForm,
    VraagForm,
)
from initiatieven.models import (
    GEACCEPTEERD,
    WERKLIJSTEN,
    Advies,
    Agendapunt,
    Gevraagd,
    Initiatief,
    Status,
    Uitkomst,
    Vergadering,
    norm_dagen,
)
from wijken.models import Wijk
from wijkwerk import keyset
from wijkwerk import rollen as r
from wijkwerk.netwerk import client_ip

BEVESTIGING_SESSIE = "initiatief_bevestiging"
LIJST_MAX = 50
# Rows per page of the work lists, as in the signal list (keyset paging).
LIJST_GROOTTE = 25

# --- Public intake ------------------------------------------------------------------------


def afzender_hash(request: HttpRequest) -> str:
    # Only a keyed hash is stored: enough to count submissions, not to know the address.
    return hmac.new(
        settings.SECRET_KEY.encode(), (client_ip(request) or "").encode(), hashlib.sha256
    ).hexdigest()


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def indienen(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _intake(request, IntakeForm())
    form = IntakeForm(request.POST)
    if request.POST.get("website"):
        form.add_error(None, "Uw initiatief kon niet worden verstuurd. Laat het laatste veld leeg.")
    hash_ = afzender_hash(request)
    try:
        if not form.is_valid():
            # An address at the limit hears so at once, not after completing the form.
            acties.controleer_limiet(hash_)
            return _intake(request, form, 400)
        gegevens = {
            k: v for k, v in form.cleaned_data.items() if k not in ("website", "idempotentie_token")
        }
        initiatief, _ = acties.dien_in(
            gegevens=gegevens,
            idempotentie_token=form.cleaned_data["idempotentie_token"],
            afzender_hash=hash_,
        )
    except acties.TeVeel:
        return render(request, "initiatieven/te_veel.html", status=429)
    # Also the second click of a double click: it shows the confirmation of the first.
    request.session[BEVESTIGING_SESSIE] = initiatief.pk
    return redirect("initiatieven:bevestiging")


def _intake(request, form, status=200):
    return render(
        request, "initiatieven/indienen.html", {"form": form, "norm": norm_dagen()}, status=status
    )


@login_not_required
@never_cache
@require_GET
def bevestiging(request: HttpRequest) -> HttpResponse:
    pk = request.session.get(BEVESTIGING_SESSIE)
    initiatief = Initiatief.objects.filter(pk=pk).first() if pk else None
    if initiatief is None:
        return redirect("initiatieven:indienen")
    return render(
        request,
        "initiatieven/bevestiging.html",
        {
            "initiatief": initiatief,
            # Built from this request, so it points at the address the inwoner used; mail,
            # sent without a request, uses PUBLIEKE_URL (acties.status_url).
            "status_url": request.build_absolute_uri(
                reverse("initiatieven:status", args=[initiatief.status_token])
            ),
        },
    )


@login_not_required
@never_cache
@require_GET
def status(request: HttpRequest, token: str) -> HttpResponse:
    initiatief = (
        Initiatief.objects.select_related("wijk").filter(status_token=token).first()
        if len(token) <= 64
        else None
    )
    if initiatief is None:
        return render(request, "initiatieven/status_onbekend.html", status=404)
    if initiatief.geinformeerd_op and timezone.now() > initiatief.geinformeerd_op + (
        datetime.timedelta(days=settings.INITIATIEF_STATUSLINK_DAGEN)
    ):
        # Long after the answer the link shows nothing more: it may have been passed on.
        return render(request, "initiatieven/status_onbekend.html", {"verlopen": True}, status=404)
    besluit = None
    if initiatief.status in (Status.BESLOTEN, Status.GEINFORMEERD):
        punt = (
            initiatief.agendapunten.select_related("besluit", "vergadering")
            .exclude(besluit__uitkomst=Uitkomst.AANGEHOUDEN)
            .filter(besluit__isnull=False)
            .first()
        )
        besluit = punt.besluit if punt else None
    return render(
        request,
        "initiatieven/status.html",
        {"initiatief": initiatief, "besluit": besluit, "klok": initiatief.klok()},
    )


# --- Staff: initiatives -------------------------------------------------------------------


@require_GET
@r.rol_vereist(*r.ALLE)
def lijst(request: HttpRequest) -> HttpResponse:
    gekozen = request.GET.get("filter", "nieuw")
    if gekozen not in WERKLIJSTEN:
        gekozen = "nieuw"
    label, methode = WERKLIJSTEN[gekozen]
    qs = methode(Initiatief.objects.all())
    # Oldest first for work lists (first in, first out); newest first for decided ones.
    aflopend = gekozen == "besloten"
    cursor = request.GET.get("na", "")[:80]
    na = keyset.lees(cursor) if cursor else None
    if na:
        qs = keyset.na(qs, "ontvangen_op", *na, aflopend=aflopend)
    volgorde = ["-ontvangen_op", "-pk"] if aflopend else ["ontvangen_op", "pk"]
    initiatieven = list(
        qs.select_related("wijk", "contactpersoon")
        .only(
            "referentie",
            "titel",
            "status",
            "gevraagd",
            "bedrag",
            "ontvangen_op",
            "uiterste_datum",
            "gepauzeerde_dagen",
            "doorlooptijd_dagen",
            "wijk__naam",
            "adres_vrij",
            "contactpersoon__first_name",
            "contactpersoon__last_name",
            "contactpersoon__username",
        )
        .order_by(*volgorde)[: LIJST_GROOTTE + 1]
    )
    volgende = None
    if len(initiatieven) > LIJST_GROOTTE:
        laatste = initiatieven[LIJST_GROOTTE - 1]
        volgende = urlencode(
            {"filter": gekozen, "na": keyset.cursor(laatste.ontvangen_op, laatste.pk)}
        )
    initiatieven = initiatieven[:LIJST_GROOTTE]
    return render(
        request,
        "initiatieven/lijst.html",
        {
            "initiatieven": initiatieven,
            "volgende": volgende,
            "is_vervolg": bool(cursor),
            "filters": [(k, v[0]) for k, v in WERKLIJSTEN.items()],
            "gekozen": gekozen,
            "gekozen_label": label,
            "norm": norm_dagen(),
        },
    )


@require_GET
def detail(request: HttpRequest, referentie: str) -> HttpResponse:
    initiatief = toegang.initiatief_voor(request.user, referentie)
    return _detail_pagina(request, initiatief)


def _detail_pagina(request, initiatief, status=200, **forms):
    pauzes = list(initiatief.pauzes.all())
    punten = list(
        initiatief.agendapunten.select_related("vergadering", "besluit").order_by(
            "vergadering__datum"
        )
    )
    context = {
        "initiatief": initiatief,
        "klok": initiatief.klok(pauzes=pauzes),
        "norm": norm_dagen(),
        "pauzes": pauzes,
        "historie": initiatief.historie.select_related("door"),
        "punten": punten,
        "triage_form": forms.get("triage_form")
        or TriageForm(
            initial={"wijk": initiatief.wijk_id, "contactpersoon": initiatief.contactpersoon_id}
        ),
        "vraag_form": forms.get("vraag_form") or VraagForm(),
        "antwoord_form": forms.get("antwoord_form") or AntwoordForm(),
        "fout": forms.get("fout"),
        **_budget_koppeling(request.user, initiatief, punten),
    }
    return render(request, "initiatieven/detail.html", context, status=status)


def _budget_koppeling(user, initiatief, punten) -> dict:
    """An accepted initiative that asked for money goes to the wijkbudget: its proposals, and
    for the wijk's regisseur a link to a proposal form filled in from the initiative."""
    geaccepteerd = any(
        getattr(p, "besluit", None) and p.besluit.uitkomst in GEACCEPTEERD for p in punten
    )
    if not (geaccepteerd and initiatief.gevraagd == Gevraagd.GELD and initiatief.wijk_id):
        return {}
    return {
        # The reverse relation of budget's proposals: initiatieven knows nothing of budget.
        "budget_voorstellen": list(initiatief.bestedingsvoorstellen.select_related("budgetjaar")),
        "mag_voorstellen": initiatief.wijk_id in r.regisseur_wijk_ids(user),
    }


def _stap(request, referentie, form_class, formnaam, actie, melding):
    """One triage step: a small form, an action from acties, the detail page on errors."""
    initiatief = toegang.initiatief_voor(request.user, referentie, wijzigen=True)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            actie(initiatief=initiatief, door=request.user, **form.cleaned_data)
        except acties.InitiatiefFout as fout:
            return _detail_pagina(request, initiatief, 400, fout=str(fout), **{formnaam: form})
        messages.success(request, melding)
        return redirect(initiatief)
    return _detail_pagina(request, initiatief, 400, **{formnaam: form})


@require_POST
def triage(request: HttpRequest, referentie: str) -> HttpResponse:
    return _stap(
        request,
        referentie,
        TriageForm,
        "triage_form",
        acties.triage,
        "De wijk en de contactpersoon zijn opgeslagen.",
    )


@require_POST
def incompleet(request: HttpRequest, referentie: str) -> HttpResponse:
    return _stap(
        request,
        referentie,
        VraagForm,
        "vraag_form",
        acties.markeer_incompleet,
        "De vraag is naar de indiener gestuurd. De termijn staat stil.",
    )


@require_POST
def antwoord(request: HttpRequest, referentie: str) -> HttpResponse:
    return _stap(
        request,
        referentie,
        AntwoordForm,
        "antwoord_form",
        acties.registreer_antwoord,
        "Het antwoord is opgeslagen. De termijn loopt weer.",
    )


@require_POST
def compleet(request: HttpRequest, referentie: str) -> HttpResponse:
    initiatief = toegang.initiatief_voor(request.user, referentie, wijzigen=True)
    try:
        acties.markeer_compleet(initiatief=initiatief, door=request.user)
    except acties.InitiatiefFout as fout:
        return _detail_pagina(request, initiatief, 400, fout=str(fout))
    messages.success(request, "Het initiatief is klaar voor de Groene Loper.")
    return redirect(initiatief)


@require_GET
@r.rol_vereist(*r.ALLE)
def doorlooptijd(request: HttpRequest) -> HttpResponse:
    te_laat = list(
        Initiatief.objects.te_laat()
        .select_related("wijk")
        .only(
            "referentie",
            "titel",
            "status",
            "uiterste_datum",
            "ontvangen_op",
            "gepauzeerde_dagen",
            "doorlooptijd_dagen",
            "wijk__naam",
            "adres_vrij",
        )
        .order_by("uiterste_datum", "pk")[: LIJST_GROOTTE + 1]
    )
    # The longest overdue; the work list "Over de termijn" pages through all of them.
    meer_te_laat = len(te_laat) > LIJST_GROOTTE
    te_laat = te_laat[:LIJST_GROOTTE]
    return render(
        request,
        "initiatieven/doorlooptijd.html",
        {
            "cijfers_tabel": cijfers.tabel(
                met_wijk=True, bijschrift="Beantwoorde initiatieven per wijk en maand"
            ),
            "te_laat": te_laat,
            "meer_te_laat": meer_te_laat,
        },
    )


@require_GET
@r.rol_vereist(*r.ALLE)
def wijk(request: HttpRequest, slug: str) -> HttpResponse:
    """A wijk's initiatives on a page of their own (the wijkdossier shows the same section,
    through initiatieven.dossier)."""
    wijk_ = get_object_or_404(Wijk, slug=slug)
    template = "initiatieven/wijk.html" + ("#sectie" if request.htmx else "")
    return render(
        request, template, {"wijk": wijk_, "initiatieven": cijfers.voor_wijkdossier(wijk_)}
    )


# --- Staff: Groene Loper meetings ---------------------------------------------------------


@require_http_methods(["GET", "POST"])
@r.rol_vereist(*r.ALLE)
def vergaderingen(request: HttpRequest) -> HttpResponse:
    form = None
    if toegang.mag_beheren(request.user):
        form = VergaderingForm(request.POST or None)
    elif request.method == "POST":
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            vergadering = acties.maak_vergadering(door=request.user, **form.cleaned_data)
        except acties.InitiatiefFout as fout:
            form.add_error("datum", str(fout))
        else:
            messages.success(
                request, f"De vergadering van {date_format(vergadering.datum, 'j F Y')} is gemaakt."
            )
            return redirect(vergadering)
    lijst_ = Vergadering.objects.order_by("-datum")[:LIJST_MAX]
    return render(
        request,
        "initiatieven/vergaderingen.html",
        {"vergaderingen": lijst_, "form": form, "vandaag": timezone.localdate()},
        status=400 if form is not None and form.errors else 200,
    )


@require_GET
def vergadering(request: HttpRequest, pk: int) -> HttpResponse:
    vergadering_ = toegang.vergadering_voor(request.user, pk, wijzigen=True)
    try:
        huidig = int(request.GET.get("punt", ""))
    except ValueError:
        huidig = None
    return _vergadering_pagina(request, vergadering_, huidig=huidig)


def _agendapunten(vergadering_) -> list[Agendapunt]:
    """The agenda items in agenda order, with their initiative, decision and advice."""
    return list(
        vergadering_.agendapunten.select_related("initiatief__wijk", "besluit").prefetch_related(
            Prefetch("adviezen", queryset=Advies.objects.select_related("discipline"))
        )
    )


def _vergadering_pagina(request, vergadering_, *, huidig=None, fouten=None, agendeer_form=None):
    """The meeting page, or only its agenda partial for htmx.

    The secretary works through the agenda one item at a time: only the current item (the
    one asked for, else the first without a decision) gets the advice and decision forms.
    `fouten` maps an item's pk to its forms with errors, so what was typed stays in place.
    """
    fouten = fouten or {}
    punten = _agendapunten(vergadering_)
    open_punten = [p.pk for p in punten if not hasattr(p, "besluit")]
    if fouten:
        huidig = next(iter(fouten))
    if huidig not in open_punten:
        huidig = open_punten[0] if open_punten else None
    for punt in punten:
        punt.is_huidig = punt.pk == huidig
        eigen = fouten.get(punt.pk, {})
        punt.fout = eigen.get("fout")
        if punt.is_huidig:
            punt.advies_form = eigen.get("advies") or AdviesForm(prefix=f"advies-{punt.pk}")
            # Decisions are recorded on the meeting's day or later (Besluit.clean): before
            # that, the page says when instead of offering a form that would be refused.
            punt.besluit_form = eigen.get("besluit") or (
                BesluitForm(prefix=f"besluit-{punt.pk}", agendapunt=punt)
                if vergadering_.is_begonnen
                else None
            )
    # A form that failed validation (against every initiative, see agendeer) offers again
    # only the initiatives that can still go on the agenda.
    agendeer_form = agendeer_form or AgendeerForm()
    context = {
        "vergadering": vergadering_,
        "punten": punten,
        "agendeer_form": agendeer_form,
        # Something is ready for the Groene Loper.
        "kan_agenderen": bool(agendeer_form.klaar) or bool(agendeer_form.errors),
    }
    heeft_fout = bool(fouten) or agendeer_form.errors
    if request.htmx:
        # htmx swaps only 2xx answers: errors come back as a 200 partial.
        return render(request, "initiatieven/vergadering.html#agenda", context)
    return render(
        request, "initiatieven/vergadering.html", context, status=400 if heeft_fout else 200
    )


def _na_wijziging(request, vergadering_, melding, huidig=None):
    if request.htmx:
        return _vergadering_pagina(request, vergadering_, huidig=huidig)
    messages.success(request, melding)
    url = vergadering_.get_absolute_url()
    return redirect(f"{url}?punt={huidig}#punt-{huidig}" if huidig else url)


@require_POST
def agendeer(request: HttpRequest, pk: int) -> HttpResponse:
    vergadering_ = toegang.vergadering_voor(request.user, pk, wijzigen=True)
    form = AgendeerForm(request.POST)
    if form.is_valid():
        try:
            acties.agendeer(
                vergadering=vergadering_,
                initiatief=form.cleaned_data["initiatief"],
                door=request.user,
            )
        except acties.InitiatiefFout as fout:
            form.add_error("initiatief", str(fout))
        else:
            return _na_wijziging(request, vergadering_, "Het initiatief staat op de agenda.")
    return _vergadering_pagina(request, vergadering_, agendeer_form=form)


@require_POST
def verwijder_punt(request: HttpRequest, pk: int) -> HttpResponse:
    punt = toegang.agendapunt_voor(request.user, pk)
    try:
        acties.verwijder(agendapunt=punt, door=request.user)
    except acties.InitiatiefFout as fout:
        return _vergadering_pagina(request, punt.vergadering, fouten={punt.pk: {"fout": str(fout)}})
    return _na_wijziging(request, punt.vergadering, "Het agendapunt is van de agenda gehaald.")


@require_POST
def orden_punt(request: HttpRequest, pk: int) -> HttpResponse:
    punt = toegang.agendapunt_voor(request.user, pk)
    richting = request.POST.get("richting")
    if richting not in ("op", "neer"):
        return _vergadering_pagina(
            request, punt.vergadering, fouten={punt.pk: {"fout": "Kies omhoog of omlaag."}}
        )
    acties.orden(agendapunt=punt, richting=richting, door=request.user)
    # The moved item stays current: it can be moved again straight away.
    return _na_wijziging(request, punt.vergadering, "De volgorde is aangepast.", punt.pk)


@require_POST
def advies(request: HttpRequest, pk: int) -> HttpResponse:
    punt = toegang.agendapunt_voor(request.user, pk)
    form = AdviesForm(request.POST, prefix=f"advies-{punt.pk}")
    if form.is_valid():
        acties.geef_advies(agendapunt=punt, door=request.user, **form.cleaned_data)
        return _na_wijziging(request, punt.vergadering, "Het advies is opgeslagen.", punt.pk)
    return _vergadering_pagina(request, punt.vergadering, fouten={punt.pk: {"advies": form}})


@require_POST
def besluit(request: HttpRequest, pk: int) -> HttpResponse:
    punt = toegang.agendapunt_voor(request.user, pk)
    form = BesluitForm(request.POST, prefix=f"besluit-{punt.pk}", agendapunt=punt)
    if form.is_valid():
        try:
            acties.leg_besluit_vast(agendapunt=punt, door=request.user, **form.cleaned_data)
        except acties.InitiatiefFout as fout:
            return _vergadering_pagina(
                request, punt.vergadering, fouten={punt.pk: {"besluit": form, "fout": str(fout)}}
            )
        return _na_wijziging(request, punt.vergadering, "Het besluit is vastgelegd.")
    return _vergadering_pagina(request, punt.vergadering, fouten={punt.pk: {"besluit": form}})


@require_GET
def besluitenlijst(request: HttpRequest, pk: int) -> HttpResponse:
    vergadering_ = toegang.vergadering_voor(request.user, pk)
    punten = _agendapunten(vergadering_)
    return render(
        request, "initiatieven/besluitenlijst.html", {"vergadering": vergadering_, "punten": punten}
    )
