from decimal import Decimal

from django import forms

from actieplannen.models import Project
from initiatieven.models import Initiatief
from wijken.models import Focuspunt
from wijkwerk.forms import BedragField, EenmaalForm, Keuzemenu
from wijkwerk.weergave import euro


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

    project = forms.ModelChoiceField(
        label="Project uit het actieplan",
        queryset=None,
        required=False,
        empty_label="Geen project",
        widget=Keuzemenu(),
        help_text="Het project van het actieplan waar het geld voor is.",
        error_messages={"invalid_choice": "Kies een project uit het actieplan van deze wijk."},
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
        # Projects of the plans that run: not stopped or finished, in a plan not evaluated.
        self.fields["project"].queryset = (
            Project.objects.filter(plan__wijk__in=wijken, status__in=["gepland", "gestart"])
            .exclude(plan__status="geevalueerd")
            .select_related("plan__wijk")
            .order_by("plan__wijk__naam", "-plan__jaar", "titel")
        )
        self.fields["project"].label_from_instance = lambda p: f"{p.plan.wijk} {p.plan.jaar}: {p}"
        if not self.fields["project"].queryset.exists():
            del self.fields["project"]  # no plan in these wijken: nothing to choose

    def clean(self):
        data = super().clean()
        wijk, focuspunt = data.get("wijk"), data.get("focuspunt")
        if wijk and focuspunt and not focuspunt.wijken.filter(pk=wijk.pk).exists():
            self.add_error("focuspunt", f"Dit focuspunt hoort niet bij {wijk}.")
        project = data.get("project")
        if wijk and project and project.plan.wijk_id != wijk.pk:
            self.add_error(
                "project", f"Dit project hoort bij het actieplan van {project.plan.wijk}."
            )
        initiatief = data.get("initiatief")
        if wijk and initiatief and initiatief.wijk_id != wijk.pk:
            self.add_error(
                "wijk", f"Initiatief {initiatief.referentie} hoort bij {initiatief.wijk}."
            )
        return data


# Rows for sources on the form that opens a year: a form without JavaScript has a fixed
# number; the memo names one source, the demo three.
AANTAL_BRONNEN = 4


class BudgetjaarForm(EenmaalForm):
    """The beheerder opens a budget year (budget.acties.open_budgetjaar): the amount, where
    it comes from, and what each wijk gets. Fields per source and per wijk, so each message
    stands at its own field."""

    jaar = forms.IntegerField(
        label="Jaar",
        widget=forms.TextInput(
            attrs={"class": "utrecht-textbox", "inputmode": "numeric", "maxlength": 4}
        ),
        error_messages={
            "required": "Vul het jaar in.",
            "invalid": "Vul een jaartal in, zoals 2026.",
        },
    )
    omschrijving = forms.CharField(
        label="Omschrijving",
        required=False,
        max_length=300,
        help_text="Bijvoorbeeld: Integraal wijkbudget 2026 voor de pilotwijken.",
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )
    integraal_budget = BedragField(label="Integraal wijkbudget")

    def __init__(self, *args, wijken, bestaande_jaren, vandaag, **kwargs):
        """`bestaande_jaren`: year -> the once-token of the form that opened it."""
        super().__init__(*args, **kwargs)
        self.bestaande_jaren = dict(bestaande_jaren)
        self.vandaag = vandaag
        self.fields["integraal_budget"].error_messages["required"] = "Vul het bedrag in."
        for i in range(1, AANTAL_BRONNEN + 1):
            self.fields[f"bron_{i}"] = forms.CharField(
                label=f"Bron {i}",
                required=False,
                max_length=150,
                help_text="Bijvoorbeeld Wijk aan Zet." if i == 1 else "",
                widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
            )
            self.fields[f"bron_{i}_bedrag"] = BedragField(
                label=f"Bedrag uit bron {i}", required=False, help_text=""
            )
        self.wijken = list(wijken)
        for wijk in self.wijken:
            self.fields[f"wijk_{wijk.pk}"] = BedragField(
                label=f"{wijk.naam} (pilotwijk)" if wijk.is_pilot else wijk.naam,
                required=False,
                help_text="",
            )

    def bronvelden(self):
        return [(self[f"bron_{i}"], self[f"bron_{i}_bedrag"]) for i in range(1, AANTAL_BRONNEN + 1)]

    def wijkvelden(self):
        return [self[f"wijk_{wijk.pk}"] for wijk in self.wijken]

    def clean_jaar(self):
        jaar = self.cleaned_data["jaar"]
        # The wijkbudget began in 2019 (the memo); a year ahead is as far as anyone plans.
        eerste, laatste = 2019, self.vandaag.year + 1
        token = self.cleaned_data.get("idempotentie_token")
        # The same form sent twice passes: open_budgetjaar finds the year it opened.
        if jaar in self.bestaande_jaren and (token is None or self.bestaande_jaren[jaar] != token):
            raise forms.ValidationError(f"Het budgetjaar {jaar} bestaat al.")
        if not eerste <= jaar <= laatste:
            raise forms.ValidationError(
                f"Kies een jaar van {eerste} tot en met {laatste}. Verder vooruit kan nog niet."
            )
        return jaar

    def clean(self):
        data = super().clean()
        namen = set()
        for i in range(1, AANTAL_BRONNEN + 1):
            naam, bedrag = data.get(f"bron_{i}"), data.get(f"bron_{i}_bedrag")
            fout_in_bedrag = f"bron_{i}_bedrag" in self.errors
            if naam and bedrag is None and not fout_in_bedrag:
                self.add_error(f"bron_{i}_bedrag", "Vul in hoeveel uit deze bron komt.")
            if bedrag is not None and not naam:
                self.add_error(f"bron_{i}", "Vul in uit welk budget dit bedrag komt.")
            if naam and naam.lower() in namen:
                self.add_error(f"bron_{i}", "Deze bron staat er al. Tel de bedragen op.")
            namen.add((naam or "").lower())
        totaal = data.get("integraal_budget")
        if totaal is not None:
            uit_bronnen = sum(
                (data.get(f"bron_{i}_bedrag") or 0 for i in range(1, AANTAL_BRONNEN + 1)),
                Decimal(0),
            )
            if uit_bronnen > totaal:
                self.add_error(
                    "integraal_budget",
                    f"De bronnen zijn samen {euro(uit_bronnen)}; dat is meer dan het "
                    "integrale budget. Maak het budget hoger of de bronnen lager.",
                )
            verdeeld = sum((data.get(f"wijk_{wijk.pk}") or 0 for wijk in self.wijken), Decimal(0))
            if verdeeld > totaal:
                self.add_error(
                    "integraal_budget",
                    f"De wijken krijgen samen {euro(verdeeld)}; dat is meer dan het integrale "
                    "budget. Maak het budget hoger of de verdeling lager.",
                )
        return data

    def bronnen(self):
        d = self.cleaned_data
        return [
            (d[f"bron_{i}"], d[f"bron_{i}_bedrag"])
            for i in range(1, AANTAL_BRONNEN + 1)
            if d.get(f"bron_{i}")
        ]

    def verdeling(self):
        """Every pilot wijk gets a wijkbudget, as laad_budget makes them; another wijk only
        with an amount."""
        d = self.cleaned_data
        return {
            wijk: d.get(f"wijk_{wijk.pk}")
            for wijk in self.wijken
            if wijk.is_pilot or d.get(f"wijk_{wijk.pk}") is not None
        }


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
