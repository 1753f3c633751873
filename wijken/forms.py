from django import forms

from wijken.models import Toewijzing, Wijkregisseur
from wijkwerk.forms import Datumveld, Keuzemenu, controleer_model


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "utrecht-textbox", **(attrs or {})}, format="%Y-%m-%d")


class ToewijzingForm(forms.Form):
    regisseur = forms.ModelChoiceField(
        label="Wijkregisseur",
        queryset=Wijkregisseur.objects.all(),
        empty_label="Kies een wijkregisseur",
        widget=Keuzemenu(),
        error_messages={"required": "Kies een wijkregisseur."},
    )
    geldig_van = Datumveld(
        label="Verantwoordelijk vanaf",
        widget=DatumInput(),
        error_messages={
            "required": "Vul de eerste dag in.",
            "invalid": "Vul een geldige datum in, bijvoorbeeld 1-3-2019.",
        },
    )
    geldig_tot = Datumveld(
        label="Verantwoordelijk tot en met",
        required=False,
        widget=DatumInput(),
        help_text="Leeg laten als er nog geen einddatum is.",
        error_messages={"invalid": "Vul een geldige datum in, bijvoorbeeld 31-12-2019."},
    )

    def clean(self):
        data = super().clean()
        van, tot = data.get("geldig_van"), data.get("geldig_tot")
        if van and tot and tot < van:
            self.add_error("geldig_tot", "De einddatum ligt vóór de begindatum.")
        # Not decades ahead: Toewijzing.clean.
        controleer_model(self, Toewijzing(geldig_van=van, geldig_tot=tot))
        return data


class OverdrachtForm(ToewijzingForm):
    """Hand the wijk over per a date (wijken.acties.draag_over): the toewijzing of that day
    ends the day before, the new one starts on it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "overdracht")  # beside the ToewijzingForm on one page
        super().__init__(*args, **kwargs)
        self.fields["regisseur"].label = "Nieuwe wijkregisseur"
        self.fields["geldig_van"].label = "Overdragen per"
        self.fields["geldig_van"].help_text = (
            "De eerste dag van de nieuwe wijkregisseur. De huidige is verantwoordelijk tot en "
            "met de dag ervoor."
        )
        self.fields["geldig_van"].error_messages["required"] = "Vul de dag van de overdracht in."
        self.fields["geldig_tot"].label = "Nieuwe wijkregisseur tot en met"


class BeeindigForm(forms.Form):
    geldig_tot = Datumveld(
        label="Laatste dag",
        widget=DatumInput(),
        error_messages={
            "required": "Vul de laatste dag in.",
            "invalid": "Vul een geldige datum in, bijvoorbeeld 31-12-2019.",
        },
    )

    def __init__(self, *args, toewijzing: Toewijzing, **kwargs):
        super().__init__(*args, **kwargs)
        self.toewijzing = toewijzing

    def clean_geldig_tot(self):
        tot = self.cleaned_data["geldig_tot"]
        if tot < self.toewijzing.geldig_van:
            raise forms.ValidationError("De laatste dag ligt vóór het begin van deze toewijzing.")
        if self.toewijzing.geldig_tot and tot > self.toewijzing.geldig_tot:
            raise forms.ValidationError(
                "Een toewijzing kan alleen korter worden. Maak voor een latere periode een "
                "nieuwe toewijzing."
            )
        return tot

    def clean(self):
        data = super().clean()
        # Not decades ahead (Toewijzing.clean); only the end date is asked for here.
        controleer_model(self, Toewijzing(geldig_tot=data.get("geldig_tot")))
        return data


class PeildatumForm(forms.Form):
    """The date of the regie overview (a GET form): who held which wijk on that day."""

    alleen_filters = True

    datum = Datumveld(
        label="Op datum",
        required=False,
        widget=DatumInput(),
        error_messages={"invalid": "Vul een geldige datum in, bijvoorbeeld 1-6-2019."},
    )
