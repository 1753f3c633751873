import uuid

from django import forms
from django.contrib.postgres.aggregates import ArrayAgg
from django.db import connection
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from signalen.models import (
    OMSCHRIJVING_MAX,
    TOELICHTING_MAX,
    Bron,
    Regie,
    Status,
    Thema,
)
from wijken.forms import DatumInput
from wijken.models import Focuspunt, Partner, Wijk


class Keuzemenu(forms.Select):
    """forms.Select with the same markup, written in Python.

    Django renders every <option> through a template of its own: on the quick log, with six
    selects, that was most of the page's render time. The attributes (required, aria-invalid,
    aria-describedby, id) still come from Django's get_context, in the same order.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        delen = [f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for groep, opties, _ in widget["optgroups"]:
            if groep:  # no optgroups here; let Django write them if they ever come
                return super().render(name, value, attrs, renderer)
            for optie in opties:
                delen.append(
                    f'<option value="{escape(optie["value"])}"{_attrs(optie["attrs"])}>'
                    f"{escape(optie['label'])}</option>"
                )
        delen.append("</select>")
        return mark_safe("".join(delen))


def _attrs(attrs) -> str:
    # As django/forms/widgets/attrs.html.
    return "".join(
        f" {naam}" if waarde is True else f' {naam}="{escape(waarde)}"'
        for naam, waarde in attrs.items()
        if waarde is not False
    )


KIES = {"class": "utrecht-select"}
TEKST = {"class": "utrecht-textbox"}
VAK = {"class": "utrecht-textarea", "rows": 4}

TE_LANG = "Maak de tekst korter: maximaal %(limit_value)d tekens (nu %(show_value)d)."


class Keuzelijsten:
    """The quick log's options, each read at most once per request, as model objects.

    Django's ModelChoiceField queries its queryset to validate and again for every select it
    renders; after saving, the quick log renders a fresh form, so one POST read the same
    tables twice or three times. A view passes one Keuzelijsten to both forms: the wijken
    come from the view, the active thema's, the focuspunten (with their wijken) and the
    partners from one query (_kleine_lijsten). Validating a choice looks it up in its list.
    """

    def __init__(self, wijken):
        self._wijken = wijken
        self._lijsten = {}

    def zet(self, naam, objecten):
        """Options the view already has (the user's wijken)."""
        self._lijsten[naam] = objecten

    def objecten(self, naam):
        if naam not in self._lijsten:
            if naam == "wijk":
                self._lijsten["wijk"] = list(self._wijken)
            else:
                self._lijsten.update(_kleine_lijsten())
        return self._lijsten[naam]


def _kleine_lijsten() -> dict:
    """{"thema": [...], "focuspunt": [...], "regie_partner": [...]} from one UNION ALL query.

    Each list in its model's own order (as its queryset in SnelSignaalForm would give it).
    A focuspunt carries `wijk_ids`, as the field's queryset annotates it; of a focuspunt
    and a partner only the label is read (the rest loads if asked for, like .only()).
    Plain SQL: the same UNION through the ORM took longer to compile than it saved.
    """
    q = connection.ops.quote_name

    def kolom(model, veld):
        return f"{q(model._meta.db_table)}.{q(model._meta.get_field(veld).column)}"

    def volgorde(model):
        return ", ".join(
            kolom(model, v.lstrip("-")) + (" DESC" if v[0] == "-" else "")
            for v in model._meta.ordering
        )

    via = Focuspunt.wijken.through._meta
    fp_wijken = (
        f"ARRAY(SELECT {q(via.get_field('wijk').column)} FROM {q(via.db_table)} "
        f"WHERE {q(via.get_field('focuspunt').column)} = {kolom(Focuspunt, 'id')})"
    )
    sql = " UNION ALL ".join(
        [
            f"SELECT 0, ROW_NUMBER() OVER (ORDER BY {volgorde(Thema)}), {kolom(Thema, 'id')}, "
            f"{kolom(Thema, 'naam')}, {kolom(Thema, 'normdagen')}, NULL::bigint[] "
            f"FROM {q(Thema._meta.db_table)} WHERE {kolom(Thema, 'actief')}",
            f"SELECT 1, ROW_NUMBER() OVER (ORDER BY {volgorde(Focuspunt)}), "
            f"{kolom(Focuspunt, 'id')}, {kolom(Focuspunt, 'titel')}, NULL, {fp_wijken} "
            f"FROM {q(Focuspunt._meta.db_table)}",
            f"SELECT 2, ROW_NUMBER() OVER (ORDER BY {volgorde(Partner)}), "
            f"{kolom(Partner, 'id')}, {kolom(Partner, 'naam')}, NULL, NULL "
            f"FROM {q(Partner._meta.db_table)}",
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rijen = sorted(cursor.fetchall(), key=lambda rij: rij[:2])
    lijsten = {"thema": [], "focuspunt": [], "regie_partner": []}
    db = connection.alias
    for soort, _, pk, label, normdagen, wijk_ids in rijen:
        if soort == 0:
            obj = Thema.from_db(
                db, ["id", "naam", "normdagen", "actief"], (pk, label, normdagen, True)
            )
            lijsten["thema"].append(obj)
        elif soort == 1:
            obj = Focuspunt.from_db(db, ["id", "titel"], (pk, label))
            obj.wijk_ids = wijk_ids
            lijsten["focuspunt"].append(obj)
        else:
            lijsten["regie_partner"].append(Partner.from_db(db, ["id", "naam"], (pk, label)))
    return lijsten


class _LijstIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.keuzelijsten is None:
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.keuzelijsten.objecten(self.field.lijst):
            yield self.choice(obj)

    def __len__(self):
        return sum(1 for _ in self)

    def __bool__(self):
        return self.field.empty_label is not None or bool(len(self))


class Keuzeveld(forms.ModelChoiceField):
    """A ModelChoiceField that takes its options from a shared Keuzelijsten (see there)."""

    iterator = _LijstIterator

    def __init__(self, *args, lijst, **kwargs):
        self.lijst = lijst
        self.keuzelijsten = None
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if self.keuzelijsten is None or value in self.empty_values:
            return super().to_python(value)
        if isinstance(value, self.queryset.model):
            value = value.pk
        for obj in self.keuzelijsten.objecten(self.lijst):
            if str(obj.pk) == str(value):
                return obj
        raise forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class SnelSignaalForm(forms.Form):
    """The quick log: wijk, thema and omschrijving required, the rest behind 'meer'."""

    wijk = Keuzeveld(
        lijst="wijk",
        label="Wijk",
        queryset=Wijk.objects.none(),
        empty_label=None,
        widget=Keuzemenu(attrs=KIES),
        error_messages={
            "required": "Kies de wijk.",
            "invalid_choice": "Kies een van uw eigen wijken.",
        },
    )
    thema = Keuzeveld(
        lijst="thema",
        label="Thema",
        queryset=Thema.objects.filter(actief=True),
        empty_label="Kies een thema",
        widget=Keuzemenu(attrs=KIES),
        error_messages={"required": "Kies een thema.", "invalid_choice": "Kies een thema."},
    )
    omschrijving = forms.CharField(
        label="Wat ziet of hoort u?",
        max_length=OMSCHRIJVING_MAX,
        widget=forms.Textarea(attrs=VAK),
        error_messages={"required": "Beschrijf kort wat er speelt.", "max_length": TE_LANG},
    )
    bevat_persoonsgegevens = forms.BooleanField(
        label="Dit signaal bevat persoonsgegevens (naam, adres of iets over één persoon)",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "utrecht-checkbox"}),
    )
    bron = forms.ChoiceField(
        label="Van wie komt het signaal?",
        choices=Bron.choices,
        initial=Bron.EIGEN,
        required=False,
        widget=Keuzemenu(attrs=KIES),
    )
    waargenomen_op = forms.DateField(
        label="Waargenomen op",
        required=False,
        widget=DatumInput(),
        help_text="Leeg laten voor vandaag.",
        error_messages={"invalid": "Vul een geldige datum in, bijvoorbeeld 3-2-2025."},
    )
    gemeld_door = forms.CharField(
        label="Gemeld door",
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs=TEKST),
        error_messages={"max_length": TE_LANG},
    )
    focuspunt = Keuzeveld(
        lijst="focuspunt",
        label="Hoort bij focuspunt",
        # With its wijken, so checking the choice against the wijk (clean) needs no query.
        queryset=Focuspunt.objects.annotate(wijk_ids=ArrayAgg("wijken__id", default=[])),
        required=False,
        empty_label="Geen focuspunt",
        widget=Keuzemenu(attrs=KIES),
        error_messages={"invalid_choice": "Kies een focuspunt uit de lijst."},
    )
    regie_bij = forms.ChoiceField(
        label="Regie bij",
        choices=[("", "Nog niet bekend"), *Regie.choices],
        required=False,
        widget=Keuzemenu(attrs=KIES),
    )
    regie_afdeling = forms.CharField(
        label="Afdeling van de gemeente",
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs=TEKST),
        error_messages={"max_length": TE_LANG},
    )
    regie_partner = Keuzeveld(
        lijst="regie_partner",
        label="Partner of bedrijf",
        queryset=Partner.objects.all(),
        required=False,
        empty_label="Geen",
        widget=Keuzemenu(attrs=KIES),
        error_messages={"invalid_choice": "Kies een partner uit de lijst."},
    )
    idempotentie_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, wijken, keuzelijsten=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wijk"].queryset = wijken
        self.keuzelijsten = keuzelijsten or Keuzelijsten(wijken)
        for naam in ("wijk", "thema", "focuspunt", "regie_partner"):
            self.fields[naam].keuzelijsten = self.keuzelijsten
        if not self.is_bound:
            self.initial.setdefault("idempotentie_token", uuid.uuid4())

    def clean_waargenomen_op(self):
        datum = self.cleaned_data["waargenomen_op"]
        if datum and datum > timezone.localdate():
            raise forms.ValidationError("Deze datum ligt in de toekomst. Kies vandaag of eerder.")
        return datum

    def clean(self):
        data = super().clean()
        wijk, focuspunt = data.get("wijk"), data.get("focuspunt")
        if wijk and focuspunt and wijk.pk not in focuspunt.wijk_ids:
            self.add_error("focuspunt", f"Dit focuspunt hoort niet bij {wijk}.")
        regie, partner = data.get("regie_bij"), data.get("regie_partner")
        if partner and regie not in (Regie.PARTNER, Regie.BEDRIJF):
            self.add_error(
                "regie_partner", "Kies ‘partner’ of ‘bedrijf’ bij Regie bij, of laat dit leeg."
            )
        if regie in (Regie.PARTNER, Regie.BEDRIJF) and not partner:
            self.add_error("regie_partner", "Kies de partner of het bedrijf met de regie.")
        if regie != Regie.GEMEENTE:
            data["regie_afdeling"] = ""
        data["bron"] = data.get("bron") or Bron.EIGEN
        return data


