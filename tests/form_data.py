"""What a browser would send back for a rendered form: every field with the value shown,
so that a test changes only what it is about."""

from django import forms


def form_data(*forms_) -> dict:
    """POST data of forms, formsets (management form included) as they were rendered."""
    data = {}
    for form in forms_:
        if isinstance(form, forms.BaseFormSet):
            data |= form_data(form.management_form, *form.forms)
            continue
        for field in form:
            data |= _field_data(field)
    return data


def _field_data(field) -> dict:
    value = field.value()
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return {field.html_name: "on"} if value else {}
    shown = widget.format_value(value)
    return {field.html_name: "" if shown is None else shown}
