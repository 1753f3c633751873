import uuid
from functools import cache

from django import forms
from django.contrib.postgres.aggregates import ArrayAgg
from django.db import connection
from django.utils import timezone

from signalen.acties import versie
from signalen.models import (
    GEGEVENS,
    OMSCHRIJVING_MAX,
    TOELICHTING_MAX,
    Bron,
    Regie,
    Status,
    Thema,
)
from wijken.forms import DatumInput
from wijken.models import Focuspunt, Partner, Wijk
from wijkwerk.forms import Keuzelijsten, Keuzemenu, Keuzeveld
from wijkwerk.sql import kolom, lijsten, tabel

TEKST = {"class": "utrecht-textbox"}
VAK = {"class": "utrecht-textarea", "rows": 4}

TE_LANG = "Maak de tekst korter: maximaal %(limit_value)d tekens (nu %(show_value)d)."


def snel_keuzelijsten(wijk_ids) -> Keuzelijsten:
    """The quick log's option lists, each read at most once per request, as model objects.

    After saving, the quick log renders a fresh form, so one POST read the same tables two or
    three times; the view passes one Keuzelijsten to both forms. The user's wijken (by pk,
    rollen.regisseur_wijk_ids), the active thema's, the focuspunten (with their wijken) and the
    partners come from one query (_kleine_lijsten).
    """
    return Keuzelijsten(lambda: _kleine_lijsten(wijk_ids))


@cache
def _kleine_lijsten_delen() -> tuple:
    via = Focuspunt.wijken.through
    fp_wijken = (
        f"ARRAY(SELECT {kolom(via, 'wijk')} FROM {tabel(via)} "
        f"WHERE {kolom(via, 'focuspunt')} = {kolom(Focuspunt, 'id')})"
    )
    return (
        (
            Thema,
            (kolom(Thema, "id"), kolom(Thema, "naam"), kolom(Thema, "normdagen")),
            kolom(Thema, "actief"),
        ),
        (Focuspunt, (kolom(Focuspunt, "id"), kolom(Focuspunt, "titel"), fp_wijken), ""),
        (Partner, (kolom(Partner, "id"), kolom(Partner, "naam")), ""),
        (Wijk, (kolom(Wijk, "id"), kolom(Wijk, "naam")), f"{kolom(Wijk, 'id')} = ANY(%s)"),
    )


def _kleine_lijsten(wijk_ids=()) -> dict:
    """{"thema": [...], "focuspunt": [...], "regie_partner": [...], "wijk": [...]} from one
    query (wijkwerk.sql.lijsten); "wijk" holds the wijken of `wijk_ids`.

    Each list in its model's own order (as its queryset in SnelSignaalForm would give it).
    A focuspunt carries `wijk_ids`, as the field's queryset annotates it; of a focuspunt,
    a partner and a wijk only the label is read (the rest loads if asked for, like .only()).
    Plain SQL: the same UNION through the ORM took longer to compile than it saved.
    """
    themas, focuspunten, partners, wijken = lijsten(_kleine_lijsten_delen(), [list(wijk_ids)])
    db = connection.alias
    punten = []
    for pk, titel, fp_wijken in focuspunten:
        punt = Focuspunt.from_db(db, ["id", "titel"], (pk, titel))
        punt.wijk_ids = fp_wijken
        punten.append(punt)
    return {
        "thema": [
            Thema.from_db(db, ["id", "naam", "normdagen", "actief"], (*rij, True)) for rij in themas
        ],
        "focuspunt": punten,
        "regie_partner": [Partner.from_db(db, ["id", "naam"], rij) for rij in partners],
        "wijk": [Wijk.from_db(db, ["id", "naam"], rij) for rij in wijken],
    }


