"""Portal personas on top of the suite's (alice coordinates school A, bob views it,
charlie coordinates school B): Marta, an adult learner of school A; Žanete, a minor of
school A with her guardian Ģirts; Oskars, a learner of school B; `signed`, Marta's
agreement signed by her and countersigned by Alise."""

from datetime import date

import pytest

from reporting.models import AgreementVersion
from tests import factories

from .helpers import countersign, open_agreement, portal_user, sign_in_portal


@pytest.fixture
def alice(alice):
    alice.first_name, alice.last_name = "Alise", "Kalēja"
    alice.save()
    return alice


@pytest.fixture
def project(project):
    """Alise is the organisation's representative named in the project's agreements."""
    factories.agreement_terms(project)
    return project


@pytest.fixture
def marta_participant(school):
    return factories.learner(
        school,
        first_name="Marta",
        last_name="Bērziņa",
        date_of_birth=date(2005, 5, 30),
        email="marta@example.lv",
        **factories.identity(date(2005, 5, 30), "female"),
    )


@pytest.fixture
def adult_mobility(project, host, marta_participant):
    return factories.mobility(project, participant=marta_participant, host=host)


@pytest.fixture
def marta(marta_participant):
    return portal_user(marta_participant, username="marta")


@pytest.fixture
def zanete_participant(school):
    return factories.learner(
        school,
        first_name="Žanete",
        last_name="Ķēniņa",
        date_of_birth=date(2010, 3, 4),
        email="zanete@example.lv",
        guardian_name="Ģirts Ķēniņš",
        guardian_email="girts@example.lv",
        **factories.identity(date(2010, 3, 4), "female"),
    )


@pytest.fixture
def minor_mobility(project, host, zanete_participant):
    return factories.mobility(project, participant=zanete_participant, host=host)


@pytest.fixture
def zanete(zanete_participant):
    return portal_user(zanete_participant, username="zanete")


@pytest.fixture
def girts(zanete_participant):
    return portal_user(zanete_participant, role="guardian", username="girts")


@pytest.fixture
def other_mobility(other_school):
    plan = factories.plan(other_school)
    factories.goal(plan, 1)
    project = factories.project(other_school, plan)
    factories.agreement_terms(project, name="Kārlis Ozols")
    learner = factories.learner(
        other_school,
        first_name="Oskars",
        last_name="Liepa",
        email="oskars@example.lv",
        **factories.identity(date(2005, 1, 1), "male"),
    )
    return factories.mobility(project, participant=learner)


@pytest.fixture
def oskars(other_mobility):
    return portal_user(other_mobility.participant, username="oskars")


@pytest.fixture
def signed(client, adult_mobility, alice, marta, django_capture_on_commit_callbacks):
    agreement = open_agreement(adult_mobility, alice)
    client.force_login(marta)
    sign_in_portal(client, agreement, "Marta Bērziņa")
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        countersign(client, agreement, "Alise Kalēja")
    agreement.refresh_from_db()
    assert agreement.status == AgreementVersion.Status.SIGNED
    return agreement
