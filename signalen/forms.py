from django import forms
from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

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
from wijkwerk import rollen
from wijkwerk.forms import Datumveld, EenmaalForm, Keuzemenu, Keuzerondjes, Vinkje

TEKST = {"class": "utrecht-textbox"}
VAK = {"class": "utrecht-textarea", "rows": 4}

TE_LANG = "Maak de tekst korter: maximaal %(limit_value)d tekens (nu %(show_value)d)."


class SignaalGegevensForm(forms.Form):
    """A signal's own data: the fields and rules the quick log and the edit page share.

    The wijk is not here: the quick log asks for it, the edit page keeps the signal's own
    (`wijk_van` gives it to clean, which checks the focuspunt against it).
    """

    thema = forms.ModelChoiceField(
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
        widget=Vinkje(),
    )
    bron = forms.ChoiceField(
        label="Van wie komt het signaal?",
        choices=Bron.choices,
        initial=Bron.EIGEN,
        required=False,
        widget=Keuzemenu(),
    )
    waargenomen_op = Datumveld(
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
    focuspunt = forms.ModelChoiceField(
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
    regie_partner = forms.ModelChoiceField(
        label="Partner of bedrijf",
        queryset=Partner.objects.all(),
        required=False,
        empty_label="Geen",
        widget=Keuzemenu(),
        error_messages={"invalid_choice": "Kies een partner uit de lijst."},
    )

    def wijk_van(self, data):
        raise NotImplementedError

    def _bied_focuspunten_van(self, wijk_id):
        """Offer only the focuspunten of `wijk_id`, but accept any: clean() then says that
        one of another wijk does not belong (a page without JavaScript keeps the list of the
        wijk it was opened with). A chosen one stays in the list, so a refused choice is
        shown with its message instead of silently becoming "Geen focuspunt"."""
        veld = self.fields["focuspunt"]
        gekozen = self["focuspunt"].value()
        gekozen = getattr(gekozen, "pk", gekozen)
        binnen = Q(wijken=wijk_id) if wijk_id else Q(pk__in=[])
        if str(gekozen or "").isdigit():
            binnen |= Q(pk=gekozen)
        punten = Focuspunt.objects.filter(binnen).distinct().order_by(*Focuspunt._meta.ordering)
        # A callable: read when the select is written, so a form that is saved and not shown
        # again (the quick log) costs no query for it.
        veld.widget.choices = lambda: [("", veld.empty_label), *((f.pk, str(f)) for f in punten)]

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


class SnelSignaalForm(EenmaalForm, SignaalGegevensForm):
    """The quick log: wijk, thema and omschrijving required, the rest behind 'meer'."""

    wijk = forms.ModelChoiceField(
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

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the wijken this user holds as wijkregisseur today.
        wijk = self.fields["wijk"]
        wijk.queryset = Wijk.objects.filter(pk__in=rollen.regisseur_wijk_ids(user))
        if not self.is_bound:
            # Read once, as a list: a select without an empty option reads its choices again
            # for its required attribute (iter(): list() would ask the iterator for a COUNT).
            # The first wijk is the default.
            wijk.widget.choices = list(iter(wijk.choices))
            eigen = [str(waarde) for waarde, _ in wijk.widget.choices]
            if eigen and str(self.initial.get("wijk", "")) not in eigen:
                self.initial["wijk"] = eigen[0]
        self._bied_focuspunten_van(self._gekozen_wijk_id(user))

    def _gekozen_wijk_id(self, user):
        """The wijk in the form (sent, or the default), if it is one of the user's own."""
        waarde = self["wijk"].value()
        waarde = getattr(waarde, "pk", waarde)
        try:
            waarde = int(waarde)
        except (TypeError, ValueError):
            return None
        return waarde if waarde in rollen.regisseur_wijk_ids(user) else None

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
        # A retired thema stays choosable for the signals that have it: otherwise such a
        # signal could not be saved without choosing another.
        self.fields["thema"].queryset = Thema.objects.filter(
            Q(actief=True) | Q(pk=signaal.thema_id)
        )
        self._bied_focuspunten_van(signaal.wijk_id)

    def wijk_van(self, data):
        return self.signaal.wijk


class FilterForm(forms.Form):
    """The list's filters; they live in the URL so a list can be shared and bookmarked."""

    # Every filter is optional: "(niet verplicht)" at each label would say nothing.
    alleen_filters = True

    q = forms.CharField(
        label="Zoeken in de omschrijving",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={**TEKST, "type": "search"}),
        error_messages={"max_length": TE_LANG},
    )
    wijk = forms.ModelChoiceField(
        label="Wijk",
        queryset=Wijk.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Alle wijken",
        widget=Keuzemenu(),
        error_messages={"invalid_choice": "Deze wijk bestaat niet."},
    )
    thema = forms.ModelChoiceField(
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
    van = Datumveld(
        label="Gemeld vanaf",
        required=False,
        widget=DatumInput(),
        error_messages={"invalid": "Vul een geldige datum in."},
    )
    tot = Datumveld(
        label="Gemeld tot en met",
        required=False,
        widget=DatumInput(),
        error_messages={"invalid": "Vul een geldige datum in."},
    )
    te_laat = forms.BooleanField(
        label="Alleen signalen die te laat zijn",
        required=False,
        widget=Vinkje(),
    )

    def clean(self):
        data = super().clean()
        van, tot = data.get("van"), data.get("tot")
        if van and tot and tot < van:
            # Said, not silently an empty list: the user swapped the dates or mistyped one.
            self.add_error(
                "tot",
                f"Deze datum ligt vóór ‘Gemeld vanaf’ ({date_format(van, 'j F Y')}). "
                "Kies dezelfde dag of een latere dag.",
            )
        return data


class OvergangForm(forms.Form):
    naar = forms.ChoiceField(
        label="Wat wilt u doen?",
        choices=Status.choices,
        widget=Keuzerondjes(),
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


class NotitieForm(EenmaalForm):
    tekst = forms.CharField(
        label="Nieuwe notitie",
        max_length=TOELICHTING_MAX,
        widget=forms.Textarea(attrs={**VAK, "rows": 3}),
        error_messages={"required": "Schrijf eerst een notitie.", "max_length": TE_LANG},
    )
