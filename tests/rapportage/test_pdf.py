"""The kwartaalrapport as PDF: tagged PDF/UA-1 (language, title, headings, table headers,
alternative text), A4, with the figures of the HTML report, and values that cannot become
Typst markup. The PDF is opened with pikepdf (structure) and pypdf (text)."""

import io
import re
from decimal import Decimal
from pathlib import Path

import pikepdf
import pypdf
import pytest
from django.conf import settings
from django.urls import reverse

from rapportage import acties
from rapportage.periode import Kwartaal
from rapportage.templatetags.typst import typst
from wijken.models import Wijk

pytestmark = pytest.mark.django_db

PDF = reverse("rapportage:rapport_pdf", args=[2026, 2, "oosterheem"])
PDF_STAD = reverse("rapportage:rapport_stad_pdf", args=[2026, 2])
VIJANDIG = (
    'Speeltuin "De Wip" open. #import "@preview/x:1.0": * ] *vet* _schuin_ $x$ @ref <lbl>'
    ' // \\ ~ `code` #set document(title: "Gehackt")\nTweede regel.'
)


def _pdf(client, url):
    r = client.get(url)
    assert r.status_code == 200, r
    assert r["Content-Type"] == "application/pdf"
    return r, pikepdf.open(io.BytesIO(b"".join(r.streaming_content)))


def _tekst(doc: pikepdf.Pdf, *, regels=False) -> str:
    buffer = io.BytesIO()
    doc.save(buffer)
    lezer = pypdf.PdfReader(buffer)
    tekst = "\n".join(p.extract_text() for p in lezer.pages)
    return tekst if regels else " ".join(tekst.replace("\u00a0", " ").split())


def _rollen(doc: pikepdf.Pdf) -> set[str]:
    """The structure types used in the tag tree (H1, Table, TH, Figure, …)."""
    gezien, stapel = set(), [doc.Root.StructTreeRoot]
    while stapel:
        knoop = stapel.pop()
        if isinstance(knoop, pikepdf.Array):
            stapel.extend(knoop)
        elif isinstance(knoop, pikepdf.Dictionary):
            if "/S" in knoop:
                gezien.add(str(knoop.S).lstrip("/"))
                if knoop.S == "/Figure":
                    assert str(knoop.get("/Alt", "")).strip(), "a figure without alt text"
            if "/K" in knoop:
                stapel.append(knoop.K)
    return gezien


def test_wijkrapport_is_getagde_pdf_ua_op_a4(client, wereld, regisseur_a):
    client.force_login(regisseur_a)
    r, doc = _pdf(client, PDF)
    assert r["Content-Disposition"] == (
        'attachment; filename="kwartaalrapport-2026-Q2-oosterheem.pdf"'
    )
    assert doc.Root.MarkInfo.Marked is True
    assert str(doc.Root.Lang) == "nl"
    assert doc.docinfo.Title == "Kwartaalrapportage Q2 2026: Oosterheem"
    with doc.open_metadata() as xmp:
        assert xmp["dc:title"] == "Kwartaalrapportage Q2 2026: Oosterheem"
        assert xmp["pdfuaid:part"] == "1"
    breedte, hoogte = (float(x) for x in doc.pages[0].mediabox[2:])
    assert (round(breedte), round(hoogte)) == (595, 842)  # A4 in points
    rollen = _rollen(doc)
    assert {"H1", "H2", "Table", "TH", "TD", "Figure"} <= rollen, rollen
    tekst = _tekst(doc)
    assert "Kwartaalrapportage Q2 2026: Oosterheem" in tekst
    assert "Voorbeeld met actuele cijfers" in tekst
    assert "Het aantal open signalen aan het eind van het kwartaal steeg van 2 naar 3." in tekst
    assert "€ 98.765,50" in tekst  # beschikbaar, formatted as in the HTML report
    assert "Indiener geïnformeerd" in tekst  # ï from the embedded fonts
    assert "Geheimnaam" not in tekst


def test_stadsrapport_noemt_elke_wijk_met_totalen(client, wereld, groene_loper):
    client.force_login(groene_loper)
    r, doc = _pdf(client, PDF_STAD)
    assert r["Content-Disposition"].endswith('filename="kwartaalrapport-2026-Q2-stad.pdf"')
    assert doc.docinfo.Title == "Kwartaalrapportage Q2 2026: de hele stad"
    tekst = _tekst(doc)
    for naam in Wijk.objects.values_list("naam", flat=True):
        assert naam in tekst, naam
    # The city's totals, and Oosterheem's row in "Alle wijken" (new, overdue, received, within
    # the norm, spent): counted in tests/rapportage/conftest.py.
    assert "Nieuwe signalen 5 (kwartaal ervoor 2, een jaar eerder 1)" in tekst
    assert "er was nog € 148.765,50 beschikbaar" in tekst
    assert "Oosterheem (pilot) 4 2 2 50% € 1.000,00" in tekst
    assert "Seghwaert (pilot) 1 1 0 – € 0,00" in tekst


def test_vijandige_hoogtepunten_blijven_tekst(client, wereld, regisseur_a):
    acties.bewaar_hoogtepunten(
        wijk=wereld["oost"], kwartaal=Kwartaal(2026, 2), tekst=VIJANDIG, door=regisseur_a
    )
    client.force_login(regisseur_a)
    _, doc = _pdf(client, PDF)
    assert doc.docinfo.Title == "Kwartaalrapportage Q2 2026: Oosterheem"
    assert " ".join(VIJANDIG.split()) in _tekst(doc)
    # The highlight's line break stays one, as |linebreaksbr shows it in HTML.
    assert 'Gehackt")\nTweede regel.' in _tekst(doc, regels=True)


def test_typst_filter_maakt_een_stringliteral():
    assert typst('a "b" \\ #x') == '#"a \\"b\\" \\\\ #x";'
    assert typst("regel 1\n  regel 2\x00\x07 ") == '#"regel 1 regel 2";'
    assert typst("één\ntwee", "regels") == '#"één\\ntwee";'
    assert typst("€\u00a01.234,50", "code") == '"€\u00a01.234,50"'
    assert typst(Decimal("12.5")) == '#"12,5";'  # localised, as {{ }} shows it


def test_vastgesteld_of_actueel_zoals_de_pagina(client, wereld, wethouder):
    client.force_login(wethouder)
    assert (
        client.post(reverse("rapportage:vaststellen", args=[2026, 2, "oosterheem"])).status_code
        == 302
    )
    _, doc = _pdf(client, PDF)
    assert "Vastgesteld door" in _tekst(doc)
    _, doc = _pdf(client, PDF + "?live=1")
    assert "Actuele cijfers" in _tekst(doc)


def test_anoniem_krijgt_geen_pdf(client, wereld):
    assert client.get(PDF).status_code == 302
    assert (
        client.get(reverse("rapportage:rapport_pdf", args=[2026, 2, "meerzicht"])).status_code
        == 302
    )


def test_elke_waarde_gaat_door_het_typst_filter():
    """A value without |typst would be read as Typst markup: `{{ x }}` must end in |typst,
    except inside {% filter typst %}."""
    for sjabloon in (Path(settings.BASE_DIR) / "templates" / "rapportage").glob("*.typ"):
        tekst = re.sub(
            r"{% filter typst %}.*?{% endfilter %}", "", sjabloon.read_text(), flags=re.S
        )
        for waarde in re.findall(r"{{(.*?)}}", tekst):
            assert re.search(r'\|typst(:"(code|regels)")?\s*$', waarde), (
                f"{sjabloon.name}: {{{{{waarde}}}}}"
            )
