"""Names and descriptions typed by one user are shown to others as text, never as HTML:
a representative's name on the countersign page, a guardian's name on a minor's signing
page, a criterion's description on the score form. And every HTML page carries a
Content-Security-Policy that refuses inline script, so that the next such mistake cannot
run."""

from datetime import date

import pytest
from django.urls import reverse

from reporting.models import GrantAgreementTerms
from tests import factories
from tests.portal.helpers import open_agreement, portal_user, sign_in_portal
from tests.selection import factories as sel

pytestmark = pytest.mark.django_db

SCRIPT = '<img src=x onerror="alert(document.cookie)">'


def assert_shown_as_text(page: str):
    assert SCRIPT not in page
    assert "&lt;img src=x onerror=" in page


def test_a_representatives_name_is_text_on_the_countersign_page(client, alice, mobility):
    GrantAgreementTerms.objects.create(
        project=mobility.project, representative_name=f"Anna {SCRIPT}"
    )
    agreement = open_agreement(mobility, alice)
    client.force_login(portal_user(mobility.participant))
    sign_in_portal(client, agreement, agreement.participant_name)
    client.force_login(alice)

    page = client.get(
        reverse("signing:agreement_countersign", args=[agreement.pk])
    ).content.decode()

    assert_shown_as_text(page)


def test_a_guardians_name_is_text_on_the_signing_page(client, alice, project, host):
    minor = factories.learner(
        project.organisation,
        date_of_birth=date(2011, 1, 1),
        guardian_name=f"Ģirts {SCRIPT}",
        guardian_email="girts@example.lv",
    )
    mobility = factories.mobility(project, participant=minor, host=host)
    agreement = open_agreement(mobility, alice)
    client.force_login(portal_user(minor))
    sign_in_portal(client, agreement, agreement.participant_name)
    client.force_login(portal_user(minor, role="guardian", username="girts"))

    page = client.get(reverse("portal:portal_agreement", args=[agreement.pk])).content.decode()

    assert_shown_as_text(page)


def test_a_criterions_description_is_text_on_the_score_form(client, alice, project):
    call = sel.call(project, status="published")
    call.criteria.update(description=SCRIPT)
    application = sel.application(call)
    client.force_login(alice)

    page = client.get(
        reverse("selection:selection_application_score", args=[application.pk])
    ).content.decode()

    assert_shown_as_text(page)


def test_html_pages_refuse_inline_script(client, alice):
    client.force_login(alice)

    response = client.get(reverse("projects:home"))

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in policy and "base-uri 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"]


def test_files_are_served_without_a_page_policy(client, alice, mobility):
    agreement = open_agreement(mobility, alice)
    client.force_login(alice)

    response = client.get(reverse("signing:agreement_pdf", args=[agreement.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert "Content-Security-Policy" not in response
