from django import forms
from django.utils import timezone

from actieplannen.models import EERSTE_JAAR, Afweging, Effect, Indicator, Project
from wijken.forms import DatumInput
from wijken.models import Focuspunt, Partner
from wijkwerk.forms import (
    BedragField,
    Datumveld,
    EenmaalForm,
    Keuzemenu,
    Keuzerondjes,
    Vinkjes,
)


def _tekst(label, *, max_length=200, required=True, melding=None, help_text="", rijen=None):
    widget = (
        forms.Textarea(attrs={"class": "utrecht-textarea", "rows": rijen})
        if rijen
        else forms.TextInput(attrs={"class": "utrecht-textbox"})
    )
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=widget,
        error_messages={
            "required": melding or f"Vul ‘{label.lower()}’ in.",
            "max_length": "Maak uw tekst korter: hoogstens %(limit_value)d tekens.",
        },
    )


def _waarde(label):
    # localize: Django reads the Dutch comma ("12,5") as well as "12.5", in a text input.
    return forms.DecimalField(
        label=label,
        max_digits=12,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox", "inputmode": "decimal"}),
        error_messages={
            "required": f"Vul de {label.lower()} in.",
            "invalid": "Vul een getal in, bijvoorbeeld 12,5.",
            "max_digits": "Dit getal is te groot.",
            "max_decimal_places": "Gebruik hoogstens twee cijfers achter de komma.",
            "max_whole_digits": "Dit getal is te groot.",
        },
    )


class PlanForm(EenmaalForm):
    wijk = forms.ModelChoiceField(
        label="Wijk",
        queryset=None,
        empty_label="Kies een wijk",
        widget=Keuzemenu(),
        error_messages={
            "required": "Kies de wijk.",
            "invalid_choice": "Kies een pilotwijk waarvan u het plan opstelt.",
        },
    )
    jaar = forms.IntegerField(
        label="Jaar",
        widget=forms.TextInput(attrs={"class": "utrecht-textbox", "inputmode": "numeric"}),
        error_messages={
            "required": "Vul het jaar in.",
            "invalid": "Vul een jaartal in, bijvoorbeeld 2027.",
        },
    )
    titel = _tekst("Titel", melding="Geef het plan een titel.")
    opgave = _tekst(
        "Opgave van de wijk",
        max_length=5000,
        required=False,
        rijen=5,
        help_text="Wat vraagt de wijk? De wijkanalyse ondersteunt; de vraag uit de wijk staat "
        "centraal.",
    )

    def __init__(self, *args, wijken, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wijk"].queryset = wijken
        self.fields["idempotentie_token"].error_messages["invalid"] = (
            "Het formulier is verlopen. Laad de pagina opnieuw."
        )

    def clean_jaar(self):
        jaar = self.cleaned_data["jaar"]
        volgend = timezone.localdate().year + 1
        if not EERSTE_JAAR <= jaar <= volgend:
            raise forms.ValidationError(
                f"Een actieplan is voor een jaar van {EERSTE_JAAR} tot en met {volgend}."
            )
        return jaar


class PlanBewerkenForm(forms.Form):
    """Title and task, and per required part of the memo the plan's answer."""

    titel = _tekst("Titel", melding="Geef het plan een titel.")
    opgave = PlanForm.base_fields["opgave"]

    def __init__(self, *args, vereisten, **kwargs):
        super().__init__(*args, **kwargs)
        self.vereisten = list(vereisten)
        for v in self.vereisten:
            self.fields[f"vereiste_{v.pk}"] = _tekst(
                v.tekst, max_length=5000, required=False, rijen=3
            )

    def antwoorden(self) -> dict[int, str]:
        return {v.pk: self.cleaned_data[f"vereiste_{v.pk}"] for v in self.vereisten}

    def vereiste_velden(self):
        return [self[f"vereiste_{v.pk}"] for v in self.vereisten]


class DoelForm(forms.Form):
    titel = _tekst("Doel", melding="Beschrijf het doel in een paar woorden.")
    omschrijving = _tekst("Toelichting", max_length=5000, required=False, rijen=3)
    effecten = forms.ModelMultipleChoiceField(
        label="Op welke effecten is dit doel gericht?",
        queryset=Effect.objects.all(),
        widget=Vinkjes(),
        error_messages={"required": "Kies minstens één effect."},
    )


class DoelindicatorForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label="Indicator",
        queryset=Indicator.objects.select_related("effect"),
        empty_label="Kies een indicator",
        widget=Keuzemenu(),
        error_messages={
            "required": "Kies een indicator.",
            "invalid_choice": "Kies een indicator uit de lijst.",
        },
    )
    nulmeting = _waarde("Nulmeting")
    nulmeting_jaar = forms.IntegerField(
        label="Jaar van de nulmeting",
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox", "inputmode": "numeric"}),
        error_messages={
            "required": "Vul het jaar van de nulmeting in.",
            "invalid": "Vul een jaartal in, bijvoorbeeld 2018.",
            "min_value": "Vul een jaartal vanaf 2000 in.",
            "max_value": "Vul een jaartal tot en met 2100 in.",
        },
    )
    streefwaarde = _waarde("Streefwaarde")


