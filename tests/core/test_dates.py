"""Dates are typed and shown as the portal's language writes them, not as the browser's
locale would: 01.03.2027. in Latvian, 01/03/2027 in English, ISO read in both; and the
dates in messages follow the reader's language too."""

from datetime import date

import pytest
from django.urls import reverse

from mobilities.models import Mobility
from tests import factories
from tests.mobilities.test_pages import mobility_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(school):
    return factories.learner(school)


def test_a_date_field_is_text_in_the_readers_format(client, alice, mobility):
    client.force_login(alice)

    latvian = client.get(
        reverse("mobilities:mobility_edit", args=[mobility.pk]), HTTP_ACCEPT_LANGUAGE="lv"
    ).content.decode()
    english = client.get(reverse("mobilities:mobility_edit", args=[mobility.pk])).content.decode()

    day = mobility.start_date
    assert f'value="{day:%d.%m.%Y}."' in latvian and 'placeholder="dd.mm.gggg."' in latvian
    assert f'value="{day:%d/%m/%Y}"' in english and 'placeholder="dd/mm/yyyy"' in english
    assert 'type="date"' not in latvian + english


@pytest.mark.parametrize(
    ("language", "typed"),
    [("en", "01.03.2027"), ("en", "01/03/2027"), ("lv", "01.03.2027."), ("lv", "2027-03-01")],
)
def test_a_typed_day_is_read_day_first(client, alice, project, host, learner, language, typed):
    project.end_date = date(2027, 8, 31)
    project.save()
    client.force_login(alice)

    response = client.post(
        reverse("mobilities:mobility_create", args=[project.pk]),
        mobility_data(project, learner, host, start_date=typed, end_date="2027-03-28"),
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert response.status_code == 302
    assert Mobility.objects.get().start_date == date(2027, 3, 1)


def test_a_message_writes_its_date_as_the_reader_does(client, alice, project, host, learner):
    client.force_login(alice)
    data = mobility_data(project, learner, host, start_date="2026-01-05", end_date="2026-02-01")

    page = client.post(
        reverse("mobilities:mobility_create", args=[project.pk]), data, HTTP_ACCEPT_LANGUAGE="lv"
    ).content.decode()

    assert f"({project.start_date:%d.%m.%Y}.)" in page