class SignaalGegevensForm(forms.Form):
    """A signal's own data: the fields and rules the quick log and the edit page share.

    The wijk is not here: the quick log asks for it, the edit page keeps the signal's own
    (`wijk_van` gives it to clean, which checks the focuspunt against it).
    """

    thema = Keuzeveld(
        label="Thema",
        queryset=Thema.objects.filter(actief=True),
        empty_label="Kies een thema",
        widget=Keuzemenu(),
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
        widget=Keuzemenu(),
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
        label="Hoort bij focuspunt",
        # With its wijken, so checking the choice against the wijk (clean) needs no query.
        queryset=Focuspunt.objects.annotate(wijk_ids=ArrayAgg("wijken__id", default=[])),
        required=False,
        empty_label="Geen focuspunt",
        widget=Keuzemenu(),
        error_messages={"invalid_choice": "Kies een focuspunt uit de lijst."},
    )
    regie_bij = forms.ChoiceField(
        label="Regie bij",
        choices=[("", "Nog niet bekend"), *Regie.choices],
        required=False,
        widget=Keuzemenu(),
    )
    regie_afdeling = forms.CharField(
        label="Afdeling van de gemeente",
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs=TEKST),
        error_messages={"max_length": TE_LANG},
    )
    regie_partner = Keuzeveld(
        label="Partner of bedrijf",
        queryset=Partner.objects.all(),
        required=False,
        empty_label="Geen",
        widget=Keuzemenu(),
        error_messages={"invalid_choice": "Kies een partner uit de lijst."},
    )

    def wijk_van(self, data):
        raise NotImplementedError

    def clean_waargenomen_op(self):
        datum = self.cleaned_data["waargenomen_op"]
        if datum and datum > timezone.localdate():
            raise forms.ValidationError("Deze datum ligt in de toekomst. Kies vandaag of eerder.")
        return datum

    def clean(self):
        data = super().clean()
        wijk, focuspunt = self.wijk_van(data), data.get("focuspunt")
        if wijk and focuspunt and wijk.pk not in focuspunt.wijk_ids:
            self.add_error("focuspunt", f"Dit focuspunt hoort niet bij {wijk}.")
        regie, partner = data.get("regie_bij"), data.get("regie_partner")
        if partner and regie not in (Regie.PARTNER, Regie.BEDRIJF):
            self.add_error(
                "regie_partner", "Kies ‘partner’ of ‘bedrijf’ bij Regie bij, of laat dit leeg."
            )
        if regie in (Regie.PARTNER, Regie.BEDRIJF) and not partner:
            self.add_error("regie_partner", "Kies de partner of het bedrijf met de regie.")
        # Said rather than dropped: the user typed it for a reason.
        if data.get("regie_afdeling") and regie != Regie.GEMEENTE:
            self.add_error(
                "regie_afdeling",
                "Een afdeling hoort bij regie ‘gemeente’. Kies die, of maak dit leeg.",
            )
        data["bron"] = data.get("bron") or Bron.EIGEN
        return data

    def gegevens(self) -> dict:
        """The cleaned values of the signal's fields (GEGEVENS), as the model takes them."""
        return {naam: self.cleaned_data[naam] for naam in GEGEVENS}


class _EenmaalForm(forms.Form):
    """A form that, sent twice (double click, resent), saves once: acties._eenmaal."""

    idempotentie_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotentie_token", uuid.uuid4())


class SnelSignaalForm(_EenmaalForm, SignaalGegevensForm):
    """The quick log: wijk, thema and omschrijving required, the rest behind 'meer'."""

    wijk = Keuzeveld(
        label="Wijk",
        queryset=Wijk.objects.none(),
        empty_label=None,
        widget=Keuzemenu(),
        error_messages={
            "required": "Kies de wijk.",
            "invalid_choice": "Kies een van uw eigen wijken.",
        },
    )
    field_order = ["wijk", *GEGEVENS]

    def __init__(self, *args, keuzelijsten, **kwargs):
        super().__init__(*args, **kwargs)
        keuzelijsten.koppel(self)

    def wijk_van(self, data):
        return data.get("wijk")


class SignaalWijzigenForm(SignaalGegevensForm):
    """Change a signal's data afterwards; the wijk stays (it decides who may see it)."""

    verwacht = forms.CharField(
        widget=forms.HiddenInput,
        max_length=200,
        error_messages={"required": "Het formulier is niet compleet. Open de pagina opnieuw."},
    )

    def __init__(self, *args, signaal, **kwargs):
        initial = {naam: getattr(signaal, naam) for naam in GEGEVENS}
        initial["verwacht"] = versie(signaal)
        super().__init__(*args, initial={**initial, **kwargs.pop("initial", {})}, **kwargs)
        self.signaal = signaal
        # Once saved, the date is known: an empty field would not mean "today" any more.
        datum = self.fields["waargenomen_op"]
        datum.required, datum.help_text = True, ""
        datum.error_messages["required"] = "Vul in op welke dag het is waargenomen."
        Keuzelijsten(lambda: _met_eigen_thema(signaal)).koppel(self)

    def wijk_van(self, data):
        return self.signaal.wijk