class ProjectForm(forms.Form):
    titel = _tekst("Project", melding="Geef het project een naam.")
    omschrijving = _tekst("Wat houdt het in?", max_length=5000, required=False, rijen=4)
    doel = forms.ModelChoiceField(
        label="Doel",
        queryset=None,
        empty_label="Kies het doel",
        widget=Keuzemenu(),
        error_messages={
            "required": "Kies het doel waar het project aan bijdraagt.",
            "invalid_choice": "Kies een doel van dit plan.",
        },
    )
    trekker_partner = forms.ModelChoiceField(
        label="Trekker: een partner",
        queryset=Partner.objects.all(),
        required=False,
        empty_label="Geen partner",
        widget=Keuzemenu(),
        error_messages={"invalid_choice": "Kies een partner uit de lijst."},
    )
    trekker_afdeling = _tekst(
        "Trekker: een afdeling van de gemeente",
        max_length=150,
        required=False,
        help_text="Vul een partner of een afdeling in.",
    )
    gepland_budget = BedragField(label="Gepland budget", required=False)
    start = Datumveld(
        label="Begint op",
        widget=DatumInput(),
        error_messages={
            "required": "Vul de begindatum in.",
            "invalid": "Vul een geldige datum in, bijvoorbeeld 1-3-2027.",
        },
    )
    eind = Datumveld(
        label="Eindigt op",
        widget=DatumInput(),
        error_messages={
            "required": "Vul de einddatum in.",
            "invalid": "Vul een geldige datum in, bijvoorbeeld 31-12-2027.",
        },
    )
    signalen = forms.CharField(
        label="Signalen die tot dit project leidden",
        required=False,
        max_length=500,
        help_text="Nummers van signalen, gescheiden door komma's. Bijvoorbeeld: 1234, 1240",
        widget=forms.TextInput(attrs={"class": "utrecht-textbox", "inputmode": "numeric"}),
    )
    focuspunten = forms.ModelMultipleChoiceField(
        label="Focuspunten",
        queryset=None,
        required=False,
        widget=Vinkjes(),
    )
    initiatieven = forms.CharField(
        label="Initiatieven die het project oppakt",
        required=False,
        max_length=500,
        help_text="Nummers van initiatieven, gescheiden door komma's. Bijvoorbeeld: GL-2027-0012",
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["doel"].queryset = plan.doelen.all()
        self.fields["focuspunten"].queryset = Focuspunt.objects.filter(wijken=plan.wijk)

    def clean_signalen(self):
        from signalen.models import Signaal

        nummers = _nummers(self.cleaned_data["signalen"])
        if any(not n.isdigit() or len(n) > 12 for n in nummers):
            raise forms.ValidationError(
                "Vul alleen nummers van signalen in, gescheiden door komma's."
            )
        gevonden = list(Signaal.objects.filter(pk__in=nummers, wijk=self.plan.wijk))
        if missend := set(nummers) - {str(s.pk) for s in gevonden}:
            raise forms.ValidationError(
                f"Geen signaal van {self.plan.wijk} met nummer {', '.join(sorted(missend))}."
            )
        return gevonden

    def clean_initiatieven(self):
        from initiatieven.models import Initiatief

        nummers = [n.upper() for n in _nummers(self.cleaned_data["initiatieven"])]
        gevonden = list(Initiatief.objects.filter(referentie__in=nummers))
        if missend := set(nummers) - {i.referentie for i in gevonden}:
            raise forms.ValidationError(f"Geen initiatief met nummer {', '.join(sorted(missend))}.")
        return gevonden

    def clean(self):
        data = super().clean()
        if not data.get("trekker_partner") and not data.get("trekker_afdeling"):
            self.add_error(
                "trekker_afdeling", "Vul in wie het project trekt: een partner of een afdeling."
            )
        start, eind = data.get("start"), data.get("eind")
        if start and eind and eind < start:
            self.add_error("eind", "De einddatum ligt voor de begindatum.")
        jaar = self.plan.jaar
        for veld in ("start", "eind"):
            if data.get(veld) and not jaar - 1 <= data[veld].year <= jaar + 1:
                self.add_error(
                    veld, f"Een project van het plan {jaar} loopt tussen {jaar - 1} en {jaar + 1}."
                )
        if data.get("gepland_budget") is None:
            data["gepland_budget"] = 0
        return data


def _nummers(tekst: str) -> list[str]:
    return [n.strip() for n in tekst.replace(";", ",").split(",") if n.strip()]


class _PerEffectForm(forms.Form):
    """Per effect a score 0-3 (radio buttons) and a text: the afweging before a project
    starts and the realisation afterwards share this shape."""

    score_label = ""  # "… aan {effect}"
    tekst_label = ""  # with {effect}
    tekst_melding = None  # with {effect}; None: the text is optional

    def __init__(self, *args, effecten, **kwargs):
        super().__init__(*args, **kwargs)
        self.effecten = list(effecten)
        for e in self.effecten:
            self.fields[f"score_{e.pk}"] = forms.TypedChoiceField(
                label=f"{self.score_label} aan {e.naam}",
                choices=Afweging.SCORES,
                coerce=int,
                widget=Keuzerondjes(),
                error_messages={
                    "required": f"Kies een score voor {e.naam}.",
                    "invalid_choice": "Kies een score van 0 tot en met 3.",
                },
            )
            melding = self.tekst_melding and self.tekst_melding.format(effect=e.naam)
            self.fields[f"tekst_{e.pk}"] = _tekst(
                self.tekst_label.format(effect=e.naam),
                max_length=2000,
                rijen=2,
                required=melding is not None,
                melding=melding,
            )

    def per_effect_waarden(self) -> dict[int, tuple[int, str]]:
        return {
            e.pk: (self.cleaned_data[f"score_{e.pk}"], self.cleaned_data[f"tekst_{e.pk}"])
            for e in self.effecten
        }

    def per_effect(self):
        return [(e, self[f"score_{e.pk}"], self[f"tekst_{e.pk}"]) for e in self.effecten]


class AfwegingForm(_PerEffectForm):
    """The afwegingskader of one project: per effect the expected contribution 0-3 with its
    motivation, and the success criteria."""

    score_label = "Verwachte bijdrage"
    tekst_label = "Waarom draagt het project zo bij aan {effect}?"
    tekst_melding = "Motiveer de score voor {effect}."

    succescriteria = _tekst(
        "Succescriteria",
        max_length=5000,
        rijen=3,
        melding="Beschrijf wanneer het project geslaagd is.",
        help_text="Wanneer is het project geslaagd? Daaraan toetst de evaluatie.",
    )


class RealisatieForm(_PerEffectForm):
    score_label = "Gerealiseerde bijdrage"
    tekst_label = "Wat is er bereikt voor {effect}?"


class ProjectStatusForm(forms.Form):
    naar = forms.ChoiceField(
        choices=Project.Status.choices,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Deze status bestaat niet."},
    )
    toelichting = _tekst("Toelichting", max_length=500, required=False)


class ProjectEvaluatieForm(forms.Form):
    besluit = forms.ChoiceField(
        label="Besluit",
        choices=Project.Besluit.choices,
        widget=Keuzerondjes(),
        error_messages={
            "required": "Kies doorzetten, bijstellen of stoppen.",
            "invalid_choice": "Kies doorzetten, bijstellen of stoppen.",
        },
    )
    motivering = _tekst("Motivering", max_length=5000, rijen=3, melding="Motiveer het besluit.")


class EvaluatieForm(forms.Form):
    evaluatie = _tekst(
        "Evaluatie van het jaar",
        max_length=10000,
        rijen=5,
        melding="Schrijf de evaluatie van het jaar.",
    )

    def __init__(self, *args, doelen, **kwargs):
        super().__init__(*args, **kwargs)
        self.doelen = list(doelen)
        for d in self.doelen:
            self.fields[f"doel_{d.pk}"] = _tekst(
                f"Doel ‘{d.titel}’: is het bereikt?", max_length=5000, rijen=2, required=False
            )

    def per_doel(self) -> dict[int, str]:
        return {d.pk: self.cleaned_data[f"doel_{d.pk}"] for d in self.doelen}

    def doel_velden(self):
        return [(d, self[f"doel_{d.pk}"]) for d in self.doelen]
