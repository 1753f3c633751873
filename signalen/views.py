from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from signalen import acties, toegang, zoeken
from signalen.forms import (
    FilterForm,
    NotitieForm,
    OvergangForm,
    SignaalWijzigenForm,
    SnelSignaalForm,
)
from signalen.models import Inzage, Signaal
from wijkwerk import excel
from wijkwerk import rollen as r

PAGINAGROOTTES = (25, 50, 100)
AFGESCHERMD = "Afgeschermd: bevat persoonsgegevens"


def _lezer(view):
    """Every staff role reads signals; a user without a role gets 403."""
    return r.rol_vereist(*r.ALLE)(view)


def _is_partial(request) -> bool:
    # A history restore (back button after a cache miss) needs the whole page.
    return bool(request.htmx) and not request.htmx.history_restore_request


def _filters(request):
    form = FilterForm(request.GET or None)
    if not form.is_bound:
        return form, {}
    # Invalid filters are shown at the field and ignored; the valid ones still apply.
    form.is_valid()
    return form, {k: v for k, v in form.cleaned_data.items() if v not in (None, "", False)}


def _querystring(request, *weg, **extra) -> str:
    params = [(k, v) for k, v in request.GET.items() if k not in weg and k not in extra and v]
    params += [(k, v) for k, v in extra.items() if v]
    return urlencode(params)


def _voor_lijst(user, signalen, pagina):
    """Mark what the user may read (`s.volledig`, for signalen/_kaartje.html) and log the
    texts shown in full on `pagina`."""
    toegang.markeer(user, signalen)
    acties.log_inzage(signalen=signalen, door=user, pagina=pagina)
    return signalen


