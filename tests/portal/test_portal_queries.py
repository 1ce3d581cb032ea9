"""The portal's pages make a fixed number of queries, whatever the number of mobilities,
agreements, signatures and files."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.services import file_request_create
from tests import factories

from .helpers import open_agreement, sign_in_portal

pytestmark = pytest.mark.django_db


def add(project, host, participant, alice, client, marta):
    mobility = factories.mobility(project, participant=participant, host=host)
    agreement = open_agreement(mobility, alice)
    client.force_login(marta)
    sign_in_portal(client, agreement, "Marta Bērziņa")
    file_request_create(mobility=mobility, kind="attendance_proof", user=alice)
    return mobility


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "page", ["portal:portal_home", "portal:portal_mobility", "portal:portal_agreement"]
)
def test_the_page_makes_a_fixed_number_of_queries(
    client, page, project, host, marta_participant, alice, marta
):
    first = add(project, host, marta_participant, alice, client, marta)
    args = {
        "portal:portal_home": [],
        "portal:portal_mobility": [first.pk],
        "portal:portal_agreement": [first.agreement_versions.get().pk],
    }[page]
    url = reverse(page, args=args)
    client.force_login(marta)
    client.get(url)
    one = count(client, url)
    for _ in range(4):
        add(project, host, marta_participant, alice, client, marta)
    assert count(client, url) == one <= 16
