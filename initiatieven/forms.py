from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model

from initiatieven.models import Besluit, Discipline, Gevraagd, Initiatief, Uitkomst, Vergadering
from wijken.forms import DatumInput
from wijken.models import Wijk
from wijkwerk import rollen as r
from wijkwerk.forms import (
    BedragField,
    Datumveld,
    EenmaalForm,
    Keuzemenu,
    Keuzerondjes,
    Vinkjes,
    controleer_model,
)
from wijkwerk.weergave import naam

TEKST = {"class": "utrecht-textbox utrecht-textbox--html-input"}
VAK = {"class": "utrecht-textarea", "rows": 5}


class IntakeForm(EenmaalForm, forms.ModelForm):
    # Honeypot: hidden from people by CSS, filled in by bots that fill every field.
    website = forms.CharField(
        label="Laat dit veld leeg",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    wijk = forms.ModelChoiceField(
        label="Wijk",
        queryset=Wijk.objects.all(),
        required=False,
        empty_label="Weet ik niet",
        widget=Keuzemenu(),
        help_text="Weet u de wijk niet? Vul dan hieronder het adres of de plek in.",
    )
    gevraagd = forms.ChoiceField(
        label="Wat vraagt u van de gemeente?",
        choices=Gevraagd.choices,
        widget=Keuzerondjes(),
        error_messages={"required": "Kies wat u van de gemeente vraagt."},
    )
    # Only asked for when the answer above is money: see clean().
    bedrag = BedragField(
        label="Welk bedrag vraagt u? (in euro)",
        required=False,
        # Initiatief.bedrag holds 10 digits.
        maximum=Decimal("99999999.99"),
        help_text="Alleen invullen als u geld vraagt. Bijvoorbeeld 1.234,50",
    )

    class Meta:
        model = Initiatief
        fields = [
            "titel",
            "omschrijving",
            "wijk",
            "adres_vrij",
            "gevraagd",
            "bedrag",
            "contact_naam",
            "contact_email",
            "contact_telefoon",
        ]
        labels = {
            "titel": "Naam van uw initiatief",
            "omschrijving": "Wat wilt u doen?",
            "adres_vrij": "Adres of plek",
            "contact_naam": "Uw naam",
            "contact_email": "Uw e-mailadres",
            "contact_telefoon": "Uw telefoonnummer",
        }
        help_texts = {
            "omschrijving": "Vertel wat u wilt doen, voor wie, en wie er meedoen.",
        }
        widgets = {
            "titel": forms.TextInput(attrs=TEKST),
            "omschrijving": forms.Textarea(attrs=VAK),
            "adres_vrij": forms.TextInput(attrs=TEKST),
            "contact_naam": forms.TextInput(attrs={**TEKST, "autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={**TEKST, "autocomplete": "email"}),
            "contact_telefoon": forms.TextInput(attrs={**TEKST, "autocomplete": "tel"}),
        }
        error_messages = {
            "titel": {"required": "Geef uw initiatief een naam."},
            "omschrijving": {"required": "Vertel wat u wilt doen."},
            "contact_naam": {"required": "Vul uw naam in."},
            "contact_email": {
                "required": "Vul uw e-mailadres in.",
                "invalid": "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.",
            },
        }

    def clean(self):
        data = super().clean()
        if not data.get("wijk") and not (data.get("adres_vrij") or "").strip():
            self.add_error("adres_vrij", "Kies een wijk of vul een adres of plek in.")
        if data.get("gevraagd") == Gevraagd.GELD:
            # An amount the field refused (letters, negative) already has its message.
            if data.get("bedrag") is None and "bedrag" not in self.errors:
                self.add_error("bedrag", "Vul het bedrag in dat u vraagt.")
        else:
            data["bedrag"] = None
        return data


def _medewerkers():
    return (
        get_user_model()
        .objects.filter(groups__name__in=[r.REGISSEUR, r.GROENE_LOPER, r.BEHEERDER])
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class MedewerkerKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return naam(obj)


class TriageForm(forms.Form):
    wijk = forms.ModelChoiceField(
        label="Wijk",
        queryset=Wijk.objects.all(),
        empty_label="Kies een wijk",
        widget=Keuzemenu(),
        error_messages={"required": "Kies de wijk."},
    )
    contactpersoon = MedewerkerKeuze(
        label="Contactpersoon",
        queryset=_medewerkers(),
        required=False,
        empty_label="De wijkregisseur van die wijk",
        widget=Keuzemenu(),
    )


class VraagForm(forms.Form):
    vraag = forms.CharField(
        label="Vraag aan de indiener",
        max_length=5000,
        widget=forms.Textarea(attrs=VAK),
        help_text="De indiener krijgt deze vraag per e-mail. Tot het antwoord er is, staat de "
        "termijn stil.",
        error_messages={"required": "Schrijf de vraag op."},
    )


class AntwoordForm(forms.Form):
    antwoord = forms.CharField(
        label="Antwoord van de indiener",
        max_length=5000,
        widget=forms.Textarea(attrs=VAK),
        error_messages={"required": "Schrijf het antwoord op."},
    )


class VergaderingForm(forms.Form):
    datum = Datumveld(
        label="Datum",
        widget=DatumInput(),
        error_messages={
            "required": "Vul de datum in.",
            "invalid": "Vul een geldige datum in, bijvoorbeeld 15-1-2027.",
        },
    )
    aanwezig = forms.ModelMultipleChoiceField(
        label="Aanwezige afdelingen",
        queryset=Discipline.objects.filter(actief=True),
        required=False,
        widget=Vinkjes(),
    )

    def clean(self):
        data = super().clean()
        # Not in the past, at most a year ahead: Vergadering.clean.
        controleer_model(self, Vergadering(datum=data.get("datum")))
        return data


class AgendeerForm(forms.Form):
    initiatief = forms.ModelChoiceField(
        label="Initiatief",
        # Validated against every initiative, so one that cannot go on the agenda gets its
        # own message (acties.agendeer); the select offers only those ready for it (klaar).
        queryset=Initiatief.objects.all(),
        empty_label="Kies een initiatief",
        widget=Keuzemenu(),
        error_messages={
            "required": "Kies een initiatief.",
            "invalid_choice": "Dit initiatief kan niet (meer) op de agenda.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The oldest 50 ready for the Groene Loper: the list that waits longest is what the
        # next meeting must take.
        self.klaar = list(
            Initiatief.objects.klaar()
            .only("referentie", "titel")
            .order_by("ontvangen_op", "pk")[:50]
        )
        veld = self.fields["initiatief"]
        veld.widget.choices = [("", veld.empty_label), *((i.pk, str(i)) for i in self.klaar)]


class AdviesForm(forms.Form):
    discipline = forms.ModelChoiceField(
        label="Discipline",
        queryset=Discipline.objects.filter(actief=True),
        empty_label="Kies een discipline",
        widget=Keuzemenu(),
        error_messages={
            "required": "Kies de discipline.",
            "invalid_choice": "Kies een discipline uit de lijst.",
        },
    )
    tekst = forms.CharField(
        label="Advies",
        max_length=5000,
        widget=forms.Textarea(attrs={**VAK, "rows": 3}),
        error_messages={"required": "Schrijf het advies op."},
    )


MOTIVERING_VERPLICHT = "Schrijf de motivering op: de indiener krijgt die te lezen."


class BesluitForm(forms.Form):
    uitkomst = forms.ChoiceField(
        label="Besluit",
        choices=[("", "Kies een besluit"), *Uitkomst.choices],
        widget=Keuzemenu(),
        error_messages={"required": "Kies het besluit."},
    )
    motivering = forms.CharField(
        label="Motivering",
        max_length=5000,
        widget=forms.Textarea(attrs={**VAK, "rows": 3}),
        help_text="De indiener krijgt deze motivering te lezen.",
        error_messages={"required": MOTIVERING_VERPLICHT},
    )
    actiehouder = forms.CharField(
        label="Actiehouder",
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs=TEKST),
    )
    deadline = Datumveld(
        label="Deadline",
        required=False,
        widget=DatumInput(),
        error_messages={"invalid": "Vul een geldige datum in, bijvoorbeeld 1-3-2027."},
    )

    def __init__(self, *args, agendapunt, **kwargs):
        super().__init__(*args, **kwargs)
        self.agendapunt = agendapunt

    def clean(self):
        data = super().clean()
        # Not before the meeting's day, no deadline in the past: Besluit.clean.
        controleer_model(self, Besluit(agendapunt=self.agendapunt, deadline=data.get("deadline")))
        return data

    def clean_motivering(self):
        tekst = self.cleaned_data["motivering"].strip()
        if not tekst:
            raise forms.ValidationError(MOTIVERING_VERPLICHT)
        return tekst
