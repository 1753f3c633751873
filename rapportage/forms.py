from django import forms

from rapportage.models import HOOGTEPUNTEN_MAX


class HoogtepuntenForm(forms.Form):
    hoogtepunten = forms.CharField(
        label="Hoogtepunten van dit kwartaal",
        help_text="Wat ging er goed, wat viel op, wat komt eraan? Noem geen inwoners bij naam.",
        max_length=HOOGTEPUNTEN_MAX,
        required=False,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 8}),
        error_messages={"max_length": "Maak uw tekst korter: hoogstens %(limit_value)d tekens."},
    )
