"""The shared select (wijkwerk.forms): Keuzemenu writes what Django's Select writes, and a
Keuzeveld takes its options from a Keuzelijsten read once."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from wijken.models import Wijk
from wijkwerk.forms import Keuzelijsten, Keuzemenu, Keuzeveld, veld

GEVAARLIJK = "<script>alert(\"a\")</script> & 'b'"

# Unsaved wijken: a Keuzeveld coupled to a Keuzelijsten needs no database.
WIJKEN = [
    Wijk(pk=1, slug="noord", naam="Noord"),
    Wijk(pk=2, slug="zuid", naam=GEVAARLIJK),
    Wijk(pk=3, slug="oost", naam="Oost"),
]


class Formulier(forms.Form):
    wijk = Keuzeveld(
        label="Wijk",
        queryset=Wijk.objects.all(),
        to_field_name="slug",
        empty_label="Kies een wijk",
        widget=Keuzemenu(attrs={"class": "utrecht-select"}),
        error_messages={"required": "Kies de wijk.", "invalid_choice": "Kies een wijk."},
    )
    soort = forms.ChoiceField(
        label="Soort",
        choices=[("", "Alle soorten"), ("a", "A & B"), ("c", GEVAARLIJK)],
        required=False,
        help_text="Waar het over gaat.",
        widget=Keuzemenu(attrs={"class": "utrecht-select"}),
    )
    tekst = forms.CharField(label="Tekst")

    def __init__(self, *args, keuzelijsten=None, **kwargs):
        super().__init__(*args, **kwargs)
        (keuzelijsten or Keuzelijsten(wijk=WIJKEN)).koppel(self)


def _tags(html) -> str:
    # Django's widget templates put whitespace between the options, which browsers ignore;
    # MarkupSafe (Jinja2) writes &#34; and &#39; where Django writes &quot; and &#x27;.
    html = str(html).replace("&#34;", "&quot;").replace("&#39;", "&#x27;")
    return re.sub(r">\s+<", "><", html)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"wijk": "zuid", "soort": "c", "tekst": ""},
        {"wijk": "bestaat-niet", "soort": "x", "tekst": "iets"},
    ],
)
@pytest.mark.parametrize("renderer", [None, DjangoTemplates()])
def test_keuzemenu_schrijft_wat_djangos_select_schrijft(data, renderer):
    """The same attributes in the same order, the same options, selected and escaped."""
    form = Formulier(data, renderer=renderer)
    django_ = Formulier(data, renderer=renderer)
    for naam in ("wijk", "soort"):
        django_.fields[naam].widget = forms.Select(attrs={"class": "utrecht-select"})
        django_.fields[naam].widget.choices = django_.fields[naam].choices
    if data is not None:
        form.is_valid(), django_.is_valid()
    for naam in ("wijk", "soort"):
        assert _tags(form[naam]) == _tags(django_[naam]), naam


def test_lege_keuze_eerst_en_gekozen_zolang_niets_gekozen_is():
    html = veld(Formulier()["wijk"])
    assert '<label class="utrecht-form-label" for="id_wijk">Wijk</label>' in html
    assert (
        '<select name="wijk" class="utrecht-select" required id="id_wijk">'
        '<option value="" selected>Kies een wijk</option><option value="noord">Noord</option>'
    ) in html
    # Not required: the empty option says what leaving it means, and no `required`.
    html = veld(Formulier()["soort"])
    assert "Soort (niet verplicht)" in html
    assert (
        '<select name="soort" class="utrecht-select" aria-describedby="id_soort_helptext" '
        'id="id_soort"><option value="" selected>Alle soorten</option>'
    ) in html


def test_gekozen_waarde_blijft_na_een_fout_elders():
    form = Formulier({"wijk": "zuid", "soort": "c", "tekst": ""})
    assert not form.is_valid() and list(form.errors) == ["tekst"]
    assert form.cleaned_data["wijk"] is WIJKEN[1]  # the object from the list, no query
    wijk = veld(form["wijk"])
    soort = veld(form["soort"])
    assert '<option value="zuid" selected>' in wijk
    assert wijk.count(" selected") == 1 and soort.count(" selected") == 1
    assert '<option value="c" selected>' in soort
    assert "aria-invalid" not in wijk + soort


def test_fout_bij_de_keuze_zelf_is_beschreven_en_niets_gekozen():
    form = Formulier({"wijk": "bestaat-niet", "tekst": "iets"})
    assert not form.is_valid() and form.errors["wijk"] == ["Kies een wijk."]
    html = veld(form["wijk"])
    assert '<div class="utrecht-form-field-error-message" id="id_wijk_error">Kies een wijk.' in html
    assert (
        '<select name="wijk" class="utrecht-select" required aria-invalid="true" '
        'aria-describedby="id_wijk_error" id="id_wijk">'
    ) in html
    assert " selected" not in html


def test_labels_met_html_worden_tekst():
    form = Formulier()
    for naam in ("wijk", "soort"):
        html = str(form[naam])
        assert "<script>" not in html
        assert "&lt;script&gt;alert(&quot;a&quot;)&lt;/script&gt; &amp; &#x27;b&#x27;" in html
    assert '<option value="a">A &amp; B</option>' in str(form["soort"])


def test_optgroups_schrijft_django_zelf():
    class MetGroepen(forms.Form):
        keuze = forms.ChoiceField(
            choices=[("Groep <1>", [("a", "A")]), ("b", "B")], widget=Keuzemenu
        )

    html = str(MetGroepen({"keuze": "a"})["keuze"])
    assert '<optgroup label="Groep &lt;1&gt;">' in html
    assert '<option value="a" selected>A</option>' in html


@pytest.mark.django_db
def test_lijst_eenmaal_gelezen_voor_alle_formulieren(referentie, django_assert_num_queries):
    """Validating, the form with errors and a fresh form: one query for the wijken."""
    wijk = Wijk.objects.order_by("naam").last()
    keuzelijsten = Keuzelijsten(wijk=Wijk.objects.all())
    with django_assert_num_queries(1):
        fout = Formulier({"wijk": wijk.slug, "tekst": ""}, keuzelijsten=keuzelijsten)
        assert not fout.is_valid() and fout.cleaned_data["wijk"] == wijk
        html = str(fout["wijk"]) + str(Formulier(keuzelijsten=keuzelijsten)["wijk"])
    assert f'<option value="{wijk.slug}" selected>' in html
    assert html.count("<option") == 2 * (Wijk.objects.count() + 1)


@pytest.mark.django_db
def test_niet_gekoppeld_is_het_een_gewone_modelchoicefield(referentie):
    """What a view validates against can be more than it offers (see initiatieven.agendeer)."""

    class Los(forms.Form):
        wijk = Keuzeveld(queryset=Wijk.objects.all(), to_field_name="slug")

    wijk = Wijk.objects.first()
    form = Los({"wijk": wijk.slug})
    assert form.is_valid() and form.cleaned_data["wijk"] == wijk
    assert len(form.fields["wijk"].choices) == Wijk.objects.count() + 1


class Velden(forms.Form):
    naam = forms.CharField(label="Naam <en> adres", help_text="Zoals op de <deurbel>.")
    akkoord = forms.BooleanField(label="Akkoord", required=False, help_text="Vink aan.")
    datum = forms.DateField(label="Datum", required=False)


def test_veld_schrijft_label_uitleg_fout_en_invoer_in_volgorde():
    form = Velden({"naam": "x" * 3, "datum": "morgen"})
    form.add_error("datum", "Niet in de toekomst & <b>niet</b> leeg.")
    assert not form.is_valid()
    datum = veld(form["datum"])
    # Label, the errors (both, escaped, one space apart), then the input that names them.
    assert datum.startswith(
        '<div class="utrecht-form-field utrecht-form-field--invalid">\n'
        '<div class="utrecht-form-field__label"><label class="utrecht-form-label" for="id_datum">'
        "Datum (niet verplicht)</label></div>\n"
        '<div class="utrecht-form-field-error-message" id="id_datum_error">Voer een geldige datum '
        "in. Niet in de toekomst &amp; &lt;b&gt;niet&lt;/b&gt; leeg.</div>\n"
        '<div class="utrecht-form-field__input"><input type="text" name="datum" value="morgen"'
    )
    assert 'aria-invalid="true"' in datum and datum.endswith("</div>\n</div>")
    naam = veld(form["naam"])
    assert "Naam &lt;en&gt; adres</label>" in naam and "verplicht" not in naam
    assert 'id="id_naam_helptext">Zoals op de &lt;deurbel&gt;.</div>' in naam
    # A checkbox comes before its label, and is never "niet verplicht".
    akkoord = veld(form["akkoord"])
    assert akkoord.index('type="checkbox"') < akkoord.index("<label")
    assert "utrecht-form-field--checkbox" in akkoord and "verplicht" not in akkoord
    # In a form of filters no field is marked optional.
    form.alleen_filters = True
    assert "verplicht" not in veld(form["datum"])
