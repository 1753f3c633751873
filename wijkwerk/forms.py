import uuid

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.forms.models import ModelChoiceIterator
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


class Keuzelijsten:
    """The option lists of a view's forms, each read at most once per request.

    Django's ModelChoiceField queries its queryset to validate a choice and again for every
    select it renders (through a server-side cursor: three round trips). A view with several
    forms, or one that renders a fresh form after saving, passes one Keuzelijsten to all of
    them; `koppel` lets each Keuzeveld take the list of its own name from here.

    A list is given as a list or as a queryset, read on first use (a page that renders no
    select reads nothing). `laden`, if given, returns the lists not given from one query;
    it is called at most once.
    """

    def __init__(self, laden=None, **lijsten):
        self._laden = laden
        self._lijsten = lijsten

    def objecten(self, naam) -> list:
        if naam not in self._lijsten and self._laden is not None:
            for andere, lijst in self._laden().items():
                self._lijsten.setdefault(andere, lijst)
            self._laden = None
        lijst = self._lijsten[naam]
        if not isinstance(lijst, list):
            lijst = self._lijsten[naam] = list(lijst)
        return lijst

    def koppel(self, form) -> None:
        """Every Keuzeveld of `form` takes its options from the list of its field name."""
        for naam, veld in form.fields.items():
            if isinstance(veld, Keuzeveld):
                veld.keuzelijsten, veld.lijst = self, naam


class _LijstIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.keuzelijsten is None:
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.keuzelijsten.objecten(self.field.lijst):
            yield self.choice(obj)

    def __len__(self):
        if self.field.keuzelijsten is None:
            return super().__len__()
        leeg = self.field.empty_label is not None
        return leeg + len(self.field.keuzelijsten.objecten(self.field.lijst))

    def __bool__(self):
        if self.field.keuzelijsten is None:
            return super().__bool__()
        return len(self) > 0


class Keuzeveld(forms.ModelChoiceField):
    """A ModelChoiceField that takes its options from a Keuzelijsten (see there).

    Not coupled to one, it is a plain ModelChoiceField: a view that validates against more
    than it offers (any initiative, to say why this one cannot go on the agenda) does so.
    """

    iterator = _LijstIterator

    def __init__(self, *args, **kwargs):
        self.keuzelijsten = None
        self.lijst = None
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if self.keuzelijsten is None or value in self.empty_values:
            return super().to_python(value)
        sleutel = self.to_field_name or "pk"
        if isinstance(value, self.queryset.model):
            value = getattr(value, sleutel)
        for obj in self.keuzelijsten.objecten(self.lijst):
            if str(getattr(obj, sleutel)) == str(value):
                return obj
        raise forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )
