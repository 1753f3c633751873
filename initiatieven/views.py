import datetime
import hashlib
import hmac
import uuid
from types import SimpleNamespace
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.postgres.aggregates import StringAgg
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from initiatieven import acties, cijfers, weergave
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
    Agendapunt,
    Discipline,
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
from wijkwerk.forms import Keuzelijsten
from wijkwerk.netwerk import client_ip
from wijkwerk.weergave import datum, datum_kort, euro, url_sjabloon

BEVESTIGING_SESSIE = "initiatief_bevestiging"
LIJST_MAX = 50
# Rows per page of the work lists, as in the signal list (keyset paging).
LIJST_GROOTTE = 25

# --- Authorisation: one fetch helper per model --------------------------------------------


def mag_beheren(user) -> bool:
    """The Groene Loper secretary and the beheerder run intake and meetings."""
    return r.heeft_rol(user, r.GROENE_LOPER, r.BEHEERDER)


def mag_wijzigen(user, initiatief: Initiatief) -> bool:
    if mag_beheren(user):
        return True
    # A regisseur triages what is not yet placed, what is in his or her wijken today, and
    # what he or she is contact person for; never another regisseur's initiative.
    if r.heeft_rol(user, r.REGISSEUR):
        if initiatief.wijk_id is None or initiatief.contactpersoon_id == user.pk:
            return True
        return initiatief.wijk_id in r.regisseur_wijk_ids(user)
    return False


def _haal_initiatief(request, referentie: str, *, wijzigen: bool = False) -> Initiatief:
    if not r.heeft_rol(request.user, *r.ALLE):
        raise PermissionDenied
    initiatief = get_object_or_404(
        Initiatief.objects.select_related("wijk", "contactpersoon"), referentie=referentie
    )
    initiatief.mag_wijzigen = mag_wijzigen(request.user, initiatief)
    if wijzigen and not initiatief.mag_wijzigen:
        raise PermissionDenied
    return initiatief


def _haal_vergadering(request, pk: int, *, wijzigen: bool = False) -> Vergadering:
    if not r.heeft_rol(request.user, *r.ALLE):
        raise PermissionDenied
    if wijzigen and not mag_beheren(request.user):
        raise PermissionDenied
    # The names of the departments present come along (one query fewer per page).
    return get_object_or_404(
        Vergadering.objects.annotate(
            aanwezig_namen=StringAgg("aanwezig__naam", ", ", order_by="aanwezig__naam")
        ),
        pk=pk,
    )


def _aanwezig(vergadering_) -> str:
    """ "veiligheid, zorg en welzijn": from _haal_vergadering, else (after a POST on an
    agenda item, whose meeting came without it) from the database."""
    if hasattr(vergadering_, "aanwezig_namen"):
        return vergadering_.aanwezig_namen or ""
    return ", ".join(d.naam for d in vergadering_.aanwezig.all())


def _haal_agendapunt(request, pk: int) -> Agendapunt:
    if not mag_beheren(request.user):
        raise PermissionDenied
    return get_object_or_404(Agendapunt.objects.select_related("vergadering", "initiatief"), pk=pk)


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
        form = IntakeForm(initial={"formulier_token": uuid.uuid4().hex})
        return _intake(request, form)

    token = request.POST.get("formulier_token", "")[:64]
    bestaand = Initiatief.objects.filter(formulier_token=token).first() if token else None
    if bestaand:
        # The second click of a double click: show the confirmation of the first.
        request.session[BEVESTIGING_SESSIE] = bestaand.pk
        return redirect("initiatieven:bevestiging")

    hash_ = afzender_hash(request)
    sinds = timezone.now() - datetime.timedelta(hours=1)
    recent = Initiatief.objects.filter(afzender_hash=hash_, ontvangen_op__gte=sinds).count()
    if recent >= settings.INITIATIEF_LIMIET_PER_UUR:
        return render(request, "initiatieven/te_veel.html", status=429)

    form = IntakeForm(request.POST)
    if request.POST.get("website"):
        form.add_error(None, "Uw initiatief kon niet worden verstuurd. Laat het laatste veld leeg.")
        return _intake(request, form, 400)
    if not form.is_valid():
        return _intake(request, form, 400)
    gegevens = {
        k: v for k, v in form.cleaned_data.items() if k not in ("website", "formulier_token")
    }
    initiatief, _ = acties.dien_in(
        gegevens=gegevens, formulier_token=form.cleaned_data["formulier_token"], afzender_hash=hash_
    )
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
        {"initiatief": initiatief, "status_url": acties.status_url(initiatief)},
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