class FilterForm(forms.Form):
    """The list's filters; they live in the URL so a list can be shared and bookmarked."""

    q = forms.CharField(
        label="Zoeken in de omschrijving",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={**TEKST, "type": "search"}),
    )
    wijk = forms.ModelChoiceField(
        label="Wijk",
        queryset=Wijk.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Alle wijken",
        widget=forms.Select(attrs=KIES),
        error_messages={"invalid_choice": "Deze wijk bestaat niet."},
    )
    thema = forms.ModelChoiceField(
        label="Thema",
        queryset=Thema.objects.all(),
        required=False,
        empty_label="Alle thema's",
        widget=forms.Select(attrs=KIES),
        error_messages={"invalid_choice": "Dit thema bestaat niet."},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=[("", "Alle statussen"), ("open", "alle open signalen"), *Status.choices],
        required=False,
        widget=forms.Select(attrs=KIES),
    )
    regie = forms.ChoiceField(
        label="Regie bij",
        choices=[("", "Iedereen"), *Regie.choices],
        required=False,
        widget=forms.Select(attrs=KIES),
    )
    van = forms.DateField(
        label="Gemeld vanaf",
        required=False,
        widget=DatumInput(),
        error_messages={"invalid": "Vul een geldige datum in."},
    )
    tot = forms.DateField(
        label="Gemeld tot en met",
        required=False,
        widget=DatumInput(),
        error_messages={"invalid": "Vul een geldige datum in."},
    )
    te_laat = forms.BooleanField(
        label="Alleen signalen die te laat zijn",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "utrecht-checkbox"}),
    )


