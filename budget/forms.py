from django import forms

from initiatieven.models import Initiatief
from wijken.models import Focuspunt
from wijkwerk.forms import BedragField, EenmaalForm, Keuzemenu


class VoorstelForm(EenmaalForm):
    """Submitted twice (double click, retry), it makes one proposal (budget.acties.dien_in)."""

    wijk = forms.ModelChoiceField(
        label="Wijk",
        queryset=None,
        empty_label="Kies een wijk",
        widget=Keuzemenu(),
        error_messages={"required": "Kies de wijk.", "invalid_choice": "Kies een van uw wijken."},
    )
    omschrijving = forms.CharField(
        label="Waar is het geld voor?",
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 4}),
        error_messages={"required": "Beschrijf waar het geld voor is."},
    )
    bedrag = BedragField(label="Bedrag")
    ontvanger = forms.CharField(
        label="Ontvanger",
        max_length=200,
        help_text="Wie krijgt het geld? Bijvoorbeeld een bewonersgroep of partner.",
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
        error_messages={"required": "Vul in wie het geld krijgt."},
    )
    focuspunt = forms.ModelChoiceField(
        label="Focuspunt",
        queryset=None,
        required=False,
        empty_label="Geen focuspunt",
        widget=Keuzemenu(),
        error_messages={"invalid_choice": "Kies een focuspunt van deze wijk."},
    )

    # Set when the form was opened from an accepted initiative that asked for money.
    initiatief = forms.ModelChoiceField(
        queryset=None,
        required=False,
        to_field_name="referentie",
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": "Dit initiatief kan niet aan een voorstel gekoppeld worden."
        },
    )

    def __init__(self, *args, wijken, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["idempotentie_token"].error_messages["invalid"] = (
            "Het formulier is verlopen. Laad de pagina opnieuw."
        )
        self.fields["wijk"].queryset = wijken
        self.fields["focuspunt"].queryset = (
            Focuspunt.objects.filter(wijken__in=wijken).distinct().order_by("titel")
        )
        self.fields["initiatief"].queryset = Initiatief.objects.geaccepteerd().filter(
            wijk__in=wijken
        )

    def clean(self):
        data = super().clean()
        wijk, focuspunt = data.get("wijk"), data.get("focuspunt")
        if wijk and focuspunt and not focuspunt.wijken.filter(pk=wijk.pk).exists():
            self.add_error("focuspunt", f"Dit focuspunt hoort niet bij {wijk}.")
        initiatief = data.get("initiatief")
        if wijk and initiatief and initiatief.wijk_id != wijk.pk:
            self.add_error(
                "wijk", f"Initiatief {initiatief.referentie} hoort bij {initiatief.wijk}."
            )
        return data


class AfwijsForm(forms.Form):
    reden = forms.CharField(
        label="Reden van afwijzing",
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 2}),
        error_messages={"required": "Geef een reden waarom u het voorstel afwijst."},
    )


class IntrekForm(forms.Form):
    reden = forms.CharField(
        label="Reden van intrekken",
        max_length=2000,
        help_text="De reden komt in de geschiedenis van het voorstel.",
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 2}),
        error_messages={"required": "Geef een reden waarom u het voorstel intrekt."},
    )


class RealisatieForm(forms.Form):
    bedrag = BedragField(label="Betaald bedrag")
    omschrijving = forms.CharField(
        label="Omschrijving",
        max_length=300,
        help_text="Bijvoorbeeld het factuurnummer.",
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
        error_messages={"required": "Beschrijf de betaling, bijvoorbeeld met het factuurnummer."},
    )


class HerverdeelForm(forms.Form):
    van = forms.ModelChoiceField(
        label="Van wijk",
        queryset=None,
        empty_label="Kies een wijk",
        widget=Keuzemenu(),
        error_messages={"required": "Kies de wijk die geld afstaat."},
    )
    naar = forms.ModelChoiceField(
        label="Naar wijk",
        queryset=None,
        empty_label="Kies een wijk",
        widget=Keuzemenu(),
        error_messages={"required": "Kies de wijk die geld krijgt."},
    )
    bedrag = BedragField(label="Bedrag")
    reden = forms.CharField(
        label="Reden",
        max_length=400,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 3}),
        error_messages={"required": "Geef een reden voor de herverdeling."},
    )

    def __init__(self, *args, van_wijken, naar_wijken, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["van"].queryset = van_wijken
        self.fields["naar"].queryset = naar_wijken

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("van") == data.get("naar"):
            self.add_error("naar", "Kies een andere wijk dan de wijk die geld afstaat.")
        return data