FILTERS = {
    "nieuw": ("Nieuw", lambda qs: qs.filter(status=Status.ONTVANGEN)),
    "incompleet": ("Wacht op indiener", lambda qs: qs.filter(status=Status.INCOMPLEET)),
    "klaar": ("Klaar voor de Groene Loper", lambda qs: qs.filter(status=Status.COMPLEET)),
    "geagendeerd": ("Geagendeerd", lambda qs: qs.filter(status=Status.GEAGENDEERD)),
    "te-laat": ("Over de termijn", lambda qs: qs.te_laat()),
    "besloten": (
        "Besloten",
        lambda qs: qs.filter(status__in=[Status.BESLOTEN, Status.GEINFORMEERD]),
    ),
}


GEVRAAGD = dict(Gevraagd.choices)
UITKOMST = dict(Uitkomst.choices)


def _wijk_en_vraag(i):
    i.wijk_of_adres = i.wijk.naam if i.wijk else i.adres_vrij
    i.bedrag_tekst = euro(i.bedrag)
    i.vraagt = GEVRAAGD.get(i.gevraagd, i.gevraagd) + (f": {i.bedrag_tekst}" if i.bedrag else "")


def _voor_werklijst(initiatieven, vandaag):
    """The texts of a row of initiatieven/lijst.html, prepared here rather than with
    {% url %}, |date and if-chains per row (most of the page's render time)."""
    weergave.detail_urls(initiatieven)
    for i in initiatieven:
        _wijk_en_vraag(i)
        i.ontvangen = datum_kort(i.ontvangen_op)
        dagen = i.dagen_uit_opgeslagen(vandaag)
        i.dagen = "staat stil" if dagen is None else dagen
        i.te_laat = False
        if i.status == Status.INCOMPLEET:
            i.uiterlijk = "termijn staat stil"
        elif i.is_open:
            i.uiterlijk = datum_kort(i.uiterste_datum)
            i.te_laat = i.uiterste_datum < vandaag
        else:
            i.uiterlijk = "–"
        c = i.contactpersoon
        i.contact = (c.get_full_name() or c.username) if c else "–"


@require_GET
@r.rol_vereist(*r.ALLE)
def lijst(request: HttpRequest) -> HttpResponse:
    gekozen = request.GET.get("filter", "nieuw")
    if gekozen not in FILTERS:
        gekozen = "nieuw"
    qs = FILTERS[gekozen][1](Initiatief.objects.all())
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
    vandaag = timezone.localdate()
    _voor_werklijst(initiatieven, vandaag)
    return render(
        request,
        "initiatieven/lijst.html",
        {
            "initiatieven": initiatieven,
            "volgende": volgende,
            "is_vervolg": bool(cursor),
            "filters": [(k, v[0]) for k, v in FILTERS.items()],
            "gekozen": gekozen,
            "gekozen_label": FILTERS[gekozen][0],
            "norm": norm_dagen(),
        },
    )


@require_GET
def detail(request: HttpRequest, referentie: str) -> HttpResponse:
    initiatief = _haal_initiatief(request, referentie)
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
    from budget.models import Budgetjaar

    geaccepteerd = any(
        getattr(p, "besluit", None) and p.besluit.uitkomst in GEACCEPTEERD for p in punten
    )
    if not (geaccepteerd and initiatief.gevraagd == Gevraagd.GELD and initiatief.wijk_id):
        return {}
    mag_voorstellen = initiatief.wijk_id in r.regisseur_wijk_ids(user)
    jaar = Budgetjaar.objects.order_by("-jaar").first() if mag_voorstellen else None
    return {
        "budget_voorstellen": list(initiatief.bestedingsvoorstellen.select_related("budgetjaar")),
        "voorstel_jaar": jaar,
    }


def _stap(request, referentie, form_class, formnaam, actie, melding):
    """One triage step: a small form, an action from acties, the detail page on errors."""
    initiatief = _haal_initiatief(request, referentie, wijzigen=True)
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
    initiatief = _haal_initiatief(request, referentie, wijzigen=True)
    try:
        acties.markeer_compleet(initiatief=initiatief, door=request.user)
    except acties.InitiatiefFout as fout:
        return _detail_pagina(request, initiatief, 400, fout=str(fout))
    messages.success(request, "Het initiatief is klaar voor de Groene Loper.")
    return redirect(initiatief)