class OvergangForm(forms.Form):
    naar = forms.ChoiceField(
        label="Wat wilt u doen?",
        choices=Status.choices,
        widget=forms.RadioSelect(attrs={"class": "utrecht-radio-button"}),
        error_messages={
            "required": "Kies wat u met het signaal wilt doen.",
            "invalid_choice": "Kies een van de mogelijkheden.",
        },
    )
    toelichting = forms.CharField(
        label="Toelichting",
        max_length=TOELICHTING_MAX,
        required=False,
        widget=forms.Textarea(attrs={**VAK, "rows": 3}),
        help_text="Verplicht bij afsluiten zonder oplossing.",
        error_messages={"max_length": TE_LANG},
    )
    verwacht = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)

    def __init__(self, *args, signaal, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer only the transitions from the status the user sees, but accept any status:
        # acties.zet_status decides, so a stale form gets the "changed meanwhile" message.
        self.fields["naar"].widget.choices = list(signaal.overgangen().items())
        self.initial.setdefault("verwacht", signaal.status)


class NotitieForm(forms.Form):
    tekst = forms.CharField(
        label="Nieuwe notitie",
        max_length=TOELICHTING_MAX,
        widget=forms.Textarea(attrs={**VAK, "rows": 3}),
        error_messages={"required": "Schrijf eerst een notitie.", "max_length": TE_LANG},
    )
