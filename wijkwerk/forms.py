import html

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.forms.models import ModelChoiceIterator
from django.utils.safestring import mark_safe


class InlogForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for veld in self.fields.values():
            veld.widget.attrs["class"] = "utrecht-textbox utrecht-textbox--html-input"


class Keuzemenu(forms.Select):
    """forms.Select with the same markup, written in Python: for a select with many options.

    Django renders every <option> through a template of its own, with the Jinja2 form
    renderer too, after building a dict per option (optgroups): for twelve options about
    ten times the time of writing them here, and on the quick log, the signal list and the
    meeting page the selects were most of the render time. The <select>'s attributes
    (required, aria-invalid, aria-describedby, id, in that order) still come from Django.
    """

    def __init__(self, attrs=None, choices=()):
        # Every select in the app looks the same (the --html-select modifier hid the arrow).
        super().__init__({"class": "utrecht-select", **(attrs or {})}, choices)

    def render(self, name, value, attrs=None, renderer=None):
        if self.allow_multiple_selected:
            return super().render(name, value, attrs, renderer)
        # Widget's get_context, not Select's: only the optgroups are left out.
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
        delen = [f'<select name="{_html(name)}"{_attrs(widget["attrs"])}>']
        gekozen = False  # as Select.optgroups: only the first option with the value
        for waarde, label in self.choices:
            if isinstance(label, (list, tuple)):  # no optgroups here; Django writes them
                return super().render(name, value, attrs, renderer)
            waarde = "" if waarde is None else str(waarde)
            deze = not gekozen and waarde in widget["value"]
            gekozen |= deze
            delen.append(
                f'<option value="{_html(waarde)}"{" selected" if deze else ""}>'
                f"{_html(label)}</option>"
            )
        delen.append("</select>")
        return mark_safe("".join(delen))


def veld(field) -> str:
    """One form field with label, help text and error, in NL Design System markup ({% veld %}).

    Written in Python for the reason Keuzemenu is: as an included template (with its variable
    lookups per field) it took 0.12 ms a field besides the widget itself, 1.3 ms on the quick
    log. A form of filters (`alleen_filters`) does not mark each field optional.
    """
    checkbox = getattr(field.field.widget, "input_type", None) == "checkbox"
    fouten = field.errors
    klassen = "utrecht-form-field"
    klassen += " utrecht-form-field--checkbox" if checkbox else ""
    klassen += " utrecht-form-field--invalid" if fouten else ""
    optioneel = not (checkbox or field.field.required or getattr(field.form, "alleen_filters", 0))
    label = (
        f'<div class="utrecht-form-field__label"><label class="utrecht-form-label" '
        f'for="{_html(field.id_for_label)}">{_html(field.label)}'
        f"{' (niet verplicht)' if optioneel else ''}</label></div>"
    )
    invoer = f'<div class="utrecht-form-field__input">{field}</div>'
    delen = [f'<div class="{klassen}">', invoer if checkbox else "", label]
    if field.help_text:
        delen.append(
            f'<div class="utrecht-form-field-description" id="{_html(field.auto_id)}_helptext">'
            f"{_html(field.help_text)}</div>"
        )
    if fouten:
        delen.append(
            f'<div class="utrecht-form-field-error-message" id="{_html(field.auto_id)}_error">'
            f"{' '.join(_html(fout) for fout in fouten)}</div>"
        )
    delen += ["" if checkbox else invoer, "</div>"]
    return mark_safe("\n".join(deel for deel in delen if deel))


def _html(tekst) -> str:
    # As a variable in a template: escaped unless marked safe. The standard library's
    # escape, which Django's calls, without the lazy wrapper and SafeString per value.
    return tekst.__html__() if hasattr(tekst, "__html__") else html.escape(str(tekst))


def _attrs(attrs) -> str:
    # As django/forms/widgets/attrs.html.
    return "".join(
        f" {naam}" if waarde is True else f' {naam}="{_html(waarde)}"'
        for naam, waarde in attrs.items()
        if waarde is not False
    )


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