@require_GET
@r.rol_vereist(*r.ALLE)
def doorlooptijd(request: HttpRequest) -> HttpResponse:
    vandaag = timezone.localdate()
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
    # Row texts prepared here, not with {% url %} and |date per row.
    weergave.detail_urls(te_laat)
    for i in te_laat:
        i.dagen_gebruikt = i.dagen_uit_opgeslagen(vandaag)
        i.wijk_of_adres = i.wijk.naam if i.wijk else i.adres_vrij
        i.uiterlijk = datum(i.uiterste_datum)
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
    """The wijkdossier's initiatives section; the dossier loads it with htmx."""
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
    if mag_beheren(request.user):
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
    vergadering_ = _haal_vergadering(request, pk, wijzigen=True)
    try:
        huidig = int(request.GET.get("punt", ""))
    except ValueError:
        huidig = None
    return _vergadering_pagina(request, vergadering_, huidig=huidig)


def _keuzes():
    """Initiatives ready for the Groene Loper, oldest first; the oldest 50 are offered
    (the list that waits longest is what the next meeting must take)."""
    return (
        Initiatief.objects.filter(status=Status.COMPLEET)
        .only("referentie", "titel")
        .order_by("ontvangen_op", "pk")[:LIJST_MAX]
    )


class _Rij(SimpleNamespace):
    """An agenda item, its initiative, decision or advice, as the meeting pages show them."""


def _agendapunten(vergadering_) -> list[_Rij]:
    """The agenda items with their texts, links and advice, in agenda order.

    Read as plain values, not model instances: building four models per item (item,
    initiative, wijk, decision) was a good part of the meeting page's time. Writes go
    through _haal_agendapunt and acties, never through these rows.
    """
    punten = []
    # One query: an item with several pieces of advice comes back once per advice.
    for rij in vergadering_.agendapunten.values(
        "pk",
        "initiatief__referentie",
        "initiatief__titel",
        "initiatief__adres_vrij",
        "initiatief__gevraagd",
        "initiatief__bedrag",
        "initiatief__wijk__naam",
        "besluit__uitkomst",
        "besluit__motivering",
        "besluit__actiehouder",
        "besluit__deadline",
        "adviezen__discipline__naam",
        "adviezen__tekst",
    ).order_by("volgorde", "pk", "adviezen__discipline__naam"):
        if punten and punten[-1].pk == rij["pk"]:
            punten[-1].advieslijst.append(
                _Rij(discipline=rij["adviezen__discipline__naam"], tekst=rij["adviezen__tekst"])
            )
            continue
        initiatief = _Rij(
            referentie=rij["initiatief__referentie"],
            titel=rij["initiatief__titel"],
            adres_vrij=rij["initiatief__adres_vrij"],
            gevraagd=rij["initiatief__gevraagd"],
            bedrag=rij["initiatief__bedrag"],
            wijk=_Rij(naam=rij["initiatief__wijk__naam"])
            if rij["initiatief__wijk__naam"]
            else None,
        )
        _wijk_en_vraag(initiatief)
        genomen = None
        if rij["besluit__uitkomst"]:
            deadline = rij["besluit__deadline"]
            genomen = _Rij(
                uitkomst_tekst=UITKOMST.get(rij["besluit__uitkomst"], rij["besluit__uitkomst"]),
                motivering=rij["besluit__motivering"],
                actiehouder=rij["besluit__actiehouder"],
                deadline=deadline,
                deadline_tekst=datum(deadline) if deadline else "",
            )
        punten.append(
            _Rij(
                pk=rij["pk"],
                # Text, not numbers: the template would localise them ("1.234" with the
                # thousands separator, which breaks ids and ?punt= links).
                nr=str(rij["pk"]),
                volgnummer=str(len(punten) + 1),
                ref=initiatief.referentie,
                initiatief=initiatief,
                genomen=genomen,
                advieslijst=[],
                fout=None,
                is_huidig=False,
            )
        )
        if rij["adviezen__tekst"] is not None:
            punten[-1].advieslijst.append(
                _Rij(discipline=rij["adviezen__discipline__naam"], tekst=rij["adviezen__tekst"])
            )
    weergave.detail_urls([p.initiatief for p in punten])
    return punten


