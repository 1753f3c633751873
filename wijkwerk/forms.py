import datetime
import re
import uuid
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
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
        # AuthenticationForm sets max_length only after the field exists, so nothing checks
        # it; a longer name reached django-axes, whose column holds 255 (a 500). No account
        # has such a name, so refusing it here records no failed login either.
        gebruikersnaam = self.fields["username"]
        gebruikersnaam.validators.append(
            MaxLengthValidator(
                gebruikersnaam.max_length,
                f"Een gebruikersnaam heeft hoogstens {gebruikersnaam.max_length} tekens.",
            )
        )


def controleer_model(form, obj) -> None:
    """The model's own rules (obj.clean()) for a plain form, each message at its field, as a
    ModelForm does. The forms here stay plain: their data goes to the apps' acties, which
    check the same rules again under their row locks."""
    try:
        obj.clean()
    except ValidationError as fout:
        for veld, meldingen in fout.update_error_dict({}).items():
            form.add_error(veld if veld in form.fields else None, meldingen)


class Keuzemenu(forms.Select):
    """A select in the NL Design System style (the --html-select modifier hid the arrow)."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "utrecht-select", **(attrs or {})}, choices)


# Radio buttons and checkboxes in the NL Design System style. The --html-input modifier is
# what draws the checked state: without it a checked choice looked unchecked after an error.
# The field's id is the first option's, so the error summary's link leads to the choice.


class Keuzerondjes(forms.RadioSelect):
    def __init__(self, attrs=None, choices=()):
        klasse = "utrecht-radio-button utrecht-radio-button--html-input"
        super().__init__({"class": klasse, **(attrs or {})}, choices)

    def id_for_label(self, id_, index="0"):
        return super().id_for_label(id_, index)


class Vinkjes(forms.CheckboxSelectMultiple):
    def __init__(self, attrs=None, choices=()):
        klasse = "utrecht-checkbox utrecht-checkbox--html-input"
        super().__init__({"class": klasse, **(attrs or {})}, choices)

    def id_for_label(self, id_, index="0"):
        return super().id_for_label(id_, index)


class Vinkje(forms.CheckboxInput):
    def __init__(self, attrs=None, check_test=None):
        klasse = "utrecht-checkbox utrecht-checkbox--html-input"
        super().__init__({"class": klasse, **(attrs or {})}, check_test)


class Datumveld(forms.DateField):
    """A date field for dates people mean: 1900 up to and including 2099.

    Python's dates end in 9999, so a range up to 31-12-9999 that adds a day to its end
    (the signal filter, the export) failed as a 500; an absurd year is a typo anyway.
    """

    EERSTE, LAATSTE = datetime.date(1900, 1, 1), datetime.date(2099, 12, 31)
    BEREIK = "Vul een datum in tussen 1-1-1900 en 31-12-2099."
    default_validators = [MinValueValidator(EERSTE, BEREIK), MaxValueValidator(LAATSTE, BEREIK)]


class EenmaalForm(forms.Form):
    """A form that, sent twice (double click, resent), saves once: wijkwerk.eenmaal."""

    idempotentie_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotentie_token", uuid.uuid4())


# Dutch "1.234,50" / "1234,50", or "1234.50" as typed on an English keyboard.
NL_MET_PUNTEN = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
NL = re.compile(r"^\d+(,\d+)?$")
INTERNATIONAAL = re.compile(r"^\d+(\.\d+)?$")
MAXIMUM = Decimal("9999999999.99")


class BedragField(forms.CharField):
    """An amount in euros as people type it; refuses anything it cannot read without doubt.

    Here rather than in budget: the public initiative form uses it too, and initiatieven
    may not import budget. A text input, not type="number": Chromium reads "1234,50" in a
    number input as 123450. `maximum` is what the model's DecimalField holds.
    """

    def __init__(self, *, maximum=MAXIMUM, **kwargs):
        self.maximum = maximum
        # No max_length: its validator would run on the Decimal; to_python checks length.
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"class": "utrecht-textbox", "inputmode": "decimal", "maxlength": 20}
            ),
        )
        kwargs.setdefault("help_text", "In euro's, bijvoorbeeld 1.234,50")
        super().__init__(**kwargs)
        self.error_messages["required"] = "Vul een bedrag in."

    def to_python(self, value):
        tekst = super().to_python(value)
        if tekst in self.empty_values:
            return None
        tekst = tekst.replace("€", "").replace(" ", "").replace("\u00a0", "")
        if len(tekst) > 20:
            raise forms.ValidationError("Dit bedrag is te groot.")
        if tekst.startswith("-"):
            raise forms.ValidationError("Een bedrag kan niet negatief zijn.")
        if NL_MET_PUNTEN.match(tekst):
            tekst = tekst.replace(".", "").replace(",", ".")
        elif NL.match(tekst):
            tekst = tekst.replace(",", ".")
        elif not INTERNATIONAAL.match(tekst):
            raise forms.ValidationError("Vul een bedrag in cijfers in, bijvoorbeeld 1.234,50.")
        try:
            bedrag = Decimal(tekst)
        except InvalidOperation:
            raise forms.ValidationError(
                "Vul een bedrag in cijfers in, bijvoorbeeld 1.234,50."
            ) from None
        if bedrag != bedrag.quantize(Decimal("0.01")):
            raise forms.ValidationError("Gebruik hoogstens twee cijfers achter de komma (centen).")
        if bedrag <= 0:
            raise forms.ValidationError("Het bedrag moet groter zijn dan € 0.")
        if bedrag > self.maximum:
            raise forms.ValidationError("Dit bedrag is te groot.")
        return bedrag.quantize(Decimal("0.01"))
