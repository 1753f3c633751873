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


class Keuzelijst(forms.Select):
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
    """The quick log's options, each read at most once per request.

    Django's ModelChoiceField queries its queryset to validate and again for every select it
    renders; after saving, the quick log renders a fresh form, so one POST read the same
    tables twice or three times. A view passes one Keuzelijsten to both forms.

    - wijk and thema: the objects themselves (validating returns one of them; no query);
    - focuspunt and regie_partner: only (pk, label) for the select, both in one query. A
      chosen one is validated with its own query (the form needs the real object).
    """

    def __init__(self, wijken):
        self._bronnen = {"wijk": wijken, "thema": Thema.objects.filter(actief=True)}
        self._lijsten = {}

    def zet(self, naam, objecten):
        """Options the view already has (the user's wijken)."""
        self._lijsten[naam] = objecten

    def objecten(self, naam):
        if naam not in self._lijsten:
            self._lijsten[naam] = list(self._bronnen[naam])
        return self._lijsten[naam]

    def labels(self, naam):
        if naam not in self._lijsten:
            self._lijsten.update(
                opties_in_een_query(focuspunt=(Focuspunt, "titel"), regie_partner=(Partner, "naam"))
            )
        return self._lijsten[naam]


def opties_in_een_query(**bronnen):
    """{naam: [(pk, label), ...]} from one UNION ALL query, each in its model's own order.

    `bronnen`: naam=(model, the field that its __str__ returns). For the option lists of
    small tables: one round trip instead of one per select. Plain SQL: the same UNION
    through the ORM (window, cast, union) took longer to compile than the round trip saved.
    """
    q = connection.ops.quote_name
    delen = []
    for nummer, (model, label) in enumerate(bronnen.values()):
        label_kolom = q(model._meta.get_field(label).column)
        volgorde = ", ".join(
            q(model._meta.get_field(v.lstrip("-")).column) + (" DESC" if v[0] == "-" else "")
            for v in model._meta.ordering
        )
        delen.append(
            f"SELECT {nummer:d}, ROW_NUMBER() OVER (ORDER BY {volgorde}), "
            f"{q(model._meta.pk.column)}, {label_kolom} FROM {q(model._meta.db_table)}"
        )
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(delen))
        rijen = sorted(cursor.fetchall())
    namen = list(bronnen)
    lijsten = {naam: [] for naam in namen}
    for nummer, _, pk, label in rijen:
        lijsten[namen[nummer]].append((pk, label))
    return lijsten


class _LijstIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.keuzelijsten is None:
            yield from super().__iter__()
        elif self.field.alleen_labels:
            yield from self.field.keuzelijsten.labels(self.field.lijst)
        else:
            for obj in self.field.keuzelijsten.objecten(self.field.lijst):
                yield self.choice(obj)

    def __len__(self):
        return sum(1 for _ in self)

    def __bool__(self):
        return self.field.empty_label is not None or bool(len(self))


class Keuzeveld(forms.ModelChoiceField):
    """A ModelChoiceField that takes its options from a shared Keuzelijsten (see there)."""

    iterator = _LijstIterator

    def __init__(self, *args, lijst, alleen_labels=False, **kwargs):
        self.lijst = lijst
        self.alleen_labels = alleen_labels
        self.keuzelijsten = None
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if self.keuzelijsten is None or self.alleen_labels or value in self.empty_values:
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
        widget=Keuzelijst(attrs=KIES),
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
        widget=Keuzelijst(attrs=KIES),
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
        widget=Keuzelijst(attrs=KIES),
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
        alleen_labels=True,
        label="Hoort bij focuspunt",
        # With its wijken, so checking the choice against the wijk (clean) needs no query.
        queryset=Focuspunt.objects.annotate(wijk_ids=ArrayAgg("wijken__id", default=[])),
        required=False,
        empty_label="Geen focuspunt",
        widget=Keuzelijst(attrs=KIES),
        error_messages={"invalid_choice": "Kies een focuspunt uit de lijst."},
    )
    regie_bij = forms.ChoiceField(
        label="Regie bij",
        choices=[("", "Nog niet bekend"), *Regie.choices],
        required=False,
        widget=Keuzelijst(attrs=KIES),
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
        alleen_labels=True,
        label="Partner of bedrijf",
        queryset=Partner.objects.all(),
        required=False,
        empty_label="Geen",
        widget=Keuzelijst(attrs=KIES),
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
