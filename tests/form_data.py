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
    widget = getattr(widget, "widget", widget)  # the admin wraps related fields' widgets
    if isinstance(widget, forms.CheckboxInput):
        return {field.html_name: "on"} if value else {}
    if isinstance(widget, forms.MultiWidget):  # e.g. a date and a time
        parts = value if isinstance(value, list) else widget.decompress(value)
        return {
            f"{field.html_name}{suffix}": part.format_value(shown) or ""
            for suffix, part, shown in zip(widget.widgets_names, widget.widgets, parts, strict=True)
        }
    shown = widget.format_value(value)
    return {field.html_name: "" if shown is None else shown}
