"""A participant's fields are declared once (participants/fields.py): the form, the admin
and the import know the same ones."""

from django.contrib.admin.sites import site
from django.test import RequestFactory

from core.sections import field_names
from participants.fields import SECTIONS
from participants.forms import ParticipantForm
from participants.models import Participant
from participants.resources import ParticipantResource

DECLARED = field_names(SECTIONS)


def test_the_form_shows_every_declared_field_in_its_section():
    assert list(ParticipantForm._meta.fields) == DECLARED
    assert field_names(SECTIONS) == [
        f for key in ParticipantForm.SECTIONS for f in ParticipantForm.SECTIONS[key]
    ]


def test_the_admin_shows_every_declared_field(db, django_user_model):
    admin = site._registry[Participant]
    request = RequestFactory().get("/")
    request.user = django_user_model.objects.create_superuser("root", "root@example.com", "x")
    shown = [f for _title, options in admin.get_fieldsets(request) for f in options["fields"]]
    assert shown == [*DECLARED[:13], "seen_revision", *DECLARED[13:]]


def test_the_import_knows_every_declared_field():
    assert set(ParticipantResource._meta.fields) == set(DECLARED)