@require_GET
@_lezer
def lijst(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    try:
        grootte = int(request.GET.get("per", 25))
    except ValueError:
        grootte = 25
    grootte = grootte if grootte in PAGINAGROOTTES else 25
    rijen, volgende = zoeken.lijstpagina(request.user, filters, request.GET.get("na"), grootte)
    _voor_lijst(request.user, rijen, "lijst")
    partial = _is_partial(request)
    thema_links = []
    if filters.get("q") and not rijen and not request.GET.get("na"):
        # Nothing found: offer the thema filter, which a search word may have meant.
        thema_links = [
            (t, _querystring(request, "na", "q", thema=t.pk))
            for t in zoeken.themas_bij(filters["q"])
        ]
    context = {
        # Its option lists are read when the selects are written: not for the htmx partial.
        "form": form,
        "signalen": rijen,
        "volgende": _querystring(request, "na", na=volgende) if volgende else None,
        "is_vervolg": bool(request.GET.get("na")),
        "eerste": _querystring(request, "na"),
        "filters_actief": bool(filters),
        # From the filters applied, not the box: a refused search (too long) did not search.
        "zoekt": bool(filters.get("q")),
        # A filter in use, or one that was refused, shows the folded filters.
        "meer_filters_open": bool(filters.keys() - {"q"}) or bool(form.errors.keys() - {"q"}),
        "export_query": _querystring(request, "na", "per"),
        "mag_vastleggen": bool(r.regisseur_wijk_ids(request.user)),
        "zoek_kandidaten": zoeken.ZOEK_KANDIDATEN,
        "thema_links": thema_links,
    }
    template = "signalen/lijst.html"
    if partial:
        template += "#resultaten"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@_lezer
def nieuw(request: HttpRequest) -> HttpResponse:
    wijk_ids = r.regisseur_wijk_ids(request.user)
    if not wijk_ids:
        # Only a regisseur with a wijk today logs signals.
        raise PermissionDenied
    status = 200
    opgeslagen = None
    if request.method == "POST":
        form = SnelSignaalForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            opgeslagen, _ = acties.maak_signaal(door=request.user, **data)
            if not request.htmx:
                messages.success(request, f"Signaal opgeslagen: {opgeslagen.omschrijving[:60]}")
                # The next signal is most likely in the same wijk (as the htmx path keeps it).
                return redirect(f"{reverse('signalen:nieuw')}?wijk={data['wijk'].pk}")
            # Ready for the next one: same wijk, fresh token, everything else empty.
            form = SnelSignaalForm(user=request.user, initial={"wijk": data["wijk"].pk})
        elif not request.htmx:
            status = 400  # htmx swaps only 2xx answers, so it gets the errors with a 200
    else:
        # The wijk of the signal before (?wijk=); the form takes the first if it is not theirs.
        form = SnelSignaalForm(user=request.user, initial={"wijk": request.GET.get("wijk")})
        if _is_partial(request) and request.GET.get("alleen") == "focuspunt":
            # Another wijk chosen (htmx): only the focuspunt field, with that wijk's list.
            return render(request, "signalen/nieuw.html#focuspunt", {"form": form})
    recent = list(
        Signaal.objects.filter(aangemaakt_door=request.user)
        .voor_lijst()
        .order_by("-aangemaakt_op", "-id")[:5]
    )
    # The user's own signals, but their texts are shown: logged like any other page.
    _voor_lijst(request.user, recent, "vastleggen")
    context = {
        "form": form,
        "recent": recent,
        "opgeslagen": opgeslagen,
    }
    template = "signalen/nieuw.html"
    if _is_partial(request):
        template += "#snellog"
    return render(request, template, context, status=status)


def _detail_pagina(
    request, signaal, overgang_form=None, notitie_form=None, overgang_fout="", status=200
):
    acties.log_inzage(signalen=[signaal], door=request.user, pagina="detail")
    context = {
        "signaal": signaal,
        "historie": signaal.historie.select_related("door").order_by("op", "id"),
        "notities": signaal.notities.select_related("door").order_by("op", "id")
        if signaal.volledig
        else [],
        "mag_aanvullen": toegang.mag_aanvullen(request.user, signaal),
        # Their own wijk's signal, anonymised: say why the forms are gone.
        "archief": signaal.geanonimiseerd_op and toegang.mag_wijzigen(request.user, signaal),
        "overgang_form": overgang_form or OvergangForm(signaal=signaal),
        "overgang_fout": overgang_fout,
        "notitie_form": notitie_form or NotitieForm(),
    }
    return render(request, "signalen/detail.html", context, status=status)


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_pagina(request, toegang.signaal_voor(request.user, pk))


def _niet_geanonimiseerd(view):
    """A form for a signal anonymised since it was opened (a stale page, a saved link) is
    answered with the signal and why nothing can be added (as toegang.mag_aanvullen), also
    when it was anonymised while the action waited for the row lock."""

    @wraps(view)
    def wrapper(request, pk):
        signaal = toegang.signaal_voor(request.user, pk, wijzigen=True)
        try:
            if signaal.geanonimiseerd_op:
                raise acties.Geanonimiseerd
            return view(request, signaal)
        except acties.Geanonimiseerd as fout:
            messages.error(request, str(fout))
            return redirect(signaal)

    return wrapper


@require_http_methods(["GET", "POST"])
@_niet_geanonimiseerd
def wijzigen(request: HttpRequest, signaal: Signaal) -> HttpResponse:
    """Change a signal's data afterwards (not its wijk, nor its status)."""
    status, verouderd = 200, ""
    if request.method == "POST":
        form = SignaalWijzigenForm(request.POST, signaal=signaal)
        if form.is_valid():
            try:
                gewijzigd = acties.wijzig_gegevens(
                    signaal=signaal,
                    gegevens=form.gegevens(),
                    verwacht=form.cleaned_data["verwacht"],
                    door=request.user,
                )
            except acties.VerouderdFout as fout:
                # Keep what the user typed, against the signal as it is now: saving again
                # is then a choice made knowing somebody else changed it.
                signaal = toegang.signaal_voor(request.user, signaal.pk, wijzigen=True)
                data = request.POST.copy()
                data["verwacht"] = acties.versie(signaal)
                form = SignaalWijzigenForm(data, signaal=signaal)
                status, verouderd = 409, str(fout)
            except acties.GegevensFout as fout:
                form.add_error(fout.veld, str(fout))
                status = 400
            else:
                messages.success(
                    request, "Gegevens opgeslagen." if gewijzigd else "Er was niets gewijzigd."
                )
                return redirect(signaal)
        else:
            status = 400
    else:
        form = SignaalWijzigenForm(signaal=signaal)
    # The form shows the text and the reporter: as on the detail page, that is logged.
    acties.log_inzage(signalen=[signaal], door=request.user, pagina="wijzigen")
    context = {"signaal": signaal, "form": form, "verouderd": verouderd}
    return render(request, "signalen/wijzigen.html", context, status=status)


def _naar_detail_bij_get(view):
    """A refused form is answered at its own address; opened again (reload, shared link),
    that address shows the signal instead of the browser's 405 page."""

    @wraps(view)
    def wrapper(request, pk):
        if request.method == "GET":
            return redirect("signalen:detail", pk=pk)
        return view(request, pk)

    return require_http_methods(["GET", "POST"])(wrapper)


@_naar_detail_bij_get
@_niet_geanonimiseerd
def overgang(request: HttpRequest, signaal: Signaal) -> HttpResponse:
    form = OvergangForm(request.POST, signaal=signaal)
    if form.is_valid():
        try:
            signaal = acties.zet_status(
                signaal=signaal,
                naar=form.cleaned_data["naar"],
                verwacht=form.cleaned_data["verwacht"],
                toelichting=form.cleaned_data["toelichting"],
                door=request.user,
            )
        except acties.VerouderdFout as fout:
            # Show the current situation, with the message and what the user typed.
            signaal = toegang.signaal_voor(request.user, signaal.pk, wijzigen=True)
            form = OvergangForm(
                initial={"toelichting": form.cleaned_data["toelichting"]}, signaal=signaal
            )
            return _detail_pagina(
                request, signaal, overgang_form=form, overgang_fout=str(fout), status=409
            )
        except acties.OvergangFout as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, f"De status is nu ‘{signaal.get_status_display()}’.")
            return redirect(signaal)
    return _detail_pagina(request, signaal, overgang_form=form, status=400)


