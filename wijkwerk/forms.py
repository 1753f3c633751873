import uuid

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.forms.renderers import TemplatesSetting


class Weergever(TemplatesSetting):
    """Django's form renderer with the project's templates: every field as one NL Design
    System form field (templates/forms/veld.html, through {{ form.naam.as_field_group }});
    the admin's widgets keep their own templates."""

    field_template_name = "forms/veld.html"


class InlogForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for veld in self.fields.values():
            veld.widget.attrs["class"] = "utrecht-textbox utrecht-textbox--html-input"


class Keuzemenu(forms.Select):
    """A select in the NL Design System style (the --html-select modifier hid the arrow)."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "utrecht-select", **(attrs or {})}, choices)


class EenmaalForm(forms.Form):
    """A form that, sent twice (double click, resent), saves once: wijkwerk.eenmaal."""

    idempotentie_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotentie_token", uuid.uuid4())
