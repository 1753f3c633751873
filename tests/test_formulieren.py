"""Form fields (templates/forms/veld.html through Django's renderer) and data-list rows
({% gegeven %}) in NL Design System markup."""

from django import forms


class Velden(forms.Form):
    naam = forms.CharField(label="Naam <en> adres", help_text="Zoals op de <deurbel>.")
    akkoord = forms.BooleanField(label="Akkoord", required=False, help_text="Vink aan.")
    datum = forms.DateField(label="Datum", required=False)


def test_een_veld_schrijft_label_uitleg_fout_en_invoer_in_volgorde():
    form = Velden({"naam": "x" * 3, "datum": "morgen"})
    form.add_error("datum", "Niet in de toekomst & <b>niet</b> leeg.")
    assert not form.is_valid()
    datum = str(form["datum"].as_field_group())
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
    naam = str(form["naam"].as_field_group())
    assert "Naam &lt;en&gt; adres</label>" in naam and "verplicht" not in naam
    assert 'id="id_naam_helptext">Zoals op de &lt;deurbel&gt;.</div>' in naam
    # A checkbox comes before its label, and is never "niet verplicht".
    akkoord = str(form["akkoord"].as_field_group())
    assert akkoord.index('type="checkbox"') < akkoord.index("<label")
    assert "utrecht-form-field--checkbox" in akkoord and "verplicht" not in akkoord
    # In a form of filters no field is marked optional.
    form.alleen_filters = True
    assert "verplicht" not in str(form["datum"].as_field_group())


def test_gegeven_schrijft_een_rij_van_een_datalijst():
    from django.template import engines

    sjabloon = engines["django"].from_string(
        '{% gegeven label %}<a href="/x">{{ waarde }}</a>{% endgegeven %}'
    )
    html = sjabloon.render({"label": "Naam <en> adres", "waarde": "<b>vet</b>"})
    assert html == (
        '<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">'
        "Naam &lt;en&gt; adres</dt>"
        '<dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">'
        '<a href="/x">&lt;b&gt;vet&lt;/b&gt;</a></dd></div>'
    )


def test_foutoverzicht_krijgt_de_focus_en_linkt_naar_elk_veld():
    from django.template.loader import render_to_string

    class Vraag(forms.Form):
        wat = forms.CharField(label="Wat wilt u doen?")

    form = Vraag({})
    assert not form.is_valid()
    html = render_to_string("includes/foutoverzicht.html", {"form": form})
    # Every form's summary takes the focus, so nobody starts again at the menu.
    assert 'role="alert" aria-labelledby="foutoverzicht-titel" tabindex="-1" autofocus>' in html
    assert (
        '<a class="utrecht-link" href="#id_wat">Wat wilt u doen: Dit veld is verplicht.</a>' in html
    )
    assert render_to_string("includes/foutoverzicht.html", {"form": Vraag()}).strip() == ""


def test_keuzerondjes_en_vinkjes_tonen_wat_gekozen_is():
    from wijkwerk.forms import Keuzerondjes, Vinkjes

    class Keuzes(forms.Form):
        een = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=Keuzerondjes())
        meer = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")], widget=Vinkjes())

    form = Keuzes({"een": "b", "meer": ["y"]})
    # The --html-input modifier is what draws the checked state in the component library.
    een, meer = str(form["een"]), str(form["meer"])
    rondje = 'class="utrecht-radio-button utrecht-radio-button--html-input"'
    vinkje = 'class="utrecht-checkbox utrecht-checkbox--html-input"'
    assert f'{rondje} required id="id_een_1" checked' in een
    assert f'{vinkje} id="id_meer_1" checked' in meer
    # The error summary links to the first choice.
    assert form["een"].id_for_label == "id_een_0" and form["meer"].id_for_label == "id_meer_0"
