"""Accessibility sweep: every page of every role in Chromium, axe-core at 1280 and 360 px.

The pages are those of the security sweep (tests/test_sweep.py) that answer the role with
an HTML page: one per URL pattern, on the demo data, plus the index and every model's
changelist and change page in /beheer/ for the beheerder (its add page where it has no
object). Then keyboard-only walks of the main flows: a quick signal, approving spend,
working through a meeting.
"""

import time
from collections import Counter

import pytest

from tests.browser.test_paginas import BREEDTES
from tests.conftest import axe_schendingen, log_in, screenshot
from tests.test_sweep import (
    ROLLEN,
    _admin_paginas,
    _app_namen,
    _beheerder_verwacht,
    _url,
    _verwacht,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fouten_op(page, naam):
    """What axe finds at each width, and sideways scrolling at phone width; a screenshot of
    each page that fails (the sweep goes on, so one run names every page)."""
    fouten = []
    for label, breedte in BREEDTES.items():
        page.set_viewport_size({"width": breedte, "height": 800})
        fouten += [f"{naam} ({label}): {f}" for f in axe_schendingen(page)]
        if breedte == 360:
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > 360:
                fouten.append(f"{naam}: {scroll}px breed op een telefoon")
    if fouten:
        screenshot(page, f"sweep-{naam.strip('/').replace('/', '-') or 'start'}")
    return fouten


# What a page offers in its main content. A page that shows a role the same kinds of
# elements as it showed another role (a read-only page, the menu aside) is checked once;
# one with other forms, buttons or tables again. Each role's start page is always checked.
VORM_VAN_MAIN = """() => [...new Set(Array.from(document.querySelectorAll(
  "main a, main button, main input, main select, main textarea, main table, main svg, "
  + "main details, main [role], main [tabindex], main [aria-live]"
)).map(e => [e.tagName, e.type || "", e.getAttribute("role") || ""].join(".")))].sort().join(" ")"""


def _app_paginas(rol):
    for naam in _app_namen():
        # Downloads (the CSV exports, the report's PDF) are no page to check.
        if _verwacht(naam, rol) == 200 and not _url(naam).endswith((".csv", "/pdf/")):
            yield naam, _url(naam)


def _beheer_paginas(user):
    # The admin draws every model with the same templates; its add page is its change
    # page's form without the object, so it counts only where there is no object.
    paginas = [
        (pagina, url, model)
        for pagina, url, model, obj in _admin_paginas()
        if _beheerder_verwacht(pagina, model, obj, user) == 200
    ]
    met_object = {model for pagina, _url, model in paginas if pagina == "change"}
    for pagina, url, model in paginas:
        if pagina in ("index", "changelist", "change") or (
            pagina == "add" and model not in met_object
        ):
            yield f"beheer {pagina}", url


def _sweep(page, rollen, paginas):
    """Visit the pages of each role, signed in as that role; the axe findings of all."""
    begin, gezien, bezocht, fouten = time.monotonic(), set(), [], []
    for rol in rollen:
        page.context.clear_cookies()
        if rollen[rol] is not None:
            log_in(page, rollen[rol].username)
        for naam, url in paginas(rol, rollen[rol]):
            response = page.goto(f"{page.live_server.url}{url}")
            if response.status != 200:
                fouten.append(f"{url} ({naam}, {rol}): {response.status}")
                continue
            if "text/html" not in response.headers.get("content-type", ""):
                continue  # /healthz
            vorm = (naam, page.evaluate(VORM_VAN_MAIN))
            if vorm in gezien and naam != "start":
                continue
            gezien.add(vorm)
            bezocht.append(f"{rol} {url}")
            fouten += _fouten_op(page, f"{url} ({rol})")
    per_rol = Counter(b.split()[0] for b in bezocht)
    print(f"{len(bezocht)} pagina's met axe in {time.monotonic() - begin:.0f} s: {per_rol}")
    return bezocht, fouten


def test_elke_pagina_zonder_axe_schendingen(pagina, demo_rollen):
    rollen = {rol: demo_rollen[rol] for rol in ROLLEN}
    bezocht, fouten = _sweep(pagina, rollen, lambda rol, _user: _app_paginas(rol))
    assert len(bezocht) > 50, bezocht
    assert not fouten, "\n".join(fouten)


@pytest.mark.xfail(
    strict=True,
    reason="Django's admin as it comes: breadcrumb links told apart by colour only "
    "(link-in-text-block; axe's probe of them sets inline styles, which the CSP blocks and "
    "the page fixture reports), list_editable fields and the user's split last_login "
    "without a label, a help tooltip with a prohibited aria attribute",
)
def test_beheer_zonder_axe_schendingen(pagina, demo_rollen):
    beheerder = {"beheerder": demo_rollen["beheerder"]}
    bezocht, fouten = _sweep(pagina, beheerder, lambda _rol, user: _beheer_paginas(user))
    assert len(bezocht) > 5, bezocht
    assert not fouten, "\n".join(fouten)


# --- Keyboard only ----------------------------------------------------------------------

# The accessible name of the focused element, near enough: its label, else its text.
NAAM_VAN_FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return "";
  const label = e.labels && e.labels.length ? e.labels[0].innerText : "";
  return (e.getAttribute("aria-label") || label || e.innerText || "").replace(/\\s+/g, " ").trim();
}"""
# WCAG 2.4.7: what has the keyboard focus shows it.
FOCUS_ZICHTBAAR = """() => {
  const s = getComputedStyle(document.activeElement);
  return s.outlineStyle !== "none" && s.outlineWidth !== "0px" || s.boxShadow !== "none";
}"""


def _tab_naar(page, naam, max_stappen=80):
    """Tab (only) until the element named `naam` has the focus; it must show that it has."""
    onderweg = []
    for _ in range(max_stappen):
        page.keyboard.press("Tab")
        gevonden = page.evaluate(NAAM_VAN_FOCUS)
        onderweg.append(gevonden)
        # A button may say more for a screen reader: "Goedkeuren Oosterheem 2019, € 100".
        if gevonden == naam or gevonden.startswith((f"{naam} ", f"{naam}:")):
            assert page.evaluate(FOCUS_ZICHTBAAR), f"geen zichtbare focus op {naam!r}"
            return
    raise AssertionError(f"{naam!r} niet bereikt met Tab; onderweg: {onderweg}")


def _start(page, user):
    log_in(page, user.username)
    # From the top of the page, as a keyboard user arrives: the skip link comes first.
    page.locator("body").focus()
    page.keyboard.press("Tab")
    assert page.evaluate(NAAM_VAN_FOCUS) == "Direct naar de inhoud"


def test_signaal_snel_vastleggen_met_alleen_het_toetsenbord(pagina, demo_rollen):
    from signalen.models import Signaal

    _start(pagina, demo_rollen["regisseur_a"])
    _tab_naar(pagina, "Signalen")
    pagina.keyboard.press("Enter")
    pagina.wait_for_url("**/signalen/")
    _tab_naar(pagina, "Signaal vastleggen")
    pagina.keyboard.press("Enter")
    pagina.wait_for_url("**/signalen/nieuw/")
    voor = Signaal.objects.count()
    _tab_naar(pagina, "Thema")
    pagina.keyboard.type("jeugd")  # a closed select picks the option typed
    _tab_naar(pagina, "Wat ziet of hoort u?")
    pagina.keyboard.type("Jongeren zoeken een trapveldje bij de school.")
    _tab_naar(pagina, "Signaal opslaan")
    pagina.keyboard.press("Enter")
    pagina.get_by_text("Signaal opgeslagen").wait_for()
    nieuw = Signaal.objects.order_by("-pk").first()
    assert Signaal.objects.count() == voor + 1
    assert nieuw.thema.naam == "jeugd" and nieuw.wijk.slug == "oosterheem"
    screenshot(pagina, "toetsenbord-signaal")


def test_bestedingsvoorstel_goedkeuren_met_alleen_het_toetsenbord(pagina, demo_rollen):
    from budget.models import Bestedingsvoorstel

    voorstel = Bestedingsvoorstel.objects.get(wijk__slug="oosterheem", status="ingediend")
    _start(pagina, demo_rollen["wethouder"])
    _tab_naar(pagina, "Te beoordelen")
    pagina.keyboard.press("Enter")
    pagina.wait_for_url("**/budget/wachtrij/")
    _tab_naar(pagina, "Goedkeuren")
    pagina.keyboard.press("Enter")
    pagina.wait_for_url(f"**/budget/voorstel/{voorstel.pk}/goedkeuren/")
    _tab_naar(pagina, "Ja, goedkeuren")
    pagina.keyboard.press("Enter")
    pagina.get_by_text("Goedgekeurd:").first.wait_for()
    voorstel.refresh_from_db()
    assert voorstel.status == "goedgekeurd"
    screenshot(pagina, "toetsenbord-goedkeuren")


def test_vergadering_afwerken_met_alleen_het_toetsenbord(pagina, demo_rollen):
    from django.utils import timezone
    from django.utils.formats import date_format

    from initiatieven import acties
    from initiatieven.models import Besluit, Discipline, Initiatief, Vergadering

    gl = demo_rollen["groene_loper"]
    vandaag = timezone.localdate()
    vergadering = Vergadering.objects.filter(datum=vandaag).first() or acties.maak_vergadering(
        datum=vandaag, aanwezig=Discipline.objects.all(), door=gl
    )
    klaar = Initiatief.objects.get(status="compleet")
    punt = acties.agendeer(vergadering=vergadering, initiatief=klaar, door=gl)

    _start(pagina, gl)
    _tab_naar(pagina, "Groene Loper")
    pagina.keyboard.press("Enter")
    pagina.wait_for_url("**/initiatieven/vergaderingen/")
    _tab_naar(pagina, date_format(vandaag, "j F Y"))
    pagina.keyboard.press("Enter")
    pagina.wait_for_url(f"**/initiatieven/vergaderingen/{vergadering.pk}/")
    if not pagina.locator(".ww-agendapunt--huidig").count():
        _tab_naar(pagina, f"Dit punt behandelen: {klaar.referentie}")
        pagina.keyboard.press("Enter")
    discipline = Discipline.objects.order_by("naam").first()
    _tab_naar(pagina, "Discipline")
    pagina.keyboard.type(discipline.naam)
    _tab_naar(pagina, "Advies")
    pagina.keyboard.type("Geen bezwaren.")
    _tab_naar(pagina, "Advies opslaan")
    pagina.keyboard.press("Enter")
    pagina.get_by_text("Geen bezwaren.").first.wait_for()
    _tab_naar(pagina, "Besluit")
    pagina.keyboard.type("akkoord")
    _tab_naar(pagina, "Motivering")
    pagina.keyboard.type("Past bij de wijkagenda.")
    _tab_naar(pagina, "Besluit vastleggen")
    pagina.keyboard.press("Enter")
    pagina.locator(f"#punt-{punt.pk}", has_text="Besluit: akkoord.").wait_for()
    besluit = Besluit.objects.get(agendapunt__initiatief=klaar)
    assert besluit.agendapunt.adviezen.get().discipline == discipline
    screenshot(pagina, "toetsenbord-vergadering")