@_naar_detail_bij_get
@_niet_geanonimiseerd
def notitie(request: HttpRequest, signaal: Signaal) -> HttpResponse:
    form = NotitieForm(request.POST)
    if form.is_valid():
        acties.voeg_notitie_toe(signaal=signaal, door=request.user, **form.cleaned_data)
        messages.success(request, "Notitie opgeslagen.")
        return redirect(signaal)
    return _detail_pagina(request, signaal, notitie_form=form, status=400)


@require_GET
@_lezer
def signalering(request: HttpRequest) -> HttpResponse:
    vandaag = timezone.localdate()
    per_wijk = (
        Signaal.objects.te_laat(vandaag)
        .values("wijk__naam", "wijk__slug")
        .annotate(aantal=Count("id"), oudste=Min("streefdatum"))
        .order_by("-aantal", "wijk__naam")
    )
    langst = list(Signaal.objects.te_laat(vandaag).voor_lijst().order_by("streefdatum", "id")[:50])
    _voor_lijst(request.user, langst, "signalering")
    return render(
        request,
        "signalen/signalering.html",
        {"per_wijk": per_wijk, "langst": langst, "vandaag": vandaag},
    )


@require_GET
@r.rol_vereist(r.BEHEERDER)
def inzagelog(request: HttpRequest) -> HttpResponse:
    qs = Inzage.objects.select_related("gebruiker", "signaal__wijk").order_by("-id")
    try:
        voor = int(request.GET.get("voor", 0))
    except ValueError:
        voor = 0
    if voor:
        qs = qs.filter(id__lt=voor)
    rijen = list(qs[:101])
    volgende = rijen[99].pk if len(rijen) > 100 else None
    return render(request, "signalen/inzagelog.html", {"rijen": rijen[:100], "volgende": volgende})


KOLOMMEN = [
    "nummer",
    "gemeld op",
    "wijk",
    "thema",
    "status",
    "streefdatum",
    "te laat",
    "bron",
    "waargenomen op",
    "regie bij",
    "bevat persoonsgegevens",
    "omschrijving",
    "gemeld door",
]


# Rows per access-log INSERT: each block is logged before its rows are sent.
EXPORT_BLOK = 500


@require_GET
@_lezer
def export(request: HttpRequest) -> HttpResponse:
    """The current filter as CSV for Dutch Excel: UTF-8 with BOM, `;`, streamed in chunks.

    A refused filter is a 400 with its message: the list leaves it out and says so, but a
    download made without it would hand out more than the user asked for."""
    form, filters = _filters(request)
    if form.errors:
        context = {"form": form, "lijst_query": _querystring(request, "na", "per")}
        return render(request, "signalen/export_geweigerd.html", context, status=400)
    qs = zoeken.gefilterd(request.user, filters).select_related("regie_partner")
    user = request.user
    vandaag = timezone.localdate()

    def rijen():
        blok = []
        for s in qs.iterator(chunk_size=2000):
            blok.append(s)
            if len(blok) == EXPORT_BLOK:
                yield from _blok(blok)
                blok = []
        yield from _blok(blok)

    def _blok(signalen):
        # Logged before it is sent: a download cut off halfway has logged all it handed out.
        toegang.markeer(user, signalen)
        acties.log_inzage(signalen=signalen, door=user, pagina="export")
        return [_regel(s) for s in signalen]

    def _regel(s) -> list:
        return [
            s.pk,
            excel.tijd(s.aangemaakt_op),
            s.wijk.naam,
            s.thema.naam,
            s.get_status_display(),
            excel.datum(s.streefdatum),
            "ja" if s.is_te_laat(vandaag) else "nee",
            s.get_bron_display(),
            excel.datum(s.waargenomen_op),
            s.regie_tekst(),
            "ja" if s.bevat_persoonsgegevens else "nee",
            s.omschrijving if s.volledig else AFGESCHERMD,
            s.gemeld_door if s.volledig else "",
        ]

    return excel.csv_antwoord(f"signalen-{vandaag:%Y-%m-%d}.csv", KOLOMMEN, rijen(), streaming=True)