def _voor_agenda(punten) -> None:
    """The links of the agenda items' forms, one reverse() per page."""
    sjablonen = {
        naam: url_sjabloon(f"initiatieven:{naam}")
        for naam in ("advies", "besluit", "orden_punt", "verwijder_punt")
    }
    for punt in punten:
        punt.url_advies = sjablonen["advies"].format(punt.pk)
        punt.url_besluit = sjablonen["besluit"].format(punt.pk)
        punt.url_orden = sjablonen["orden_punt"].format(punt.pk)
        punt.url_verwijder = sjablonen["verwijder_punt"].format(punt.pk)


def _vergadering_pagina(request, vergadering_, *, huidig=None, fouten=None, agendeer_form=None):
    """The meeting page, or only its agenda partial for htmx.

    The secretary works through the agenda one item at a time: only the current item (the
    one asked for, else the first without a decision) gets the advice and decision forms.
    `fouten` maps an item's pk to its forms with errors, so what was typed stays in place.
    """
    fouten = fouten or {}
    punten = _agendapunten(vergadering_)
    _voor_agenda(punten)
    open_punten = [p.pk for p in punten if p.genomen is None]
    if fouten:
        huidig = next(iter(fouten))
    if huidig not in open_punten:
        huidig = open_punten[0] if open_punten else None
    # Read when a select is written (or a choice validated), once for all forms of the page.
    keuzelijsten = Keuzelijsten(
        discipline=Discipline.objects.filter(actief=True), initiatief=_keuzes()
    )
    for punt in punten:
        punt.is_huidig = punt.pk == huidig
        eigen = fouten.get(punt.pk, {})
        punt.fout = eigen.get("fout")
        if punt.is_huidig:
            punt.advies_form = eigen.get("advies") or AdviesForm(
                prefix=f"advies-{punt.pk}", keuzelijsten=keuzelijsten
            )
            punt.besluit_form = eigen.get("besluit") or BesluitForm(prefix=f"besluit-{punt.pk}")
    # A form that failed validation (against every initiative, see agendeer) offers again
    # only the initiatives that can still go on the agenda.
    agendeer_form = agendeer_form or AgendeerForm()
    keuzelijsten.koppel(agendeer_form)
    context = {
        "vergadering": vergadering_,
        "punten": punten,
        "aanwezig": _aanwezig(vergadering_),
        "agendeer_form": agendeer_form,
        # Something is ready for the Groene Loper.
        "kan_agenderen": bool(keuzelijsten.objecten("initiatief")) or bool(agendeer_form.errors),
        "agendeer_url": reverse("initiatieven:agendeer", args=[vergadering_.pk]),
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
    vergadering_ = _haal_vergadering(request, pk, wijzigen=True)
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
    punt = _haal_agendapunt(request, pk)
    try:
        acties.verwijder(agendapunt=punt, door=request.user)
    except acties.InitiatiefFout as fout:
        return _vergadering_pagina(request, punt.vergadering, fouten={punt.pk: {"fout": str(fout)}})
    return _na_wijziging(request, punt.vergadering, "Het agendapunt is van de agenda gehaald.")


@require_POST
def orden_punt(request: HttpRequest, pk: int) -> HttpResponse:
    punt = _haal_agendapunt(request, pk)
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
    punt = _haal_agendapunt(request, pk)
    form = AdviesForm(request.POST, prefix=f"advies-{punt.pk}")
    if form.is_valid():
        acties.geef_advies(agendapunt=punt, door=request.user, **form.cleaned_data)
        return _na_wijziging(request, punt.vergadering, "Het advies is opgeslagen.", punt.pk)
    return _vergadering_pagina(request, punt.vergadering, fouten={punt.pk: {"advies": form}})


@require_POST
def besluit(request: HttpRequest, pk: int) -> HttpResponse:
    punt = _haal_agendapunt(request, pk)
    form = BesluitForm(request.POST, prefix=f"besluit-{punt.pk}")
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
    vergadering_ = _haal_vergadering(request, pk)
    punten = _agendapunten(vergadering_)
    return render(
        request,
        "initiatieven/besluitenlijst.html",
        {
            "vergadering": vergadering_,
            "punten": punten,
            "aanwezig": _aanwezig(vergadering_),
        },
    )
