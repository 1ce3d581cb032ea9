"""A service's ValidationError reaches the person: next to the form's field, among the
form-wide errors for anything else, or as messages."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from core.errors import errors_to_form, errors_to_messages


class NameForm(forms.Form):
    name = forms.CharField()


def bound_form():
    form = NameForm({"name": "Anna"})
    assert form.is_valid()
    return form


def test_a_field_error_goes_next_to_its_field():
    form = bound_form()
    errors_to_form(form, ValidationError({"name": "Give the name as on the passport."}))
    assert form.errors == {"name": ["Give the name as on the passport."]}


def test_an_error_of_a_field_the_form_lacks_goes_to_the_form():
    form = bound_form()
    error = ValidationError({"end_date": ValidationError("Ends after %(day)s.", params={"day": 3})})
    errors_to_form(form, error)
    assert form.non_field_errors() == ["Ends after 3."]


def test_an_error_without_fields_goes_to_the_form():
    form = bound_form()
    errors_to_form(form, ValidationError(["One.", "Two."]))
    assert form.non_field_errors() == ["One.", "Two."]


def test_errors_become_messages():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    errors_to_messages(request, ValidationError({"name": ["One."], "__all__": ["Two."]}))
    assert sorted(str(m) for m in get_messages(request)) == ["One.", "Two."]