def _met_eigen_thema(signaal) -> dict:
    """The quick log's lists, plus the signal's own thema if it is no longer active.

    Otherwise a signal with a retired thema could not be saved without choosing another.
    """
    lijsten = _kleine_lijsten()
    if all(t.pk != signaal.thema_id for t in lijsten["thema"]):
        lijsten["thema"] = sorted([*lijsten["thema"], signaal.thema], key=lambda t: t.naam)
    return lijsten


class FilterForm(forms.Form):
    """The list's filters; they live in the URL so a list can be shared and bookmarked."""

    # Every filter is optional: "(niet verplicht)" at each label said nothing ({% veld %}).
    alleen_filters = True

    q = forms.CharField(
        label="Zoeken in de omschrijving",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={**TEKST, "type": "search"}),
    )
    wijk = Keuzeveld(
        label="Wijk",
        queryset=Wijk.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Alle wijken",
        widget=Keuzemenu(),
        error_messages={"invalid_choice": "Deze wijk bestaat niet."},
    )
    thema = Keuzeveld(
        label="Thema",
        queryset=Thema.objects.all(),
        required=False,
        empty_label="Alle thema's",
        widget=Keuzemenu(),
        error_messages={"invalid_choice": "Dit thema bestaat niet."},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=[("", "Alle statussen"), ("open", "alle open signalen"), *Status.choices],
        required=False,
        widget=Keuzemenu(),
    )
    regie = forms.ChoiceField(
        label="Regie bij",
        choices=[("", "Iedereen"), *Regie.choices],
        required=False,
        widget=Keuzemenu(),
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Validating a wijk or thema and writing the selects read each table once, both in
        # one query.
        Keuzelijsten(_filterlijsten).koppel(self)


@cache
def _filterlijsten_delen() -> tuple:
    return (
        (Wijk, (kolom(Wijk, "id"), kolom(Wijk, "naam"), kolom(Wijk, "slug")), ""),
        (Thema, (kolom(Thema, "id"), kolom(Thema, "naam")), ""),
    )


def _filterlijsten() -> dict:
    """{"wijk": [...], "thema": [...]}: every wijk and thema (a retired one still has its
    signals), each in its model's order, from one query (wijkwerk.sql.lijsten). Of a wijk
    only what the select and the filter use (slug and naam), of a thema its naam."""
    wijken, themas = lijsten(_filterlijsten_delen())
    db = connection.alias
    return {
        "wijk": [Wijk.from_db(db, ["id", "naam", "slug"], rij) for rij in wijken],
        "thema": [Thema.from_db(db, ["id", "naam"], rij) for rij in themas],
    }


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
        help_text="Nodig bij afsluiten zonder oplossing: schrijf dan op waarom.",
        error_messages={"max_length": TE_LANG},
    )
    verwacht = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)

    def __init__(self, *args, signaal, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer only the transitions from the status the user sees, but accept any status:
        # acties.zet_status decides, so a stale form gets the "changed meanwhile" message.
        overgangen = dict(signaal.overgangen())
        # Passing on needs someone to pass it to (acties.zet_status refuses it without a
        # regie): not offered, the page says what is needed instead.
        self.doorzetten_na_regie = (
            not signaal.regie_bij and overgangen.pop(Status.DOORGEZET, None) is not None
        )
        self.fields["naar"].widget.choices = list(overgangen.items())
        self.initial.setdefault("verwacht", signaal.status)


class NotitieForm(_EenmaalForm):
    tekst = forms.CharField(
        label="Nieuwe notitie",
        max_length=TOELICHTING_MAX,
        widget=forms.Textarea(attrs={**VAK, "rows": 3}),
        error_messages={"required": "Schrijf eerst een notitie.", "max_length": TE_LANG},
    )
